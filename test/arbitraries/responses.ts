/**
 * fast-check arbitraries for every server response imapwire reads
 * (src/model/response.ts, src/model/resp-code.ts). Values are canonical
 * enough that `parseResponse(serializeResponse(x))` deep-equals `x` in
 * lenient mode; FETCH items come from test/arbitraries/fetch.ts.
 */
import fc from 'fast-check';
import type {
  Response, RespText, TaggedResponse, UntaggedStatus, ContinueRequest, CapabilityResponse, FlagsResponse, ListResponse,
  ListExtendedItem, StatusResponse, StatusItem, SearchResponse, EsearchResponse, EsearchItem, Thread, ThreadResponse,
  CountResponse, ExpungeResponse, VanishedResponse, FetchResponse, Namespace, NamespaceResponse, IdResponse,
  QuotaResponse, QuotaRootResponse, AclResponse, ListRightsResponse, MyRightsResponse, MetadataResponse,
  UnknownResponse,
} from '../../src/model/response.js';
import type { RespTextCode } from '../../src/model/resp-code.js';
import { SIMPLE_RESP_CODES } from '../../src/model/resp-code.js';
import type { ImapValue } from '../../src/model/value.js';
import type { SequenceItem, SequenceSet } from '../../src/model/sequence-set.js';
import { Writer } from '../../src/wire/writer.js';
import { writeValue } from '../../src/grammar/value.js';
import { fetchItemsArb } from './fetch.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ATOM_CHARS = (LETTERS + '0123456789!#&\'+,-./:;<=>?@^_`|~$[').split('');

const VALUE_ATOM_CHARS = ATOM_CHARS.filter((c) => c !== '[');
/** Atoms `readValue` gives back whole (no "[", which opens a section there). */
const valueAtomArb = fc
  .tuple(fc.constantFrom(...LETTERS.split('')), fc.string({ unit: fc.constantFrom(...VALUE_ATOM_CHARS), maxLength: 10 }))
  .map(([a, b]) => a + b);

/** 1*ATOM-CHAR starting with a letter. */
export const atomArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...LETTERS.split('')), fc.string({ unit: fc.constantFrom(...ATOM_CHARS), maxLength: 10 }))
  .map(([a, b]) => a + b);

const KNOWN_CODES = new Set<string>([
  ...SIMPLE_RESP_CODES, 'BADCHARSET', 'CAPABILITY', 'PERMANENTFLAGS', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'APPENDUID',
  'COPYUID', 'HIGHESTMODSEQ', 'MODIFIED', 'MAILBOXID', 'REFERRAL', 'BADURL', 'METADATA',
]);
const KNOWN_RESPONSES = new Set<string>([
  'OK', 'NO', 'BAD', 'BYE', 'PREAUTH', 'CAPABILITY', 'ENABLED', 'FLAGS', 'LIST', 'LSUB', 'STATUS', 'SEARCH', 'SORT',
  'ESEARCH', 'THREAD', 'NAMESPACE', 'ID', 'QUOTA', 'QUOTAROOT', 'ACL', 'LISTRIGHTS', 'MYRIGHTS', 'METADATA', 'VANISHED',
  'EXISTS', 'RECENT', 'EXPUNGE', 'FETCH',
]);
const not = (set: Set<string>) => (s: string) => !set.has(s.toUpperCase()) && s.toUpperCase() !== 'NIL';

const textUnit = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...(LETTERS + '0123456789 ').split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom('é', '日', '😀') },
);

/** Human-readable `text`: at least one non-space character, not starting with "[". */
export const textArb: fc.Arbitrary<string> = fc
  .string({ unit: textUnit, minLength: 1, maxLength: 30 })
  .filter((s) => s.trim() !== '' && s[0] !== '[');

const anyChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...(LETTERS + '0123456789 "\\()[]{}%*/.~#').split('')) },
  { weight: 2, arbitrary: fc.constantFrom('é', '日', '😀', '\udce9') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\x00') },
);
/** Any string a quoted string or literal can carry. */
export const stringArb: fc.Arbitrary<string> = fc.string({ unit: anyChar, maxLength: 12 });
/** Mailbox names (astring): anything, written as atom, quoted or literal. */
export const mailboxArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('INBOX', '', 'Sent Items', '~/Mail/foo', '&Jjo-!'), stringArb);

