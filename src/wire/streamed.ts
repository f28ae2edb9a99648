import type { Reader } from './reader.js';
import type { LiteralSpan } from './framer.js';
import type { StreamedLiteral } from '../model/fetch.js';
import { CLASS, DIGIT, LBRACE, RBRACE, TILDE, PLUS, MINUS, CR, LF } from './chars.js';

/**
 * Streamed literals of the frame a Reader reads, by the frame offset of
 * their (absent) data. Kept beside the Reader rather than in it: only
 * message data (`BODY[]`, `BINARY[]`, `RFC822*`) may be streamed, and the
 * grammar asks for it there alone, so no other reader path pays for it.
 */
interface StreamedIndex {
  byStart: Map<number, { id: number; length: number }>;
  claimed: number;
}

const INDEX = new WeakMap<Reader, StreamedIndex>();

/** Tell `r` which literals of its frame were streamed (no-op when none were). */
export function attachStreamed(r: Reader, literals: readonly LiteralSpan[]): void {
  let byStart: StreamedIndex['byStart'] | undefined;
  for (const l of literals) if (l.streamed !== undefined) (byStart ??= new Map()).set(l.start, l.streamed);
  if (byStart !== undefined) INDEX.set(r, { byStart, claimed: 0 });
}

/**
 * At a literal header (`{n}`, `~{n}`, with `+`/`-`, CRLF or LF) whose data
 * was streamed: move past the header and return the handle. Anything else
 * (no streamed literals, NIL, a quoted string, a buffered literal): undefined
 * and the cursor does not move.
 */
export function takeStreamed(r: Reader): StreamedLiteral | undefined {
  const index = INDEX.get(r);
  if (index === undefined) return undefined;
  const b = r.bytes;
  let p = r.pos;
  if (b[p] === TILDE) p++;
  if (b[p] !== LBRACE) return undefined;
  p++;
  while (p < r.end && (CLASS[b[p]] & DIGIT) !== 0) p++;
  if (b[p] === PLUS || b[p] === MINUS) p++;
  if (b[p] !== RBRACE) return undefined;
  p++;
  if (b[p] === CR) p++;
  if (b[p] !== LF) return undefined;
  p++;
  const s = index.byStart.get(p);
  if (s === undefined) return undefined;
  r.pos = p;
  index.claimed++;
  return { type: 'streamed', id: s.id, length: s.length };
}

/** Streamed literals of the frame that no message-data item claimed. */
export function unclaimedStreamed(r: Reader): number {
  const index = INDEX.get(r);
  return index === undefined ? 0 : index.byStart.size - index.claimed;
}
