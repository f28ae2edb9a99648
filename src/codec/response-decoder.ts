import { Framer, type FramerLiteralEvent } from '../wire/framer.js';
import { ImapParseError } from '../wire/errors.js';
import type { ImapWarning } from '../wire/reader.js';
import type { Response } from '../model/response.js';
import { parseResponseFrame, limitsOf, type ResponseParseOptions } from './parse-response.js';

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
  private readonly framer: Framer;
  private options: ResponseDecoderOptions;

  constructor(options: ResponseDecoderOptions = {}) {
    this.options = options;
    this.framer = new Framer({
      side: 'client',
      ...limitsOf(options),
      strict: options.strict,
      allowQuirks: options.allowQuirks,
      streamLiteralsAbove: options.streamLiteralsAbove,
      maxStreamedLiteralSize: options.maxStreamedLiteralSize,
    });
  }

  /** Feed bytes; get the events they complete. */
  push(chunk: Uint8Array): ResponseDecoderEvent[] {
    return this.convert(this.framer.push(chunk));
  }

  /** The input is over: an unfinished frame becomes an `incomplete` error event. */
  end(): ResponseDecoderEvent[] {
    return this.convert(this.framer.end());
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
    if (grammar !== this.options.grammar) this.options = { ...this.options, grammar };
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
      const u = c.toUpperCase();
      if (u === 'IMAP4REV2') rev2 = true;
      else if (u === 'IMAP4REV1') rev1 = true;
    }
    // ENABLED lists only what was enabled; CAPABILITY switches only when rev1 is gone.
    if (rev2 && !rev1) this.setGrammar('imap4rev2');
  }

  private convert(events: ReturnType<Framer['push']>): ResponseDecoderEvent[] {
    const out: ResponseDecoderEvent[] = [];
    for (const e of events) {
      if (e.type === 'error') {
        out.push({ type: 'error', error: e.error });
      } else if (e.type === 'literal-start' || e.type === 'literal-chunk' || e.type === 'literal-end') {
        out.push(e);
      } else if (e.type === 'frame') {
        try {
          const { response, warnings } = parseResponseFrame(e.frame, this.options);
          if (response.type === 'ENABLED' || response.type === 'CAPABILITY') this.noteVersion(response.capabilities);
          if (warnings !== undefined) {
            const cb = this.options.onWarning;
            if (cb !== undefined) for (const w of warnings) cb(w);
            out.push({ type: 'response', response, warnings });
          } else {
            out.push({ type: 'response', response });
          }
        } catch (err) {
          out.push({ type: 'error', error: err as ImapParseError });
        }
      }
    }
    return out;
  }
}
