/**
 * The shape of a {@link Response} before it is written: one switch over
 * `type` per construct, checking the fields its writer reads (see
 * validate-common.ts for why).
 */
import type { Response } from '../model/response.js';
import { SIMPLE_RESP_CODES } from '../model/resp-code.js';
import {
  type O, fail, obj, str, optStr, nstr, num, optNum, nnum, big, bool, optBool, bytes, nbytes, oneOf, list, optList,
  nlist, strings, numbers, sub, sequenceSet, imapValue, dateTime, section, encodeError, at,
} from './validate-common.js';
import { isAtom } from '../wire/writer.js';

const UNKNOWN_ITEM = /^[^[\]]+(\[[^\]\r\n]*\](<[0-9.]+>)?)?$/;
const STATUSES: ReadonlySet<string> = new Set(['OK', 'NO', 'BAD']);
const SIMPLE_CODES: ReadonlySet<string> = new Set(SIMPLE_RESP_CODES);
const METADATA_NUMBER: ReadonlySet<string> = new Set(['LONGENTRIES', 'MAXSIZE']);
const STATUS_NUMBER: ReadonlySet<string> = new Set(['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED']);
const STATUS_BIG: ReadonlySet<string> = new Set(['SIZE', 'HIGHESTMODSEQ', 'DELETED-STORAGE']);

/**
 * Throw an `ImapEncodeError` naming the field when `value` is not shaped
 * like a {@link Response} (unknown `type`, a missing or ill-typed field).
 * Fields the model does not have are ignored.
 *
 * @example
 * validateResponse({ type: 'EXISTS', count: '3' }); // ImapEncodeError: EXISTS response: count: expected a number, found the string "3"
 */
export function validateResponse(value: unknown): asserts value is Response {
  let what = 'response';
  try {
    const r = obj(value, undefined, 'a response object');
    if (typeof r.type === 'string') what = `${r.type} response`;
    response(r);
  } catch (e) {
    throw encodeError(e, what);
  }
}

function respText(r: O): void {
  if (r.code !== undefined) sub(r.code, 'code', respCode);
  str(r.text, 'text');
}

