import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Address, AddressGroup, AddressItem, Envelope } from '../model/envelope.js';
import { LPAREN, RPAREN, SP } from '../wire/chars.js';
import { ImapEncodeError } from '../wire/errors.js';
import { q, setQ, nstringAt, isNil, sp, giveUp } from './plain.js';

/**
 * SP between fields; lenient mode also swallows extra spaces (a quirk of
 * some servers) and records it.
 */
export function sep(r: Reader): void {
  r.sp();
  if (r.peek() === SP && r.tolerates('extra-space')) {
    r.quirk('extra-space', 'one SP');
    while (r.peek() === SP) r.pos++;
  }
}

/** `address` (RFC 9051 §9): four nstrings in parentheses. */
export function readAddress(r: Reader): Address {
  r.open();
  const name = r.nstringText();
  sep(r);
  const adl = r.nstringText();
  sep(r);
  const mailbox = r.nstringText();
  sep(r);
  const host = r.nstringText();
  r.close();
  return { name, adl, mailbox, host };
}

function isStart(a: Address): boolean {
  return a.host === null && a.mailbox !== null && a.name === null && a.adl === null;
}

function isEnd(a: Address): boolean {
  return a.host === null && a.mailbox === null && a.name === null && a.adl === null;
}

function isMarker(a: Address): boolean {
  return a.host === null && (a.mailbox === null || (a.name === null && a.adl === null));
}

/**
 * Fold well-formed RFC 5322 groups (start marker, members, end marker)
 * into {@link AddressGroup}s; anything else, unmatched markers included,
 * stays a plain address so the list writes back byte for byte.
 *
 * @example
 * groupAddresses(addresses) // start/end markers folded into { type: 'group', name, members }
 */
export function groupAddresses(list: Address[]): AddressItem[] {
  let i = 0;
  while (i < list.length && !isMarker(list[i])) i++;
  if (i === list.length) return list;
  const out: AddressItem[] = list.slice(0, i);
  while (i < list.length) {
    const a = list[i];
    if (isStart(a)) {
      let j = i + 1;
      while (j < list.length && !isMarker(list[j])) j++;
      if (j < list.length && isEnd(list[j])) {
        out.push({ type: 'group', name: a.mailbox as string, members: list.slice(i + 1, j) });
        i = j + 1;
        continue;
      }
    }
    out.push(a);
    i++;
  }
  return out;
}

/**
 * `env-from` and friends: `"(" 1*address ")" / nil`. The addresses are
 * written back to back, with no SP between them. Lenient mode takes an
 * empty list `()` (kept as `[]`) and spaces between addresses.
 */
export function readAddressList(r: Reader): AddressItem[] | null {
  if (r.peekNil()) return r.nil();
  r.open();
  let list: Address[];
  if (r.atClose()) {
    r.quirk('env-address-empty', 'address');
    list = [];
  } else {
    // Started as a one-element literal: most lists hold one address, and
    // a literal is allocated at its size where a push would reserve 17 slots.
    list = r.peekNil() ? (nilAddress(r), []) : [readAddress(r)];
    for (;;) {
      if (r.peek() === LPAREN) {
        list.push(readAddress(r));
        continue;
      }
      if (r.peek() === SP && (r.peekAt(1) === LPAREN || (r.peekAt(1) | 0x20) === 0x6e)) {
        r.pos++;
        if (r.peek() === LPAREN) {
          r.quirk('env-address-space', 'address or ")"', r.pos - 1);
          list.push(readAddress(r));
          continue;
        }
        if (r.peekNil()) {
          nilAddress(r);
          continue;
        }
        r.pos--;
        break;
      }
      if (r.peekNil()) {
        nilAddress(r);
        continue;
      }
      break;
    }
  }
  r.close();
  if (list.length === 0 && r.warnings !== undefined && r.warnings[r.warnings.length - 1].name === 'env-address-nil') return null;
  return groupAddresses(list);
}

/** NIL where an address belongs: dropped from the list (a quirk). */
function nilAddress(r: Reader): void {
  r.quirk('env-address-nil', 'address', r.pos, 'envelope');
  r.nil();
}

/**
 * When the bytes at the cursor repeat `bytes[start, end)`, the address
 * list read from there (`list`), consume them and give a fresh copy of
 * `list`; else null. `end` is -1 when the list cannot be reused.
 */
function repeatedList(r: Reader, start: number, end: number, list: AddressItem[] | null): AddressItem[] | null {
  if (end < 0 || list === null) return null;
  const n = end - start;
  const p = r.pos;
  if (p + n > r.end) return null;
  const b = r.bytes;
  for (let k = 0; k < n; k++) if (b[p + k] !== b[start + k]) return null;
  r.pos = p + n;
  // Arrays of the list's size (a push onto [] would reserve 17 slots).
  return list.length === 1 ? [copyItem(list[0])] : list.map(copyItem);
}

