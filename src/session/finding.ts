/**
 * One finding: a grammar violation (strict mode) or a conversation rule
 * broken, with the side at fault and where. Every output format of the
 * command line (text, JSON lines, JUnit, SARIF, GitHub annotations)
 * renders this one shape.
 */
import type { Direction, SourceSpan } from '../capture/types.js';

/**
 * How binding the broken rule is (RFC 2119).
 *
 * @example
 * const l: FindingLevel = 'MUST';
 */
export type FindingLevel = 'MUST' | 'SHOULD';

/**
 * A finding.
 *
 * Rule ids are stable: grammar violations are `grammar/<ABNF rule>` (for
 * example `grammar/nz-number`), conversation rules have their own ids
 * listed in `docs/checks.md` (for example `tag-unknown`).
 *
 * @example
 * {
 *   rule: 'grammar/nz-number', side: 'server', level: 'MUST', rfc: 'RFC 9051 §9',
 *   message: 'UIDNEXT must be a non-zero number.', expected: 'nz-number', actual: '"0"',
 *   connection: '127.0.0.1:50312-127.0.0.1:143', direction: 'server', offset: 1234, length: 28,
 * }
 */
export interface Finding {
  /** Stable id of the rule broken. */
  rule: string;
  /** Who broke it. */
  side: Direction;
  level: FindingLevel;
  /** The RFC and section that states the rule, e.g. `RFC 9051 §7.4.1`. */
  rfc: string;
  /** One sentence a person reads. */
  message: string;
  expected?: string;
  actual?: string;
  /** Named quirk id, when the default mode knows this as a tolerated server bug. */
  quirk?: string;
  /** Command tag involved, when there is one. */
  tag?: string;
  connection: string;
  /** The direction of the frame it was found in. */
  direction: Direction;
  /** Byte offset in that direction's (decompressed) stream. */
  offset: number;
  length?: number;
  time?: number;
  /** Where in the input file, when known. */
  source?: SourceSpan;
  /** A printable excerpt of the frame, secrets redacted. */
  excerpt?: string;
}
