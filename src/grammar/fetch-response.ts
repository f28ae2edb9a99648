import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { FetchItem } from '../model/fetch.js';
import { takeStreamed } from '../wire/streamed.js';
import { CLASS, ATOM, LBRACKET, LT, GT, SP, LPAREN, RPAREN, BACKSLASH, TILDE, DQUOTE, LBRACE } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { decodeAscii, Interner } from '../util/text.js';
import { readValue, writeValue } from './value.js';
import { readDateTime, writeDateTime } from './datetime.js';
import { readSection, writeSection } from './section.js';
import { readFlag, readFlagList, writeFlag, writeFlagList } from './flags.js';
import { readEnvelope, writeEnvelope, sep } from './envelope.js';
import { readBody, writeBody } from './bodystructure.js';

/** A FETCH item held by {@link readMsgAtt}, or none yet. */
type Held = FetchItem | undefined;

/**
 * `msg-att` (RFC 9051 §9, §7.5.2): "(" item *(SP item) ")" of a FETCH
 * response. Known items get their grammar; anything else is kept as
 * `unknown` with a generic value. Lenient mode also takes an empty list
 * `()` and extra spaces between items.
 *
 * @example
 * readMsgAtt(reader) // [{ type: 'UID', value: 7 }, { type: 'FLAGS', value: ['\\Seen'] }] for '(UID 7 FLAGS (\\Seen))'
 */
export function readMsgAtt(r: Reader): FetchItem[] {
  r.open();
  // Up to eight items are held in locals and become an array literal of
  // their number; a push onto [] would reserve 17 slots (and a copy off the
  // Reader's stack, or a scratch list, costs more time than it saves).
  // Longer lists go on an array.
  let i0: Held, i1: Held, i2: Held, i3: Held, i4: Held, i5: Held, i6: Held, i7: Held;
  let n = 0;
  let items: FetchItem[] | undefined;
  if (r.atClose()) {
    r.quirk('fetch-empty', 'msg-att');
  } else {
    for (;;) {
      if (r.peek() === LPAREN) {
        if (items === undefined) items = held(n, i0, i1, i2, i3, i4, i5, i6, i7);
        readWrapped(r, items);
      } else {
        const it = readItem(r);
        // null: an item dropped (a quirk).
        if (it !== null) {
          if (items !== undefined) items.push(it);
          else if (n < 8) {
            if (n === 0) i0 = it;
            else if (n === 1) i1 = it;
            else if (n === 2) i2 = it;
            else if (n === 3) i3 = it;
            else if (n === 4) i4 = it;
            else if (n === 5) i5 = it;
            else if (n === 6) i6 = it;
            else i7 = it;
            n++;
          } else {
            items = held(n, i0, i1, i2, i3, i4, i5, i6, i7);
            items.push(it);
          }
        }
      }
      if (r.atClose()) break;
      sep(r);
    }
  }
  r.close();
  return items ?? held(n, i0, i1, i2, i3, i4, i5, i6, i7);
}

/** The first `n` of the items held in locals, as an array of that size. */
function held(n: number, i0: Held, i1: Held, i2: Held, i3: Held, i4: Held, i5: Held, i6: Held, i7: Held): FetchItem[] {
  switch (n) {
    case 0:
      return [];
    case 1:
      return [i0] as FetchItem[];
    case 2:
      return [i0, i1] as FetchItem[];
    case 3:
      return [i0, i1, i2] as FetchItem[];
    case 4:
      return [i0, i1, i2, i3] as FetchItem[];
    case 5:
      return [i0, i1, i2, i3, i4] as FetchItem[];
    case 6:
      return [i0, i1, i2, i3, i4, i5] as FetchItem[];
    case 7:
      return [i0, i1, i2, i3, i4, i5, i6] as FetchItem[];
    default:
      return [i0, i1, i2, i3, i4, i5, i6, i7] as FetchItem[];
  }
}

