/**
 * The one list of conversation rules: id, side at fault, level and RFC
 * clause. docs/checks.md has a row for each (a test keeps the two equal).
 * Grammar violations are `grammar/<ABNF rule>` and are not listed here.
 */
import type { Direction } from '../../capture/types.js';
import type { FindingLevel } from '../finding.js';

/**
 * A rule's fixed facts.
 *
 * @example
 * const info: RuleInfo = { family: 'end', side: 'server', level: 'MUST', rfc: 'RFC 9051 §6.1.3' };
 */
export interface RuleInfo {
  side: Direction;
  level: FindingLevel;
  rfc: string;
  /** The family file under src/session/rules/ that checks it. */
  family: string;
}

const r = (family: string, side: Direction, level: FindingLevel, rfc: string): RuleInfo => ({ family, side, level, rfc });

/**
 * Every conversation rule by id.
 *
 * @example
 * RULES['tag-unknown'] // { family: 'tags', side: 'server', level: 'MUST', rfc: 'RFC 9051 §2.2.2' }
 */
export const RULES = {
  // States (RFC 9051 §3, §6)
  'state-command': r('states', 'client', 'MUST', 'RFC 9051 §3, §6'),
  'state-ok': r('states', 'server', 'MUST', 'RFC 9051 §3, §6'),
  // Tags
  'tag-reused': r('tags', 'client', 'SHOULD', 'RFC 9051 §2.2.1'),
  'tag-unknown': r('tags', 'server', 'MUST', 'RFC 9051 §2.2.2'),
  'tag-answered-twice': r('tags', 'server', 'MUST', 'RFC 9051 §2.2.2'),
  'tag-unanswered': r('tags', 'server', 'MUST', 'RFC 9051 §2.2.2'),
  // Continuations and literals
  'continuation-unexpected': r('continuations', 'server', 'MUST', 'RFC 9051 §7.6'),
  'literal-before-continuation': r('continuations', 'client', 'MUST', 'RFC 9051 §7.6'),
  'literal-nonsync-unadvertised': r('continuations', 'client', 'MUST', 'RFC 7888 §3'),
  'literal-minus-too-large': r('continuations', 'client', 'MUST', 'RFC 7888 §5'),
  'sasl-unexpected': r('continuations', 'client', 'MUST', 'RFC 9051 §6.2.2'),
  'idle-command': r('continuations', 'client', 'MUST', 'RFC 9051 §6.3.13'),
  'idle-done-unexpected': r('continuations', 'client', 'MUST', 'RFC 2177 §3'),
  'idle-fetch-without-uid': r('continuations', 'server', 'MUST', 'RFC 9051 §6.3.13'),
  // Mailbox size
  'exists-decreased': r('size', 'server', 'MUST', 'RFC 9051 §5.2'),
  'seq-above-count': r('size', 'server', 'MUST', 'RFC 9051 §2.3.1.2'),
  'expunge-no-command': r('size', 'server', 'MUST', 'RFC 9051 §7.5.1'),
  'expunge-during-seq-command': r('size', 'server', 'MUST', 'RFC 9051 §7.5.1'),
  'vanished-not-enabled': r('size', 'server', 'MUST', 'RFC 7162 §3.2.10'),
  'expunge-under-qresync': r('size', 'server', 'MUST', 'RFC 7162 §3.2.10.2'),
  'vanished-unannounced': r('size', 'server', 'MUST', 'RFC 7162 §3.2.10.2'),
  'vanished-earlier-uncaused': r('size', 'server', 'MUST', 'RFC 7162 §3.2.10.1'),
  // UIDs
  'uid-order': r('uids', 'server', 'MUST', 'RFC 9051 §2.3.1.1'),
  'uid-changed': r('uids', 'server', 'MUST', 'RFC 9051 §2.3.1.1'),
  'uid-fetch-without-uid': r('uids', 'server', 'MUST', 'RFC 9051 §6.4.9'),
  'uid-above-uidnext': r('uids', 'server', 'MUST', 'RFC 9051 §2.3.1.1'),
  'appenduid-uidvalidity': r('uids', 'server', 'MUST', 'RFC 4315 §3'),
  'appenduid-below-uidnext': r('uids', 'server', 'MUST', 'RFC 4315 §3'),
  'copyuid-uidvalidity': r('uids', 'server', 'MUST', 'RFC 4315 §3'),
  'copyuid-below-uidnext': r('uids', 'server', 'MUST', 'RFC 4315 §3'),
  'uid-new-below-uidnext': r('uids', 'server', 'MUST', 'RFC 9051 §2.3.1.1'),
  'uidvalidity-decreased': r('uids', 'server', 'MUST', 'RFC 9051 §2.3.1.1'),
  'uidvalidity-changed': r('uids', 'server', 'SHOULD', 'RFC 9051 §2.3.1.1'),
  // Flags
  'flag-not-announced': r('flags', 'server', 'SHOULD', 'RFC 9051 §7.3.5'),
  'permanentflag-not-in-flags': r('flags', 'server', 'SHOULD', 'RFC 9051 §7.1'),
  'recent-rev2': r('flags', 'server', 'SHOULD', 'RFC 9051 §2.3.2'),
  // SELECT / EXAMINE
  'select-missing-response': r('select', 'server', 'MUST', 'RFC 9051 §6.3.2'),
  'select-modseq-missing': r('select', 'server', 'MUST', 'RFC 7162 §3.1.2'),
  // CONDSTORE
  'modseq-decreased': r('condstore', 'server', 'MUST', 'RFC 7162 §3.1'),
  'highestmodseq-below-modseq': r('condstore', 'server', 'MUST', 'RFC 7162 §3.1.2.1'),
  'fetch-without-modseq': r('condstore', 'server', 'MUST', 'RFC 7162 §3.1'),
  // Static data
  'static-changed': r('static', 'server', 'MUST', 'RFC 9051 §6.4.5'),
  'cross-static-changed': r('static', 'server', 'MUST', 'RFC 9051 §6.4.5'),
  // The end
  'logout-no-bye': r('end', 'server', 'MUST', 'RFC 9051 §6.1.3'),
  'data-after-bye': r('end', 'server', 'SHOULD', 'RFC 9051 §7.1.5'),
} as const satisfies Record<string, RuleInfo>;

/**
 * The id of a conversation rule.
 *
 * @example
 * const id: RuleId = 'logout-no-bye';
 */
export type RuleId = keyof typeof RULES;

/**
 * Every conversation rule id.
 *
 * @example
 * RULE_IDS.includes('data-after-bye'); // true
 */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