const printable = fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789-./:;@=?&_').split('')), minLength: 1, maxLength: 16 });
const nz = fc.integer({ min: 1, max: 4294967295 });
const uint32 = fc.integer({ min: 0, max: 4294967295 });
const number64 = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
const flagAtom = fc.string({ unit: fc.constantFrom(...ATOM_CHARS), minLength: 1, maxLength: 8 });
/** `flag` (no `\*`). */
export const flagArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '$Forwarded', 'NonJunk'),
  flagAtom,
  flagAtom.map((a) => '\\' + a),
);
const flagPermArb = fc.oneof({ weight: 5, arbitrary: flagArb }, { weight: 1, arbitrary: fc.constant('\\*') });

/** `uid-set`: numbers and ranges, no `*`. */
export const uidSetArb: fc.Arbitrary<SequenceItem[]> = fc.array(
  fc.oneof(nz, fc.tuple(nz, nz) as fc.Arbitrary<readonly [number, number]>),
  { minLength: 1, maxLength: 5 },
);
/** `sequence-set` with `*`, never `$`. */
export const sequenceSetArb: fc.Arbitrary<SequenceSet> = fc.array(
  fc.oneof(
    fc.oneof(nz, fc.constant('*' as const)),
    fc.tuple(fc.oneof(nz, fc.constant('*' as const)), fc.oneof(nz, fc.constant('*' as const))) as fc.Arbitrary<readonly [number | '*', number | '*']>,
  ),
  { minLength: 1, maxLength: 5 },
);

/** Generic values as `readValue` gives them back. */
export const imapValueArb: fc.Arbitrary<ImapValue> = fc.letrec<{ v: ImapValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    valueAtomArb.filter(not(new Set())).map((value): ImapValue => ({ type: 'atom', value })),
    number64.map((value): ImapValue => ({ type: 'number', value })),
    stringArb.map((value): ImapValue => ({ type: 'string', value })),
    fc.uint8Array({ maxLength: 8 }).map((value): ImapValue => ({ type: 'binary', value })),
    fc.constant<ImapValue>({ type: 'nil' }),
    fc.array(tie('v'), { maxLength: 4 }).map((items): ImapValue => ({ type: 'list', items })),
  ),
})).v;

/** Every `resp-text-code`. */
export const respTextCodeArb: fc.Arbitrary<RespTextCode> = fc.oneof(
  fc.constantFrom(...SIMPLE_RESP_CODES).map((type): RespTextCode => ({ type })),
  fc.option(fc.array(fc.oneof(atomArb, printable, fc.constant('')), { minLength: 1, maxLength: 3 }), { nil: undefined }).map(
    (charsets): RespTextCode => (charsets === undefined ? { type: 'BADCHARSET' } : { type: 'BADCHARSET', charsets }),
  ),
  fc.array(atomArb, { maxLength: 5 }).map((capabilities): RespTextCode => ({ type: 'CAPABILITY', capabilities })),
  fc.array(flagPermArb, { maxLength: 5 }).map((flags): RespTextCode => ({ type: 'PERMANENTFLAGS', flags })),
  fc.tuple(fc.constantFrom('UIDNEXT' as const, 'UIDVALIDITY' as const, 'UNSEEN' as const), nz).map(([type, value]): RespTextCode => ({ type, value })),
  fc.tuple(nz, uidSetArb).map(([uidValidity, uids]): RespTextCode => ({ type: 'APPENDUID', uidValidity, uids })),
  fc.tuple(nz, uidSetArb, uidSetArb).map(([uidValidity, source, destination]): RespTextCode => ({ type: 'COPYUID', uidValidity, source, destination })),
  number64.map((value): RespTextCode => ({ type: 'HIGHESTMODSEQ', value })),
  sequenceSetArb.map((set): RespTextCode => ({ type: 'MODIFIED', set })),
  fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789_-').split('')), minLength: 1, maxLength: 20 }).map((id): RespTextCode => ({ type: 'MAILBOXID', id })),
  fc.array(printable, { minLength: 1, maxLength: 3 }).map((urls): RespTextCode => ({ type: 'REFERRAL', urls })),
  fc.tuple(printable, fc.constantFrom('', ' x', ' a b')).map(([a, b]): RespTextCode => ({ type: 'BADURL', url: a + b })),
  fc.oneof(
    fc.tuple(fc.constantFrom('LONGENTRIES' as const, 'MAXSIZE' as const), uint32).map(([kind, value]): RespTextCode => ({ type: 'METADATA', kind, value })),
    fc.constantFrom('TOOMANY' as const, 'NOPRIVATE' as const).map((kind): RespTextCode => ({ type: 'METADATA', kind })),
  ),
  fc.tuple(atomArb.filter(not(KNOWN_CODES)), fc.option(fc.string({ unit: fc.constantFrom(...'abc XYZ 1.()-'.split('')), minLength: 1, maxLength: 12 }), { nil: undefined })).map(
    ([name, text]): RespTextCode => (text === undefined ? { type: 'unknown', name } : { type: 'unknown', name, text }),
  ),
);

