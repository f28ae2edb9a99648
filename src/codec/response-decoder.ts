import { chunkBytes } from './chunk.js';
import { Framer, type FramerLiteralEvent, type LiteralSpan } from '../wire/framer.js';
import { ImapParseError } from '../wire/errors.js';
import type { Reader, ImapWarning } from '../wire/reader.js';
import type { Response } from '../model/response.js';
import { imap4Revision } from '../grammar/capability.js';
import { openTextWindow, closeTextWindow } from '../wire/text-line.js';
import { parseResponseFrame, readResponseAt, readerFor, limitsOf, type ResponseParseOptions } from './parse-response.js';

/**
 * What {@link ResponseDecoder.push} returns, in wire order: a response
 * (with the tolerances lenient mode applied to it, if any) or an error for
 * one refused frame; decoding goes on at the next frame.
 *
 * @example
 * for (const ev of decoder.push(chunk)) {
 *   if (ev.type === 'response') handle(ev.response);
 *   else log(ev.error.message);
 * }
 */
export type ResponseDecoderEvent =
  | { type: 'response'; response: Response; warnings?: ImapWarning[] }
  | { type: 'error'; error: ImapParseError }
  | FramerLiteralEvent;

/**
 * ResponseDecoder options: those of `parseResponse`, and literal streaming.
 *
 * @example
 * new ResponseDecoder({ streamLiteralsAbove: 1 << 20 }); // literals over 1 MiB come as chunks
 */
export interface ResponseDecoderOptions extends ResponseParseOptions {
  /**
   * Literals announcing more than this many bytes are not buffered: their
   * data comes in `literal-start` / `literal-chunk` / `literal-end` events
   * (in wire order, before the `response` event of their frame) and the
   * FETCH item (`BODY[]`, `BINARY[]`, `RFC822*`) gets an empty `value` and
   * `streamed: { type: 'streamed', id, length }`. A streamed literal
   * anywhere else makes its response an error event. Default: off.
   */
  streamLiteralsAbove?: number;
  /** Largest streamed literal; a larger one is an error event and is skipped. Default: no limit. */
  maxStreamedLiteralSize?: number;
}

/**
 * The streaming face for clients: bytes from the server in, responses out.
 * Chunks may split anywhere; values equal what `parseResponse` gives for
 * each frame. Cost is linear in the input (see `Framer`).
 *
 * @example
 * const d = new ResponseDecoder();
 * d.push(new TextEncoder().encode('* 3 EXI'));      // []
 * d.push(new TextEncoder().encode('STS\r\nA1 OK done\r\n'));
 * // [{ type: 'response', response: { type: 'EXISTS', count: 3 } }, { type: 'response', response: { type: 'tagged', ... } }]
 */
export class ResponseDecoder {
  private readonly framer: Framer<ResponseDecoderEvent>;
  private options: ResponseDecoderOptions;
  /** One Reader for every frame (see `Reader.reset`): nothing of it outlives a frame. */
  private readonly reader: Reader;

  constructor(options: ResponseDecoderOptions = {}) {
    this.options = options;
    this.framer = new Framer<ResponseDecoderEvent>({
      side: 'client',
      ...limitsOf(options),
      strict: options.strict,
      allowQuirks: options.allowQuirks,
      streamLiteralsAbove: options.streamLiteralsAbove,
      maxStreamedLiteralSize: options.maxStreamedLiteralSize,
    });
    this.reader = readerFor(options);
    // Frames are read where they lie, each becoming its event in the
    // framer's own list (wire order kept): no Frame, view or list per frame.
    this.framer.setSink({ frame: (bytes, start, end, offset, literals) => this.frame(bytes, start, end, offset, literals) });
  }

  /**
   * Feed bytes; get the events they complete. A string is taken as its
   * UTF-8 bytes (as `parseResponse` takes one); anything else is a `TypeError`.
   */
  push(chunk: Uint8Array | string): ResponseDecoderEvent[] {
    // A client-side framer with a sink emits no `frame` or `literal` events.
    const bytes = chunkBytes(chunk);
    // Texts are cut out of windows of the chunk while it is read (see wire/text-line.ts).
    openTextWindow();
    try {
      return this.framer.push(bytes) as ResponseDecoderEvent[];
    } finally {
      closeTextWindow();
    }
  }

  /** The input is over: an unfinished frame becomes an `incomplete` error event. */
  end(): ResponseDecoderEvent[] {
    return this.framer.end() as ResponseDecoderEvent[];
  }

  /** The grammar responses are held to now (see `ResponseParseOptions.grammar`); undefined accepts either. */
  get grammar(): 'imap4rev1' | 'imap4rev2' | undefined {
    return this.options.grammar;
  }

  /**
   * Hold the following responses to `grammar`. The decoder does this by
   * itself on `* ENABLED IMAP4rev2` (RFC 9051 §6.3.1) and on a CAPABILITY
   * that lists IMAP4rev2 but not IMAP4rev1 (a rev2-only server); call it
   * when the session learns the version some other way.
   *
   * @example
   * decoder.setGrammar('imap4rev2');
   */
  setGrammar(grammar: 'imap4rev1' | 'imap4rev2' | undefined): void {
    if (grammar !== this.options.grammar) {
      this.options = { ...this.options, grammar };
      this.reader.grammar = grammar;
    }
  }

  /** Bytes held for the unfinished frame. */
  get bufferedBytes(): number {
    return this.framer.bufferedBytes;
  }

  private noteVersion(caps: readonly string[]): void {
    if (this.options.grammar === 'imap4rev2') return;
    let rev1 = false;
    let rev2 = false;
    for (const c of caps) {
      const v = imap4Revision(c);
      if (v === 2) rev2 = true;
      else if (v === 1) rev1 = true;
    }
    // ENABLED lists only what was enabled; CAPABILITY switches only when rev1 is gone.
    if (rev2 && !rev1) this.setGrammar('imap4rev2');
  }

  /** One frame, `bytes[start, end)`, to its event. */
  private frame(bytes: Uint8Array, start: number, end: number, offset: number, literals: LiteralSpan[]): ResponseDecoderEvent {
    try {
      let response: Response;
      let warnings: ImapWarning[] | undefined;
      if (literals.length > 0 && hasStreamed(literals)) {
        // Streamed literals are looked up by frame offset: read the frame as its own view.
        ({ response, warnings } = parseResponseFrame({ bytes: bytes.subarray(start, end), offset, literals }, this.options));
      } else {
        const r = this.reader;
        r.reset(bytes, start, end, offset);
        response = readResponseAt(r);
        warnings = r.warnings;
      }
      if (response.type === 'ENABLED' || response.type === 'CAPABILITY') this.noteVersion(response.capabilities);
      if (warnings === undefined) return { type: 'response', response };
      const cb = this.options.onWarning;
      if (cb !== undefined) for (const w of warnings) cb(w);
      return { type: 'response', response, warnings };
    } catch (err) {
      return { type: 'error', error: err as ImapParseError };
    }
  }
}


function hasStreamed(literals: readonly LiteralSpan[]): boolean {
  for (const l of literals) if (l.streamed !== undefined) return true;
  return false;
}
