import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { StatusItem, StatusResponse } from '../model/response.js';
import { LPAREN, RPAREN } from '../wire/chars.js';
import { readMailbox, writeMailbox } from './mailbox.js';
import { readValue, writeValue } from './value.js';
import { knownName } from './plain.js';
import { Interner, upperAscii } from '../util/text.js';

/** The status-att names this grammar reads, the frequent ones first (matchPrefix tries them in order). */
const ITEM_NAMES = new Interner(
  ['MESSAGES', 'UIDNEXT', 'UNSEEN', 'UIDVALIDITY', 'RECENT', 'HIGHESTMODSEQ', 'SIZE', 'DELETED', 'DELETED-STORAGE', 'APPENDLIMIT', 'MAILBOXID'],
  true,
);

/**
 * `"STATUS" SP mailbox SP "(" [status-att-list] ")"` after the name
 * (RFC 9051 §7.2.4 with RFC 7162, 7889, 8438, 8474, 9208 items).
 */
export function readStatusResponse(r: Reader): StatusResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  return { type: 'STATUS', mailbox, items: r.list(readStatusItem) };
}

/** One `status-att-val`; unknown items keep their value generically. */
export function readStatusItem(r: Reader): StatusItem {
  // A known name followed by SP is matched in the bytes; anything else is
  // read as an atom and folded.
  const known = knownName(r, ITEM_NAMES);
  const name = known ?? r.atom();
  const type = known ?? upperAscii(name);
  r.sp();
  switch (type) {
    case 'UIDNEXT':
    case 'UIDVALIDITY': {
      // nz-number (RFC 9051 §9 status-att-val; RFC 4466 §3 for rev1).
      const at = r.pos;
      const value = r.number();
      if (value === 0) r.quirk('status-zero', 'nz-number', at, 'status-att-val', 'RFC 9051 §9; RFC 4466 §3');
      return { type, value };
    }
    case 'MESSAGES':
    case 'RECENT':
    case 'UNSEEN':
    case 'DELETED':
      return { type, value: r.number() };
    case 'SIZE':
    case 'HIGHESTMODSEQ':
    case 'DELETED-STORAGE':
      return { type, value: r.number64() };
    case 'APPENDLIMIT':
      return { type, value: r.peekNil() ? r.nil() : r.number() };
    case 'MAILBOXID': {
      r.expect(LPAREN);
      const value = r.atom();
      r.expect(RPAREN);
      return { type, value };
    }
    default:
      return { type: 'unknown', name, value: readValue(r) };
  }
}

/** Write one `status-att-val`. */
export function writeStatusItem(w: Writer, it: StatusItem): void {
  switch (it.type) {
    case 'MESSAGES':
    case 'RECENT':
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
    case 'DELETED':
      w.ascii(it.type).sp().number(it.value);
      return;
    case 'SIZE':
    case 'HIGHESTMODSEQ':
    case 'DELETED-STORAGE':
      w.ascii(it.type).sp().number64(it.value);
      return;
    case 'APPENDLIMIT':
      w.ascii('APPENDLIMIT ');
      if (it.value === null) w.ascii('NIL');
      else w.number(it.value);
      return;
    case 'MAILBOXID':
      w.ascii('MAILBOXID (').atom(it.value).byte(RPAREN);
      return;
    case 'unknown':
      w.atom(it.name).sp();
      writeValue(w, it.value);
      return;
  }
}

/** Write `STATUS mailbox (...)` (name included). */
export function writeStatusResponse(w: Writer, v: StatusResponse): void {
  w.ascii('STATUS ');
  writeMailbox(w, v.mailbox);
  w.sp().list(v.items, writeStatusItem);
}
