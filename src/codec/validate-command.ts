/**
 * The shape of a {@link Command} before it is written: one switch over
 * `type`, checking the fields the command's writer reads (see
 * validate-common.ts for why).
 */
import type { Command } from '../model/command.js';
import {
  type O, fail, obj, str, optStr, nstr, num, optNum, big, bool, optBool, bytes, nbytes, oneOf, list, optList,
  strings, numbers, sub, sequenceSet, imapValue, optImapValue, extParam, date, dateTime, section, encodeError, at,
} from './validate-common.js';
import { isAtom } from '../wire/writer.js';

const SIMPLE: ReadonlySet<string> = new Set([
  'CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'NAMESPACE', 'IDLE', 'CHECK', 'CLOSE', 'UNSELECT', 'EXPUNGE', 'UNAUTHENTICATE',
]);
const ONE_MAILBOX: ReadonlySet<string> = new Set(['DELETE', 'SUBSCRIBE', 'UNSUBSCRIBE', 'GETQUOTAROOT', 'GETACL', 'MYRIGHTS']);
const ACTIONS: ReadonlySet<string> = new Set(['set', 'add', 'remove']);
const DEPTHS: ReadonlySet<string> = new Set(['0', '1', 'infinity']);
const MACROS: ReadonlySet<string> = new Set(['ALL', 'FAST', 'FULL']);
const LIST_RETURN_SIMPLE: ReadonlySet<string> = new Set(['SUBSCRIBED', 'CHILDREN', 'SPECIAL-USE', 'MYRIGHTS']);
const ENTRY_TYPES: ReadonlySet<string> = new Set(['priv', 'shared', 'all']);
const FLAG_KEYS: ReadonlySet<string> = new Set([
  'ALL', 'ANSWERED', 'DELETED', 'DRAFT', 'FLAGGED', 'NEW', 'OLD', 'RECENT', 'SEEN', 'UNANSWERED', 'UNDELETED', 'UNDRAFT',
  'UNFLAGGED', 'UNSEEN', 'SAVEDATESUPPORTED',
]);
const STRING_KEYS: ReadonlySet<string> = new Set(['BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO', 'X-GM-RAW', 'X-GM-LABELS']);
const DATE_KEYS: ReadonlySet<string> = new Set(['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SAVEDBEFORE', 'SAVEDON', 'SAVEDSINCE']);
const UNKNOWN_ATT = /^[^[\]]+(\[[^\]\r\n]*\](<[0-9.]+>)?)?$/;
const SIMPLE_ATTS: ReadonlySet<string> = new Set([
  'ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY', 'BODYSTRUCTURE', 'UID',
  'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'X-GM-MSGID', 'X-GM-THRID', 'X-GM-LABELS',
]);

/**
 * Throw an `ImapEncodeError` naming the field when `value` is not shaped
 * like a {@link Command} (unknown `type`, a missing or ill-typed field).
 * Fields the model does not have are ignored.
 *
 * @example
 * validateCommand({ tag: 'A7', type: 'select' }); // ImapEncodeError: command: type: expected a command type, found the string "select"
 */
export function validateCommand(value: unknown): asserts value is Command {
  let what = 'command';
  try {
    const c = obj(value, undefined, 'a command object');
    if (typeof c.type === 'string') what = `${c.type} command`;
    if (typeof c.tag !== 'string') fail('tag', 'a tag string (or the tag option)', c.tag);
    body(c);
  } catch (e) {
    throw encodeError(e, what);
  }
}