/** Domino: `(ENVELOPE (...))`, items inside an extra pair of parentheses; read as if it were not there. */
function readWrapped(r: Reader, items: FetchItem[]): void {
  r.quirk('domino-fetch-parens', 'a FETCH item name', r.pos, 'msg-att');
  r.open();
  for (;;) {
    const it = readItem(r);
    if (it !== null) items.push(it);
    if (r.atClose()) break;
    sep(r);
  }
  r.close();
}

/** Yandex: `BODY[2] )`, message data with no value at all; read as NIL. */
function missingValue(r: Reader): boolean {
  const c = r.peek();
  if (c === RPAREN || ((c === SP || c === -1) && (r.peekAt(1) === RPAREN || r.peekAt(1) === -1))) {
    r.quirk('yandex-fetch-no-value', 'nstring', r.pos, 'msg-att-static');
    if (c === SP) r.pos++;
    return true;
  }
  return false;
}

/** The item names {@link readKnown} knows, matched without decoding (any case, as RFC 9051 allows). */
const ITEM_NAMES = new Interner(
  [
    'UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'ENVELOPE', 'BODYSTRUCTURE',
    'BODY', 'BINARY', 'BINARY.SIZE', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'PREVIEW', 'X-GM-MSGID', 'X-GM-THRID',
    'X-GM-LABELS',
  ],
  true,
);

/**
 * Scan the item name: atom chars up to "[" or "<" (which start a section /
 * origin). Gives the canonical upper-case name of a known item, or
 * undefined (the cursor is then past the name all the same).
 */
function readName(r: Reader): string | undefined {
  const b = r.bytes;
  const start = r.pos;
  const known = ITEM_NAMES.matchPrefix(b, start, r.end, NAME_ENDS);
  if (known !== undefined) {
    r.pos = start + known.length;
    return known;
  }
  let p = start;
  while (p < r.end) {
    const c = b[p];
    if (c === LBRACKET || c === LT || (CLASS[c] & ATOM) === 0) break;
    p++;
  }
  if (p === start) throw r.error('a FETCH item name');
  r.pos = p;
  // Not a known item (matchPrefix would have found it): the caller reads it generically.
  return undefined;
}

/** The bytes that end an item name (where {@link readName}'s scan stops): "[", "<", anything not an atom char. */
const NAME_ENDS = new Uint8Array(256);
for (let c = 0; c < 256; c++) NAME_ENDS[c] = c === LBRACKET || c === LT || (CLASS[c] & ATOM) === 0 ? 1 : 0;

function readItem(r: Reader): FetchItem | null {
  const start = r.pos;
  const name = readName(r);
  const it = name === undefined ? undefined : readKnown(r, name);
  if (it !== undefined) return it;
  if (name !== undefined) {
    // A known name without the shape its rule gives it: `BINARY "x"`, `BINARY.SIZE 5`.
    throw r.error(`section-binary after ${name}`, r.pos, 'syntax', 'msg-att-static');
  }
  const upper = decodeAscii(r.bytes, start, r.pos).toUpperCase();
  if (upper === 'BODY.PEEK' || upper === 'BINARY.PEEK') {
    throw r.error(`a msg-att (${upper} is a fetch-att of the FETCH command, not of a response)`, start, 'syntax', 'msg-att');
  }
  // Unknown item: the name (brackets and all) and one generic value.
  r.unknownName('unknown-fetch-item', upper, start, 'msg-att');
  r.pos = start;
  const n = readValue(r);
  const text = n.type === 'atom' ? n.value : n.type === 'number' ? n.value.toString() : undefined;
  if (text === undefined) throw r.error('a FETCH item name', start);
  sep(r);
  return { type: 'unknown', name: text, value: readValue(r) };
}

/** `"<" number ">"`, if present. */
function readOrigin(r: Reader): number | undefined {
  if (r.peek() !== LT) return undefined;
  r.pos++;
  const n = r.number();
  r.expect(GT, '">"');
  return n;
}

