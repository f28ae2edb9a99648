import type { ImapDateTime } from './datetime.js';
import type { Flag } from './flags.js';
import type { SequenceSet } from './sequence-set.js';
import type { ImapValue } from './value.js';
import type { SearchKey, SearchReturnOption } from './search.js';
import type { FetchItems } from './fetch-att.js';
import type { STATUS_ATT_NAMES } from './response.js';

/**
 * A named parameter of the RFC 4466 `tagged-ext` kind (SELECT / CREATE /
 * RENAME parameters, FETCH / STORE modifiers, LIST options, GETMETADATA
 * options) that imapwire keeps generically: its label and optional value.
 *
 * @example
 * const p: ExtParam = { name: 'X-FOO', value: { type: 'number', value: 3n } };
 */
export interface ExtParam {
  name: string;
  value?: ImapValue;
}

/**
 * A SELECT / EXAMINE parameter (RFC 4466 §2.1, RFC 7162 §3.1.8, §3.2.5).
 *
 * @example
 * const q: SelectParam = { type: 'QRESYNC', uidValidity: 67890007, modSeq: 20050715194045000n, knownUids: [[41, 211], [214, 541]] };
 */
export type SelectParam =
  | { type: 'CONDSTORE' }
  | {
      type: 'QRESYNC';
      uidValidity: number;
      modSeq: bigint;
      knownUids?: SequenceSet;
      /** Needs `knownUids`. */
      seqMatch?: { seqs: SequenceSet; uids: SequenceSet };
    }
  | ({ type: 'unknown' } & ExtParam);

/**
 * A CREATE parameter: RFC 6154 `USE (\Drafts ...)` or a generic one.
 *
 * @example
 * const p: CreateParam = { type: 'USE', uses: ['\\Sent'] };
 */
export type CreateParam = { type: 'USE'; uses: string[] } | ({ type: 'unknown' } & ExtParam);

/**
 * STATUS data items (RFC 9051 §6.3.11, RFC 7162, RFC 7889, RFC 8474, RFC 9208); unknown ones kept by name.
 *
 * @example
 * const items: StatusAttName[] = ['MESSAGES', 'UIDNEXT', 'HIGHESTMODSEQ'];
 */
export type StatusAttName = (typeof STATUS_ATT_NAMES)[number] | (string & {});

/**
 * A LIST RETURN option (RFC 5258 §3, RFC 5819 STATUS, RFC 6154
 * SPECIAL-USE); others are kept as `unknown`.
 *
 * @example
 * const opts: ListReturnOption[] = [{ type: 'CHILDREN' }, { type: 'STATUS', items: ['MESSAGES', 'UNSEEN'] }];
 */
export type ListReturnOption =
  | { type: 'SUBSCRIBED' | 'CHILDREN' | 'SPECIAL-USE' | 'MYRIGHTS' }
  | { type: 'STATUS'; items: StatusAttName[] }
  | ({ type: 'unknown' } & ExtParam);

/**
 * One CATENATE part (RFC 4469): literal text, or an IMAP URL. RFC 6855
 * adds `UTF8 (literal8)`.
 *
 * @example
 * const parts: CatenatePart[] = [{ type: 'URL', url: '/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER' }, { type: 'TEXT', data: new TextEncoder().encode('\r\n--abc\r\n') }];
 */
export type CatenatePart =
  | { type: 'TEXT'; data: Uint8Array }
  | { type: 'URL'; url: string }
  | { type: 'UTF8'; data: Uint8Array };

/**
 * The message data of one APPEND message: a literal (`binary` for RFC 3516
 * `~{n}`), RFC 6855 `UTF8 (~{n})`, or RFC 4469 CATENATE.
 *
 * @example
 * const d: AppendData = { type: 'literal', data: new TextEncoder().encode('Subject: hi\r\n\r\nhello\r\n'), binary: false };
 */
export type AppendData =
  | { type: 'literal'; data: Uint8Array; binary: boolean }
  | { type: 'UTF8'; data: Uint8Array }
  | { type: 'CATENATE'; parts: CatenatePart[] };

/**
 * One message of an APPEND (several with MULTIAPPEND, RFC 3502).
 *
 * @example
 * const m: AppendMessage = { flags: ['\\Seen'], data: { type: 'literal', data: bytes, binary: false } };
 */
