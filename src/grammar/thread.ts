import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Thread, ThreadResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { SP, LPAREN, RPAREN } from '../wire/chars.js';

// Numbers and lists being read, stacked across the nesting, each level's
// part copied out once as an exact-size array: pushing onto [] reserves 17
// slots, and a THREAD response holds two arrays per thread-list.
const ids: number[] = [];
const lists: (Thread | undefined)[] = [];
let idTop = 0;
let listTop = 0;

/** `stack[from, top)` as an array; the slots are cleared so nothing is kept alive. */
function takeLists(from: number): Thread[] {
  const out = lists.slice(from, listTop) as Thread[];
  for (let k = from; k < listTop; k++) lists[k] = undefined;
  listTop = from;
  return out;
}

/**
 * `thread-data` after the name (RFC 5256 §5): [SP 1*thread-list].
 * Nesting goes through `Reader.open()`, so it is bounded by `maxDepth`.
 */
export function readThreadResponse(r: Reader): ThreadResponse {
  // A response refused half-way leaves its entries: start afresh.
  idTop = 0;
  takeLists(0);
  if (r.peek() === SP && !r.atLineEnd()) {
    r.pos++;
    lists[listTop++] = readThreadList(r);
    while (r.peek() === LPAREN || (r.peek() === SP && r.peekAt(1) === LPAREN)) {
      if (r.peek() === SP) {
        r.quirk('thread-space', 'thread-list');
        r.pos++;
      }
      lists[listTop++] = readThreadList(r);
    }
  }
  return { type: 'THREAD', threads: takeLists(0) };
}

/**
 * `thread-list` = "(" (thread-members / thread-nested) ")";
 * thread-members = nz-number *(SP nz-number) [SP thread-nested];
 * thread-nested = 2*thread-list. A single nested list and spaces between
 * nested lists are lenient quirks.
 */
export function readThreadList(r: Reader): Thread {
  r.open();
  const idBase = idTop;
  const listBase = listTop;
  if (r.peek() !== LPAREN) {
    ids[idTop++] = r.nzNumber();
    while (r.peek() === SP && r.peekAt(1) !== LPAREN && !r.atClose()) {
      r.pos++;
      ids[idTop++] = r.nzNumber();
    }
    if (r.peek() === SP && r.peekAt(1) === LPAREN) r.pos++;
  }
  const first = r.pos;
  while (r.peek() === LPAREN) {
    lists[listTop++] = readThreadList(r);
    if (r.peek() === SP && r.peekAt(1) === LPAREN) {
      r.quirk('thread-space', 'thread-list');
      r.pos++;
    }
  }
  if (listTop - listBase === 1) r.quirk('thread-single-nested', '2*thread-list', first);
  r.close();
  const own = idTop === idBase ? [] : ids.slice(idBase, idTop);
  idTop = idBase;
  return { ids: own, children: listTop === listBase ? [] : takeLists(listBase) };
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
