/**
 * fast-check arbitraries for every command, exported for reuse. Every
 * value they produce is one `parseCommand(serializeCommand(x))` gives back
 * unchanged: strings hold anything (CR, LF, NUL, quotes, `{5}`, UTF-8),
 * names and atoms stay within their grammar.
 */
import fc from 'fast-check';
import { labelArb } from './fetch.js';
import type {
  Command, ExtParam, SelectParam, CreateParam, ListReturnOption, AppendMessage, AppendData, CatenatePart,
  FetchModifier, StoreModifier, GetMetadataOptions,
} from '../../src/model/command.js';
import type { SearchKey, SearchReturnOption } from '../../src/model/search.js';
import type { FetchAtt, FetchItems } from '../../src/model/fetch-att.js';
import type { SequenceSet, SequenceItem, SeqNumber } from '../../src/model/sequence-set.js';
import type { ImapValue } from '../../src/model/value.js';
import type { ImapDate, ImapDateTime } from '../../src/model/datetime.js';
import type { Section } from '../../src/model/section.js';

const MAX64 = (1n << 63n) - 1n;

const hostile = fc.constantFrom('\r\n', '\r', '\n', '"', '\\', '{5}', '{0+}\r\n', '~{3}', ' ', '(', ')', '%', '*', ']', '[', '\x00', 'NIL', 'é', '日本', '😀', 'A1 NOOP');
/** Any string, with a bias to the bytes that matter on the wire. */
export const anyString: fc.Arbitrary<string> = fc.string({ unit: fc.oneof(hostile, fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'Z', '0', '.')), maxLength: 12 });
export const anyBytes: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 40 });

const TAG_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_!#&\'=:;<>?@^`|~]';
export const tag: fc.Arbitrary<string> = fc.string({ unit: fc.constantFrom(...TAG_CHARS), minLength: 1, maxLength: 8 });

/** An atom that is not NIL and not all digits: `X-` + letters. */
export const extName: fc.Arbitrary<string> = fc.stringMatching(/^X-[A-Z][A-Z0-9]{0,6}$/).filter((s) => !s.startsWith('X-GM'));
const plainAtom = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.\-]{0,8}$/).filter((s) => s.toUpperCase() !== 'NIL');

export const nz32 = fc.integer({ min: 1, max: 4294967295 });
export const num64 = fc.bigInt({ min: 0n, max: MAX64 });
const nz64 = fc.bigInt({ min: 1n, max: MAX64 });