export interface AppendMessage {
  flags?: Flag[];
  date?: ImapDateTime;
  data: AppendData;
}

/**
 * A `STORE` action: `FLAGS`, `+FLAGS`, `-FLAGS`, each maybe `.SILENT`.
 *
 * @example
 * const s: StoreAction = 'add'; // +FLAGS
 */
export type StoreAction = 'set' | 'add' | 'remove';

/**
 * A SORT criterion (RFC 5256): the key, maybe reversed.
 *
 * @example
 * const c: SortCriterion = { key: 'DATE', reverse: true };
 */
export interface SortCriterion {
  /** ARRIVAL CC DATE FROM SIZE SUBJECT TO, DISPLAYFROM DISPLAYTO (RFC 5957) or another atom. */
  key: string;
  reverse: boolean;
}

/**
 * RFC 9208 SETQUOTA resource limit.
 *
 * @example
 * const l: QuotaLimit = { resource: 'STORAGE', limit: 512n };
 */
export interface QuotaLimit {
  resource: string;
  limit: bigint;
}

/**
 * RFC 5464 SETMETADATA entry: its value bytes, or null to remove it.
 *
 * @example
 * const e: SetMetadataEntry = { entry: '/private/comment', value: new TextEncoder().encode('My comment') };
 */
export interface SetMetadataEntry {
  entry: string;
  value: Uint8Array | null;
}

/**
 * RFC 5464 GETMETADATA options.
 *
 * @example
 * const o: GetMetadataOptions = { maxSize: 1024, depth: 'infinity' };
 */
export interface GetMetadataOptions {
  maxSize?: number;
  depth?: '0' | '1' | 'infinity';
  /** Other options, kept generically. */
  other?: ExtParam[];
}

/**
 * Commands that are a bare name (RFC 9051 §6 and extensions).
 *
 * @example
 * const name: SimpleCommandName = 'NOOP';
 * serializeCommand({ tag: 'A1', type: name }); // 'A1 NOOP\r\n'
 */
export type SimpleCommandName =
  | 'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'NAMESPACE' | 'IDLE' | 'CHECK' | 'CLOSE' | 'UNSELECT'
  | 'EXPUNGE' | 'UNAUTHENTICATE';

/**
 * A client command: the tag, the command name as `type`, and its
 * arguments. Mailbox names are strings exactly as sent (no modified
 * UTF-7 decoding, no INBOX case folding). UID forms carry `uid: true`.
 * Commands imapwire has no grammar for are `unknown` with generic
 * arguments, so a proxy can pass them on and a server can answer BAD.
 *
 * @example
 * const c: Command = { tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'pass word' };
 * const f: Command = { tag: 'A2', type: 'FETCH', uid: true, set: [[1, '*']], items: [{ type: 'FLAGS' }] };
 */
