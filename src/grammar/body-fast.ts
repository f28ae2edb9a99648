import type { Reader } from '../wire/reader.js';
import type { BodyStructure, BodyParam, BodyDisposition } from '../model/body.js';
import { LPAREN, RPAREN } from '../wire/chars.js';
import { Interner } from '../util/text.js';
import { q, setQ, stringAt, nstringAt, isNil, digits, sp } from './plain.js';

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

/** `body-fld-param` in its plain form: NIL or pairs of plain quoted strings; undefined otherwise. */
function params(r: Reader, b: Uint8Array, p: number, end: number): BodyParam[] | null | undefined {
  if (isNil(b, p, end)) {
    setQ(p + 3);
    return null;
  }
  if (p >= end || b[p] !== LPAREN) return undefined;
  const name = stringAt(r, b, p + 1, end, BODY_WORDS);
  if (name === undefined || !sp(b, q, end)) return undefined;
  const value = stringAt(r, b, q + 1, end, BODY_WORDS);
  if (value === undefined) return undefined;
  // Most lists hold one pair (charset, name, boundary), some two (charset
  // and format): literals of that size (a push onto a literal of one would
  // grow it to 17 slots).
  const first: BodyParam = [name, value];
  if (b[q] === RPAREN) {
    setQ(q + 1);
    return [first];
  }
  const second = param(r, b, q, end);
  if (second === undefined) return undefined;
  const out: BodyParam[] = [first, second];
  while (b[q] !== RPAREN) {
    const more = param(r, b, q, end);
    if (more === undefined) return undefined;
    out.push(more);
  }
  setQ(q + 1);
  return out;
}

/** SP and one more `string SP string` pair at `p`; else undefined. */
function param(r: Reader, b: Uint8Array, p: number, end: number): BodyParam | undefined {
  if (!sp(b, p, end)) return undefined;
  const n = stringAt(r, b, p + 1, end, BODY_WORDS);
  if (n === undefined || !sp(b, q, end)) return undefined;
  const v = stringAt(r, b, q + 1, end, BODY_WORDS);
  if (v === undefined) return undefined;
  return [n, v];
}

/** `body-fld-dsp` in its plain form: NIL or `(string body-fld-param)` of plain strings. */
function disposition(r: Reader, b: Uint8Array, p: number, end: number): BodyDisposition | null | undefined {
  if (isNil(b, p, end)) {
    setQ(p + 3);
    return null;
  }
  if (p >= end || b[p] !== LPAREN) return undefined;
  const type = stringAt(r, b, p + 1, end, BODY_WORDS);
  if (type === undefined || !sp(b, q, end)) return undefined;
  const ps = params(r, b, q + 1, end);
  if (ps === undefined || b[q] !== RPAREN) return undefined;
  setQ(q + 1);
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
  const mediaType = stringAt(r, b, r.pos, end, BODY_WORDS);
  if (mediaType === undefined || !sp(b, q, end)) return undefined;
  const subtype = stringAt(r, b, q + 1, end, BODY_WORDS);
  if (subtype === undefined || !sp(b, q, end)) return undefined;
  const kind = kindOf(mediaType, subtype);
  if (kind === 'message') return undefined;
  const ps = params(r, b, q + 1, end);
  if (ps === undefined || !sp(b, q, end)) return undefined;
  const id = nstringAt(r, b, q + 1, end);
  if (id === undefined || !sp(b, q, end)) return undefined;
  const description = nstringAt(r, b, q + 1, end);
  if (description === undefined || !sp(b, q, end)) return undefined;
  const encoding = stringAt(r, b, q + 1, end, BODY_WORDS);
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
    const md5 = nstringAt(r, b, q + 1, end);
    if (md5 === undefined) return undefined;
    part.md5 = md5;
    if (b[q] !== RPAREN) {
      if (!sp(b, q, end)) return undefined;
      const dsp = disposition(r, b, q + 1, end);
      if (dsp === undefined) return undefined;
      part.disposition = dsp;
      if (b[q] !== RPAREN) {
        if (!sp(b, q, end)) return undefined;
        const language = nstringAt(r, b, q + 1, end);
        if (language === undefined) return undefined;
        part.language = language;
        if (b[q] !== RPAREN) {
          if (!sp(b, q, end)) return undefined;
          const location = nstringAt(r, b, q + 1, end);
          if (location === undefined || b[q] !== RPAREN) return undefined;
          part.location = location;
        }
      }
    }
  }
  r.pos = q;
  return part;
}