/** `resp-text`: code optional; text may be empty only after a code (a lenient quirk). */
export const respTextArb: fc.Arbitrary<RespText> = fc.oneof(
  textArb.map((text): RespText => ({ text })),
  fc.tuple(respTextCodeArb, fc.oneof({ weight: 5, arbitrary: textArb }, { weight: 1, arbitrary: fc.constant('') })).map(([code, text]): RespText => ({ code, text })),
);

const tagArb = fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789.-_').split('')), minLength: 1, maxLength: 6 });

export const taggedArb: fc.Arbitrary<TaggedResponse> = fc.tuple(tagArb, fc.constantFrom('OK' as const, 'NO' as const, 'BAD' as const), respTextArb).map(
  ([tag, status, t]) => ({ type: 'tagged', tag, status, ...t }),
);
export const untaggedStatusArb: fc.Arbitrary<UntaggedStatus> = fc.tuple(
  fc.constantFrom('OK' as const, 'NO' as const, 'BAD' as const, 'BYE' as const, 'PREAUTH' as const),
  respTextArb,
).map(([type, t]) => ({ type, ...t }));
export const continueArb: fc.Arbitrary<ContinueRequest> = fc.oneof(
  respTextArb.map((t): ContinueRequest => ({ type: 'continue', ...t })),
  fc.constant<ContinueRequest>({ type: 'continue', text: '' }),
  fc.base64String({ minLength: 4, maxLength: 40 }).filter((s) => s.length > 0).map((text): ContinueRequest => ({ type: 'continue', text })),
);
export const capabilityArb: fc.Arbitrary<CapabilityResponse> = fc.tuple(fc.constantFrom('CAPABILITY' as const, 'ENABLED' as const), fc.array(atomArb, { maxLength: 6 })).map(
  ([type, capabilities]) => ({ type, capabilities }),
);
export const flagsArb: fc.Arbitrary<FlagsResponse> = fc.array(flagArb, { maxLength: 6 }).map((flags) => ({ type: 'FLAGS', flags }));

const extTag = stringArb.filter((s) => !['CHILDINFO', 'OLDNAME'].includes(s.toUpperCase()));
const listExtArb: fc.Arbitrary<ListExtendedItem> = fc.oneof(
  fc.array(stringArb, { minLength: 1, maxLength: 3 }).map((options): ListExtendedItem => ({ type: 'CHILDINFO', options })),
  mailboxArb.map((mailbox): ListExtendedItem => ({ type: 'OLDNAME', mailbox })),
  fc.tuple(extTag, imapValueArb).map(([tag, value]): ListExtendedItem => ({ type: 'unknown', tag, value })),
);
const delimiterArb = fc.option(fc.constantFrom('/', '.', '\\', '"', '|', ':'), { nil: null });
export const listArb: fc.Arbitrary<ListResponse> = fc.record(
  {
    type: fc.constantFrom('LIST' as const, 'LSUB' as const),
    attributes: fc.array(flagArb, { maxLength: 4 }),
    delimiter: delimiterArb,
    mailbox: mailboxArb,
    extended: fc.array(listExtArb, { maxLength: 3 }),
  },
  { requiredKeys: ['type', 'attributes', 'delimiter', 'mailbox'] },
);

