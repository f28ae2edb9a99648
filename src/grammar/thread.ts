import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Thread, ThreadResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { SP, LPAREN, RPAREN } from '../wire/chars.js';

/**
 * `thread-data` after the name (RFC 5256 §5): [SP 1*thread-list].
 * Nesting goes through `Reader.open()`, so it is bounded by `maxDepth`.
 */
export function readThreadResponse(r: Reader): ThreadResponse {
  // Threads go on the Reader's stack and out at their size (a THREAD
  // response holds two arrays per thread-list).
  const base = r.stackTop;
  if (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    r.stackPush(readThreadList(r));
    while (r.peek() === LPAREN || (r.peek() === SP && r.peekAt(1) === LPAREN)) {
      if (r.peek() === SP) {
        r.quirk('thread-space', 'thread-list');
        r.pos++;
      }
      r.stackPush(readThreadList(r));
    }
  }
  return { type: 'THREAD', threads: r.stackTake<Thread>(base) };
}

/**
 * `thread-list` = "(" (thread-members / thread-nested) ")";
 * thread-members = nz-number *(SP nz-number) [SP thread-nested];
 * thread-nested = 2*thread-list. A single nested list and spaces between
 * nested lists are lenient quirks.
 */
export function readThreadList(r: Reader): Thread {
  const t = fastThreadList(r.bytes, r.pos, r.end, r.maxDepth - r.depth);
  if (t !== undefined) {
    r.pos = fastEnd;
    return t;
  }
  return readThreadListGeneral(r);
}

/** Just past the ")" of the last list {@link fastThreadList} read. */
let fastEnd = 0;
/** The ids of the list being read by {@link fastThreadList} (its ids are taken out before its children are read). */
const ids: number[] = [];

/**
 * `thread-list` at `p` (its "(") in the form servers send: members of 1-9
 * digits without a leading zero, single spaces, no list nested alone, no
 * space between nested lists, at most `room` levels deep. Undefined for
 * anything else (the Reader is not touched), which
 * {@link readThreadListGeneral} then reads, reporting errors and quirks.
 * One pass over the bytes, with the ids collected apart from the children,
 * so each thread-list costs its three objects and no stack traffic.
 * Exported for the tests that hold it to the general path.
 */
export function fastThreadList(b: Uint8Array, p: number, end: number, room: number): Thread | undefined {
  if (room <= 0 || p >= end || b[p] !== LPAREN) return undefined;
  p++;
  let n = 0;
  let c = p < end ? b[p] : -1;
  if (c !== LPAREN) {
    for (;;) {
      // nz-number: 1-9 digits, the first not "0" (so below 2^32 and a small integer).
      if (c < 0x31 || c > 0x39) return undefined;
      let v = c - 0x30;
      const s = p;
      p++;
      while (p < end && (c = b[p]) >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        p++;
      }
      if (p - s > 9 || p >= end) return undefined;
      ids[n++] = v;
      c = b[p];
      if (c === RPAREN) break;
      if (c !== SP) return undefined;
      p++;
      c = p < end ? b[p] : -1;
      if (c === LPAREN) break;
    }
  }
  // Up to three ids (nearly every list) as a literal of that size, not a slice call.
  const own = n === 1 ? [ids[0]] : n === 2 ? [ids[0], ids[1]] : n === 3 ? [ids[0], ids[1], ids[2]] : n === 0 ? [] : ids.slice(0, n);
  if (c === RPAREN) {
    if (n === 0) return undefined;
    fastEnd = p + 1;
    return { ids: own, children: [] };
  }
  if (c !== LPAREN) return undefined;
  // thread-nested: two or more lists, back to back.
  const first = fastThreadList(b, p, end, room - 1);
  if (first === undefined) return undefined;
  p = fastEnd;
  if (p >= end || b[p] !== LPAREN) return undefined;
  const second = fastThreadList(b, p, end, room - 1);
  if (second === undefined) return undefined;
  p = fastEnd;
  const children = [first, second];
  while (p < end && b[p] === LPAREN) {
    const next = fastThreadList(b, p, end, room - 1);
    if (next === undefined) return undefined;
    children.push(next);
    p = fastEnd;
  }
  if (p >= end || b[p] !== RPAREN) return undefined;
  fastEnd = p + 1;
  return { ids: own, children };
}

/** {@link readThreadList} for any input: the grammar rule by rule, with its quirks and errors. */
export function readThreadListGeneral(r: Reader): Thread {
  r.open();
  // The ids come before the children, so each is taken off the stack in turn.
  const base = r.stackTop;
  if (r.peek() !== LPAREN) {
    r.stackPush(r.nzNumber());
    while (r.peek() === SP && r.peekAt(1) !== LPAREN && !r.atClose()) {
      r.pos++;
      r.stackPush(r.nzNumber());
    }
    if (r.peek() === SP && r.peekAt(1) === LPAREN) r.pos++;
  }
  const ids = r.stackTake<number>(base);
  const first = r.pos;
  while (r.peek() === LPAREN) {
    r.stackPush(readThreadListGeneral(r));
    if (r.peek() === SP && r.peekAt(1) === LPAREN) {
      r.quirk('thread-space', 'thread-list');
      r.pos++;
    }
  }
  if (r.stackTop - base === 1) r.quirk('thread-single-nested', '2*thread-list', first);
  r.close();
  return { ids, children: r.stackTake<Thread>(base) };
}

/** Write one `thread-list`. */
export function writeThreadList(w: Writer, t: Thread): void {
  if (t.ids.length === 0 && t.children.length === 0) throw new ImapEncodeError('a thread-list cannot be empty');
  w.byte(LPAREN);
  for (let i = 0; i < t.ids.length; i++) {
    if (i > 0) w.sp();
    w.nzNumber(t.ids[i]);
  }
  if (t.ids.length > 0 && t.children.length > 0) w.sp();
  for (const c of t.children) writeThreadList(w, c);
  w.byte(RPAREN);
}

/** Write `THREAD ...` (name included). */
export function writeThreadResponse(w: Writer, v: ThreadResponse): void {
  w.ascii('THREAD');
  if (v.threads.length > 0) w.sp();
  for (const t of v.threads) writeThreadList(w, t);
}
