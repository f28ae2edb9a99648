import type { Reader } from '../wire/reader.js';
import type { BodyStructure, BodyParam, BodyDisposition } from '../model/body.js';
import { CLASS, QUOTED, ATOM, DQUOTE, SP, LPAREN, RPAREN } from '../wire/chars.js';
import { Interner, HASH_SEED, hashStep, decodeAsciiHashed } from '../util/text.js';

/**
 * The words body structures are made of (media types and subtypes,
 * encodings, parameter and disposition names, charsets), in the spellings
 * servers send (upper case as Dovecot and Cyrus, lower case as Gmail and
 * Exchange). Case-sensitive: a value keeps the case it was sent in.
 */
export const BODY_WORDS = new Interner(
  [
    'TEXT', 'PLAIN', 'HTML', 'CHARSET', 'utf-8', 'UTF-8', 'us-ascii', 'US-ASCII', '7BIT', 'QUOTED-PRINTABLE', 'BASE64', '8BIT',
    'MULTIPART', 'ALTERNATIVE', 'MIXED', 'RELATED', 'BOUNDARY', 'NAME', 'FILENAME', 'ATTACHMENT', 'INLINE', 'APPLICATION',
    'IMAGE', 'MESSAGE', 'RFC822', 'PDF', 'JPEG', 'PNG', 'OCTET-STREAM', 'iso-8859-1', 'ISO-8859-1', 'windows-1252',
    'text', 'plain', 'html', 'charset', '7bit', 'quoted-printable', 'base64', '8bit', 'multipart', 'alternative', 'mixed',
    'related', 'boundary', 'name', 'filename', 'attachment', 'inline', 'application', 'image', 'message', 'rfc822', 'pdf',
    'jpeg', 'png', 'octet-stream', 'format', 'flowed', 'delsp', 'yes', 'no', 'FORMAT', 'FLOWED',
  ],
  false,
);

/** A closing DQUOTE ends a word of {@link BODY_WORDS} inside a quoted string. */
export const QUOTE_ENDS = new Uint8Array(256);
QUOTE_ENDS[DQUOTE] = 1;

// The fast path's cursor: where the last piece read by the helpers below
// ended, or -1 when the bytes there were not of the plain form they read.
let q = 0;

/**
 * A quoted string of plain ASCII (QUOTED-CHARs, no escape) at `p`; else
 * undefined. A word of {@link BODY_WORDS} costs no scan, hash or decode.
 */