/** Message data: nstring as bytes (a view of the frame). */
function readData(r: Reader): Uint8Array | null {
  return r.nstring();
}

const EMPTY = new Uint8Array(0);

/**
 * At a literal a streaming decoder handed out in chunks: an empty value and
 * the handle (docs/responses.md, Literal streaming). Undefined elsewhere.
 */
function streamed<T extends FetchItem & { streamed?: unknown }>(r: Reader, it: T): T | undefined {
  const s = takeStreamed(r);
  if (s === undefined) return undefined;
  it.value = EMPTY;
  it.streamed = s;
  return it;
}

/** `objectid` (RFC 8474): 1*255(ALPHA / DIGIT / "_" / "-"). */
function readObjectId(r: Reader): string {
  const b = r.bytes;
  const start = r.pos;
  let p = start;
  while (p < r.end && isObjectIdChar(b[p])) p++;
  if (p === start || p - start > 255) throw r.error('objectid (1 to 255 of ALPHA, DIGIT, "_", "-")', start, 'syntax', 'objectid');
  if (p < r.end && b[p] !== RPAREN) throw r.error('objectid (1 to 255 of ALPHA, DIGIT, "_", "-")', p, 'syntax', 'objectid');
  r.pos = p;
  return decodeAscii(b, start, p);
}

function isObjectIdChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}

function paren<T>(r: Reader, read: (r: Reader) => T): T {
  r.open();
  const v = read(r);
  r.close();
  return v;
}

function readKnown(r: Reader, name: string): FetchItem | null | undefined {
  switch (name) {
    case 'UID': {
      r.sp();
      const at = r.pos;
      const v = r.number();
      if (v === 0) r.quirk('uid-zero', 'nz-number', at, 'uniqueid');
      else if (r.bytes[at] === 0x30) r.quirk('number-leading-zero', 'nz-number', at, 'uniqueid');
      return { type: 'UID', value: v };
    }
    case 'FLAGS':
      r.sp();
      return { type: 'FLAGS', value: readFlagList(r) };
    case 'INTERNALDATE':
      r.sp();
      return { type: 'INTERNALDATE', value: readDateTime(r) };
    case 'RFC822.SIZE':
      r.sp();
      return { type: 'RFC822.SIZE', value: r.safeNumber64() };
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      if (missingValue(r)) return { type: name, value: null };
      r.sp();
      return streamed(r, { type: name, value: null }) ?? { type: name, value: readData(r) };
    case 'ENVELOPE':
      r.sp();
      return { type: 'ENVELOPE', value: readEnvelope(r) };
    case 'BODYSTRUCTURE':
      r.sp();
      return { type: 'BODYSTRUCTURE', value: readBody(r) };
    case 'BODY': {
      if (r.peek() !== LBRACKET) {
        r.sp();
        const value = readBody(r);
        // BODY is "a form of BODYSTRUCTURE without extension data" (RFC 9051 §7.5.2).
        if (value.type === 'multipart' ? value.params !== undefined : value.md5 !== undefined) {
          r.quirk('body-extension-in-body', '")" (BODY carries no extension data)', r.pos, 'msg-att-static', 'RFC 9051 §7.5.2');
        }
        return { type: 'BODY', value };
      }
      const section = readSection(r);
      const origin = readOrigin(r);
      if (missingValue(r)) return origin === undefined ? { type: 'BODY[]', section, value: null } : { type: 'BODY[]', section, origin, value: null };
      r.sp();
      const s = streamed(r, origin === undefined ? { type: 'BODY[]', section, value: null } : { type: 'BODY[]', section, origin, value: null });
      if (s !== undefined) return s;
      const value = readData(r);
      return origin === undefined ? { type: 'BODY[]', section, value } : { type: 'BODY[]', section, origin, value };
    }
    case 'BINARY': {
      if (r.peek() !== LBRACKET) return undefined;
      const part = readSection(r, true).part;
      const origin = readOrigin(r);
      r.sp();
      const it: FetchItem = { type: 'BINARY[]', part, value: null };
      if (origin !== undefined) it.origin = origin;
      if (r.peek() === TILDE) {
        if (streamed(r, it) === undefined) it.value = r.literal8();
        it.literal8 = true;
      } else if (streamed(r, it) === undefined) it.value = readData(r);
      return it;
    }
    case 'BINARY.SIZE': {
      if (r.peek() !== LBRACKET) return undefined;
      const part = readSection(r, true).part;
      r.sp();
      const at = r.pos;
      const value = r.safeNumber64();
      if (value > 4294967295) r.quirk('binary-size-64', 'number (at most 4294967295)', at, 'number');
      return { type: 'BINARY.SIZE', part, value };
    }
    case 'MODSEQ': {
      r.sp();
      r.open();
      const at = r.pos;
      if (r.peek() === 0x2d && r.tolerates('zoho-modseq-negative')) {
        // Zoho: MODSEQ (-1). No mod-sequence has that value; the item is dropped.
        r.quirk('zoho-modseq-negative', 'mod-sequence-value', at, 'mod-sequence-value', 'RFC 7162 §7');
        r.pos++;
        r.number64();
        r.close();
        return null;
      }
      const value = r.number64();
      if (value === 0n) r.quirk('modseq-zero', 'mod-sequence-value (at least 1)', at, 'mod-sequence-value', 'RFC 7162 §7');
      r.close();
      return { type: 'MODSEQ', value };
    }
    case 'EMAILID':
      r.sp();
      return { type: 'EMAILID', value: paren(r, readObjectId) };
    case 'THREADID':
      r.sp();
      return { type: 'THREADID', value: r.peekNil() ? r.nil() : paren(r, readObjectId) };
    case 'SAVEDATE':
      r.sp();
      return { type: 'SAVEDATE', value: r.peekNil() ? r.nil() : readDateTime(r) };
    case 'PREVIEW':
      r.sp();
      return { type: 'PREVIEW', value: r.nstringText() };
    case 'X-GM-MSGID':
      r.sp();
      return { type: 'X-GM-MSGID', value: r.number64() };
    case 'X-GM-THRID':
      r.sp();
      return { type: 'X-GM-THRID', value: r.number64() };
    case 'X-GM-LABELS':
      r.sp();
      return { type: 'X-GM-LABELS', value: r.list(readLabel) };
    default:
      return undefined;
  }
}