const statusItemArb: fc.Arbitrary<StatusItem> = fc.oneof(
  fc.tuple(fc.constantFrom('MESSAGES' as const, 'RECENT' as const, 'UIDNEXT' as const, 'UIDVALIDITY' as const, 'UNSEEN' as const, 'DELETED' as const), uint32).map(
    ([type, value]): StatusItem => ({ type, value }),
  ),
  fc.tuple(fc.constantFrom('SIZE' as const, 'HIGHESTMODSEQ' as const, 'DELETED-STORAGE' as const), number64).map(([type, value]): StatusItem => ({ type, value })),
  fc.option(uint32, { nil: null }).map((value): StatusItem => ({ type: 'APPENDLIMIT', value })),
  fc.string({ unit: fc.constantFrom(...(LETTERS + '0123456789_-').split('')), minLength: 1, maxLength: 12 }).map((value): StatusItem => ({ type: 'MAILBOXID', value })),
  fc.tuple(atomArb.filter(not(new Set(['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'HIGHESTMODSEQ', 'DELETED-STORAGE', 'APPENDLIMIT', 'MAILBOXID']))), imapValueArb).map(
    ([name, value]): StatusItem => ({ type: 'unknown', name, value }),
  ),
);
export const statusArb: fc.Arbitrary<StatusResponse> = fc.tuple(mailboxArb, fc.array(statusItemArb, { maxLength: 5 })).map(([mailbox, items]) => ({ type: 'STATUS', mailbox, items }));

export const searchArb: fc.Arbitrary<SearchResponse> = fc.record(
  { type: fc.constantFrom('SEARCH' as const, 'SORT' as const), ids: fc.array(nz, { maxLength: 8 }), modseq: number64 },
  { requiredKeys: ['type', 'ids'] },
);

const esearchItemArb: fc.Arbitrary<EsearchItem> = fc.oneof(
  fc.tuple(fc.constantFrom('MIN' as const, 'MAX' as const), nz).map(([type, value]): EsearchItem => ({ type, value })),
  uint32.map((value): EsearchItem => ({ type: 'COUNT', value })),
  sequenceSetArb.map((set): EsearchItem => ({ type: 'ALL', set })),
  number64.map((value): EsearchItem => ({ type: 'MODSEQ', value })),
  fc.tuple(atomArb.filter(not(new Set(['MIN', 'MAX', 'COUNT', 'ALL', 'MODSEQ', 'UID']))), imapValueArb).map(([name, value]): EsearchItem => ({ type: 'unknown', name, value })),
);
export const esearchArb: fc.Arbitrary<EsearchResponse> = fc.record(
  { type: fc.constant('ESEARCH' as const), tag: stringArb, uid: fc.boolean(), items: fc.array(esearchItemArb, { maxLength: 5 }) },
  { requiredKeys: ['type', 'uid', 'items'] },
);

const threadArb: fc.Arbitrary<Thread> = fc.letrec<{ t: Thread }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(nz, { minLength: 1, maxLength: 4 }).map((ids): Thread => ({ ids, children: [] })),
    fc.tuple(fc.array(nz, { maxLength: 3 }), fc.array(tie('t'), { minLength: 2, maxLength: 3 })).map(([ids, children]): Thread => ({ ids, children })),
  ),
})).t;
export const threadResponseArb: fc.Arbitrary<ThreadResponse> = fc.array(threadArb, { maxLength: 4 }).map((threads) => ({ type: 'THREAD', threads }));

export const countArb: fc.Arbitrary<CountResponse> = fc.tuple(fc.constantFrom('EXISTS' as const, 'RECENT' as const), uint32).map(([type, count]) => ({ type, count }));
export const expungeArb: fc.Arbitrary<ExpungeResponse> = nz.map((seq) => ({ type: 'EXPUNGE', seq }));
export const vanishedArb: fc.Arbitrary<VanishedResponse> = fc.tuple(fc.boolean(), uidSetArb).map(([earlier, uids]) => ({ type: 'VANISHED', earlier, uids }));
export const fetchArb: fc.Arbitrary<FetchResponse> = fc.tuple(nz, fetchItemsArb).map(([seq, items]) => ({ type: 'FETCH', seq, items }));

