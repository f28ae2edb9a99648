import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { ImapValue } from '../model/value.js';
import type {
  BodyStructure, BodyMultipart, BodyParam, BodyDisposition, BodyLanguage, BodyExtension, SinglePartExtension,
} from '../model/body.js';
import { LPAREN, RPAREN, SP, DQUOTE, LBRACE, MINUS, DIGIT, CLASS } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { readValue, writeValue } from './value.js';
import { readEnvelope, writeEnvelope, sep } from './envelope.js';
import { upperAscii } from '../util/text.js';
import { BODY_WORDS, fastSinglePart } from './body-fast.js';
import { giveUp, QUOTE_ENDS } from './plain.js';

// ---- reading -----------------------------------------------------------------

/**
 * A number where the body grammar wants one (`body-fld-octets`,
 * `body-fld-lines`). Lenient mode takes NIL (→ null) and a negative
 * number such as `-1` (kept as sent); both are quirks.
 */
function readNum(r: Reader, what: string): number | null {
  const c = r.peek();
  if (c === MINUS && r.tolerates('body-number-negative') && (CLASS[r.peekAt(1) & 0xff] & DIGIT) !== 0) {
    r.quirk('body-number-negative', what);
    r.pos++;
    const n = readUnsigned(r, false);
    return n === 0 ? 0 : -n;
  }
  if (r.peekNil()) {
    r.quirk('body-number-nil', what);
    return r.nil();
  }
  return readUnsigned(r, what === 'body-fld-lines');
}

/**
 * `number`, or (`wide`: body-fld-lines is number64 in RFC 9051) number64
 * digits that still fit a safe JS integer. Octets beyond uint32 are a
 * lenient quirk.
 */
function readUnsigned(r: Reader, wide: boolean): number {
  const at = r.pos;
  const v = r.safeNumber64();
  if (!wide && v > 4294967295) r.quirk('body-number-64', 'number (at most 4294967295)', at);
  return v;
}

/**
 * `string` as text, where body structures have one: a quoted word of
 * {@link BODY_WORDS} is matched on the bytes in one pass and costs no
 * scan, hash or decode; anything else is `Reader.stringText`.
 */
function bodyString(r: Reader): string {
  const b = r.bytes;
  const p = r.pos;
  if (p < r.end && b[p] === DQUOTE) {
    const w = BODY_WORDS.matchPrefix(b, p + 1, r.end, QUOTE_ENDS);
    if (w !== undefined) {
      r.pos = p + w.length + 2;
      return w;
    }
  }
  return r.stringText();
}

/** `body-fld-param`: NIL or `("name" "value" ...)`. */
function readParams(r: Reader): BodyParam[] | null {
  if (r.peekNil()) return r.nil();
  r.open();
  if (r.atClose()) {
    r.quirk('body-param-empty', 'string');
    r.close();
    return [];
  }
  // Started as a one-element literal: most lists hold one pair (charset,
  // name, boundary), and a literal is allocated at its size where a push
  // would reserve 17 slots.
  const out: BodyParam[] = [readParam(r)];
  while (!r.atClose()) {
    sep(r);
    out.push(readParam(r));
  }
  r.close();
  return out;
}

/** One `string SP string` pair of body-fld-param; lenient mode takes NIL as the value. */
function readParam(r: Reader): BodyParam {
  const name = bodyString(r);
  sep(r);
  let value: string | null;
  if (r.peekNil()) {
    r.quirk('body-param-nil', 'string');
    value = r.nil();
  } else value = bodyString(r);
  return [name, value];
}

/** `body-fld-dsp`: NIL or `(string body-fld-param)`; lenient: a bare string, `(NIL NIL)`. */
function readDisposition(r: Reader): BodyDisposition | null {
  if (r.peekNil()) return r.nil();
  const c = r.peek();
  if (c === DQUOTE || c === LBRACE) {
    r.quirk('body-dsp-bare', 'body-fld-dsp');
    return { type: r.stringText(), params: null, bare: true };
  }
  r.open();
  let type: string | null;
  if (r.peekNil()) {
    r.quirk('body-dsp-nil', 'string');
    type = r.nil();
  } else type = bodyString(r);
  sep(r);
  const params = readParams(r);
  r.close();
  return { type, params };
}

