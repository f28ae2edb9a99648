import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Greeting, Response, UnknownResponse, VanishedResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { CLASS, ATOM, TAG, DIGIT, SP, CR, LF, PLUS, STAR, LPAREN } from '../wire/chars.js';
import { readMsgAtt, writeMsgAtt } from './fetch-response.js';
import { upperAscii, Interner } from '../util/text.js';
import { readFlagList, writeFlagList } from './flags.js';
import { readStatusText, writeStatusText, readRespText, writeRespText, readUidSet } from './resp-text.js';
import { readCapabilityData, writeCapabilityData } from './capability.js';
import { readMailboxList, writeMailboxList } from './list.js';
import { readStatusResponse, writeStatusResponse } from './status.js';
import { readSearchResponse, writeSearchResponse } from './search-response.js';
import { readEsearchResponse, writeEsearchResponse } from './esearch.js';
import { readThreadResponse, writeThreadResponse } from './thread.js';
import { readNamespaceResponse, writeNamespaceResponse } from './namespace.js';
import { readIdResponse, writeIdResponse } from './id.js';
import { readQuotaResponse, readQuotaRootResponse, writeQuotaResponse, writeQuotaRootResponse } from './quota.js';
import { readAclResponse, readListRightsResponse, readMyRightsResponse, writeAclResponse, writeListRightsResponse, writeMyRightsResponse } from './acl.js';
import { readMetadataResponse, writeMetadataResponse } from './metadata.js';

/**
 * `response` (one frame): a continuation request, an untagged response
 * or a tagged completion, CRLF included (RFC 9051 §7, §9; RFC 3501 §7).
 *
 * @example
 * readResponse(new Reader(new TextEncoder().encode('* 3 EXISTS\r\n'))) // { type: 'EXISTS', count: 3 }
 */
export function readResponse(r: Reader): Response {
  const c = r.peek();
  let out: Response;
  if (c === PLUS) {
    r.pos++;
    r.tagValue = '+';
    out = readContinue(r);
  } else if (c === STAR) {
    r.pos++;
    r.tagValue = '*';
    r.sp();
    if (r.peek() === SP) {
      r.quirk('double-space', 'a response after "* "');
      while (r.peek() === SP) r.pos++;
    }
    out = readUntagged(r);
  } else {
    const tag = r.tag();
    r.sp();
    const at = r.pos;
    const word = upperAscii(r.atom());
    if (word !== 'OK' && word !== 'NO' && word !== 'BAD') throw r.error('OK, NO or BAD', at);
    out = { type: 'tagged', tag, status: word, ...readStatusText(r) };
  }
  r.crlf();
  return out;
}

/**
 * `greeting` (RFC 9051 §7.1): `* OK`, `* PREAUTH` or `* BYE`.
 *
 * @example
 * readGreeting(new Reader(new TextEncoder().encode('* OK IMAP4rev2 ready\r\n'))) // { type: 'OK', text: 'IMAP4rev2 ready' }
 */
export function readGreeting(r: Reader): Greeting {
  const at = r.pos;
  const v = readResponse(r);
  if (v.type === 'OK' || v.type === 'PREAUTH' || v.type === 'BYE') return v as Greeting;
  throw r.error('a greeting (* OK, * PREAUTH or * BYE)', at);
}

/** `continue-req` after "+": SP (resp-text / base64). A bare "+" is a lenient quirk. */
function readContinue(r: Reader): Response {
  const c = r.peek();
  if (c === CR || c === LF) {
    r.quirk('bare-continuation', 'SP after "+"');
    return { type: 'continue', text: '' };
  }
  r.sp();
  const d = r.peek();
  if (d === CR || d === LF) return { type: 'continue', text: '' };
  return { type: 'continue', ...readRespText(r) };
}

/** Response names after a number, matched on bytes (any case) without decoding. */
const NUMBERED_NAMES = new Interner(['EXISTS', 'RECENT', 'EXPUNGE', 'FETCH'], true);

