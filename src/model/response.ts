import type { Flag } from './flags.js';
import type { FetchItem } from './fetch.js';
import type { ImapValue } from './value.js';
import type { RespTextCode } from './resp-code.js';
import type { SequenceSet } from './sequence-set.js';


/**
 * `resp-text`: an optional bracketed code and human-readable text. `text`
 * is `''` when the server sent none (a lenient quirk after a code).
 *
 * @example
 * const t: RespText = { code: { type: 'ALERT' }, text: 'System shutdown in 10 minutes' };
 */
export interface RespText {
  code?: RespTextCode;
  text: string;
}

/**
 * A tagged completion: `A1 OK [READ-WRITE] SELECT completed`.
 *
 * @example
 * const r: TaggedResponse = { type: 'tagged', tag: 'A1', status: 'OK', text: 'LOGIN completed' };
 */
export interface TaggedResponse extends RespText {
  type: 'tagged';
  tag: string;
  status: 'OK' | 'NO' | 'BAD';
}

/**
 * An untagged status: `* OK ...`, `* NO ...`, `* BAD ...`, `* BYE ...`,
 * `* PREAUTH ...`. A greeting is one of these (OK, PREAUTH or BYE) sent first.
 *
 * @example
 * const r: UntaggedStatus = { type: 'OK', code: { type: 'UNSEEN', value: 12 }, text: 'Message 12 is first unseen' };
 */
export interface UntaggedStatus extends RespText {
  type: 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH';
}

/**
 * The server greeting (RFC 9051 §7.1.1, §7.1.4, §7.1.5).
 *
 * @example
 * const g: Greeting = { type: 'OK', text: 'IMAP4rev2 Service Ready' };
 */
export interface Greeting extends RespText {
  type: 'OK' | 'PREAUTH' | 'BYE';
}

/**
 * A continuation request `+ text` (or `+ base64`, kept as text: the two
 * cannot be told apart on the wire). `text` is `''` for `+ ` and for a bare `+`.
 *
 * @example
 * const r: ContinueRequest = { type: 'continue', text: 'Ready for additional command text' };
 */
export interface ContinueRequest extends RespText {
  type: 'continue';
}

/**
 * `* CAPABILITY ...` and `* ENABLED ...` (RFC 5161).
 *
 * @example
 * const r: CapabilityResponse = { type: 'CAPABILITY', capabilities: ['IMAP4rev2', 'STARTTLS'] };
 */
export interface CapabilityResponse {
  type: 'CAPABILITY' | 'ENABLED';
  capabilities: string[];
}

/**
 * `* FLAGS (\Answered \Flagged ...)`.
 *
 * @example
 * const r: FlagsResponse = { type: 'FLAGS', flags: ['\\Seen', '$Forwarded'] };
 */
export interface FlagsResponse {
  type: 'FLAGS';
  flags: Flag[];
}

/**
 * One LIST-EXTENDED data item (RFC 5258 §6, RFC 9051 §7.3.1).
 *
 * @example
 * const x: ListExtendedItem = { type: 'CHILDINFO', options: ['SUBSCRIBED'] };
 */
export type ListExtendedItem =
  | { type: 'CHILDINFO'; options: string[] }
  | { type: 'OLDNAME'; mailbox: string }
  | { type: 'unknown'; tag: string; value: ImapValue };

/**
 * `* LIST (\Noselect) "/" foo` and `* LSUB ...` (`mailbox-list`).
 * The mailbox name is kept as sent (modified UTF-7 stays encoded; see `util/utf7`).
 *
 * @example
 * const r: ListResponse = { type: 'LIST', attributes: ['\\HasNoChildren'], delimiter: '/', mailbox: 'INBOX' };
 */
export interface ListResponse {
  type: 'LIST' | 'LSUB';
  attributes: Flag[];
  /** The hierarchy delimiter, or null for NIL (a flat namespace). */
  delimiter: string | null;
  mailbox: string;
  /** `mbox-list-extended`, when the server sent one (even empty). */
  extended?: ListExtendedItem[];
}

