import type { Flag } from './flags.js';
import type { SequenceSet } from './sequence-set.js';

/**
 * Response codes that carry no data (RFC 9051 §7.1, RFC 5530, RFC 4315,
 * RFC 7162, RFC 4978, RFC 3516, RFC 4469, RFC 6154).
 *
 * @example
 * const c: SimpleRespCodeName = 'TRYCREATE';
 */
export type SimpleRespCodeName =
  | 'ALERT'
  | 'PARSE'
  | 'READ-ONLY'
  | 'READ-WRITE'
  | 'TRYCREATE'
  | 'UIDNOTSTICKY'
  | 'UNAVAILABLE'
  | 'AUTHENTICATIONFAILED'
  | 'AUTHORIZATIONFAILED'
  | 'EXPIRED'
  | 'PRIVACYREQUIRED'
  | 'CONTACTADMIN'
  | 'NOPERM'
  | 'INUSE'
  | 'EXPUNGEISSUED'
  | 'CORRUPTION'
  | 'SERVERBUG'
  | 'CLIENTBUG'
  | 'CANNOT'
  | 'LIMIT'
  | 'OVERQUOTA'
  | 'ALREADYEXISTS'
  | 'NONEXISTENT'
  | 'NOMODSEQ'
  | 'CLOSED'
  | 'COMPRESSIONACTIVE'
  | 'UNKNOWN-CTE'
  | 'TOOBIG'
  | 'USEATTR'
  | 'NOTSAVED'
  | 'HASCHILDREN';

/**
 * Every {@link SimpleRespCodeName}, for lookups.
 *
 * @example
 * SIMPLE_RESP_CODES.includes('READ-ONLY') // true
 */
export const SIMPLE_RESP_CODES: readonly SimpleRespCodeName[] = [
  'ALERT', 'PARSE', 'READ-ONLY', 'READ-WRITE', 'TRYCREATE', 'UIDNOTSTICKY', 'UNAVAILABLE',
  'AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED', 'CONTACTADMIN',
  'NOPERM', 'INUSE', 'EXPUNGEISSUED', 'CORRUPTION', 'SERVERBUG', 'CLIENTBUG', 'CANNOT', 'LIMIT',
  'OVERQUOTA', 'ALREADYEXISTS', 'NONEXISTENT', 'NOMODSEQ', 'CLOSED', 'COMPRESSIONACTIVE',
  'UNKNOWN-CTE', 'TOOBIG', 'USEATTR', 'NOTSAVED', 'HASCHILDREN',
];

/**
 * A `resp-text-code` without data, e.g. `[TRYCREATE]`.
 *
 * @example
 * const c: SimpleRespCode = { type: 'ALERT' };
 */
export interface SimpleRespCode {
  type: SimpleRespCodeName;
}

/**
 * `[BADCHARSET]` or `[BADCHARSET (UTF-8 US-ASCII)]` (RFC 9051 §7.1).
 *
 * @example
 * const c: BadCharsetCode = { type: 'BADCHARSET', charsets: ['UTF-8'] };
 */
export interface BadCharsetCode {
  type: 'BADCHARSET';
  /** The supported charsets; absent when the server listed none. */
  charsets?: string[];
}

/**
 * `[CAPABILITY IMAP4rev2 ...]`.
 *
 * @example
 * const c: CapabilityCode = { type: 'CAPABILITY', capabilities: ['IMAP4rev2', 'AUTH=PLAIN'] };
 */
export interface CapabilityCode {
  type: 'CAPABILITY';
  capabilities: string[];
}

/**
 * `[PERMANENTFLAGS (\Deleted \Seen \*)]`; `\*` means new keywords may be created.
 *
 * @example
 * const c: PermanentFlagsCode = { type: 'PERMANENTFLAGS', flags: ['\\Deleted', '\\*'] };
 */
export interface PermanentFlagsCode {
  type: 'PERMANENTFLAGS';
  flags: Flag[];
}

/**
 * `[UIDNEXT n]`, `[UIDVALIDITY n]`, `[UNSEEN n]`: a 32-bit number.
 *
 * @example
 * const c: NumberRespCode = { type: 'UIDVALIDITY', value: 3857529045 };
 */
export interface NumberRespCode {
  type: 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN';
  value: number;
}