export type Command =
  | { tag: string; type: SimpleCommandName }
  /** RFC 2971: NIL or field/value pairs. */
  | { tag: string; type: 'ID'; params: [string, string | null][] | null }
  /** RFC 5161 */
  | { tag: string; type: 'ENABLE'; capabilities: string[] }
  /** RFC 4978 */
  | { tag: string; type: 'COMPRESS'; mechanism: string }
  | { tag: string; type: 'LOGIN'; userid: string; password: string }
  /**
   * RFC 9051 §6.2.2 with RFC 4959 SASL-IR. `initialResponse` is the
   * decoded initial response (empty for `=`), absent when none was sent.
   */
  | { tag: string; type: 'AUTHENTICATE'; mechanism: string; initialResponse?: Uint8Array }
  | { tag: string; type: 'SELECT' | 'EXAMINE'; mailbox: string; params?: SelectParam[] }
  | { tag: string; type: 'CREATE'; mailbox: string; params?: CreateParam[] }
  | { tag: string; type: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'; mailbox: string }
  | { tag: string; type: 'RENAME'; from: string; to: string; params?: ExtParam[] }
  | {
      tag: string;
      type: 'LIST';
      /** RFC 5258 selection options; absent for a basic LIST. */
      selection?: ExtParam[];
      reference: string;
      /** One pattern, or several (RFC 5258). */
      patterns: string[];
      /** RFC 5258 RETURN options; `[]` is `RETURN ()`. */
      return?: ListReturnOption[];
    }
  | { tag: string; type: 'LSUB'; reference: string; pattern: string }
  | { tag: string; type: 'STATUS'; mailbox: string; items: StatusAttName[] }
  | { tag: string; type: 'APPEND'; mailbox: string; messages: AppendMessage[] }
  | { tag: string; type: 'GETQUOTA'; root: string }
  | { tag: string; type: 'GETQUOTAROOT'; mailbox: string }
  | { tag: string; type: 'SETQUOTA'; root: string; limits: QuotaLimit[] }
  | { tag: string; type: 'SETACL'; mailbox: string; identifier: string; rights: string }
  | { tag: string; type: 'DELETEACL' | 'LISTRIGHTS'; mailbox: string; identifier: string }
  | { tag: string; type: 'GETACL' | 'MYRIGHTS'; mailbox: string }
  | { tag: string; type: 'GETMETADATA'; options?: GetMetadataOptions; mailbox: string; entries: string[] }
  | { tag: string; type: 'SETMETADATA'; mailbox: string; entries: SetMetadataEntry[] }
  /** RFC 4315 */
  | { tag: string; type: 'UID EXPUNGE'; set: SequenceSet }
  | {
      tag: string;
      type: 'SEARCH';
      uid: boolean;
      /** `[]` is `RETURN ()`; absent when no RETURN was given. */
      return?: SearchReturnOption[];
      charset?: string;
      criteria: SearchKey[];
    }
  | { tag: string; type: 'FETCH'; uid: boolean; set: SequenceSet; items: FetchItems; modifiers?: FetchModifier[] }
  /** `STORE set [+|-]FLAGS[.SILENT] flags` (RFC 9051 §6.4.6). */
  | {
      tag: string;
      type: 'STORE';
      uid: boolean;
      set: SequenceSet;
      modifiers?: StoreModifier[];
      action: StoreAction;
      silent: boolean;
      flags: Flag[];
    }
  /**
   * Gmail's `STORE set [+|-]X-GM-LABELS[.SILENT] (labels)`: each label an
   * astring, or a `\Inbox`-style system label. Told apart from the FLAGS
   * form by its `labels` field (`'labels' in c`).
   */
  | {
      tag: string;
      type: 'STORE';
      uid: boolean;
      set: SequenceSet;
      modifiers?: StoreModifier[];
      action: StoreAction;
      silent: boolean;
      labels: string[];
    }
  | { tag: string; type: 'COPY' | 'MOVE'; uid: boolean; set: SequenceSet; mailbox: string }
  | {
      tag: string;
      type: 'SORT';
      uid: boolean;
      /** RFC 5267 ESORT return options. */
      return?: SearchReturnOption[];
      criteria: SortCriterion[];
      charset: string;
      search: SearchKey[];
    }
  | { tag: string; type: 'THREAD'; uid: boolean; algorithm: string; charset: string; search: SearchKey[] }
  /** A command imapwire has no grammar for: its name and generic arguments. */
  | { tag: string; type: 'unknown'; name: string; args: ImapValue[] };

/**
 * A FETCH modifier (RFC 4466, RFC 7162 CHANGEDSINCE / VANISHED).
 *
 * @example
 * const m: FetchModifier[] = [{ type: 'CHANGEDSINCE', modSeq: 12345n }, { type: 'VANISHED' }];
 */
export type FetchModifier =
  | { type: 'CHANGEDSINCE'; modSeq: bigint }
  | { type: 'VANISHED' }
  | ({ type: 'unknown' } & ExtParam);

/**
 * A STORE modifier (RFC 4466, RFC 7162 UNCHANGEDSINCE).
 *
 * @example
 * const m: StoreModifier = { type: 'UNCHANGEDSINCE', modSeq: 320162338n };
 */
export type StoreModifier = { type: 'UNCHANGEDSINCE'; modSeq: bigint } | ({ type: 'unknown' } & ExtParam);

/**
 * The `type` of every command.
 *
 * @example
 * const t: CommandType = parseCommand('A1 SELECT INBOX\r\n').type; // 'SELECT'
 */
export type CommandType = Command['type'];

/**
 * The command of a given type.
 *
 * @example
 * const l: CommandOf<'LOGIN'> = { tag: 'a', type: 'LOGIN', userid: 'u', password: 'p' };
 */
export type CommandOf<T extends CommandType> = Command extends infer C ? (C extends { type: infer U } ? (T extends U ? C : never) : never) : never;
