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
  r.open();
  // The ids come before the children, so each is taken off the stack in turn.
  const base = r.stackTop;
  if (r.peek() !== LPAREN) {
    r.stackPush(r.nzNumber());
    const b = r.bytes;
    for (;;) {
      const p = r.pos;
      // SP and a digit: the next member (no look at ")" or "(" needed).
      if (p + 1 < r.end && b[p] === SP && b[p + 1] >= 0x30 && b[p + 1] <= 0x39) {
        r.pos = p + 1;
        r.stackPush(r.nzNumber());
        continue;
      }
      if (!(r.peek() === SP && r.peekAt(1) !== LPAREN && !r.atClose())) break;
      r.pos++;
      r.stackPush(r.nzNumber());
    }
    if (r.peek() === SP && r.peekAt(1) === LPAREN) r.pos++;
  }
  const ids = r.stackTake<number>(base);
  const first = r.pos;
  while (r.peek() === LPAREN) {
    r.stackPush(readThreadList(r));
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