function copyItem(a: AddressItem): AddressItem {
  if ((a as AddressGroup).type === 'group') {
    const g = a as AddressGroup;
    return { type: 'group', name: g.name, members: g.members.map(copyAddress) };
  }
  return copyAddress(a as Address);
}

function copyAddress(a: Address): Address {
  return { name: a.name, adl: a.adl, mailbox: a.mailbox, host: a.host };
}

/**
 * `envelope` (RFC 9051 §9, §7.5.2).
 *
 * @example
 * readEnvelope(reader).subject // the subject of '("date" "subject" ...)'
 */
export function readEnvelope(r: Reader): Envelope {
  // The common form in one pass (below); anything else the general way.
  const start = r.pos;
  const warnings = r.warnings;
  const count = warnings?.length ?? 0;
  const fast = fastEnvelope(r);
  if (fast !== undefined) return fast;
  giveUp(r, start, warnings, count);
  r.open();
  const date = r.nstringText();
  sep(r);
  const subject = r.nstringText();
  sep(r);
  const fromStart = r.pos;
  const quirks = r.warnings?.length ?? 0;
  const from = readAddressList(r);
  // Servers fill a missing Sender or Reply-To with the From list (RFC 9051
  // §7.5.2), so the next two lists are very often the same bytes again.
  // Same bytes read the same way, so a byte compare and a copy of the
  // values read for From replace a second parse. Not when reading From
  // recorded a quirk: reading it again would record it again.
  const fromEnd = from !== null && (r.warnings?.length ?? 0) === quirks ? r.pos : -1;
  sep(r);
  const sender = repeatedList(r, fromStart, fromEnd, from) ?? readAddressList(r);
  sep(r);
  const replyTo = repeatedList(r, fromStart, fromEnd, from) ?? readAddressList(r);
  sep(r);
  const to = readAddressList(r);
  sep(r);
  const cc = readAddressList(r);
  sep(r);
  const bcc = readAddressList(r);
  sep(r);
  const inReplyTo = r.nstringText();
  let messageId: string | null = null;
  if (r.atClose()) {
    // Nine fields: one of in-reply-to / message-id is missing; which one cannot be told, so the last is NIL.
    r.quirk('envelope-9-fields', 'SP env-message-id', r.pos, 'envelope');
  } else {
    sep(r);
    messageId = r.nstringText();
  }
  r.close();
  return { date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId };
}

// ---- the fast path -------------------------------------------------------

/** `address` in its plain form (four plain nstrings) at `p`, a "("; else undefined. */
function plainAddress(r: Reader, b: Uint8Array, p: number, end: number): Address | undefined {
  const name = nstringAt(r, b, p + 1, end);
  if (name === undefined || !sp(b, q, end)) return undefined;
  const adl = nstringAt(r, b, q + 1, end);
  if (adl === undefined || !sp(b, q, end)) return undefined;
  const mailbox = nstringAt(r, b, q + 1, end);
  if (mailbox === undefined || !sp(b, q, end)) return undefined;
  const host = nstringAt(r, b, q + 1, end);
  if (host === undefined || b[q] !== RPAREN) return undefined;
  setQ(q + 1);
  return { name, adl, mailbox, host };
}

/** An address list in its plain form (NIL, or plain addresses back to back) at `p`; else undefined. */
function plainAddressList(r: Reader, b: Uint8Array, p: number, end: number): AddressItem[] | null | undefined {
  if (isNil(b, p, end)) {
    setQ(p + 3);
    return null;
  }
  if (p + 1 >= end || b[p] !== LPAREN || b[p + 1] !== LPAREN) return undefined;
  const a = plainAddress(r, b, p + 1, end);
  if (a === undefined) return undefined;
  // Most lists hold one or two addresses: literals of that size (a push
  // onto a literal of one would grow it to 17 slots).
  let list: Address[];
  if (b[q] !== LPAREN) list = [a];
  else {
    const a1 = plainAddress(r, b, q, end);
    if (a1 === undefined) return undefined;
    if (b[q] !== LPAREN) list = [a, a1];
    else {
      list = [a, a1];
      while (b[q] === LPAREN) {
        const next = plainAddress(r, b, q, end);
        if (next === undefined) return undefined;
        list.push(next);
      }
    }
  }
  if (b[q] !== RPAREN) return undefined;
  setQ(q + 1);
  return groupAddresses(list);
}

/**
 * The next list when its bytes repeat `b[start, stop)`, the list read from
 * there (see readEnvelope): a copy of `list`, {@link q} past the bytes;
 * else undefined.
 */
