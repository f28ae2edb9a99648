import type { Reader } from '../wire/reader.js';
import { CLASS, ATOM, DQUOTE, LBRACE, SP } from '../wire/chars.js';
import type { Interner } from '../util/text.js';
import { plainQuoted, plainQuotedEnd } from '../wire/plain-quoted.js';

// Readers of the forms servers send nearly always (a quoted string of
// ASCII without escapes, NIL, a number of up to 9 digits, one SP), for the
// one-pass fast paths of body-fast.ts and envelope.ts. Each takes the
// bytes and a position and gives the value, or undefined when the bytes
// there are of any other form; the fast path then gives up (see
// {@link giveUp}) and the general path (the Reader's rules) reads the
// construct from its start, recording its quirks or reporting its error.
// Where a piece ended is left in `q`.

/** Where the last piece read here ended. */
export let q = 0;

/** Set {@link q} (for the fast paths, which step over punctuation themselves). */
export function setQ(p: number): void {
  q = p;
}

/** A closing DQUOTE ends a word inside a quoted string (for `Interner.matchPrefix`). */
export const QUOTE_ENDS = new Uint8Array(256);
QUOTE_ENDS[DQUOTE] = 1;

/** The SP after an item name ends it (for `Interner.matchPrefix`). */
const SP_ENDS = new Uint8Array(256);
SP_ENDS[SP] = 1;

/**
 * A name of `names` followed by SP at the cursor (STATUS, ESEARCH and
 * QUOTA item names), matched in the bytes and stepped over: no string
 * made, no case fold. Undefined, the cursor unmoved, for anything else,
 * which the caller reads as an atom.
 */
export function knownName(r: Reader, names: Interner): string | undefined {
  const name = names.matchPrefix(r.bytes, r.pos, r.end, SP_ENDS);
  if (name !== undefined) r.pos += name.length;
  return name;
}

/**
 * A quoted string of plain ASCII (QUOTED-CHARs, no escape) at `p`, as
 * `Reader.quotedText` gives it; else undefined. With `w`, a word of it
 * costs no scan, hash or decode.
 */
export function quoted(b: Uint8Array, p: number, end: number, w?: Interner): string | undefined {
  if (p >= end || b[p] !== DQUOTE) return undefined;
  if (w !== undefined) {
    const word = w.matchPrefix(b, p + 1, end, QUOTE_ENDS);
    if (word !== undefined) {
      q = p + word.length + 2;
      return word;
    }
  }
  const v = plainQuoted(b, p, end);
  if (v !== undefined) q = plainQuotedEnd;
  return v;
}

/** True when `NIL` (any case) is at `p`, not followed by an atom char. */
export function isNil(b: Uint8Array, p: number, end: number): boolean {
  return p + 3 < end && (b[p] | 0x20) === 0x6e && (b[p + 1] | 0x20) === 0x69 && (b[p + 2] | 0x20) === 0x6c && (CLASS[b[p + 3]] & ATOM) === 0;
}

/** `nstring` in its plain forms (NIL, a plain quoted string): the value, null, or undefined when neither. */
export function nstring(b: Uint8Array, p: number, end: number): string | null | undefined {
  if (isNil(b, p, end)) {
    q = p + 3;
    return null;
  }
  return quoted(b, p, end);
}

/** Up to 9 digits at `p` (what `Reader.safeNumber64` reads in one pass); -1 when not there. */
export function digits(b: Uint8Array, p: number, end: number): number {
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
export function sp(b: Uint8Array, p: number, end: number): boolean {
  return p + 1 < end && b[p] === SP && b[p + 1] !== SP;
}

/**
 * `nstring` at `p`: the plain forms here; any other string (escapes, 8-bit
 * text, a literal) through `Reader.nstringText`, just as the general path
 * reads that field; undefined for anything else.
 */
export function nstringAt(r: Reader, b: Uint8Array, p: number, end: number): string | null | undefined {
  if (isNil(b, p, end)) {
    q = p + 3;
    return null;
  }
  const v = quoted(b, p, end);
  if (v !== undefined || p >= end || (b[p] !== DQUOTE && b[p] !== LBRACE)) return v;
  r.pos = p;
  const s = r.nstringText();
  q = r.pos;
  return s;
}

/** `string` at `p`, as {@link nstringAt} (NIL is no string: undefined). */
export function stringAt(r: Reader, b: Uint8Array, p: number, end: number, w?: Interner): string | undefined {
  const v = quoted(b, p, end, w);
  if (v !== undefined || p >= end || (b[p] !== DQUOTE && b[p] !== LBRACE)) return v;
  r.pos = p;
  const s = r.stringText();
  q = r.pos;
  return s;
}

/**
 * After a fast path gave up: the cursor back at `start` and the quirks
 * the Reader recorded since (inside a string it read) dropped, so the
 * general path, reading the construct again, records each once.
 */
export function giveUp(r: Reader, start: number, warnings: Reader['warnings'], count: number): void {
  r.pos = start;
  if (warnings === undefined) r.warnings = undefined;
  else warnings.length = count;
}