/**
 * `[APPENDUID uidvalidity uid-set]` (RFC 4315 §3; a set with MULTIAPPEND).
 *
 * @example
 * const c: AppendUidCode = { type: 'APPENDUID', uidValidity: 38505, uids: [3955] };
 */
export interface AppendUidCode {
  type: 'APPENDUID';
  uidValidity: number;
  uids: SequenceSet;
}

/**
 * `[COPYUID uidvalidity source-uids destination-uids]` (RFC 4315 §3).
 *
 * @example
 * const c: CopyUidCode = { type: 'COPYUID', uidValidity: 38505, source: [304, [319, 320]], destination: [[3956, 3958]] };
 */
export interface CopyUidCode {
  type: 'COPYUID';
  uidValidity: number;
  source: SequenceSet;
  destination: SequenceSet;
}

/**
 * `[HIGHESTMODSEQ n]` (RFC 7162 §3.1.2.1): a number64.
 *
 * @example
 * const c: HighestModseqCode = { type: 'HIGHESTMODSEQ', value: 715194045007n };
 */
export interface HighestModseqCode {
  type: 'HIGHESTMODSEQ';
  value: bigint;
}

/**
 * `[MODIFIED 7,9]` (RFC 7162 §3.1.3): messages a conditional STORE did not change.
 *
 * @example
 * const c: ModifiedCode = { type: 'MODIFIED', set: [7, 9] };
 */
export interface ModifiedCode {
  type: 'MODIFIED';
  set: SequenceSet;
}

/**
 * `[MAILBOXID (F2212ea87-6097-4256-9d51-71338625)]` (RFC 8474 §4.1).
 *
 * @example
 * const c: MailboxIdCode = { type: 'MAILBOXID', id: 'F2212ea87' };
 */
export interface MailboxIdCode {
  type: 'MAILBOXID';
  id: string;
}

/**
 * `[REFERRAL imap://...]` (RFC 2221): one or more IMAP URLs.
 *
 * @example
 * const c: ReferralCode = { type: 'REFERRAL', urls: ['IMAP://user;AUTH=*@SERVER2/'] };
 */
export interface ReferralCode {
  type: 'REFERRAL';
  urls: string[];
}

/**
 * `[BADURL url]` (RFC 4469 §4.1): the URL CATENATE could not use.
 *
 * @example
 * const c: BadUrlCode = { type: 'BADURL', url: '/INBOX;UIDVALIDITY=785799047/;UID=113330' };
 */
export interface BadUrlCode {
  type: 'BADURL';
  url: string;
}

/**
 * `[METADATA LONGENTRIES n]`, `[METADATA MAXSIZE n]`, `[METADATA TOOMANY]`,
 * `[METADATA NOPRIVATE]` (RFC 5464 §4.2.1, §4.3).
 *
 * @example
 * const c: MetadataCode = { type: 'METADATA', kind: 'MAXSIZE', value: 1024 };
 */
export type MetadataCode =
  | { type: 'METADATA'; kind: 'LONGENTRIES' | 'MAXSIZE'; value: number }
  | { type: 'METADATA'; kind: 'TOOMANY' | 'NOPRIVATE' };

/**
 * Any other code: `atom [SP 1*<TEXT-CHAR except "]">]`, kept as written.
 *
 * @example
 * // [X-GM-LABELS foo bar]
 * const c: UnknownRespCode = { type: 'unknown', name: 'X-GM-LABELS', text: 'foo bar' };
 */
export interface UnknownRespCode {
  type: 'unknown';
  name: string;
  /** What followed the name and a space, up to the "]"; absent when nothing did. */
  text?: string;
}

/**
 * RFC 9051 §9 `resp-text-code` with the extension codes, discriminated on `type`.
 *
 * @example
 * const c: RespTextCode = { type: 'UIDNEXT', value: 4392 };
 */
export type RespTextCode =
  | SimpleRespCode
  | BadCharsetCode
  | CapabilityCode
  | PermanentFlagsCode
  | NumberRespCode
  | AppendUidCode
  | CopyUidCode
  | HighestModseqCode
  | ModifiedCode
  | MailboxIdCode
  | ReferralCode
  | BadUrlCode
  | MetadataCode
  | UnknownRespCode;
