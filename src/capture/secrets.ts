/**
 * Where the secrets sit in a client frame, so every output can redact
 * them: the LOGIN password (RFC 9051 §6.2.3), the AUTHENTICATE initial
 * response (RFC 4959) and the SASL lines of an AUTHENTICATE exchange
 * (RFC 9051 §6.2.2). The user name is not a secret.
 *
 * Ranges are relative to the frame's first byte and cover the secret as
 * it was sent: an atom whole, a quoted string's content between the
 * quotes (escapes included), a literal's data (not its `{n}` header).
 */
import { Reader } from '../wire/reader.js';
import { CR, LF, SP, DQUOTE, LBRACE, TILDE } from '../wire/chars.js';
import type { SecretRange } from './types.js';

/**
 * The range of the password in a `LOGIN` frame, or undefined when the
 * frame does not read as one.
 *
 * @example
 * loginSecrets(utf8('a1 LOGIN fred "sesame"\r\n')); // [{ start: 15, length: 6 }]
 */
export function loginSecrets(frame: Uint8Array): SecretRange[] | undefined {
  try {
    const r = new Reader(frame);
    r.tag();
    r.sp();
    r.atom();
    r.sp();
    r.astring();
    r.sp();
    const start = r.pos;
    const first = frame[start];
    r.astring();
    const end = r.pos;
    if (first === DQUOTE) return nonEmpty(start + 1, end - 1);
    if (first === LBRACE || first === TILDE) {
      const dataStart = frame.indexOf(LF, start) + 1;
      return nonEmpty(dataStart, end);
    }
    return nonEmpty(start, end);
  } catch {
    return undefined;
  }
}

/**
 * The range of the initial response in `AUTHENTICATE mech ir` (RFC 4959
 * §3); none for `=` (an empty response) or when there is no initial response.
 *
 * @example
 * authenticateSecrets(utf8('a1 AUTHENTICATE PLAIN AGZyZWQAc2VzYW1l\r\n')); // [{ start: 22, length: 16 }]
 */
export function authenticateSecrets(frame: Uint8Array): SecretRange[] | undefined {
  try {
    const r = new Reader(frame);
    r.tag();
    r.sp();
    r.atom();
    r.sp();
    r.atom();
    if (frame[r.pos] !== SP) return undefined;
    const start = r.pos + 1;
    let end = start;
    while (end < frame.length && frame[end] !== CR && frame[end] !== LF && frame[end] !== SP) end++;
    if (end === start + 1 && frame[start] === 0x3d) return undefined;
    return nonEmpty(start, end);
  } catch {
    return undefined;
  }
}

/**
 * A SASL line's secret: the whole line but its line end, unless it is
 * empty (an empty response).
 *
 * @example
 * lineSecrets(utf8('AGZyZWQAc2VzYW1l\r\n'), 16); // [{ start: 0, length: 16 }]
 */
export function lineSecrets(start: number, contentEnd: number): SecretRange[] | undefined {
  return nonEmpty(start, contentEnd);
}

function nonEmpty(start: number, end: number): SecretRange[] | undefined {
  return end > start ? [{ start, length: end - start }] : undefined;
}

/** The end of a line's content: before its CRLF (or lone LF). */
export function contentEnd(b: Uint8Array): number {
  let e = b.length;
  if (e > 0 && b[e - 1] === LF) e--;
  if (e > 0 && b[e - 1] === CR) e--;
  return e;
}