function response(r: O): void {
  switch (r.type) {
    case 'tagged':
      str(r.tag, 'tag');
      oneOf(r.status, 'status', STATUSES, '"OK", "NO" or "BAD"');
      return respText(r);
    case 'continue':
    case 'OK':
    case 'NO':
    case 'BAD':
    case 'BYE':
    case 'PREAUTH':
      return respText(r);
    case 'CAPABILITY':
    case 'ENABLED':
      return strings(r.capabilities, 'capabilities');
    case 'FLAGS':
      return strings(r.flags, 'flags');
    case 'LIST':
    case 'LSUB':
      strings(r.attributes, 'attributes');
      nstr(r.delimiter, 'delimiter');
      str(r.mailbox, 'mailbox');
      return optList(r.extended, 'extended', listExtended);
    case 'STATUS':
      str(r.mailbox, 'mailbox');
      return list(r.items, 'items', statusItem);
    case 'SEARCH':
    case 'SORT':
      numbers(r.ids, 'ids');
      if (r.modseq !== undefined) big(r.modseq, 'modseq');
      return;
    case 'ESEARCH':
      optStr(r.tag, 'tag');
      bool(r.uid, 'uid');
      return list(r.items, 'items', esearchItem);
    case 'THREAD':
      return list(r.threads, 'threads', thread);
    case 'EXISTS':
    case 'RECENT':
      return num(r.count, 'count');
    case 'EXPUNGE':
      return num(r.seq, 'seq');
    case 'VANISHED':
      bool(r.earlier, 'earlier');
      return sequenceSet(r.uids, 'uids');
    case 'FETCH': {
      num(r.seq, 'seq');
      // The hot path of a server: the loop of `list` without its closure.
      const items = r.items;
      if (!Array.isArray(items)) fail('items', 'an array', items);
      for (let i = 0; i < items.length; i++) {
        try {
          fetchItem(items[i]);
        } catch (e) {
          throw at(e, 'items', i);
        }
      }
      return;
    }
    case 'NAMESPACE':
      nlist(r.personal, 'personal', namespace);
      nlist(r.other, 'other', namespace);
      return nlist(r.shared, 'shared', namespace);
    case 'ID':
      if (r.params !== null) {
        list(r.params, 'params', (p) => {
          if (!Array.isArray(p) || p.length !== 2) fail(undefined, 'a [field, value] pair', p);
          str(p[0], 0);
          nstr(p[1], 1);
        });
      }
      return;
    case 'QUOTA':
      str(r.root, 'root');
      return list(r.resources, 'resources', (x) => {
        const o = obj(x, undefined);
        str(o.name, 'name');
        big(o.usage, 'usage');
        big(o.limit, 'limit');
      });
    case 'QUOTAROOT':
      str(r.mailbox, 'mailbox');
      return strings(r.roots, 'roots');
    case 'ACL':
      str(r.mailbox, 'mailbox');
      return list(r.entries, 'entries', (x) => {
        const o = obj(x, undefined);
        str(o.identifier, 'identifier');
        str(o.rights, 'rights');
      });
    case 'LISTRIGHTS':
      str(r.mailbox, 'mailbox');
      str(r.identifier, 'identifier');
      str(r.required, 'required');
      return strings(r.optional, 'optional');
    case 'MYRIGHTS':
      str(r.mailbox, 'mailbox');
      return str(r.rights, 'rights');
    case 'METADATA':
      str(r.mailbox, 'mailbox');
      // The writer takes the values form when the value has `values`.
      if ('values' in r) {
        return list(r.values, 'values', (x) => {
          const o = obj(x, undefined);
          str(o.entry, 'entry');
          if (o.value !== null && typeof o.value !== 'string' && !(o.value instanceof Uint8Array)) fail('value', 'a string, a Uint8Array or null', o.value);
        });
      }
      return strings(r.entries, 'entries');
    case 'unknown':
      optNum(r.seq, 'seq');
      str(r.name, 'name');
      // A leading digit would read back as the sequence number.
      if ((r.name as string).length > 0 && (r.name as string).charCodeAt(0) <= 0x39 && (r.name as string).charCodeAt(0) >= 0x30) {
        fail('name', 'a name that does not start with a digit', r.name);
      }
      bytes(r.rest, 'rest');
      return restLines(r.rest as Uint8Array);
    default:
      fail('type', 'a response type (tagged, continue, OK, EXISTS, FETCH, ... or unknown)', r.type);
  }
}

/**
 * An unknown response's `rest` is written as it is, so it may end a line
 * only where a literal header `{n}` / `~{n}` (`+` allowed) introduces
 * `n` bytes of literal data: any other CR or LF would end the response
 * early and start another one.
 */
function restLines(b: Uint8Array): void {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x0d && c !== 0x0a) continue;
    let j = i - 1;
    if (c === 0x0d && b[i + 1] === 0x0a && b[j] === 0x7d) {
      j--;
      if (b[j] === 0x2b) j--;
      let n = 0;
      let digits = 0;
      let scale = 1;
      while (j >= 0 && b[j] >= 0x30 && b[j] <= 0x39) {
        n += (b[j] - 0x30) * scale;
        scale *= 10;
        digits++;
        j--;
      }
      if (digits > 0 && b[j] === 0x7b && i + 2 + n <= b.length) {
        i += 1 + n;
        continue;
      }
    }
    fail('rest', 'bytes without CR or LF outside literals', b);
  }
  // The line end written after it would complete a literal header at its end.
  let e = b.length - 1;
  if (b[e] === 0x7d) {
    e--;
    if (b[e] === 0x2b) e--;
    const last = e;
    while (e >= 0 && b[e] >= 0x30 && b[e] <= 0x39) e--;
    if (e < last && b[e] === 0x7b) fail('rest', 'bytes that do not end in a literal header', b);
  }
}