const seqNumber: fc.Arbitrary<SeqNumber> = fc.oneof(nz32, fc.constant('*' as const));
const seqItem: fc.Arbitrary<SequenceItem> = fc.oneof(seqNumber, fc.tuple(seqNumber, seqNumber));
export const sequenceSet: fc.Arbitrary<SequenceSet> = fc.oneof(
  { weight: 9, arbitrary: fc.array(seqItem, { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant('$' as const) },
);

export const date: fc.Arbitrary<ImapDate> = fc.record({
  year: fc.integer({ min: 1000, max: 9999 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
});
export const dateTime: fc.Arbitrary<ImapDateTime> = fc.record({
  year: fc.integer({ min: 1000, max: 9999 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  zone: fc.stringMatching(/^[+-][0-9]{4}$/),
});

export const flag: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent', '\\X-Ext'),
  fc.stringMatching(/^[$A-Za-z][A-Za-z0-9_$.\-]{0,8}$/),
);

/** Generic values, as `readValue` gives them. */
export const imapValue: fc.Arbitrary<ImapValue> = fc.letrec<{ v: ImapValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainAtom.map((value) => ({ type: 'atom' as const, value })),
    num64.map((value) => ({ type: 'number' as const, value })),
    anyString.map((value) => ({ type: 'string' as const, value })),
    anyBytes.map((value) => ({ type: 'binary' as const, value })),
    fc.constant({ type: 'nil' as const }),
    fc.array(tie('v'), { maxLength: 3 }).map((items) => ({ type: 'list' as const, items })),
  ),
})).v;

/** A tagged-ext value: it must start with a digit or "(". */
const extValue: fc.Arbitrary<ImapValue> = fc.oneof(
  num64.map((value) => ({ type: 'number' as const, value })),
  fc.array(imapValue, { maxLength: 3 }).map((items) => ({ type: 'list' as const, items })),
);
export const extParam: fc.Arbitrary<ExtParam> = fc.record({ name: extName, value: extValue }, { requiredKeys: ['name'] });

// ---- search ---------------------------------------------------------------

export const searchKey: fc.Arbitrary<SearchKey> = fc.letrec<{ k: SearchKey }>((tie) => ({
  k: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'ALL', 'ANSWERED', 'DELETED', 'DRAFT', 'FLAGGED', 'NEW', 'OLD', 'RECENT', 'SEEN', 'UNANSWERED', 'UNDELETED',
      'UNDRAFT', 'UNFLAGGED', 'UNSEEN', 'SAVEDATESUPPORTED',
    ).map((type) => ({ type }) as SearchKey),
    fc.record({ type: fc.constantFrom('BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO', 'X-GM-RAW', 'X-GM-LABELS'), value: anyString }),
    fc.record({ type: fc.constantFrom('BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE', 'SAVEDBEFORE', 'SAVEDON', 'SAVEDSINCE'), date }),
    fc.record({ type: fc.constantFrom('KEYWORD', 'UNKEYWORD'), flag: fc.stringMatching(/^[$A-Za-z][A-Za-z0-9_]{0,8}$/) }),
    fc.record({ type: fc.constant('HEADER' as const), field: anyString, value: anyString }),
    fc.record({ type: fc.constantFrom('LARGER', 'SMALLER'), size: num64 }),
    fc.record({ type: fc.constantFrom('UID', 'SEQUENCE'), set: sequenceSet }),
    fc.record({
      type: fc.constant('MODSEQ' as const),
      entry: fc.record({ name: fc.stringMatching(/^\/flags\/\\?[a-z]{1,8}$/), type: fc.constantFrom('priv', 'shared', 'all') }),
      modSeq: num64,
    }, { requiredKeys: ['type', 'modSeq'] }),
    fc.record({ type: fc.constantFrom('EMAILID', 'THREADID'), id: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/) }),
    fc.record({ type: fc.constantFrom('OLDER', 'YOUNGER'), seconds: nz32 }),
    fc.record({ type: fc.constantFrom('X-GM-MSGID', 'X-GM-THRID'), id: num64 }),
    fc.record({ type: fc.constant('extension' as const), name: extName, args: fc.array(anyString, { maxLength: 2 }) }),
    fc.record({ type: fc.constant('NOT' as const), key: tie('k') }),
    fc.record({ type: fc.constant('OR' as const), left: tie('k'), right: tie('k') }),
    fc.record({ type: fc.constant('AND' as const), keys: fc.array(tie('k'), { minLength: 1, maxLength: 3 }) }),
  ) as fc.Arbitrary<SearchKey>,
})).k;

export const searchKeys: fc.Arbitrary<SearchKey[]> = fc.array(searchKey, { minLength: 1, maxLength: 3 });

export const searchReturn: fc.Arbitrary<SearchReturnOption[]> = fc.array(
  fc.oneof(
    fc.constantFrom('MIN', 'MAX', 'ALL', 'COUNT', 'SAVE').map((name) => ({ name })),
    fc.record({ name: extName, value: extValue }, { requiredKeys: ['name'] }),
  ),
  { maxLength: 3 },
);

// ---- fetch -----------------------------------------------------------------

const part = fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 3 });
const fieldNames = fc.array(anyString.filter((s) => s.length > 0), { minLength: 1, maxLength: 3 });
export const section: fc.Arbitrary<Section> = fc.oneof(
  part.map((p) => ({ part: p })),
  fc.record({
    part,
    text: fc.oneof(
      fc.constantFrom('HEADER', 'TEXT').map((type) => ({ type })),
      fc.record({ type: fc.constantFrom('HEADER.FIELDS', 'HEADER.FIELDS.NOT'), fields: fieldNames }),
    ),
  }) as fc.Arbitrary<Section>,
  fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 }).map((p) => ({ part: p, text: { type: 'MIME' as const } })),
);
const partial = fc.record({ offset: num64, length: nz64 });