/** `body-fld-lang`: nstring or a list of strings. */
function readLanguage(r: Reader): BodyLanguage {
  if (r.peek() !== LPAREN) return r.nstringText();
  return r.list((x) => x.stringText(), false);
}

/** `body-extension`: nstring / number / list of them (anything generic in lenient mode). */
function readExtension(r: Reader): ImapValue {
  const at = r.pos;
  const v = readValue(r);
  if (!isBodyExtension(v)) r.quirk('body-extension-generic', 'body-extension', at, 'body-extension');
  return v;
}

function isBodyExtension(v: ImapValue): boolean {
  switch (v.type) {
    case 'string':
    case 'nil':
    case 'number':
      return true;
    case 'list':
      return v.items.length > 0 && v.items.every(isBodyExtension);
    default:
      return false;
  }
}

/** The shared tail: `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`. */
function readExtTail(r: Reader, b: BodyExtension): void {
  if (r.atClose()) return;
  sep(r);
  b.disposition = readDisposition(r);
  if (r.atClose()) return;
  sep(r);
  b.language = readLanguage(r);
  if (r.atClose()) return;
  sep(r);
  b.location = r.nstringText();
  if (r.atClose()) return;
  const ext: ImapValue[] = [];
  while (!r.atClose()) {
    sep(r);
    ext.push(readExtension(r));
  }
  b.extensions = ext;
}

/**
 * `body` (RFC 9051 §9): `"(" (body-type-1part / body-type-mpart) ")"`.
 * Every level goes through `Reader.open()`, so nesting is bounded by
 * maxDepth. Lenient mode takes NIL in place of a multipart's children.
 *
 * @example
 * readBody(reader).type // 'multipart' for '(("TEXT" "PLAIN" ...) "MIXED")'
 */
export function readBody(r: Reader): BodyStructure {
  r.open();
  let body: BodyStructure;
  if (r.peek() === LPAREN) body = readMultipart(r);
  else if (r.peekNil() && !isNilType(r)) {
    r.quirk('body-mpart-nil', 'body');
    r.nil();
    body = emptyMultipart(readMultipartTail(r, []));
  } else body = readSinglePart(r);
  r.close();
  return body;
}

function readMultipart(r: Reader): BodyMultipart {
  // The first two parts are held and become an array literal of their
  // number (a push onto [] would reserve 17 slots); more go on an array.
  const p0 = readBody(r);
  if (!nextPart(r)) return readMultipartTail(r, [p0]);
  const p1 = readBody(r);
  if (!nextPart(r)) return readMultipartTail(r, [p0, p1]);
  const parts = [p0, p1];
  do parts.push(readBody(r));
  while (nextPart(r));
  return readMultipartTail(r, parts);
}

/** True when another part of the multipart follows (lenient mode: after a SP, a quirk). */
function nextPart(r: Reader): boolean {
  if (r.peek() === LPAREN) return true;
  if (r.peek() === SP && r.peekAt(1) === LPAREN && r.tolerates('body-mpart-space')) {
    r.quirk('body-mpart-space', 'body or SP media-subtype');
    r.pos++;
    return true;
  }
  return false;
}

function readMultipartTail(r: Reader, parts: BodyStructure[]): BodyMultipart {
  sep(r);
  const subtype = bodyString(r);
  const b: BodyMultipart = { type: 'multipart', parts, subtype };
  if (r.atClose()) return b;
  sep(r);
  b.params = readParams(r);
  readExtTail(r, b);
  return b;
}

/** `NIL NIL` opening a part: a media type and subtype both NIL (not a multipart's NIL children). */
function isNilType(r: Reader): boolean {
  const p = r.pos;
  const b = r.bytes;
  return p + 7 <= r.end && b[p + 3] === SP && (b[p + 4] | 0x20) === 0x6e && (b[p + 5] | 0x20) === 0x69 && (b[p + 6] | 0x20) === 0x6c;
}

/**
 * A multipart with no parts has no valid form (`1*body`): it becomes a
 * basic part of type MULTIPART with empty fields, which has one.
 */
