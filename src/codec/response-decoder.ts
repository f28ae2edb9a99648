import { Framer } from '../wire/framer.js';
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
  | { type: 'error'; error: ImapParseError };

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
  private readonly options: ResponseParseOptions;

  constructor(options: ResponseParseOptions = {}) {
    this.options = options;
    this.framer = new Framer({ side: 'client', ...limitsOf(options), strict: options.strict });
  }

  /** Feed bytes; get the events they complete. */
  push(chunk: Uint8Array): ResponseDecoderEvent[] {
    return this.convert(this.framer.push(chunk));
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