/** Response names without a number (RFC 9051 §7 and the extensions read below). */
const UNTAGGED_NAMES = new Interner(
  [
    'OK', 'NO', 'BAD', 'BYE', 'PREAUTH', 'CAPABILITY', 'ENABLED', 'FLAGS', 'LIST', 'LSUB', 'STATUS', 'SEARCH', 'SORT',
    'ESEARCH', 'THREAD', 'NAMESPACE', 'ID', 'QUOTA', 'QUOTAROOT', 'ACL', 'LISTRIGHTS', 'MYRIGHTS', 'METADATA', 'VANISHED',
  ],
  true,
);

/**
 * The canonical (upper-case) name when the atom at the cursor is one of
 * `names`, the cursor then past it; else undefined and the cursor unmoved.
 * This saves decoding and upper-casing the name on every line; other
 * atoms (and 8-bit bytes, a lenient-mode quirk) go through `Reader.atom`.
 */
function knownName(r: Reader, names: Interner): string | undefined {
  const known = names.matchPrefix(r.bytes, r.pos, r.end, NAME_ENDS);
  if (known !== undefined) r.pos += known.length;
  return known;
}

/** Bytes that end a response name: not atom chars, and not 8-bit (which lenient `atom` would take in). */
const NAME_ENDS = new Uint8Array(256);
for (let c = 0; c < 256; c++) NAME_ENDS[c] = (CLASS[c] & ATOM) === 0 && c < 0x80 ? 1 : 0;

function readUntagged(r: Reader): Response {
  if ((CLASS[r.peek() & 0xff] & DIGIT) !== 0 && r.peek() >= 0) {
    const at = r.pos;
    const n = r.number();
    r.sp();
    const known = knownName(r, NUMBERED_NAMES);
    const name = known ?? r.atom();
    switch (known ?? upperAscii(name)) {
      case 'EXISTS':
        return { type: 'EXISTS', count: n };
      case 'RECENT':
        return { type: 'RECENT', count: n };
      case 'EXPUNGE':
        if (n === 0) throw r.error('nz-number', at);
        return { type: 'EXPUNGE', seq: n };
      case 'FETCH':
        if (n === 0) throw r.error('nz-number', at);
        r.sp();
        return { type: 'FETCH', seq: n, items: readMsgAtt(r) };
      default:
        return readUnknown(r, name, n);
    }
  }
  const known = knownName(r, UNTAGGED_NAMES);
  const name = known ?? r.atom();
  const upper = known ?? upperAscii(name);
  switch (upper) {
    case 'OK':
    case 'NO':
    case 'BAD':
    case 'BYE':
    case 'PREAUTH':
      return { type: upper, ...readStatusText(r) };
    case 'CAPABILITY':
    case 'ENABLED':
      return readCapabilityData(r, upper);
    case 'FLAGS':
      r.sp();
      return { type: 'FLAGS', flags: readFlagList(r) };
    case 'LIST':
    case 'LSUB':
      return readMailboxList(r, upper);
    case 'STATUS':
      return readStatusResponse(r);
    case 'SEARCH':
    case 'SORT':
      return readSearchResponse(r, upper);
    case 'ESEARCH':
      return readEsearchResponse(r);
    case 'THREAD':
      return readThreadResponse(r);
    case 'NAMESPACE':
      return readNamespaceResponse(r);
    case 'ID':
      return readIdResponse(r);
    case 'QUOTA':
      return readQuotaResponse(r);
    case 'QUOTAROOT':
      return readQuotaRootResponse(r);
    case 'ACL':
      return readAclResponse(r);
    case 'LISTRIGHTS':
      return readListRightsResponse(r);
    case 'MYRIGHTS':
      return readMyRightsResponse(r);
    case 'METADATA':
      return readMetadataResponse(r);
    case 'VANISHED':
      return readVanished(r);
    default:
      return readUnknown(r, name);
  }
}

/** `"VANISHED" [SP "(EARLIER)"] SP known-uids` (RFC 7162 §3.2.10). */
function readVanished(r: Reader): VanishedResponse {
  r.sp();
  let earlier = false;
  if (r.peek() === LPAREN) {
    r.open();
    r.word('EARLIER');
    r.close();
    r.sp();
    earlier = true;
  }
  return { type: 'VANISHED', earlier, uids: readUidSet(r) };
}