function body(c: O): void {
  const t = c.type;
  if (typeof t === 'string' && SIMPLE.has(t)) return;
  if (typeof t === 'string' && ONE_MAILBOX.has(t)) return str(c.mailbox, 'mailbox');
  switch (t) {
    case 'ID':
      if (c.params !== null) {
        list(c.params, 'params', (p) => {
          if (!Array.isArray(p) || p.length !== 2) fail(undefined, 'a [field, value] pair', p);
          str(p[0], 0);
          nstr(p[1], 1);
        });
      }
      return;
    case 'ENABLE':
      return strings(c.capabilities, 'capabilities');
    case 'COMPRESS':
      return str(c.mechanism, 'mechanism');
    case 'LOGIN':
      str(c.userid, 'userid');
      return str(c.password, 'password');
    case 'AUTHENTICATE':
      str(c.mechanism, 'mechanism');
      if (c.initialResponse !== undefined) bytes(c.initialResponse, 'initialResponse');
      return;
    case 'SELECT':
    case 'EXAMINE':
      str(c.mailbox, 'mailbox');
      return optList(c.params, 'params', selectParam);
    case 'CREATE':
      str(c.mailbox, 'mailbox');
      return optList(c.params, 'params', createParam);
    case 'RENAME':
      str(c.from, 'from');
      str(c.to, 'to');
      return optList(c.params, 'params', (p) => extParam(obj(p, undefined)));
    case 'LIST':
      optList(c.selection, 'selection', (p) => extParam(obj(p, undefined)));
      str(c.reference, 'reference');
      strings(c.patterns, 'patterns');
      return optList(c.return, 'return', listReturn);
    case 'LSUB':
      str(c.reference, 'reference');
      return str(c.pattern, 'pattern');
    case 'STATUS':
      str(c.mailbox, 'mailbox');
      return strings(c.items, 'items');
    case 'APPEND':
      str(c.mailbox, 'mailbox');
      return list(c.messages, 'messages', appendMessage);
    case 'GETQUOTA':
      return str(c.root, 'root');
    case 'SETQUOTA':
      str(c.root, 'root');
      return list(c.limits, 'limits', (l) => {
        const o = obj(l, undefined);
        str(o.resource, 'resource');
        big(o.limit, 'limit');
      });
    case 'SETACL':
      str(c.mailbox, 'mailbox');
      str(c.identifier, 'identifier');
      return str(c.rights, 'rights');
    case 'DELETEACL':
    case 'LISTRIGHTS':
      str(c.mailbox, 'mailbox');
      return str(c.identifier, 'identifier');
    case 'GETMETADATA':
      if (c.options !== undefined) sub(c.options, 'options', metadataOptions);
      str(c.mailbox, 'mailbox');
      return strings(c.entries, 'entries');
    case 'SETMETADATA':
      str(c.mailbox, 'mailbox');
      return list(c.entries, 'entries', (x) => {
        const o = obj(x, undefined);
        str(o.entry, 'entry');
        nbytes(o.value, 'value');
      });
    case 'UID EXPUNGE':
      return sequenceSet(c.set, 'set');
    case 'SEARCH':
      bool(c.uid, 'uid');
      optList(c.return, 'return', searchReturn);
      optStr(c.charset, 'charset');
      return list(c.criteria, 'criteria', searchKey);
    case 'FETCH':
      bool(c.uid, 'uid');
      sequenceSet(c.set, 'set');
      if (typeof c.items === 'string') oneOf(c.items, 'items', MACROS, 'ALL, FAST, FULL or an array of FETCH items');
      else list(c.items, 'items', fetchAtt);
      return optList(c.modifiers, 'modifiers', fetchModifier);
    case 'STORE':
      bool(c.uid, 'uid');
      sequenceSet(c.set, 'set');
      optList(c.modifiers, 'modifiers', storeModifier);
      oneOf(c.action, 'action', ACTIONS, '"set", "add" or "remove"');
      bool(c.silent, 'silent');
      // The writer takes the X-GM-LABELS form when the value has `labels`.
      if ('labels' in c) return strings(c.labels, 'labels');
      return strings(c.flags, 'flags');
    case 'COPY':
    case 'MOVE':
      bool(c.uid, 'uid');
      sequenceSet(c.set, 'set');
      return str(c.mailbox, 'mailbox');
    case 'SORT':
      bool(c.uid, 'uid');
      optList(c.return, 'return', searchReturn);
      list(c.criteria, 'criteria', (x) => {
        const o = obj(x, undefined);
        str(o.key, 'key');
        // The reader upper-cases sort keys (RFC 5256 §3: case-insensitive).
        if ((o.key as string).toUpperCase() !== o.key) fail('key', 'an upper-case sort key', o.key);
        bool(o.reverse, 'reverse');
      });
      str(c.charset, 'charset');
      return list(c.search, 'search', searchKey);
    case 'THREAD':
      bool(c.uid, 'uid');
      str(c.algorithm, 'algorithm');
      str(c.charset, 'charset');
      return list(c.search, 'search', searchKey);
    case 'unknown':
      str(c.name, 'name');
      return list(c.args, 'args', imapValue);
    default:
      fail('type', 'a command type (NOOP, LOGIN, SELECT, FETCH, ... or unknown)', t);
  }
}

