import { chunkBytes } from './chunk.js';
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
  private readonly options: ResponseDecoderOptions;

  constructor(options: ResponseDecoderOptions = {}) {
    this.options = options;
    this.framer = new Framer({
      side: 'client',
      ...limitsOf(options),
      strict: options.strict,
      streamLiteralsAbove: options.streamLiteralsAbove,
      maxStreamedLiteralSize: options.maxStreamedLiteralSize,
    });
  }

  /**
   * Feed bytes; get the events they complete. A string is taken as its
   * UTF-8 bytes (as `parseResponse` takes one); anything else is a `TypeError`.
   */
  push(chunk: Uint8Array | string): ResponseDecoderEvent[] {
    return this.convert(this.framer.push(chunkBytes(chunk)));
  }

  /** The input is over: an unfinished frame becomes an `incomplete` error event. */
  end(): ResponseDecoderEvent[] {
    return this.convert(this.framer.end());
  }

  /** Bytes held for the unfinished frame. */
  get bufferedBytes(): number {
    return this.framer.bufferedBytes;
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
