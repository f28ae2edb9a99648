import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Greeting, Response, UnknownResponse, VanishedResponse } from '../model/response.js';
import { ImapEncodeError } from '../wire/errors.js';
import { CLASS, ATOM, TAG, DIGIT, SP, CR, LF, PLUS, STAR, LPAREN } from '../wire/chars.js';
import { readMsgAtt, writeMsgAtt } from './fetch-response.js';
import { upperAscii, Interner } from '../util/text.js';
import { readFlagList, writeFlagList } from './flags.js';
import { readStatusTextParts, readRespTextParts, partText, writeStatusText, writeRespText, readUidSet } from './resp-text.js';
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
    r.rule = 'response-tagged';
    const word = stateWord(r) ?? knownName(r, STATUS_NAMES) ?? upperAscii(r.atom());
    if (word !== 'OK' && word !== 'NO' && word !== 'BAD') {
      const head = word.slice(0, 3);
      const status = head === 'BAD' ? 'BAD' : word.slice(0, 2);
      if ((status === 'OK' || status === 'NO' || status === 'BAD') && word.charCodeAt(status.length) === 0x5b) {
        throw r.error(`SP after ${status}`, at + status.length, 'syntax', 'resp-cond-state');
      }
      throw r.error('OK, NO or BAD', at, 'syntax', 'resp-cond-state');
    }
    // Built in one object, keys in the order readStatusText's spread gave.
    const code = readStatusTextParts(r);
    out = code === undefined ? { type: 'tagged', tag, status: word, text: partText } : { type: 'tagged', tag, status: word, code, text: partText };
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
  const code = readRespTextParts(r);
  return code === undefined ? { type: 'continue', text: partText } : { type: 'continue', code, text: partText };
}

/** Response names after a number, matched on bytes (any case) without decoding. */
const NUMBERED_LIST = ['EXISTS', 'RECENT', 'EXPUNGE', 'FETCH'];
const NUMBERED_NAMES = new Interner(NUMBERED_LIST, true);

/** Response names without a number (RFC 9051 §7 and the extensions read below). */
const UNTAGGED_LIST = [
    'OK', 'NO', 'BAD', 'BYE', 'PREAUTH', 'CAPABILITY', 'ENABLED', 'FLAGS', 'LIST', 'LSUB', 'STATUS', 'SEARCH', 'SORT',
    'ESEARCH', 'THREAD', 'NAMESPACE', 'ID', 'QUOTA', 'QUOTAROOT', 'ACL', 'LISTRIGHTS', 'MYRIGHTS', 'METADATA', 'VANISHED',
];
const UNTAGGED_NAMES = new Interner(UNTAGGED_LIST, true);
/** The states of a tagged response (`resp-cond-state`). */
const STATUS_NAMES = new Interner(['OK', 'NO', 'BAD'], true);
/** Every response name some rule here reads, for telling a misshapen known response from an unknown one. */
const KNOWN = new Set([...NUMBERED_LIST, ...UNTAGGED_LIST]);

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

/**
 * `OK`, `NO` or `BAD` in upper case and then SP (nearly every tagged
 * response), read straight off the bytes, the cursor then past the word;
 * else undefined and the cursor unmoved (the caller's general path reads
 * the word in any case and reports what is wrong).
 */
function stateWord(r: Reader): string | undefined {
  const b = r.bytes;
  const p = r.pos;
  if (p + 3 >= r.end) return undefined;
  const c0 = b[p];
  if (c0 === 0x4f && b[p + 1] === 0x4b && b[p + 2] === SP) {
    r.pos = p + 2;
    return 'OK';
  }
  if (c0 === 0x4e && b[p + 1] === 0x4f && b[p + 2] === SP) {
    r.pos = p + 2;
    return 'NO';
  }
  if (c0 === 0x42 && b[p + 1] === 0x41 && b[p + 2] === 0x44 && b[p + 3] === SP) {
    r.pos = p + 3;
    return 'BAD';
  }
  return undefined;
}

/**
 * `OK`, `NO`, `BAD`, `BYE` or `PREAUTH` in upper case and then SP (the
 * untagged status responses as servers write them), read straight off
 * the bytes like {@link stateWord}, the cursor then past the word; else
 * undefined and the cursor unmoved (the name is then read as any other).
 */