/** A Gmail label: `\Inbox`-style flag or an astring. */
export function readLabel(r: Reader): string {
  return r.peek() === BACKSLASH ? readFlag(r) : r.astringText();
}

/** A Gmail label: a `\Inbox`-style flag when it is one, else a string (NIL quoted). */
export function writeLabel(w: Writer, s: string): void {
  if (s.length > 1 && s.charCodeAt(0) === BACKSLASH && isAtomText(s, 1)) writeFlag(w, s);
  else if (s.length > 0 && s.charCodeAt(0) === BACKSLASH) w.string(s);
  else if (s.toUpperCase() === 'NIL') w.string(s);
  else w.astring(s);
}

function isAtomText(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || (CLASS[c] & ATOM) === 0) return false;
  }
  return true;
}

function writeObjectId(w: Writer, id: string): void {
  if (id.length === 0 || id.length > 255) throw new ImapEncodeError('an objectid has 1 to 255 characters');
  for (let i = 0; i < id.length; i++) {
    if (!isObjectIdChar(id.charCodeAt(i))) throw new ImapEncodeError(`${JSON.stringify(id)} is not an objectid`);
  }
  w.byte(LPAREN).ascii(id).byte(RPAREN);
}

/** Message data is written as a literal (as servers do), NIL for null; a streamed literal's bytes are gone. */
function writeData(w: Writer, v: Uint8Array | null, literal8 = false, it?: { streamed?: { id: number; length: number } }): void {
  if (it?.streamed !== undefined) {
    throw new ImapEncodeError(`a streamed literal (id ${it.streamed.id}, ${it.streamed.length} bytes) cannot be serialized: its data went out in literal-chunk events`);
  }
  if (v === null) w.ascii('NIL');
  else w.literal(v, literal8);
}