function selectParam(v: unknown): void {
  const o = obj(v, undefined);
  switch (o.type) {
    case 'CONDSTORE':
      return;
    case 'QRESYNC':
      num(o.uidValidity, 'uidValidity');
      big(o.modSeq, 'modSeq');
      if (o.knownUids !== undefined) sequenceSet(o.knownUids, 'knownUids');
      if (o.seqMatch !== undefined) {
        const m = obj(o.seqMatch, 'seqMatch');
        try {
          sequenceSet(m.seqs, 'seqs');
          sequenceSet(m.uids, 'uids');
        } catch (e) {
          throw at(e, 'seqMatch');
        }
      }
      return;
    case 'unknown':
      return extParam(o);
    default:
      fail('type', 'CONDSTORE, QRESYNC or unknown', o.type);
  }
}

function createParam(v: unknown): void {
  const o = obj(v, undefined);
  if (o.type === 'USE') return strings(o.uses, 'uses');
  if (o.type === 'unknown') return extParam(o);
  fail('type', 'USE or unknown', o.type);
}

function listReturn(v: unknown): void {
  const o = obj(v, undefined);
  if (typeof o.type === 'string' && LIST_RETURN_SIMPLE.has(o.type)) return;
  if (o.type === 'STATUS') return strings(o.items, 'items');
  if (o.type === 'unknown') return extParam(o);
  fail('type', 'a LIST RETURN option (SUBSCRIBED, CHILDREN, SPECIAL-USE, MYRIGHTS, STATUS or unknown)', o.type);
}

function appendMessage(v: unknown): void {
  const m = obj(v, undefined);
  if (m.flags !== undefined) strings(m.flags, 'flags');
  if (m.date !== undefined) sub(m.date, 'date', dateTime);
  const d = obj(m.data, 'data');
  try {
    switch (d.type) {
      case 'literal':
        bytes(d.data, 'data');
        return bool(d.binary, 'binary');
      case 'UTF8':
        return bytes(d.data, 'data');
      case 'CATENATE':
        return list(d.parts, 'parts', (p) => {
          const o = obj(p, undefined);
          if (o.type === 'TEXT' || o.type === 'UTF8') bytes(o.data, 'data');
          else if (o.type === 'URL') str(o.url, 'url');
          else fail('type', 'TEXT, URL or UTF8', o.type);
        });
      default:
        fail('type', 'literal, UTF8 or CATENATE', d.type);
    }
  } catch (e) {
    throw at(e, 'data');
  }
}

function metadataOptions(v: unknown): void {
  const o = obj(v, undefined);
  optNum(o.maxSize, 'maxSize');
  if (o.depth !== undefined) oneOf(o.depth, 'depth', DEPTHS, '"0", "1" or "infinity"');
  optList(o.other, 'other', (p) => extParam(obj(p, undefined)));
}

function searchReturn(v: unknown): void {
  const o = obj(v, undefined);
  str(o.name, 'name');
  optImapValue(o.value, 'value');
}