function statusWord(r: Reader): 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH' | undefined {
  const b = r.bytes;
  const p = r.pos;
  const end = r.end;
  switch (b[p]) {
    case 0x4f: // O
      if (p + 2 < end && b[p + 1] === 0x4b && b[p + 2] === SP) {
        r.pos = p + 2;
        return 'OK';
      }
      return undefined;
    case 0x4e: // N
      if (p + 2 < end && b[p + 1] === 0x4f && b[p + 2] === SP) {
        r.pos = p + 2;
        return 'NO';
      }
      return undefined;
    case 0x42: // B
      if (p + 3 < end && b[p + 3] === SP) {
        const c1 = b[p + 1];
        const c2 = b[p + 2];
        if (c1 === 0x59 && c2 === 0x45) {
          r.pos = p + 3;
          return 'BYE';
        }
        if (c1 === 0x41 && c2 === 0x44) {
          r.pos = p + 3;
          return 'BAD';
        }
      }
      return undefined;
    case 0x50: // P
      if (p + 7 < end && b[p + 7] === SP && b[p + 1] === 0x52 && b[p + 2] === 0x45 && b[p + 3] === 0x41 && b[p + 4] === 0x55 && b[p + 5] === 0x54 && b[p + 6] === 0x48) {
        r.pos = p + 7;
        return 'PREAUTH';
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A message number of EXPUNGE / FETCH: nz-number, leading zeros a quirk. */
function checkNz(r: Reader, n: number, at: number): void {
  if (n === 0) throw r.error('nz-number', at);
  if (r.bytes[at] === 0x30) r.quirk('number-leading-zero', 'nz-number', at);
}

function readUntagged(r: Reader): Response {
  r.rule = 'response-data';
  const c0 = r.peek();
  if ((CLASS[c0 & 0xff] & DIGIT) !== 0 && c0 >= 0) {
    const at = r.pos;
    const n = r.number();
    r.sp();
    const nameAt = r.pos;
    const known = knownName(r, NUMBERED_NAMES);
    const name = known ?? r.atom();
    const upper = known ?? upperAscii(name);
    switch (upper) {
      case 'EXISTS':
        return { type: 'EXISTS', count: n };
      case 'RECENT':
        return { type: 'RECENT', count: n };
      case 'EXPUNGE':
        checkNz(r, n, at);
        return { type: 'EXPUNGE', seq: n };
      case 'FETCH':
        checkNz(r, n, at);
        r.rule = 'msg-att';
        r.sp();
        return { type: 'FETCH', seq: n, items: readMsgAtt(r) };
      default:
        if (KNOWN.has(upper) || knownPrefix(upper) !== undefined) {
          throw r.error('EXISTS, RECENT, EXPUNGE or FETCH after a number', nameAt, 'syntax', 'message-data');
        }
        return readUnknown(r, name, nameAt, n);
    }
  }
  // A sign is no name: `* -1 EXISTS` is a number out of range, in both modes.
  if (c0 === 0x2d && (CLASS[r.peekAt(1) & 0xff] & DIGIT) !== 0) throw r.error('number', r.pos, 'syntax', 'number');
  const status = statusWord(r);
  if (status !== undefined) {
    const code = readStatusTextParts(r);
    return code === undefined ? { type: status, text: partText } : { type: status, code, text: partText };
  }
  const nameAt = r.pos;
  const known = knownName(r, UNTAGGED_NAMES);
  const name = known ?? r.atom();
  const upper = known ?? upperAscii(name);
  switch (upper) {
    case 'EXISTS':
    case 'RECENT':
    case 'EXPUNGE':
    case 'FETCH':
      throw r.error(`a number before ${upper}`, nameAt, 'syntax', upper === 'EXISTS' || upper === 'RECENT' ? 'mailbox-data' : 'message-data');
    case 'OK':
    case 'NO':
    case 'BAD':
    case 'BYE':
    case 'PREAUTH':
    {
      const code = readStatusTextParts(r);
      return code === undefined ? { type: upper, text: partText } : { type: upper, code, text: partText };
    }
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
    default: {
      const prefix = knownPrefix(upper);
      if (prefix !== undefined) throw r.error(`SP after ${prefix}`, nameAt + prefix.length, 'syntax', 'response-data');
      return readUnknown(r, name, nameAt);
    }
  }
}

/** A known name glued to "[" (`PREAUTH[CAPABILITY ...`, `OK[ALERT]`): the name, else undefined. */
function knownPrefix(upper: string): string | undefined {
  const k = upper.indexOf('[');
  if (k <= 0) return undefined;
  const head = upper.slice(0, k);
  return KNOWN.has(head) ? head : undefined;
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

/**
 * Keep everything after the name up to the final line end, byte for
 * byte. No ABNF derives it: a warning, or in strict mode an `unknown`
 * error unless `allowUnknown` lets the name through.
 */
function readUnknown(r: Reader, name: string, at: number, seq?: number): UnknownResponse {
  r.unknownName('unknown-response', name, at, 'response-data');
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