/**
 * One STATUS item (RFC 9051 §7.2.4, RFC 7162, RFC 7889, RFC 8474, RFC 9208).
 *
 * @example
 * const a: StatusItem = { type: 'SIZE', value: 44827n };
 */
export type StatusItem =
  | { type: 'MESSAGES' | 'RECENT' | 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN' | 'DELETED'; value: number }
  | { type: 'SIZE' | 'HIGHESTMODSEQ' | 'DELETED-STORAGE'; value: bigint }
  | { type: 'APPENDLIMIT'; value: number | null }
  | { type: 'MAILBOXID'; value: string }
  | { type: 'unknown'; name: string; value: ImapValue };

/**
 * The STATUS items imapwire reads and writes itself (the `type`s of {@link StatusItem} but `unknown`).
 *
 * @example
 * STATUS_ATT_NAMES.includes('UIDNEXT') // true
 */
export const STATUS_ATT_NAMES = [
  'MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'HIGHESTMODSEQ', 'APPENDLIMIT',
  'MAILBOXID', 'DELETED-STORAGE',
] as const satisfies readonly Exclude<StatusItem['type'], 'unknown'>[];

/**
 * `* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)`.
 *
 * @example
 * const r: StatusResponse = { type: 'STATUS', mailbox: 'blurdybloop', items: [{ type: 'MESSAGES', value: 231 }] };
 */
export interface StatusResponse {
  type: 'STATUS';
  mailbox: string;
  items: StatusItem[];
}

/**
 * `* SEARCH 2 3 6` and `* SORT 5 3 4` (RFC 5256), optionally with the
 * highest `(MODSEQ n)` of the matches (RFC 7162 §3.1.5).
 *
 * @example
 * const r: SearchResponse = { type: 'SEARCH', ids: [2, 84, 882], modseq: 917162500n };
 */
export interface SearchResponse {
  type: 'SEARCH' | 'SORT';
  ids: number[];
  modseq?: bigint;
}

/**
 * One ESEARCH return item (RFC 4731, RFC 9051 §7.3.4, RFC 7162 §3.2.5).
 *
 * @example
 * const x: EsearchItem = { type: 'ALL', set: [[2, 10], 11] };
 */
export type EsearchItem =
  | { type: 'MIN' | 'MAX' | 'COUNT'; value: number }
  | { type: 'ALL'; set: SequenceSet }
  | { type: 'MODSEQ'; value: bigint }
  | { type: 'unknown'; name: string; value: ImapValue };

/**
 * `* ESEARCH (TAG "A282") UID MIN 2 COUNT 3`.
 *
 * @example
 * const r: EsearchResponse = { type: 'ESEARCH', tag: 'A282', uid: false, items: [{ type: 'COUNT', value: 3 }] };
 */
export interface EsearchResponse {
  type: 'ESEARCH';
  /** The search correlator's tag, when present. */
  tag?: string;
  uid: boolean;
  items: EsearchItem[];
}

/**
 * One `thread-list` (RFC 5256 §5): `ids` is a chain of messages, each the
 * parent of the next; `children` are the threads branching off the last
 * one (or, when `ids` is empty, siblings under a missing parent).
 *
 * @example
 * // (3 6 (4 23)(44 7 96))
 * const t: Thread = { ids: [3, 6], children: [{ ids: [4, 23], children: [] }, { ids: [44, 7, 96], children: [] }] };
 */
export interface Thread {
  ids: number[];
  children: Thread[];
}

/**
 * `* THREAD (2)(3 6 (4 23)(44 7 96))`.
 *
 * @example
 * const r: ThreadResponse = { type: 'THREAD', threads: [{ ids: [2], children: [] }] };
 */
export interface ThreadResponse {
  type: 'THREAD';
  threads: Thread[];
}

/**
 * `* 23 EXISTS` and `* 5 RECENT` (message counts).
 *
 * @example
 * const r: CountResponse = { type: 'EXISTS', count: 23 };
 */
export interface CountResponse {
  type: 'EXISTS' | 'RECENT';
  count: number;
}

/**
 * `* 44 EXPUNGE`.
 *
 * @example
 * const r: ExpungeResponse = { type: 'EXPUNGE', seq: 44 };
 */
export interface ExpungeResponse {
  type: 'EXPUNGE';
  seq: number;
}

/**
 * `* VANISHED (EARLIER) 300:310,405` (RFC 7162 §3.2.10).
 *
 * @example
 * const r: VanishedResponse = { type: 'VANISHED', earlier: true, uids: [[300, 310], 405] };
 */
export interface VanishedResponse {
  type: 'VANISHED';
  earlier: boolean;
  uids: SequenceSet;
}

/**
 * `* 12 FETCH (FLAGS (\Seen) UID 4827313)`; the items come from `grammar/fetch-response`.
 *
 * @example
 * const r: FetchResponse = { type: 'FETCH', seq: 12, items: [] };
 */
export interface FetchResponse {
  type: 'FETCH';
  seq: number;
  items: FetchItem[];
}

/**
 * A NAMESPACE extension item (RFC 2342 §5): `"X-PARAM" ("flag1" "flag2")`.
 *
 * @example
 * const x: NamespaceExtension = { name: 'X-PARAM', values: ['FLAG1', 'FLAG2'] };
 */
export interface NamespaceExtension {
  name: string;
  values: string[];
}

/**
 * One `namespace-descr`.
 *
 * @example
 * const n: Namespace = { prefix: '#shared/', delimiter: '/' };
 */
export interface Namespace {
  prefix: string;
  delimiter: string | null;
  /** Present only when the server sent extension items. */
  extensions?: NamespaceExtension[];
}

/**
 * `* NAMESPACE (("" "/")) NIL NIL` (RFC 2342, RFC 9051 §7.3.5); null is NIL.
 *
 * @example
 * const r: NamespaceResponse = { type: 'NAMESPACE', personal: [{ prefix: '', delimiter: '/' }], other: null, shared: null };
 */
export interface NamespaceResponse {
  type: 'NAMESPACE';
  personal: Namespace[] | null;
  other: Namespace[] | null;
  shared: Namespace[] | null;
}

/**
 * `* ID ("name" "Cyrus" "version" NIL)` (RFC 2971); null params is `NIL`.
 *
 * @example
 * const r: IdResponse = { type: 'ID', params: [['name', 'Cyrus'], ['support-url', null]] };
 */
export interface IdResponse {
  type: 'ID';
  params: [string, string | null][] | null;
}

/**
 * One quota resource (RFC 9208 §4.2.1): usage and limit are number64.
 *
 * @example
 * const q: QuotaResource = { name: 'STORAGE', usage: 10n, limit: 512n };
 */
export interface QuotaResource {
  name: string;
  usage: bigint;
  limit: bigint;
}

/**
 * `* QUOTA "" (STORAGE 10 512)` (RFC 9208 §4.2.1).
 *
 * @example
 * const r: QuotaResponse = { type: 'QUOTA', root: '', resources: [{ name: 'STORAGE', usage: 10n, limit: 512n }] };
 */
export interface QuotaResponse {
  type: 'QUOTA';
  root: string;
  resources: QuotaResource[];
}

/**
 * `* QUOTAROOT INBOX ""` (RFC 9208 §4.2.2).
 *
 * @example
 * const r: QuotaRootResponse = { type: 'QUOTAROOT', mailbox: 'INBOX', roots: [''] };
 */
export interface QuotaRootResponse {
  type: 'QUOTAROOT';
  mailbox: string;
  roots: string[];
}

/**
 * `* ACL INBOX Fred rwipslxetad` (RFC 4314 §3.6).
 *
 * @example
 * const r: AclResponse = { type: 'ACL', mailbox: 'INBOX', entries: [{ identifier: 'Fred', rights: 'rwipslxetad' }] };
 */
export interface AclResponse {
  type: 'ACL';
  mailbox: string;
  entries: { identifier: string; rights: string }[];
}

/**
 * `* LISTRIGHTS ~/Mail/saved smith la r swicdkxte` (RFC 4314 §3.7):
 * the rights always granted, then the optional groups.
 *
 * @example
 * const r: ListRightsResponse = { type: 'LISTRIGHTS', mailbox: '~/Mail/saved', identifier: 'smith', required: 'la', optional: ['r', 'swicdkxte'] };
 */
export interface ListRightsResponse {
  type: 'LISTRIGHTS';
  mailbox: string;
  identifier: string;
  required: string;
  optional: string[];
}

/**
 * `* MYRIGHTS INBOX rwiptsldaex` (RFC 4314 §3.8).
 *
 * @example
 * const r: MyRightsResponse = { type: 'MYRIGHTS', mailbox: 'INBOX', rights: 'rwiptsldaex' };
 */
export interface MyRightsResponse {
  type: 'MYRIGHTS';
  mailbox: string;
  rights: string;
}

/**
 * One METADATA entry and its value (RFC 5464 §4.4.1): a string, NIL, or
 * `literal8` data as bytes.
 *
 * @example
 * const e: MetadataEntryValue = { entry: '/shared/comment', value: 'Shared comment' };
 */
export interface MetadataEntryValue {
  entry: string;
  value: string | Uint8Array | null;
}

/**
 * `* METADATA INBOX (/shared/comment "text")` (values) or the unsolicited
 * `* METADATA INBOX /shared/comment` (entries that changed).
 *
 * @example
 * const r: MetadataResponse = { type: 'METADATA', mailbox: 'INBOX', entries: ['/shared/comment'] };
 */
export type MetadataResponse =
  | { type: 'METADATA'; mailbox: string; values: MetadataEntryValue[] }
  | { type: 'METADATA'; mailbox: string; entries: string[] };

/**
 * An untagged response imapwire has no grammar for, kept byte for byte:
 * `* [seq SP] name rest CRLF`. `rest` is everything after the name up to
 * the final CRLF (literals included), so it is written back unchanged.
 *
 * @example
 * // * 3 XBAR (1 2)
 * const r: UnknownResponse = { type: 'unknown', seq: 3, name: 'XBAR', rest: new TextEncoder().encode(' (1 2)') };
 */
export interface UnknownResponse {
  type: 'unknown';
  seq?: number;
  name: string;
  rest: Uint8Array;
}

/**
 * Anything a server sends: RFC 9051 §7 and the extension responses,
 * discriminated on `type`.
 *
 * @example
 * switch (r.type) { case 'tagged': ...; case 'EXISTS': ...; case 'FETCH': ... }
 */
export type Response =
  | TaggedResponse
  | UntaggedStatus
  | ContinueRequest
  | CapabilityResponse
  | FlagsResponse
  | ListResponse
  | StatusResponse
  | SearchResponse
  | EsearchResponse
  | ThreadResponse
  | CountResponse
  | ExpungeResponse
  | VanishedResponse
  | FetchResponse
  | NamespaceResponse
  | IdResponse
  | QuotaResponse
  | QuotaRootResponse
  | AclResponse
  | ListRightsResponse
  | MyRightsResponse
  | MetadataResponse
  | UnknownResponse;

/**
 * The `type` names of {@link Response}.
 *
 * @example
 * const t: ResponseType = 'EXISTS';
 */
export type ResponseType = Response['type'];

/**
 * The response variant(s) whose `type` can be `T`, also where a variant's
 * `type` is itself a union (`'LIST' | 'LSUB'`).
 *
 * @example
 * const l: ResponseOf<'LSUB'> = { type: 'LSUB', attributes: [], delimiter: '/', mailbox: 'INBOX' };
 */
export type ResponseOf<T extends ResponseType> = Response extends infer R ? (R extends { type: infer U } ? (T extends U ? R : never) : never) : never;
