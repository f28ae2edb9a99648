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
  const threads: Thread[] = [];
  if (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    threads.push(readThreadList(r));
    while (r.peek() === LPAREN || (r.peek() === SP && r.peekAt(1) === LPAREN)) {
      if (r.peek() === SP) {
        r.quirk('thread-space', 'thread-list');
        r.pos++;
      }
      threads.push(readThreadList(r));
    }
  }
  return { type: 'THREAD', threads };
}

/**
 * `thread-list` = "(" (thread-members / thread-nested) ")";
 * thread-members = nz-number *(SP nz-number) [SP thread-nested];
 * thread-nested = 2*thread-list. A single nested list and spaces between
 * nested lists are lenient quirks.
 */
export function readThreadList(r: Reader): Thread {
  r.open();
  const ids: number[] = [];
  const children: Thread[] = [];
  if (r.peek() !== LPAREN) {
    ids.push(r.nzNumber());
    while (r.peek() === SP && r.peekAt(1) !== LPAREN && !r.atClose()) {
      r.pos++;
      ids.push(r.nzNumber());
    }
    if (r.peek() === SP && r.peekAt(1) === LPAREN) r.pos++;
  }
  const first = r.pos;
  while (r.peek() === LPAREN) {
    children.push(readThreadList(r));
    if (r.peek() === SP && r.peekAt(1) === LPAREN) {
      r.quirk('thread-space', 'thread-list');
      r.pos++;
    }
  }
  if (children.length === 1) r.quirk('thread-single-nested', '2*thread-list', first);
  r.close();
  return { ids, children };
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