function respCode(v: unknown): void {
  const c = obj(v, undefined, 'a response code');
  const t = c.type;
  if (typeof t === 'string' && SIMPLE_CODES.has(t)) return;
  switch (t) {
    case 'BADCHARSET':
      if (c.charsets !== undefined) strings(c.charsets, 'charsets');
      return;
    case 'CAPABILITY':
      return strings(c.capabilities, 'capabilities');
    case 'PERMANENTFLAGS':
      return strings(c.flags, 'flags');
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
      return num(c.value, 'value');
    case 'APPENDUID':
      num(c.uidValidity, 'uidValidity');
      return sequenceSet(c.uids, 'uids');
    case 'COPYUID':
      num(c.uidValidity, 'uidValidity');
      sequenceSet(c.source, 'source');
      return sequenceSet(c.destination, 'destination');
    case 'HIGHESTMODSEQ':
      return big(c.value, 'value');
    case 'MODIFIED':
      return sequenceSet(c.set, 'set');
    case 'MAILBOXID':
      return str(c.id, 'id');
    case 'REFERRAL':
      return strings(c.urls, 'urls');
    case 'BADURL':
      return str(c.url, 'url');
    case 'METADATA':
      if (typeof c.kind === 'string' && METADATA_NUMBER.has(c.kind)) return num(c.value, 'value');
      if (c.kind === 'TOOMANY' || c.kind === 'NOPRIVATE') return;
      return fail('kind', 'LONGENTRIES, MAXSIZE, TOOMANY or NOPRIVATE', c.kind);
    case 'unknown':
      str(c.name, 'name');
      return optStr(c.text, 'text');
    default:
      fail('type', 'a response code type (ALERT, UIDNEXT, ... or unknown)', t);
  }
}

function listExtended(v: unknown): void {
  const o = obj(v, undefined);
  switch (o.type) {
    case 'CHILDINFO':
      // RFC 5258 §6: at least one option.
      strings(o.options, 'options');
      if ((o.options as string[]).length === 0) fail('options', 'at least one CHILDINFO option', o.options);
      return;
    case 'OLDNAME':
      return str(o.mailbox, 'mailbox');
    case 'unknown':
      str(o.tag, 'tag');
      return sub(o.value, 'value', imapValue);
    default:
      fail('type', 'CHILDINFO, OLDNAME or unknown', o.type);
  }
}

function statusItem(v: unknown): void {
  const o = obj(v, undefined);
  const t = o.type;
  if (typeof t === 'string' && STATUS_NUMBER.has(t)) return num(o.value, 'value');
  if (typeof t === 'string' && STATUS_BIG.has(t)) return big(o.value, 'value');
  if (t === 'APPENDLIMIT') return nnum(o.value, 'value');
  if (t === 'MAILBOXID') return str(o.value, 'value');
  if (t === 'unknown') {
    str(o.name, 'name');
    return sub(o.value, 'value', imapValue);
  }
  fail('type', 'a STATUS item type', t);
}

function esearchItem(v: unknown): void {
  const o = obj(v, undefined);
  switch (o.type) {
    case 'MIN':
    case 'MAX':
    case 'COUNT':
      return num(o.value, 'value');
    case 'ALL':
      return sequenceSet(o.set, 'set');
    case 'MODSEQ':
      return big(o.value, 'value');
    case 'unknown':
      str(o.name, 'name');
      return sub(o.value, 'value', imapValue);
    default:
      fail('type', 'MIN, MAX, COUNT, ALL, MODSEQ or unknown', o.type);
  }
}

function thread(v: unknown): void {
  const t = obj(v, undefined, 'a thread');
  numbers(t.ids, 'ids');
  list(t.children, 'children', thread);
}

function namespace(v: unknown): void {
  const n = obj(v, undefined);
  str(n.prefix, 'prefix');
  nstr(n.delimiter, 'delimiter');
  optList(n.extensions, 'extensions', (x) => {
    const o = obj(x, undefined);
    str(o.name, 'name');
    strings(o.values, 'values');
  });
}

function streamed(o: O): void {
  if (o.streamed === undefined) return;
  const s = obj(o.streamed, 'streamed');
  try {
    if (s.type !== 'streamed') fail('type', '"streamed"', s.type);
    num(s.id, 'id');
    num(s.length, 'length');
  } catch (e) {
    throw at(e, 'streamed');
  }
}