const namespaceArb: fc.Arbitrary<Namespace> = fc.record(
  {
    prefix: stringArb,
    delimiter: delimiterArb,
    extensions: fc.array(fc.record({ name: stringArb, values: fc.array(stringArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['prefix', 'delimiter'] },
);
const nsListArb = fc.option(fc.array(namespaceArb, { minLength: 1, maxLength: 3 }), { nil: null });
export const namespaceResponseArb: fc.Arbitrary<NamespaceResponse> = fc.tuple(nsListArb, nsListArb, nsListArb).map(([personal, other, shared]) => ({
  type: 'NAMESPACE',
  personal,
  other,
  shared,
}));

export const idArb: fc.Arbitrary<IdResponse> = fc
  .option(fc.array(fc.tuple(stringArb, fc.option(stringArb, { nil: null })), { maxLength: 4 }), { nil: null })
  .map((params) => ({ type: 'ID', params }));

export const quotaArb: fc.Arbitrary<QuotaResponse> = fc.tuple(mailboxArb, fc.array(fc.record({ name: atomArb, usage: number64, limit: number64 }), { minLength: 1, maxLength: 3 })).map(
  ([root, resources]) => ({ type: 'QUOTA', root, resources }),
);
export const quotaRootArb: fc.Arbitrary<QuotaRootResponse> = fc.tuple(mailboxArb, fc.array(mailboxArb, { maxLength: 3 })).map(([mailbox, roots]) => ({ type: 'QUOTAROOT', mailbox, roots }));
export const aclArb: fc.Arbitrary<AclResponse> = fc.tuple(mailboxArb, fc.array(fc.record({ identifier: stringArb, rights: stringArb }), { maxLength: 3 })).map(
  ([mailbox, entries]) => ({ type: 'ACL', mailbox, entries }),
);
export const listRightsArb: fc.Arbitrary<ListRightsResponse> = fc.tuple(mailboxArb, stringArb, stringArb, fc.array(stringArb, { maxLength: 3 })).map(
  ([mailbox, identifier, required, optional]) => ({ type: 'LISTRIGHTS', mailbox, identifier, required, optional }),
);
export const myRightsArb: fc.Arbitrary<MyRightsResponse> = fc.tuple(mailboxArb, stringArb).map(([mailbox, rights]) => ({ type: 'MYRIGHTS', mailbox, rights }));
export const metadataArb: fc.Arbitrary<MetadataResponse> = fc.oneof(
  fc.tuple(mailboxArb, fc.array(fc.record({ entry: stringArb, value: fc.oneof(stringArb, fc.constant(null), fc.uint8Array({ maxLength: 8 })) }), { minLength: 1, maxLength: 3 })).map(
    ([mailbox, values]): MetadataResponse => ({ type: 'METADATA', mailbox, values }),
  ),
  fc.tuple(mailboxArb, fc.array(stringArb, { minLength: 1, maxLength: 3 })).map(([mailbox, entries]): MetadataResponse => ({ type: 'METADATA', mailbox, entries })),
);

function valuesBytes(values: ImapValue[]): Uint8Array {
  const w = new Writer({ side: 'server' });
  for (const v of values) {
    w.sp();
    writeValue(w, v);
  }
  return w.toBytes();
}
export const unknownResponseArb: fc.Arbitrary<UnknownResponse> = fc.record(
  {
    type: fc.constant('unknown' as const),
    seq: uint32,
    name: atomArb.filter(not(KNOWN_RESPONSES)),
    rest: fc.array(imapValueArb, { maxLength: 3 }).map(valuesBytes),
  },
  { requiredKeys: ['type', 'name', 'rest'] },
);

/** Any response. */
export const responseArb: fc.Arbitrary<Response> = fc.oneof(
  taggedArb, untaggedStatusArb, continueArb, capabilityArb, flagsArb, listArb, statusArb, searchArb, esearchArb,
  threadResponseArb, countArb, expungeArb, vanishedArb, fetchArb, namespaceResponseArb, idArb, quotaArb, quotaRootArb,
  aclArb, listRightsArb, myRightsArb, metadataArb, unknownResponseArb,
);

/** Each response arbitrary by name, for per-type properties. */
export const responseArbs: Record<string, fc.Arbitrary<Response>> = {
  tagged: taggedArb, untaggedStatus: untaggedStatusArb, continue: continueArb, capability: capabilityArb, flags: flagsArb,
  list: listArb, status: statusArb, search: searchArb, esearch: esearchArb, thread: threadResponseArb, count: countArb,
  expunge: expungeArb, vanished: vanishedArb, fetch: fetchArb, namespace: namespaceResponseArb, id: idArb, quota: quotaArb,
  quotaRoot: quotaRootArb, acl: aclArb, listRights: listRightsArb, myRights: myRightsArb, metadata: metadataArb,
  unknown: unknownResponseArb,
};
