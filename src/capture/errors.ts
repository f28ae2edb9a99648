/**
 * The error a capture reader raises for input it cannot read at all: not a
 * capture, a record length that cannot be real, a block that breaks its
 * own framing. It is an {@link ImapParseError} (offset = byte offset in the
 * input file), so callers handle one error type.
 */
import { ImapParseError } from '../wire/errors.js';
import type { CaptureFormat } from './options.js';

/**
 * A capture that cannot be read: where (byte offset in the input), what the
 * format wanted there and what was found.
 *
 * @example
 * try { reader.push(bytes); } catch (e) {
 *   if (e instanceof CaptureError) console.error(e.message); // "pcap: at byte 24: expected ..."
 * }
 */
export class CaptureError extends ImapParseError {
  /** The format being read, when it was known. */
  readonly format: CaptureFormat | undefined;

  constructor(init: { offset: number; expected: string; found: string; format?: CaptureFormat; incomplete?: boolean }) {
    super({ offset: init.offset, expected: init.expected, found: init.found, code: init.incomplete ? 'incomplete' : 'syntax' });
    this.name = 'CaptureError';
    this.format = init.format;
    if (init.format !== undefined) this.message = `${init.format}: ${this.message}`;
  }
}