/** One `msg-att` item of a FETCH response. */
function fetchItem(v: unknown): void {
  const it = obj(v, undefined, 'a FETCH item');
  switch (it.type) {
    case 'FLAGS':
    case 'X-GM-LABELS':
      return strings(it.value, 'value');
    case 'INTERNALDATE':
      return sub(it.value, 'value', dateTime);
    case 'SAVEDATE':
      if (it.value !== null) sub(it.value, 'value', dateTime);
      return;
    case 'RFC822.SIZE':
    case 'UID':
      return num(it.value, 'value');
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      nbytes(it.value, 'value');
      return streamed(it);
    case 'ENVELOPE':
      return sub(it.value, 'value', envelope);
    case 'BODY':
    case 'BODYSTRUCTURE':
      return sub(it.value, 'value', body);
    case 'BODY[]':
      sub(it.section, 'section', section);
      optNum(it.origin, 'origin');
      nbytes(it.value, 'value');
      return streamed(it);
    case 'BINARY[]':
      numbers(it.part, 'part');
      optNum(it.origin, 'origin');
      nbytes(it.value, 'value');
      optBool(it.literal8, 'literal8');
      return streamed(it);
    case 'BINARY.SIZE':
      numbers(it.part, 'part');
      return num(it.value, 'value');
    case 'MODSEQ':
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      return big(it.value, 'value');
    case 'EMAILID':
      return str(it.value, 'value');
    case 'THREADID':
    case 'PREVIEW':
      return nstr(it.value, 'value');
    case 'unknown':
      str(it.name, 'name');
      // Read back as ATOM-CHARs up to "[", then the bracketed rest.
      if (!UNKNOWN_ITEM.test(it.name as string) || !isAtom((it.name as string).split('[')[0])) fail('name', 'an atom, maybe with [...] and <...>', it.name);
      return sub(it.value, 'value', imapValue);
    default:
      fail('type', 'a FETCH item type (FLAGS, UID, BODY[], ENVELOPE, ... or unknown)', it.type);
  }
}

function address(v: unknown): void {
  const a = obj(v, undefined, 'an address');
  if (a.type === 'group') {
    str(a.name, 'name');
    return list(a.members, 'members', address);
  }
  nstr(a.name, 'name');
  nstr(a.adl, 'adl');
  nstr(a.mailbox, 'mailbox');
  nstr(a.host, 'host');
}

function envelope(v: unknown): void {
  const e = obj(v, undefined, 'an envelope');
  nstr(e.date, 'date');
  nstr(e.subject, 'subject');
  nlist(e.from, 'from', address);
  nlist(e.sender, 'sender', address);
  nlist(e.replyTo, 'replyTo', address);
  nlist(e.to, 'to', address);
  nlist(e.cc, 'cc', address);
  nlist(e.bcc, 'bcc', address);
  nstr(e.inReplyTo, 'inReplyTo');
  nstr(e.messageId, 'messageId');
}

function params(v: unknown, key: string): void {
  nlist(v, key, (p) => {
    if (!Array.isArray(p) || p.length !== 2) fail(undefined, 'a [name, value] pair', p);
    str(p[0], 0);
    nstr(p[1], 1);
  });
}

function extension(b: O): void {
  if (b.disposition !== undefined && b.disposition !== null) {
    const d = obj(b.disposition, 'disposition');
    try {
      nstr(d.type, 'type');
      params(d.params, 'params');
      optBool(d.bare, 'bare');
    } catch (e) {
      throw at(e, 'disposition');
    }
  }
  const l = b.language;
  if (l !== undefined && l !== null && typeof l !== 'string') strings(l, 'language');
  if (b.location !== undefined) nstr(b.location, 'location');
  optList(b.extensions, 'extensions', imapValue);
}

/** `body` (BODY / BODYSTRUCTURE), recursively. */
function body(v: unknown): void {
  const b = obj(v, undefined, 'a body structure');
  if (b.type === 'multipart') {
    list(b.parts, 'parts', body);
    str(b.subtype, 'subtype');
    if (b.params !== undefined) params(b.params, 'params');
    return extension(b);
  }
  if (b.type !== 'basic' && b.type !== 'text' && b.type !== 'message') fail('type', 'basic, text, message or multipart', b.type);
  str(b.mediaType, 'mediaType');
  str(b.subtype, 'subtype');
  params(b.params, 'params');
  nstr(b.id, 'id');
  nstr(b.description, 'description');
  nstr(b.encoding, 'encoding');
  nnum(b.size, 'size');
  if (b.type === 'text') nnum(b.lines, 'lines');
  else if (b.type === 'message') {
    sub(b.envelope, 'envelope', envelope);
    sub(b.body, 'body', body);
    nnum(b.lines, 'lines');
  }
  if (b.md5 !== undefined) nstr(b.md5, 'md5');
  extension(b);
}