export const fetchAtt: fc.Arbitrary<FetchAtt> = fc.oneof(
  fc.constantFrom(
    'ENVELOPE', 'FLAGS', 'INTERNALDATE', 'RFC822', 'RFC822.HEADER', 'RFC822.SIZE', 'RFC822.TEXT', 'BODY', 'BODYSTRUCTURE',
    'UID', 'MODSEQ', 'EMAILID', 'THREADID', 'SAVEDATE', 'X-GM-MSGID', 'X-GM-THRID', 'X-GM-LABELS',
  ).map((type) => ({ type }) as FetchAtt),
  fc.record({ type: fc.constant('BODY[]' as const), peek: fc.boolean(), section, partial }, { requiredKeys: ['type', 'peek', 'section'] }),
  fc.record({ type: fc.constant('BINARY[]' as const), peek: fc.boolean(), part, partial }, { requiredKeys: ['type', 'peek', 'part'] }),
  fc.record({ type: fc.constant('BINARY.SIZE[]' as const), part }),
  fc.record({ type: fc.constant('PREVIEW' as const), lazy: fc.constant(true) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('unknown' as const), name: fc.oneof(extName, extName.map((n) => n + '[1.2]')) }),
);
export const fetchItems: fc.Arbitrary<FetchItems> = fc.oneof(
  fc.constantFrom('ALL' as const, 'FAST' as const, 'FULL' as const),
  fc.array(fetchAtt, { minLength: 1, maxLength: 4 }),
);
const fetchModifier: fc.Arbitrary<FetchModifier> = fc.oneof(
  fc.record({ type: fc.constant('CHANGEDSINCE' as const), modSeq: num64 }),
  fc.constant({ type: 'VANISHED' as const }),
  extParam.map((p) => ({ type: 'unknown' as const, ...p })),
);
const storeModifier: fc.Arbitrary<StoreModifier> = fc.oneof(
  fc.record({ type: fc.constant('UNCHANGEDSINCE' as const), modSeq: num64 }),
  extParam.map((p) => ({ type: 'unknown' as const, ...p })),
);

// ---- other pieces -----------------------------------------------------------

const selectParam: fc.Arbitrary<SelectParam> = fc.oneof(
  fc.constant({ type: 'CONDSTORE' as const }),
  fc.record({ type: fc.constant('QRESYNC' as const), uidValidity: nz32, modSeq: num64 }),
  fc.record({ type: fc.constant('QRESYNC' as const), uidValidity: nz32, modSeq: num64, knownUids: sequenceSet }),
  fc.record({
    type: fc.constant('QRESYNC' as const), uidValidity: nz32, modSeq: num64, knownUids: sequenceSet,
    seqMatch: fc.record({ seqs: sequenceSet, uids: sequenceSet }),
  }),
  extParam.map((p) => ({ type: 'unknown' as const, ...p })),
);
const createParam: fc.Arbitrary<CreateParam> = fc.oneof(
  fc.record({ type: fc.constant('USE' as const), uses: fc.array(fc.constantFrom('\\Sent', '\\Drafts', '\\Junk', '\\All', '\\Archive', '\\Trash', '\\Flagged'), { maxLength: 2 }) }),
  extParam.map((p) => ({ type: 'unknown' as const, ...p })),
);
const statusAtt = fc.constantFrom(
  'MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'HIGHESTMODSEQ', 'APPENDLIMIT', 'MAILBOXID', 'DELETED-STORAGE', 'X-FOO',
);
const listReturn: fc.Arbitrary<ListReturnOption> = fc.oneof(
  fc.constantFrom('SUBSCRIBED', 'CHILDREN', 'SPECIAL-USE', 'MYRIGHTS').map((type) => ({ type }) as ListReturnOption),
  fc.record({ type: fc.constant('STATUS' as const), items: fc.array(statusAtt, { maxLength: 3 }) }),
  extParam.map((p) => ({ type: 'unknown' as const, ...p })),
);
const selection = fc.array(
  fc.oneof(fc.constantFrom('SUBSCRIBED', 'REMOTE', 'RECURSIVEMATCH', 'SPECIAL-USE').map((name) => ({ name })), extParam),
  { maxLength: 3 },
);
const catPart: fc.Arbitrary<CatenatePart> = fc.oneof(
  fc.record({ type: fc.constant('TEXT' as const), data: anyBytes }),
  fc.record({ type: fc.constant('URL' as const), url: anyString }),
  fc.record({ type: fc.constant('UTF8' as const), data: anyBytes }),
);
const appendData: fc.Arbitrary<AppendData> = fc.oneof(
  fc.record({ type: fc.constant('literal' as const), data: anyBytes, binary: fc.boolean() }),
  fc.record({ type: fc.constant('UTF8' as const), data: anyBytes }),
  fc.record({ type: fc.constant('CATENATE' as const), parts: fc.array(catPart, { minLength: 1, maxLength: 3 }) }),
);
const appendMessage: fc.Arbitrary<AppendMessage> = fc.record(
  { flags: fc.array(flag, { maxLength: 3 }), date: dateTime, data: appendData },
  { requiredKeys: ['data'] },
);
const metadataOptions: fc.Arbitrary<GetMetadataOptions> = fc
  .record(
    { maxSize: fc.integer({ min: 0, max: 4294967295 }), depth: fc.constantFrom('0' as const, '1' as const, 'infinity' as const), other: fc.array(extParam, { minLength: 1, maxLength: 2 }) },
    { requiredKeys: [] },
  )
  .filter((o) => Object.keys(o).length > 0);

