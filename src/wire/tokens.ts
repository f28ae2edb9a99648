import { CLASS, ASTRING, DIGIT, SP, CR, LF, DQUOTE, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, TILDE, PLUS } from './chars.js';
import { Reader } from './reader.js';
import { decodeText } from '../util/text.js';

/**
 * A token of IMAP's generic syntax (RFC 9051 §4), for printing and
 * debugging frames without knowing their grammar.
 *
 * @example
 * tokenize(bytes('* 1 FETCH (UID 7)\r\n'))
 * // [atom '*', sp, number '1', sp, atom 'FETCH', sp, '(', atom 'UID', sp, number '7', ')', crlf]
 */
export type Token =
  | { type: 'atom'; value: string; offset: number }
  | { type: 'number'; value: string; offset: number }
  | { type: 'nil'; offset: number }
  | { type: 'quoted'; value: string; offset: number }
  | { type: 'literal'; value: Uint8Array; binary: boolean; offset: number }
  | { type: 'text'; value: string; offset: number }
  | { type: '(' | ')' | '[' | ']' | 'sp' | 'crlf'; offset: number };

const STATUS = /^(OK|NO|BAD|BYE|PREAUTH)$/i;

/**
 * Split one frame into generic tokens. Status responses (`* OK ...`,
 * `tag NO ...`) and continuation requests end in a `text` token, as their
 * resp-text is free text. Throws {@link ImapParseError} on bytes that fit
 * no token.
 *
 * @example
 * tokenize(new TextEncoder().encode('* 3 EXISTS\r\n')).map((t) => t.type) // ['atom', 'sp', 'number', 'sp', 'atom', 'crlf']
 */
export function tokenize(frame: Uint8Array, offset = 0): Token[] {
  const r = new Reader(frame, { offset, maxDepth: Infinity });
  const b = frame;
  const out: Token[] = [];
  let words = 0;
  // After a status word: 'text' expects resp-text ("[" code "]" first, maybe).
  let state: 'args' | 'text' | 'code' = 'args';
  let codeSeen = false;
  while (!r.atEnd()) {
    const at = r.pos;
    const o = offset + at;
    const c = b[at];
    if (state === 'text' && c !== SP && c !== CR && c !== LF && !(c === LBRACKET && !codeSeen)) {
      const e = r.textEnd();
      out.push({ type: 'text', value: decodeText(b, at, e), offset: o });
      r.pos = e;
      continue;
    }
    if (c === SP) {
      out.push({ type: 'sp', offset: o });
      r.pos++;
    } else if (c === CR || c === LF) {
      r.pos += c === CR && b[at + 1] === LF ? 2 : 1;
      out.push({ type: 'crlf', offset: o });
    } else if (c === LPAREN || c === RPAREN || c === LBRACKET || c === RBRACKET) {
      out.push({ type: String.fromCharCode(c) as '(' | ')' | '[' | ']', offset: o });
      r.pos++;
      if (c === LBRACKET && state === 'text') {
        state = 'code';
        codeSeen = true;
      } else if (c === RBRACKET && state === 'code') {
        state = 'text';
      }
    } else if (c === DQUOTE) {
      out.push({ type: 'quoted', value: r.quotedText(), offset: o });
    } else if (c === LBRACE || (c === TILDE && b[at + 1] === LBRACE)) {
      const binary = c === TILDE;
      const value = binary ? r.literal8() : r.literal();
      out.push({ type: 'literal', value, binary, offset: o });
    } else if (c === PLUS && at === 0) {
      out.push({ type: 'atom', value: '+', offset: o });
      r.pos++;
      words = 2;
      state = 'text';
    } else {
      let p = at;
      while (p < b.length && isWordByte(b[p])) p++;
      if (p === at) throw r.error('a token');
      const value = decodeText(b, at, p);
      r.pos = p;
      let digits = true;
      for (let k = at; k < p; k++) if ((CLASS[b[k]] & DIGIT) === 0) digits = false;
      if (digits) out.push({ type: 'number', value, offset: o });
      else if (value.toUpperCase() === 'NIL') out.push({ type: 'nil', offset: o });
      else out.push({ type: 'atom', value, offset: o });
      words++;
      if (words === 2 && state === 'args' && STATUS.test(value)) state = 'text';
    }
  }
  return out;
}

/** Bytes that make up atom-like tokens: ASTRING-CHAR (minus "[" "]") plus "\", "*", "%" and 8-bit. */
function isWordByte(c: number): boolean {
  if (c === LBRACKET || c === RBRACKET) return false;
  return (CLASS[c] & ASTRING) !== 0 || c === 0x5c || c === 0x2a || c === 0x25 || c >= 0x80;
}