function writeOrigin(w: Writer, origin: number | undefined): void {
  if (origin !== undefined) w.byte(LT).number(origin).byte(GT);
}

function writeItem(w: Writer, it: FetchItem): void {
  switch (it.type) {
    case 'UID':
      w.ascii('UID ').number(it.value);
      return;
    case 'FLAGS':
      w.ascii('FLAGS ');
      writeFlagList(w, it.value);
      return;
    case 'INTERNALDATE':
      w.ascii('INTERNALDATE ');
      writeDateTime(w, it.value);
      return;
    case 'RFC822.SIZE':
      w.ascii('RFC822.SIZE ').number64(it.value);
      return;
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      w.ascii(it.type).sp();
      writeData(w, it.value, false, it);
      return;
    case 'ENVELOPE':
      w.ascii('ENVELOPE ');
      writeEnvelope(w, it.value);
      return;
    case 'BODY':
    case 'BODYSTRUCTURE':
      w.ascii(it.type).sp();
      writeBody(w, it.value);
      return;
    case 'BODY[]':
      w.ascii('BODY');
      writeSection(w, it.section);
      writeOrigin(w, it.origin);
      w.sp();
      writeData(w, it.value, false, it);
      return;
    case 'BINARY[]':
      w.ascii('BINARY');
      writeSection(w, { part: it.part });
      writeOrigin(w, it.origin);
      w.sp();
      writeData(w, it.value, it.literal8 === true || (it.value !== null && it.value.includes(0)), it);
      return;
    case 'BINARY.SIZE':
      w.ascii('BINARY.SIZE');
      writeSection(w, { part: it.part });
      w.sp().number64(it.value);
      return;
    case 'MODSEQ':
      w.ascii('MODSEQ (').number64(it.value).byte(RPAREN);
      return;
    case 'EMAILID':
      w.ascii('EMAILID ');
      writeObjectId(w, it.value);
      return;
    case 'THREADID':
      w.ascii('THREADID ');
      if (it.value === null) w.ascii('NIL');
      else writeObjectId(w, it.value);
      return;
    case 'SAVEDATE':
      w.ascii('SAVEDATE ');
      if (it.value === null) w.ascii('NIL');
      else writeDateTime(w, it.value);
      return;
    case 'PREVIEW':
      w.ascii('PREVIEW ').nstring(it.value);
      return;
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      w.ascii(it.type).sp().number64(it.value);
      return;
    case 'X-GM-LABELS':
      w.ascii('X-GM-LABELS ').list(it.value, writeLabel);
      return;
    case 'unknown':
      writeUnknownName(w, it.name);
      w.sp();
      writeValue(w, it.value);
      return;
    default: {
      const never: never = it;
      throw new ImapEncodeError(`unknown FETCH item ${JSON.stringify(never)}`);
    }
  }
}

function writeUnknownName(w: Writer, name: string): void {
  if (name.length === 0) throw new ImapEncodeError('a FETCH item name cannot be empty');
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // Brackets may hold spaces and parentheses (HEADER.FIELDS (A B)); line ends and quotes never.
    if (c === 0x0d || c === 0x0a || c === 0 || c === DQUOTE || c === LBRACE || (c === SP && !name.includes('['))) {
      throw new ImapEncodeError(`${JSON.stringify(name)} is not a FETCH item name`);
    }
  }
  w.text(name);
}

/**
 * Write `msg-att`, parentheses included.
 *
 * @example
 * writeMsgAtt(w, [{ type: 'UID', value: 7 }]); // (UID 7)
 */
export function writeMsgAtt(w: Writer, items: readonly FetchItem[]): void {
  w.byte(LPAREN);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) w.sp();
    writeItem(w, items[i]);
  }
  w.byte(RPAREN);
}
