/**
 * Content-Transfer-Encoding (RFC 2045 §6) and charset decoding of fetched
 * parts. `BODY[1]` gives a part's bytes as they are in the message, still
 * in its transfer encoding; these turn them into content (and text).
 * (`BINARY[1]`, RFC 3516, has the server do the first step.)
 */
import type { BodyStructure } from '../model/body.js';
import { decodeBase64 } from './base64.js';
import { decodeCharset } from './charset.js';
import { getParam } from './params.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64 = new Uint8Array(256);
for (const c of ALPHABET) B64[c.charCodeAt(0)] = 1;

/**
 * Decode a base64 body (RFC 2045 §6.8): line breaks and any other
 * characters outside the alphabet are ignored, as §6.8 says, and decoding
 * stops at the first `=`. Bits that do not make a whole byte are dropped.
 *
 * @example
 * decodeBase64Body(new TextEncoder().encode('SGVs\r\nbG8=\r\n')) // bytes of 'Hello'
 */
export function decodeBase64Body(bytes: Uint8Array): Uint8Array {
  const clean = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x3d) break;
    if (B64[c] === 1) clean[n++] = c;
  }
  if (n % 4 === 1) n--; // six lone bits are not a byte
  // Bits past the last whole byte must be zero for decodeBase64 (canonical
  // form); a sloppy encoder may leave them set: clear them.
  const r = n % 4;
  if (r !== 0) {
    const last = ALPHABET.indexOf(String.fromCharCode(clean[n - 1]));
    clean[n - 1] = ALPHABET.charCodeAt(last & (r === 2 ? 0x30 : 0x3c));
  }
  return decodeBase64(clean, 0, n, true) ?? new Uint8Array(0);
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10; // lower case: RFC 2045 §6.7 (1) says a robust decoder accepts it
  return -1;
}

/**
 * Decode quoted-printable (RFC 2045 §6.7): `=XX` is a byte, `=` at the end
 * of a line is a soft line break, white space at the end of a line is
 * transport padding and dropped (rule 3). A `=` not followed by two hex
 * digits is kept as it is, as §6.7 note (2) suggests.
 *
 * @example
 * decodeQuotedPrintable(new TextEncoder().encode('Gr=C3=BC=\r\nße')) // bytes of 'Grüße'
 */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x09) {
      // Trailing white space before a line break (or the end) is padding.
      let j = i;
      while (j < n && (bytes[j] === 0x20 || bytes[j] === 0x09)) j++;
      if (j === n || bytes[j] === 0x0d || bytes[j] === 0x0a) {
        i = j;
        continue;
      }
      while (i < j) out[o++] = bytes[i++];
      continue;
    }
    if (c === 0x3d) {
      const h1 = i + 1 < n ? hex(bytes[i + 1]) : -1;
      const h2 = i + 2 < n ? hex(bytes[i + 2]) : -1;
      if (h1 >= 0 && h2 >= 0) {
        out[o++] = (h1 << 4) | h2;
        i += 3;
        continue;
      }
      // A soft line break: "=", maybe padding, then CRLF (or a bare LF).
      let j = i + 1;
      while (j < n && (bytes[j] === 0x20 || bytes[j] === 0x09)) j++;
      if (j === n) {
        i = j;
        continue;
      }
      if (bytes[j] === 0x0d && bytes[j + 1] === 0x0a) {
        i = j + 2;
        continue;
      }
      if (bytes[j] === 0x0a) {
        i = j + 1;
        continue;
      }
    }
    out[o++] = c;
    i++;
  }
  return out.subarray(0, o);
}

/**
 * Undo a Content-Transfer-Encoding: `base64`, `quoted-printable`, or the
 * identity encodings `7bit`, `8bit`, `binary` (and none); names are
 * case-insensitive. Null for any other encoding (such as `x-uuencode`).
 *
 * @example
 * decodeTransferEncoding(bytes, 'BASE64') // the part's content
 */
export function decodeTransferEncoding(bytes: Uint8Array, encoding: string | null): Uint8Array | null {
  const e = encoding === null ? '7bit' : encoding.trim().toLowerCase();
  if (e === 'base64') return decodeBase64Body(bytes);
  if (e === 'quoted-printable') return decodeQuotedPrintable(bytes);
  if (e === '7bit' || e === '8bit' || e === 'binary' || e === '') return bytes;
  return null;
}

/**
 * A fetched part's content: the bytes of `BODY[n]` with the transfer
 * encoding its BODYSTRUCTURE entry names undone. Null for an unknown
 * encoding.
 *
 * @example
 * const content = decodePart(fetched, findPart(bs, '2')!);
 */
export function decodePart(bytes: Uint8Array, body: BodyStructure): Uint8Array | null {
  return decodeTransferEncoding(bytes, body.type === 'multipart' ? null : body.encoding);
}

/**
 * A fetched text part as a string: the transfer encoding undone, then its
 * `charset` parameter (RFC 2231 forms included) applied through
 * `TextDecoder`. Null when the encoding or the charset is unknown here.
 *
 * @example
 * const text = decodeTextPart(fetched, findPartByType(bs, 'text/plain')!.body);
 */
export function decodeTextPart(bytes: Uint8Array, body: BodyStructure): string | null {
  const content = decodePart(bytes, body);
  if (content === null) return null;
  return decodeCharset(content, getParam(body.params ?? null, 'charset'));
}
