import type { ImapDate } from './datetime.js';
import type { SequenceSet } from './sequence-set.js';
import type { ImapValue } from './value.js';

/**
 * Search keys that take no argument (RFC 9051 §6.4.4, RFC 3501 §6.4.4).
 *
 * @example
 * const k: SearchFlagKeyName = 'UNSEEN';
 */
export type SearchFlagKeyName =
  | 'ALL' | 'ANSWERED' | 'DELETED' | 'DRAFT' | 'FLAGGED' | 'NEW' | 'OLD' | 'RECENT' | 'SEEN'
  | 'UNANSWERED' | 'UNDELETED' | 'UNDRAFT' | 'UNFLAGGED' | 'UNSEEN' | 'SAVEDATESUPPORTED';

/**
 * Search keys that take a string (astring) to look for.
 *
 * @example
 * const k: SearchStringKeyName = 'SUBJECT';
 */
export type SearchStringKeyName = 'BCC' | 'BODY' | 'CC' | 'FROM' | 'SUBJECT' | 'TEXT' | 'TO' | 'X-GM-RAW' | 'X-GM-LABELS';

/**
 * Search keys that take a `date` (RFC 9051; SAVED* from RFC 8514).
 *
 * @example
 * const k: SearchDateKeyName = 'SINCE';
 */
export type SearchDateKeyName =
  | 'BEFORE' | 'ON' | 'SINCE' | 'SENTBEFORE' | 'SENTON' | 'SENTSINCE' | 'SAVEDBEFORE' | 'SAVEDON' | 'SAVEDSINCE';

/**
 * One SEARCH criterion (RFC 9051 §6.4.4 `search-key` with RFC 7162
 * MODSEQ, RFC 8474 EMAILID / THREADID, RFC 5032 OLDER / YOUNGER and the
 * Gmail keys). A list of keys means AND; `AND` is the parenthesized form.
 * Unknown keys are kept as `extension` with the quoted or literal strings
 * that follow them.
 *
 * @example
 * // OR FROM "Smith" (SINCE 1-Feb-1994 NOT SEEN)
 * const k: SearchKey = {
 *   type: 'OR',
 *   left: { type: 'FROM', value: 'Smith' },
 *   right: { type: 'AND', keys: [{ type: 'SINCE', date: { year: 1994, month: 2, day: 1 } }, { type: 'NOT', key: { type: 'SEEN' } }] },
 * };
 */
export type SearchKey =
  | { type: SearchFlagKeyName }
  | { type: SearchStringKeyName; value: string }
  | { type: SearchDateKeyName; date: ImapDate }
  | { type: 'KEYWORD' | 'UNKEYWORD'; flag: string }
  | { type: 'HEADER'; field: string; value: string }
  /** Sizes are number64 in RFC 9051. */
  | { type: 'LARGER' | 'SMALLER'; size: bigint }
  | { type: 'UID'; set: SequenceSet }
  /** A bare sequence set (or `$`) as a key. */
  | { type: 'SEQUENCE'; set: SequenceSet }
  | { type: 'NOT'; key: SearchKey }
  | { type: 'OR'; left: SearchKey; right: SearchKey }
  /** `( key *(SP key) )` */
  | { type: 'AND'; keys: SearchKey[] }
  /** RFC 7162: `MODSEQ ["/flags/\\draft" all] 620162338` */
  | { type: 'MODSEQ'; entry?: { name: string; type: 'priv' | 'shared' | 'all' }; modSeq: bigint }
  /** RFC 8474 */
  | { type: 'EMAILID' | 'THREADID'; id: string }
  /** RFC 5032: seconds. */
  | { type: 'OLDER' | 'YOUNGER'; seconds: number }
  /** Gmail numeric keys (number64). */
  | { type: 'X-GM-MSGID' | 'X-GM-THRID'; id: bigint }
  /** A key imapwire does not know: its name and the strings that follow it. */
  | { type: 'extension'; name: string; args: string[] };

/**
 * A SEARCH / SORT return option (RFC 4731, RFC 5182, RFC 4466): a known
 * name, or an extension with an optional `tagged-ext-val` parameter.
 *
 * @example
 * const opts: SearchReturnOption[] = [{ name: 'MIN' }, { name: 'COUNT' }, { name: 'PARTIAL', value: { type: 'atom', value: '1:100' } }];
 */
export interface SearchReturnOption {
  /** Upper-case for the known ones: MIN MAX ALL COUNT SAVE. */
  name: string;
  value?: ImapValue;
}