/** `search-key`, recursively (NOT, OR and lists nest). */
export function searchKey(v: unknown): void {
  const k = obj(v, undefined, 'a search key');
  const t = k.type;
  if (typeof t === 'string') {
    if (FLAG_KEYS.has(t)) return;
    if (STRING_KEYS.has(t)) return str(k.value, 'value');
    if (DATE_KEYS.has(t)) return sub(k.date, 'date', date);
  }
  switch (t) {
    case 'KEYWORD':
    case 'UNKEYWORD':
      return str(k.flag, 'flag');
    case 'HEADER':
      str(k.field, 'field');
      return str(k.value, 'value');
    case 'LARGER':
    case 'SMALLER':
      return big(k.size, 'size');
    case 'UID':
    case 'SEQUENCE':
      return sequenceSet(k.set, 'set');
    case 'NOT':
      return sub(k.key, 'key', searchKey);
    case 'OR':
      sub(k.left, 'left', searchKey);
      return sub(k.right, 'right', searchKey);
    case 'AND':
      return list(k.keys, 'keys', searchKey);
    case 'MODSEQ':
      if (k.entry !== undefined) {
        const e = obj(k.entry, 'entry');
        try {
          str(e.name, 'name');
          oneOf(e.type, 'type', ENTRY_TYPES, '"priv", "shared" or "all"');
        } catch (err) {
          throw at(err, 'entry');
        }
      }
      return big(k.modSeq, 'modSeq');
    case 'EMAILID':
    case 'THREADID':
      return str(k.id, 'id');
    case 'OLDER':
    case 'YOUNGER':
      return num(k.seconds, 'seconds');
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      return big(k.id, 'id');
    case 'extension':
      str(k.name, 'name');
      return strings(k.args, 'args');
    default:
      fail('type', 'a search key type', t);
  }
}

function partial(o: O): void {
  if (o.partial === undefined) return;
  const p = obj(o.partial, 'partial');
  try {
    big(p.offset, 'offset');
    big(p.length, 'length');
  } catch (e) {
    throw at(e, 'partial');
  }
}

/** One `fetch-att` of a FETCH command. */
export function fetchAtt(v: unknown): void {
  const a = obj(v, undefined, 'a FETCH item');
  const t = a.type;
  if (typeof t === 'string' && SIMPLE_ATTS.has(t)) return;
  switch (t) {
    case 'BODY[]':
      bool(a.peek, 'peek');
      sub(a.section, 'section', section);
      return partial(a);
    case 'BINARY[]':
      bool(a.peek, 'peek');
      numbers(a.part, 'part');
      return partial(a);
    case 'BINARY.SIZE[]':
      return numbers(a.part, 'part');
    case 'PREVIEW':
      return optBool(a.lazy, 'lazy');
    case 'unknown':
      str(a.name, 'name');
      // Read back as ATOM-CHARs up to "[", then the bracketed rest.
      if (!UNKNOWN_ATT.test(a.name as string) || !isAtom((a.name as string).split('[')[0])) fail('name', 'an atom, maybe with [...] and <...>', a.name);
      return;
    default:
      fail('type', 'a FETCH item type (UID, FLAGS, BODY[], ... or unknown)', t);
  }
}

function fetchModifier(v: unknown): void {
  const o = obj(v, undefined);
  if (o.type === 'CHANGEDSINCE') return big(o.modSeq, 'modSeq');
  if (o.type === 'VANISHED') return;
  if (o.type === 'unknown') return extParam(o);
  fail('type', 'CHANGEDSINCE, VANISHED or unknown', o.type);
}

function storeModifier(v: unknown): void {
  const o = obj(v, undefined);
  if (o.type === 'UNCHANGEDSINCE') return big(o.modSeq, 'modSeq');
  if (o.type === 'unknown') return extParam(o);
  fail('type', 'UNCHANGEDSINCE or unknown', o.type);
}