function quoted(b: Uint8Array, p: number, end: number): string | undefined {
  if (p >= end || b[p] !== DQUOTE) return undefined;
  const w = BODY_WORDS.matchPrefix(b, p + 1, end, QUOTE_ENDS);
  if (w !== undefined) {
    q = p + w.length + 2;
    return w;
  }
  // As Reader.quotedText: the scan hashes the bytes for the string cache.
  const s = p + 1;
  let k = s;
  let h = HASH_SEED;
  while (k + 4 <= end) {
    const c0 = b[k], c1 = b[k + 1], c2 = b[k + 2], c3 = b[k + 3];
    if ((CLASS[c0] & CLASS[c1] & CLASS[c2] & CLASS[c3] & QUOTED) === 0) break;
    h = hashStep(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
    k += 4;
  }
  while (k < end && (CLASS[b[k]] & QUOTED) !== 0) h = hashStep(h, b[k++]);
  if (k >= end || b[k] !== DQUOTE) return undefined;
  q = k + 1;
  return decodeAsciiHashed(b, s, k, h);
}

/** True when `NIL` (any case) is at `p`, not followed by an atom char. */
function isNil(b: Uint8Array, p: number, end: number): boolean {
  return p + 3 < end && (b[p] | 0x20) === 0x6e && (b[p + 1] | 0x20) === 0x69 && (b[p + 2] | 0x20) === 0x6c && (CLASS[b[p + 3]] & ATOM) === 0;
}

/** `nstring` in its plain forms (NIL, a plain quoted string): the value, null, or undefined when neither. */
function nstring(b: Uint8Array, p: number, end: number): string | null | undefined {
  if (isNil(b, p, end)) {
    q = p + 3;
    return null;
  }
  return quoted(b, p, end);
}

/** Up to 9 digits at `p` (what `Reader.safeNumber64` reads in one pass); -1 when not there. */
function digits(b: Uint8Array, p: number, end: number): number {
  let v = 0;
  let k = p;
  while (k < end) {
    const c = b[k];
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    k++;
  }
  if (k === p || k - p > 9) return -1;
  q = k;
  return v;
}

/** One SP at `p`, not followed by another (extra spaces are a quirk the general path records). */
function sp(b: Uint8Array, p: number, end: number): boolean {
  return p + 1 < end && b[p] === SP && b[p + 1] !== SP;
}

/** `body-fld-param` in its plain form: NIL or pairs of plain quoted strings; undefined otherwise. */
function params(b: Uint8Array, p: number, end: number): BodyParam[] | null | undefined {
  if (isNil(b, p, end)) {
    q = p + 3;
    return null;
  }
  if (p >= end || b[p] !== LPAREN) return undefined;
  const name = quoted(b, p + 1, end);
  if (name === undefined || !sp(b, q, end)) return undefined;
  const value = quoted(b, q + 1, end);
  if (value === undefined) return undefined;
  // Most lists hold one pair (charset, name, boundary): a literal of that size.
  const out: BodyParam[] = [[name, value]];
  for (;;) {
    const c = b[q];
    if (c === RPAREN) break;
    if (!sp(b, q, end)) return undefined;
    const n = quoted(b, q + 1, end);
    if (n === undefined || !sp(b, q, end)) return undefined;
    const v = quoted(b, q + 1, end);
    if (v === undefined) return undefined;
    out.push([n, v]);
  }
  q++;
  return out;
}

/** `body-fld-dsp` in its plain form: NIL or `(string body-fld-param)` of plain strings. */
function disposition(b: Uint8Array, p: number, end: number): BodyDisposition | null | undefined {
  if (isNil(b, p, end)) {
    q = p + 3;
    return null;
  }
  if (p >= end || b[p] !== LPAREN) return undefined;
  const type = quoted(b, p + 1, end);
  if (type === undefined || !sp(b, q, end)) return undefined;
  const ps = params(b, q + 1, end);
  if (ps === undefined || b[q] !== RPAREN) return undefined;
  q++;
  return { type, params: ps };
}

/**
 * `body-type-text` / `body-type-basic` with the cursor just past the
 * part's "(", in the form servers send nearly always: plain quoted
 * strings, NIL, numbers up to 9 digits, single spaces, and an extension
 * tail of at most md5, disposition, language (NIL or one string) and
 * location. Gives the part (the cursor left on its ")") or undefined, the
 * cursor unmoved, for anything else, a message part included: the
 * general path then reads it, records its quirks or reports its error.
 * The values and their key order are those the general path gives.
 */
export function fastSinglePart(r: Reader, kindOf: (mediaType: string, subtype: string) => 'text' | 'message' | 'basic'): BodyStructure | undefined {
  // The parameter and disposition lists nest two levels below the part.
  if (r.depth + 2 > r.maxDepth) return undefined;
  const b = r.bytes;
  const end = r.end;
  const mediaType = quoted(b, r.pos, end);
  if (mediaType === undefined || !sp(b, q, end)) return undefined;
  const subtype = quoted(b, q + 1, end);
  if (subtype === undefined || !sp(b, q, end)) return undefined;
  const kind = kindOf(mediaType, subtype);
  if (kind === 'message') return undefined;
  const ps = params(b, q + 1, end);
  if (ps === undefined || !sp(b, q, end)) return undefined;
  const id = nstring(b, q + 1, end);
  if (id === undefined || !sp(b, q, end)) return undefined;
  const description = nstring(b, q + 1, end);
  if (description === undefined || !sp(b, q, end)) return undefined;
  const encoding = quoted(b, q + 1, end);
  if (encoding === undefined || !sp(b, q, end)) return undefined;
  const size = digits(b, q + 1, end);
  if (size < 0) return undefined;
  let part: BodyStructure;
  if (kind === 'text') {
    if (!sp(b, q, end)) return undefined;
    const lines = digits(b, q + 1, end);
    if (lines < 0) return undefined;
    part = { type: 'text', mediaType, subtype, params: ps, id, description, encoding, size, lines };
  } else part = { type: 'basic', mediaType, subtype, params: ps, id, description, encoding, size };
  if (b[q] !== RPAREN) {
    if (!sp(b, q, end)) return undefined;
    const md5 = nstring(b, q + 1, end);
    if (md5 === undefined) return undefined;
    part.md5 = md5;
    if (b[q] !== RPAREN) {
      if (!sp(b, q, end)) return undefined;
      const dsp = disposition(b, q + 1, end);
      if (dsp === undefined) return undefined;
      part.disposition = dsp;
      if (b[q] !== RPAREN) {
        if (!sp(b, q, end)) return undefined;
        const language = nstring(b, q + 1, end);
        if (language === undefined) return undefined;
        part.language = language;
        if (b[q] !== RPAREN) {
          if (!sp(b, q, end)) return undefined;
          const location = nstring(b, q + 1, end);
          if (location === undefined || b[q] !== RPAREN) return undefined;
          part.location = location;
        }
      }
    }
  }
  r.pos = q;
  return part;
}