function emptyMultipart(m: BodyMultipart): BodyStructure {
  const b: BodyStructure = { type: 'basic', mediaType: 'MULTIPART', subtype: m.subtype, params: m.params ?? null, id: null, description: null, encoding: '7BIT', size: 0 };
  if (m.disposition !== undefined) {
    b.md5 = null;
    b.disposition = m.disposition;
    if (m.language !== undefined) b.language = m.language;
    if (m.location !== undefined) b.location = m.location;
    if (m.extensions !== undefined) b.extensions = m.extensions;
  }
  return b;
}

function readSinglePart(r: Reader): BodyStructure {
  // The common form in one pass (src/grammar/body-fast.ts); anything else the general way.
  const at = r.pos;
  const warnings = r.warnings;
  const count = warnings?.length ?? 0;
  const fast = fastSinglePart(r, kindOf);
  if (fast !== undefined) return fast;
  giveUp(r, at, warnings, count);
  if (r.peekNil()) {
    // NIL NIL: no media type at all; RFC 2046 §4.5.1 makes an unknown type APPLICATION/OCTET-STREAM.
    r.quirk('body-type-nil', 'media-basic', at, 'media-basic');
    r.nil();
    sep(r);
    r.nil();
    return readSingleFields(r, 'APPLICATION', 'OCTET-STREAM');
  }
  const mediaType = bodyString(r);
  if (r.atClose() || (r.peek() === SP && r.peekAt(1) === LPAREN)) {
    // ("MIXED") or ("ALTERNATIVE" ("BOUNDARY" "x") NIL NIL): a multipart whose parts are missing.
    r.quirk('body-mpart-empty', 'body (a multipart needs 1*body)', at, 'body-type-mpart');
    const m: BodyMultipart = { type: 'multipart', parts: [], subtype: mediaType };
    if (!r.atClose()) {
      sep(r);
      m.params = readParams(r);
      readExtTail(r, m);
    }
    return emptyMultipart(m);
  }
  sep(r);
  return readSingleFields(r, mediaType, bodyString(r));
}

function readSingleFields(r: Reader, mediaType: string, subtype: string): BodyStructure {
  sep(r);
  const params = readParams(r);
  sep(r);
  const id = r.nstringText();
  sep(r);
  const description = r.nstringText();
  sep(r);
  let encoding: string | null;
  if (r.peekNil()) {
    r.quirk('body-enc-nil', 'body-fld-enc');
    encoding = r.nil();
  } else encoding = bodyString(r);
  sep(r);
  const size = readNum(r, 'body-fld-octets');
  // Object literals per kind, not a spread of one shared fields object: one
  // allocation per part, and every part of a kind gets the same shape.
  let b: BodyStructure;
  const kind = kindOf(mediaType, subtype);
  if (kind === 'text') {
    sep(r);
    b = { type: 'text', mediaType, subtype, params, id, description, encoding, size, lines: readNum(r, 'body-fld-lines') };
  } else if (kind === 'message' && !(r.peek() === SP && r.peekAt(1) === LPAREN) && r.tolerates('body-message-basic')) {
    // Some servers describe an attached message as a plain part.
    r.quirk('body-message-basic', 'envelope (a MESSAGE/RFC822 part is body-type-msg)', r.pos, 'body-type-basic');
    b = { type: 'basic', mediaType, subtype, params, id, description, encoding, size };
  } else if (kind === 'message') {
    if (r.peek() !== SP || r.peekAt(1) !== LPAREN) throw r.error('envelope', r.pos + (r.peek() === SP ? 1 : 0), 'syntax', 'body-type-msg');
    sep(r);
    const envelope = readEnvelope(r);
    sep(r);
    const body = readBody(r);
    sep(r);
    b = { type: 'message', mediaType, subtype, params, id, description, encoding, size, envelope, body, lines: readNum(r, 'body-fld-lines') };
  } else b = { type: 'basic', mediaType, subtype, params, id, description, encoding, size };
  if (r.atClose()) return b;
  sep(r);
  b.md5 = r.nstringText();
  readExtTail(r, b);
  return b;
}

/** Which `body-type-*` a media type takes (RFC 9051 §9 media-text / media-message). */
export function kindOf(mediaType: string, subtype: string): 'text' | 'message' | 'basic' {
  if (mediaType.length === 4 && isWord(mediaType, 'TEXT')) return 'text';
  if (mediaType.length === 7 && isWord(mediaType, 'MESSAGE') && (isWord(subtype, 'RFC822') || isWord(subtype, 'GLOBAL'))) return 'message';
  return 'basic';
}