const mailbox = anyString;
const uid = fc.boolean();

// ---- commands ---------------------------------------------------------------

/** One arbitrary per command type. */
export const commandArbitraries: Record<string, fc.Arbitrary<Command>> = {
  simple: fc.record({
    tag,
    type: fc.constantFrom('CAPABILITY', 'NOOP', 'LOGOUT', 'STARTTLS', 'NAMESPACE', 'IDLE', 'CHECK', 'CLOSE', 'UNSELECT', 'EXPUNGE', 'UNAUTHENTICATE'),
  }) as fc.Arbitrary<Command>,
  ID: fc.record({ tag, type: fc.constant('ID' as const), params: fc.option(fc.array(fc.tuple(anyString, fc.option(anyString, { nil: null })), { maxLength: 3 }), { nil: null }) }),
  ENABLE: fc.record({ tag, type: fc.constant('ENABLE' as const), capabilities: fc.array(fc.constantFrom('CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT', 'X-FOO'), { minLength: 1, maxLength: 3 }) }),
  COMPRESS: fc.record({ tag, type: fc.constant('COMPRESS' as const), mechanism: fc.constantFrom('DEFLATE', 'X-LZ') }),
  LOGIN: fc.record({ tag, type: fc.constant('LOGIN' as const), userid: anyString, password: anyString }),
  AUTHENTICATE: fc.record(
    { tag, type: fc.constant('AUTHENTICATE' as const), mechanism: fc.constantFrom('PLAIN', 'XOAUTH2', 'SCRAM-SHA-256', 'EXTERNAL'), initialResponse: anyBytes },
    { requiredKeys: ['tag', 'type', 'mechanism'] },
  ),
  SELECT: fc.record(
    { tag, type: fc.constantFrom('SELECT' as const, 'EXAMINE' as const), mailbox, params: fc.array(selectParam, { minLength: 1, maxLength: 2 }) },
    { requiredKeys: ['tag', 'type', 'mailbox'] },
  ),
  CREATE: fc.record(
    { tag, type: fc.constant('CREATE' as const), mailbox, params: fc.array(createParam, { minLength: 1, maxLength: 2 }) },
    { requiredKeys: ['tag', 'type', 'mailbox'] },
  ),
  mailboxOnly: fc.record({ tag, type: fc.constantFrom('DELETE', 'SUBSCRIBE', 'UNSUBSCRIBE', 'GETQUOTAROOT', 'GETACL', 'MYRIGHTS'), mailbox }) as fc.Arbitrary<Command>,
  RENAME: fc.record(
    { tag, type: fc.constant('RENAME' as const), from: mailbox, to: mailbox, params: fc.array(extParam, { minLength: 1, maxLength: 2 }) },
    { requiredKeys: ['tag', 'type', 'from', 'to'] },
  ),
  LIST: fc.record(
    { tag, type: fc.constant('LIST' as const), selection, reference: mailbox, patterns: fc.array(mailbox, { minLength: 1, maxLength: 3 }), return: fc.array(listReturn, { maxLength: 3 }) },
    { requiredKeys: ['tag', 'type', 'reference', 'patterns'] },
  ),
  LSUB: fc.record({ tag, type: fc.constant('LSUB' as const), reference: mailbox, pattern: mailbox }),
  STATUS: fc.record({ tag, type: fc.constant('STATUS' as const), mailbox, items: fc.array(statusAtt, { maxLength: 4 }) }),
  APPEND: fc.record({ tag, type: fc.constant('APPEND' as const), mailbox, messages: fc.array(appendMessage, { minLength: 1, maxLength: 3 }) }),
  GETQUOTA: fc.record({ tag, type: fc.constant('GETQUOTA' as const), root: anyString }),
  SETQUOTA: fc.record({ tag, type: fc.constant('SETQUOTA' as const), root: anyString, limits: fc.array(fc.record({ resource: fc.constantFrom('STORAGE', 'MESSAGE', 'MAILBOX', 'X-FOO'), limit: num64 }), { maxLength: 3 }) }),
  SETACL: fc.record({ tag, type: fc.constant('SETACL' as const), mailbox, identifier: anyString, rights: anyString }),
  identifier: fc.record({ tag, type: fc.constantFrom('DELETEACL' as const, 'LISTRIGHTS' as const), mailbox, identifier: anyString }),
  GETMETADATA: fc.record(
    { tag, type: fc.constant('GETMETADATA' as const), options: metadataOptions, mailbox, entries: fc.array(anyString, { minLength: 1, maxLength: 3 }) },
    { requiredKeys: ['tag', 'type', 'mailbox', 'entries'] },
  ),
  SETMETADATA: fc.record({ tag, type: fc.constant('SETMETADATA' as const), mailbox, entries: fc.array(fc.record({ entry: anyString, value: fc.option(anyBytes, { nil: null }) }), { minLength: 1, maxLength: 3 }) }),
  'UID EXPUNGE': fc.record({ tag, type: fc.constant('UID EXPUNGE' as const), set: sequenceSet }),
  SEARCH: fc.record(
    { tag, type: fc.constant('SEARCH' as const), uid, return: searchReturn, charset: fc.constantFrom('UTF-8', 'US-ASCII', 'ISO-8859-1'), criteria: searchKeys },
    { requiredKeys: ['tag', 'type', 'uid', 'criteria'] },
  ),
  FETCH: fc.record(
    { tag, type: fc.constant('FETCH' as const), uid, set: sequenceSet, items: fetchItems, modifiers: fc.array(fetchModifier, { minLength: 1, maxLength: 2 }) },
    { requiredKeys: ['tag', 'type', 'uid', 'set', 'items'] },
  ),
  STORE: fc.record(
    {
      tag, type: fc.constant('STORE' as const), uid, set: sequenceSet, modifiers: fc.array(storeModifier, { minLength: 1, maxLength: 2 }),
      action: fc.constantFrom('set' as const, 'add' as const, 'remove' as const), silent: fc.boolean(), flags: fc.array(flag, { maxLength: 3 }),
    },
    { requiredKeys: ['tag', 'type', 'uid', 'set', 'action', 'silent', 'flags'] },
  ),
  'STORE X-GM-LABELS': fc.record(
    {
      tag, type: fc.constant('STORE' as const), uid, set: sequenceSet, modifiers: fc.array(storeModifier, { minLength: 1, maxLength: 2 }),
      action: fc.constantFrom('set' as const, 'add' as const, 'remove' as const), silent: fc.boolean(), labels: fc.array(labelArb, { maxLength: 3 }),
    },
    { requiredKeys: ['tag', 'type', 'uid', 'set', 'action', 'silent', 'labels'] },
  ),
  COPY: fc.record({ tag, type: fc.constantFrom('COPY' as const, 'MOVE' as const), uid, set: sequenceSet, mailbox }),
  SORT: fc.record(
    {
      tag, type: fc.constant('SORT' as const), uid, return: searchReturn,
      criteria: fc.array(fc.record({ key: fc.constantFrom('ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM'), reverse: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      charset: fc.constantFrom('UTF-8', 'US-ASCII'), search: searchKeys,
    },
    { requiredKeys: ['tag', 'type', 'uid', 'criteria', 'charset', 'search'] },
  ),
  THREAD: fc.record({ tag, type: fc.constant('THREAD' as const), uid, algorithm: fc.constantFrom('REFERENCES', 'ORDEREDSUBJECT', 'REFS'), charset: fc.constantFrom('UTF-8', 'US-ASCII'), search: searchKeys }),
  unknown: fc.record({ tag, type: fc.constant('unknown' as const), name: fc.stringMatching(/^X[A-Z]{1,8}$/), args: fc.array(imapValue, { maxLength: 3 }) }),
};

/** Any command. */
export const command: fc.Arbitrary<Command> = fc.oneof(...Object.values(commandArbitraries));
