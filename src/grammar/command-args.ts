import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { ImapValue } from '../model/value.js';
import type { ExtParam } from '../model/command.js';
import { readValue, writeValue, checkWord } from './value.js';
import { CLASS, ASTRING, ATOM, LIST_CHAR, DIGIT, SP, LPAREN, STAR, DOLLAR } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';

/**
 * Pieces shared by the command grammar files: mailbox names, generic
 * `tagged-ext` parameters (RFC 4466) and a generic-value writer that
 * refuses anything that would not read back as the same value.
 */

/** `mailbox` (RFC 9051 §9): an astring, kept exactly as sent. */
export function readMailbox(r: Reader): string {
  return r.astringText();
}

export function writeMailbox(w: Writer, name: string): void {
  w.astring(name);
}

/** `list-mailbox`: 1*list-char / string (RFC 9051 §9). */
export function readListMailbox(r: Reader): string {
  const c = r.peek();
  if (c === 0x22 || c === 0x7b) return r.stringText();
  return r.atomWith(LIST_CHAR, 'list-mailbox');
}

export function writeListMailbox(w: Writer, s: string): void {
  if (s.length > 0) {
    let ok = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f || (CLASS[c] & LIST_CHAR) === 0) {
        ok = false;
        break;
      }
    }
    if (ok) {
      w.ascii(s);
      return;
    }
  }
  w.string(s);
}

/** True when the byte can start a `tagged-ext-val` (sequence-set, number or "(" list). */
export function startsExtValue(c: number): boolean {
  return c === LPAREN || c === STAR || c === DOLLAR || (c >= 0 && (CLASS[c] & DIGIT) !== 0);
}

/** `tagged-ext-label [SP tagged-ext-val]`: the value is read when one starts after the space. */
export function readExtParam(r: Reader): ExtParam {
  const name = r.atom();
  if (r.peek() === SP && startsExtValue(r.peekAt(1))) {
    r.sp();
    return { name, value: readValue(r) };
  }
  return { name };
}

export function writeExtParam(w: Writer, p: ExtParam): void {
  w.atom(p.name);
  if (p.value !== undefined) {
    w.sp();
    writeArg(w, p.value);
  }
}

/**
 * Write a generic value (see `writeValue`): words are checked to read back
 * whole, so no value can smuggle a literal header or a line end into the
 * command.
 */
export const writeArg = writeValue;
export { checkWord };

/** Write an atom that must be 1*ATOM-CHAR (command names, labels, keys). */
export function writeAtom(w: Writer, s: string): void {
  w.atom(s, ATOM);
}