/**
 * `upperAscii(s) === word` (`word` upper case), without making the upper-case
 * copy for an ASCII `s`: a lower-case "text" is the common spelling.
 */
function isWord(s: string, word: string): boolean {
  const n = s.length;
  if (n === word.length) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if ((c >= 0x61 && c <= 0x7a ? c - 0x20 : c) !== word.charCodeAt(i)) break;
    }
    if (i === n) return true;
  }
  // No ASCII match: only non-ASCII text (which toUpperCase may map onto ASCII letters) still can.
  return hasHigh(s) && upperAscii(s) === word;
}

function hasHigh(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

// ---- writing -----------------------------------------------------------------

function writeNum(w: Writer, n: number | null): void {
  if (n === null) {
    w.ascii('NIL');
    return;
  }
  if (!Number.isSafeInteger(n)) throw new ImapEncodeError(`${n} is not an integer`);
  w.ascii(String(n));
}

function writeParams(w: Writer, p: readonly BodyParam[] | null): void {
  if (p === null) {
    w.ascii('NIL');
    return;
  }
  w.byte(LPAREN);
  for (let i = 0; i < p.length; i++) {
    if (i > 0) w.sp();
    w.string(p[i][0]).sp().nstring(p[i][1]);
  }
  w.byte(RPAREN);
}

function writeDisposition(w: Writer, d: BodyDisposition | null): void {
  if (d === null) {
    w.ascii('NIL');
    return;
  }
  if (d.bare === true && d.type !== null && d.params === null) {
    w.string(d.type);
    return;
  }
  w.byte(LPAREN).nstring(d.type).sp();
  writeParams(w, d.params);
  w.byte(RPAREN);
}

function writeLanguage(w: Writer, l: BodyLanguage): void {
  if (Array.isArray(l)) {
    if (l.length === 0) throw new ImapEncodeError('body-fld-lang cannot be an empty list');
    w.list(l, (x, s) => x.string(s));
  } else w.nstring(l);
}

/** Write the extension tail, NIL-filling an absent field that precedes a present one. */
function writeExtTail(w: Writer, b: BodyExtension): void {
  const ext = b.extensions !== undefined && b.extensions.length > 0;
  const loc = ext || b.location !== undefined;
  const lang = loc || b.language !== undefined;
  const dsp = lang || b.disposition !== undefined;
  if (!dsp) return;
  w.sp();
  writeDisposition(w, b.disposition ?? null);
  if (!lang) return;
  w.sp();
  writeLanguage(w, b.language ?? null);
  if (!loc) return;
  w.sp().nstring(b.location ?? null);
  if (ext) for (const v of b.extensions as ImapValue[]) writeValue(w.sp(), v);
}

function hasExtTail(b: BodyExtension): boolean {
  return b.disposition !== undefined || b.language !== undefined || b.location !== undefined || (b.extensions !== undefined && b.extensions.length > 0);
}

/**
 * Write `body`.
 *
 * @example
 * writeBody(w, bodystructure);
 */
export function writeBody(w: Writer, b: BodyStructure): void {
  w.byte(LPAREN);
  if (b.type === 'multipart') {
    if (b.parts.length === 0) w.ascii('NIL');
    for (const p of b.parts) writeBody(w, p);
    w.sp().string(b.subtype);
    if (b.params !== undefined || hasExtTail(b)) {
      w.sp();
      writeParams(w, b.params ?? null);
      writeExtTail(w, b);
    }
  } else {
    w.string(b.mediaType).sp().string(b.subtype).sp();
    writeParams(w, b.params);
    w.sp().nstring(b.id).sp().nstring(b.description).sp().nstring(b.encoding).sp();
    writeNum(w, b.size);
    if (b.type === 'text') {
      w.sp();
      writeNum(w, b.lines);
    } else if (b.type === 'message') {
      w.sp();
      writeEnvelope(w, b.envelope);
      w.sp();
      writeBody(w, b.body);
      w.sp();
      writeNum(w, b.lines);
    }
    const e: SinglePartExtension = b;
    if (e.md5 !== undefined || hasExtTail(e)) {
      w.sp().nstring(e.md5 ?? null);
      writeExtTail(w, e);
    }
  }
  w.byte(RPAREN);
}
