import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Address, AddressGroup, AddressItem, Envelope } from '../model/envelope.js';
import { LPAREN, RPAREN, LBRACE, LF, SP } from '../wire/chars.js';
import { HASH_SEED, hashStep } from '../util/text.js';
import { ImapEncodeError } from '../wire/errors.js';

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
  const b = r.bytes;
  const start = r.pos;
  // The same addresses recur on every line of a mailbox (the senders, the
  // owner in To): an address whose bytes, "(" to the first ")", were read
  // before without a quirk is taken from the cache below, for one scan and
  // one compare instead of four nstrings. Same bytes read the same way:
  // nothing an address reads lies past its ")" or depends on more than the
  // mode, and a quirk-free reading is one every mode gives. A literal
  // ("{") is left to the general path (its data may hold a ")").
  const limit = start + ADDRESS_MAX < r.end ? start + ADDRESS_MAX : r.end;
  let p = start + 1;
  while (p < limit) {
    const c = b[p];
    if (c === RPAREN || c === LBRACE || c === LF) break;
    p++;
  }
  if (p >= limit || b[p] !== RPAREN || b[start] !== LPAREN || r.depth >= r.maxDepth) return readAddressBytes(r);
  const n = p + 1 - start;
  let h = HASH_SEED;
  let k = start + 1;
  for (; k + 4 <= p; k += 4) h = hashStep(h, b[k] | (b[k + 1] << 8) | (b[k + 2] << 16) | (b[k + 3] << 24));
  for (; k < p; k++) h = hashStep(h, b[k]);
  const slot = hashStep(h, n) >>> (32 - ADDRESS_BITS);
  const at = slot * ADDRESS_MAX;
  if (addressLen[slot] === n) {
    let i = 1;
    while (i < n && addressPool[at + i] === b[start + i]) i++;
    if (i === n) {
      r.pos = p + 1;
      const v = slot * 4;
      return { name: addressText[v], adl: addressText[v + 1], mailbox: addressText[v + 2], host: addressText[v + 3] };
    }
  }
  const quirks = r.warnings?.length ?? 0;
  const a = readAddressBytes(r);
  if (r.pos === p + 1 && (r.warnings?.length ?? 0) === quirks) {
    for (let i = 0; i < n; i++) addressPool[at + i] = b[start + i];
    addressLen[slot] = n;
    const v = slot * 4;
    addressText[v] = a.name;
    addressText[v + 1] = a.adl;
    addressText[v + 2] = a.mailbox;
    addressText[v + 3] = a.host;
  }
  return a;
}

/** The longest address (its bytes, parentheses included) {@link readAddress} caches. */
const ADDRESS_MAX = 128;
const ADDRESS_BITS = 10;
/** Per slot: the address's bytes, their number (0: empty slot), its four fields. */
const addressPool = new Uint8Array((1 << ADDRESS_BITS) * ADDRESS_MAX);
const addressLen = new Uint8Array(1 << ADDRESS_BITS);
const addressText: (string | null)[] = new Array<string | null>(4 << ADDRESS_BITS).fill(null);

/** `address` read field by field. */
function readAddressBytes(r: Reader): Address {
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