/** Keep everything after the name up to the final line end, byte for byte. */
function readUnknown(r: Reader, name: string, seq?: number): UnknownResponse {
  const b = r.bytes;
  // The name is a whole atom: what follows is SP or the line end.
  if (!r.atLineEnd() && r.peek() !== SP) throw r.error('SP or CRLF after the response name');
  let p = r.end;
  if (p > r.pos && b[p - 1] === LF) {
    p--;
    if (p > r.pos && b[p - 1] === CR) p--;
  }
  const rest = b.subarray(r.pos, p);
  r.pos = p;
  const out: UnknownResponse = { type: 'unknown', name, rest };
  if (seq !== undefined) out.seq = seq;
  return out;
}

/**
 * Write one response, CRLF included. Strings pick atom / quoted / literal by themselves.
 *
 * @example
 * const w = new Writer({ side: 'server' }); writeResponse(w, { type: 'EXISTS', count: 3 }); w.toBytes();
 */
export function writeResponse(w: Writer, v: Response): void {
  switch (v.type) {
    case 'tagged':
      w.atom(v.tag, TAG).sp().ascii(v.status);
      writeStatusText(w, v);
      break;
    case 'continue':
      w.byte(PLUS).sp();
      writeRespText(w, v);
      break;
    case 'OK':
    case 'NO':
    case 'BAD':
    case 'BYE':
    case 'PREAUTH':
      w.ascii('* ').ascii(v.type);
      writeStatusText(w, v);
      break;
    case 'CAPABILITY':
    case 'ENABLED':
      w.ascii('* ');
      writeCapabilityData(w, v);
      break;
    case 'FLAGS':
      w.ascii('* FLAGS ');
      writeFlagList(w, v.flags);
      break;
    case 'LIST':
    case 'LSUB':
      w.ascii('* ');
      writeMailboxList(w, v);
      break;
    case 'STATUS':
      w.ascii('* ');
      writeStatusResponse(w, v);
      break;
    case 'SEARCH':
    case 'SORT':
      w.ascii('* ');
      writeSearchResponse(w, v);
      break;
    case 'ESEARCH':
      w.ascii('* ');
      writeEsearchResponse(w, v);
      break;
    case 'THREAD':
      w.ascii('* ');
      writeThreadResponse(w, v);
      break;
    case 'EXISTS':
    case 'RECENT':
      w.ascii('* ').number(v.count).sp().ascii(v.type);
      break;
    case 'EXPUNGE':
      w.ascii('* ').nzNumber(v.seq).ascii(' EXPUNGE');
      break;
    case 'VANISHED':
      w.ascii(v.earlier ? '* VANISHED (EARLIER) ' : '* VANISHED ').sequenceSet(v.uids);
      break;
    case 'FETCH':
      w.ascii('* ').nzNumber(v.seq).ascii(' FETCH ');
      writeMsgAtt(w, v.items);
      break;
    case 'NAMESPACE':
      w.ascii('* ');
      writeNamespaceResponse(w, v);
      break;
    case 'ID':
      w.ascii('* ');
      writeIdResponse(w, v);
      break;
    case 'QUOTA':
      w.ascii('* ');
      writeQuotaResponse(w, v);
      break;
    case 'QUOTAROOT':
      w.ascii('* ');
      writeQuotaRootResponse(w, v);
      break;
    case 'ACL':
      w.ascii('* ');
      writeAclResponse(w, v);
      break;
    case 'LISTRIGHTS':
      w.ascii('* ');
      writeListRightsResponse(w, v);
      break;
    case 'MYRIGHTS':
      w.ascii('* ');
      writeMyRightsResponse(w, v);
      break;
    case 'METADATA':
      w.ascii('* ');
      writeMetadataResponse(w, v);
      break;
    case 'unknown':
      writeUnknown(w, v);
      break;
    default:
      throw new ImapEncodeError(`unknown response type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
  w.crlf();
}

function writeUnknown(w: Writer, v: UnknownResponse): void {
  w.ascii('* ');
  if (v.seq !== undefined) w.number(v.seq).sp();
  w.atom(v.name);
  const rest = v.rest;
  if (rest.length > 0) {
    const c = rest[0];
    if ((CLASS[c] & ATOM) !== 0 || c >= 0x80) throw new ImapEncodeError('an unknown response\'s rest must not continue its name');
  }
  w.raw(rest);
}

