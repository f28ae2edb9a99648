/**
 * RFC 2047 encoded words (`=?UTF-8?B?R3LDvMOfZQ==?=`) in header text:
 * ENVELOPE subjects and display names come from the server exactly as
 * the message header has them, so a client decodes them itself.
 */
import type { Address, Envelope } from '../model/envelope.js';
import { decodeBase64 } from './base64.js';
import { decodeCharset } from './charset.js';
import { concatBytes } from './bytes.js';

// RFC 2047 §2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?="
// (no spaces inside; encoded-text has no "?"). RFC 2231 §5 allows
// "charset*language".
const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** The bytes of one word's encoded-text, or null when it is not valid for its encoding. */
function wordBytes(encoding: string, text: string): Uint8Array | null {
  if (encoding === 'B' || encoding === 'b') {
    const ascii = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return null;
      ascii[i] = c;
    }
    return decodeBase64(ascii, 0, ascii.length, true);
  }
  // "Q" (RFC 2047 §4.2): "_" is a space, "=XX" a byte, other printable ASCII itself.
  const out = new Uint8Array(text.length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out[o++] = 0x20;
    else if (c === 0x3d) {
      const h = parseInt(text.slice(i + 1, i + 3), 16);
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3)) || Number.isNaN(h)) return null;
      out[o++] = h;
      i += 2;
    } else if (c > 0x20 && c < 0x7f) out[o++] = c;
    else return null;
  }
  return out.subarray(0, o);
}

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array;
}

/**
 * Decode the RFC 2047 encoded words in header text; everything else is
 * kept as it is. As §6.2 says, white space between two adjacent encoded
 * words is dropped; adjacent words in the same charset are decoded
 * together, so a character split across two words (as many mailers split
 * UTF-8) comes out whole. A word that is not valid (bad base64 or Q, a
 * charset the platform's `TextDecoder` does not know) is left as written.
 *
 * @example
 * decodeEncodedWords('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus =?ISO-8859-1?B?S/Zsbg==?=') // 'Grüße aus Köln'
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const bytes = wordBytes(m[2], m[3]);
    if (bytes === null) continue;
    const charset = m[1].split('*')[0];
    if (decodeCharset(new Uint8Array(0), charset) === null) continue;
    words.push({ start: m.index, end: m.index + m[0].length, charset: charset.toLowerCase(), bytes });
  }
  if (words.length === 0) return text;
  let out = '';
  let at = 0;
  let i = 0;
  while (i < words.length) {
    // A run of words separated only by white space, in one charset, decodes as one.
    const first = words[i];
    out += text.slice(at, first.start);
    const run = [first.bytes];
    let last = first;
    let j = i + 1;
    for (; j < words.length; j++) {
      const w = words[j];
      if (w.charset !== first.charset || !/^[ \t\r\n]*$/.test(text.slice(last.end, w.start))) break;
      run.push(w.bytes);
      last = w;
    }
    out += decodeCharset(concatBytes(run), first.charset) ?? '';
    at = last.end;
    // White space between this run and a following word in another charset is dropped too (§6.2).
    if (j < words.length && /^[ \t\r\n]*$/.test(text.slice(at, words[j].start))) at = words[j].start;
    i = j;
  }
  return out + text.slice(at);
}

/**
 * An ENVELOPE's subject with its encoded words decoded (null when the
 * envelope has none).
 *
 * @example
 * decodeSubject(envelope) // 'Grüße' for `"=?UTF-8?B?R3LDvMOfZQ==?="`
 */
export function decodeSubject(envelope: Pick<Envelope, 'subject'>): string | null {
  return envelope.subject === null ? null : decodeEncodedWords(envelope.subject);
}

/**
 * An address's display name (`addr-name`) with its encoded words decoded
 * (null when it has none).
 *
 * @example
 * decodeAddressName({ name: '=?ISO-8859-1?Q?B=F6rje?=', adl: null, mailbox: 'b', host: 'example.org' }) // 'Börje'
 */
export function decodeAddressName(address: Pick<Address, 'name'>): string | null {
  return address.name === null ? null : decodeEncodedWords(address.name);
}