function repeatedAt(b: Uint8Array, p: number, end: number, start: number, stop: number, list: AddressItem[] | null): AddressItem[] | null | undefined {
  if (list === null || stop < start) return undefined;
  const n = stop - start;
  if (p + n > end) return undefined;
  for (let k = 0; k < n; k++) if (b[p + k] !== b[start + k]) return undefined;
  setQ(p + n);
  return list.length === 1 ? [copyItem(list[0])] : list.map(copyItem);
}

/**
 * `envelope` in the form servers send nearly always (plain nstrings,
 * plain address lists, single spaces, ten fields), read in one pass
 * without the Reader's per-rule calls; the cursor then past its ")".
 * Undefined, the cursor unmoved, for anything else (a literal, an escape,
 * 8-bit text, any quirk): the general path reads it. The values and their
 * key order are those the general path gives.
 */
export function fastEnvelope(r: Reader): Envelope | undefined {
  // Envelope, address list, address: three levels of nesting.
  if (r.depth + 3 > r.maxDepth) return undefined;
  const b = r.bytes;
  const end = r.end;
  const p = r.pos;
  if (p >= end || b[p] !== LPAREN) return undefined;
  const date = nstringAt(r, b, p + 1, end);
  if (date === undefined || !sp(b, q, end)) return undefined;
  const subject = nstringAt(r, b, q + 1, end);
  if (subject === undefined || !sp(b, q, end)) return undefined;
  const fromStart = q + 1;
  const quirks = r.warnings?.length ?? 0;
  const from = plainAddressList(r, b, fromStart, end);
  if (from === undefined || !sp(b, q, end)) return undefined;
  // As in the general path: not when reading From recorded a quirk (inside a string).
  const fromEnd = (r.warnings?.length ?? 0) === quirks ? q : fromStart - 1;
  const sender = repeatedAt(b, q + 1, end, fromStart, fromEnd, from) ?? plainAddressList(r, b, q + 1, end);
  if (sender === undefined || !sp(b, q, end)) return undefined;
  const replyTo = repeatedAt(b, q + 1, end, fromStart, fromEnd, from) ?? plainAddressList(r, b, q + 1, end);
  if (replyTo === undefined || !sp(b, q, end)) return undefined;
  const to = plainAddressList(r, b, q + 1, end);
  if (to === undefined || !sp(b, q, end)) return undefined;
  const cc = plainAddressList(r, b, q + 1, end);
  if (cc === undefined || !sp(b, q, end)) return undefined;
  const bcc = plainAddressList(r, b, q + 1, end);
  if (bcc === undefined || !sp(b, q, end)) return undefined;
  const inReplyTo = nstringAt(r, b, q + 1, end);
  if (inReplyTo === undefined || !sp(b, q, end)) return undefined;
  const messageId = nstringAt(r, b, q + 1, end);
  if (messageId === undefined || b[q] !== RPAREN) return undefined;
  r.pos = q + 1;
  return { date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId };
}

/** Write one `address`. */
export function writeAddress(w: Writer, a: Address): void {
  w.byte(LPAREN).nstring(a.name).sp().nstring(a.adl).sp().nstring(a.mailbox).sp().nstring(a.host).byte(0x29);
}

function writeGroup(w: Writer, g: AddressGroup): void {
  w.ascii('(NIL NIL ').string(g.name).ascii(' NIL)');
  for (const m of g.members) {
    // A marker inside a group would end or restart it when read back.
    if (isMarker(m)) throw new ImapEncodeError('a group member cannot be a group marker (host NIL)');
    writeAddress(w, m);
  }
  w.ascii('(NIL NIL NIL NIL)');
}

/** Write an address list (`null` is NIL, `[]` the lenient empty list `()`). */
export function writeAddressList(w: Writer, list: readonly AddressItem[] | null): void {
  if (list === null) {
    w.ascii('NIL');
    return;
  }
  w.byte(LPAREN);
  for (const a of list) {
    if ((a as AddressGroup).type === 'group') writeGroup(w, a as AddressGroup);
    else writeAddress(w, a as Address);
  }
  w.byte(0x29);
}

/**
 * Write `envelope`.
 *
 * @example
 * writeEnvelope(w, envelope);
 */
export function writeEnvelope(w: Writer, e: Envelope): void {
  w.byte(LPAREN).nstring(e.date).sp().nstring(e.subject).sp();
  writeAddressList(w, e.from);
  w.sp();
  writeAddressList(w, e.sender);
  w.sp();
  writeAddressList(w, e.replyTo);
  w.sp();
  writeAddressList(w, e.to);
  w.sp();
  writeAddressList(w, e.cc);
  w.sp();
  writeAddressList(w, e.bcc);
  w.sp().nstring(e.inReplyTo).sp().nstring(e.messageId).byte(0x29);
}
