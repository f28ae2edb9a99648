import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { ImapValue } from '../model/value.js';
import { CLASS, ASTRING, DIGIT, DQUOTE, LBRACE, LPAREN, TILDE, RBRACKET, LBRACKET } from '../wire/chars.js';
import { decodeText } from '../util/text.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * Read one generic value (see {@link ImapValue}): a list, string, literal8,
 * NIL, number or atom-like word. Words take ASTRING-CHAR plus `\`, `*`,
 * `%`, and bracketed sections such as `BODY[1.2]` whole. Nesting is
 * bounded by the reader's maxDepth.
 */
export function readValue(r: Reader): ImapValue {
  const c = r.peek();
  if (c === LPAREN) {
    return { type: 'list', items: r.list(readValue) };
  }
  if (c === DQUOTE || c === LBRACE) return { type: 'string', value: r.stringText() };
  if (c === TILDE && r.peekAt(1) === LBRACE) return { type: 'binary', value: r.literal8() };
  if (r.peekNil()) {
    r.nil();
    return { type: 'nil' };
  }
  const b = r.bytes;
  const start = r.pos;
  let p = start;
  let bracket = 0;
  let digits = true;
  let high = -1;
  while (p < r.end) {
    const x = b[p];
    if (x === LBRACKET) bracket++;
    else if (x === RBRACKET) {
      if (bracket === 0) break;
      bracket--;
    } else if (bracket > 0 && (x === 0x20 || x === 0x28 || x === 0x29 || x === DQUOTE)) {
      // Inside brackets: HEADER.FIELDS (A B) — keep reading to the "]".
      if (x === DQUOTE) break;
    } else if (x >= 0x80) {
      if (high < 0) {
        if (!r.tolerates('8bit-atom')) break;
        high = p;
      }
    } else if (!((CLASS[x] & ASTRING) !== 0 || x === 0x5c || x === 0x2a || x === 0x25)) break;
    if ((CLASS[x] & DIGIT) === 0) digits = false;
    p++;
  }
  if (p === start || bracket !== 0) throw r.error('a value', start);
  if (high >= 0) r.quirk('8bit-atom', 'ATOM-CHAR', high);
  r.pos = p;
  if (digits && p - start <= 19) {
    const v = BigInt(decodeText(b, start, p));
    if (v < 1n << 63n) return { type: 'number', value: v };
  }
  return { type: 'atom', value: decodeText(b, start, p) };
}

/** Write a generic value back; strings pick quoted or literal by themselves. */
export function writeValue(w: Writer, v: ImapValue): void {
  switch (v.type) {
    case 'atom':
      checkWord(v.value);
      w.text(v.value);
      return;
    case 'number':
      w.number64(v.value);
      return;
    case 'string':
      w.string(v.value);
      return;
    case 'binary':
      w.literal(v.value, true);
      return;
    case 'nil':
      w.ascii('NIL');
      return;
    case 'list':
      w.list(v.items, writeValue);
      return;
  }
}

/**
 * Refuse a word that {@link readValue} would not read back whole: only
 * ASTRING-CHAR, "\\", "*", "%", and inside balanced brackets also SP and
 * parentheses. So no generic value can end a line or announce a literal.
 */
export function checkWord(s: string): void {
  let bracket = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LBRACKET) bracket++;
    else if (c === RBRACKET && bracket > 0) bracket--;
    else if (c >= 0x80 || (((CLASS[c] & ASTRING) !== 0 || c === 0x5c || c === 0x2a || c === 0x25) && c !== RBRACKET)) continue;
    else if (bracket > 0 && (c === 0x20 || c === 0x28 || c === 0x29)) continue;
    else throw new ImapEncodeError(`${JSON.stringify(s)} cannot be written as an atom: ${JSON.stringify(s[i])} at ${i}`);
  }
  if (s.length === 0 || bracket !== 0) throw new ImapEncodeError(`${JSON.stringify(s)} cannot be written as an atom`);
}
