/**
 * Grammar violations: a frame that strict mode refused (`violation`) or
 * that no mode could read (`error`) is a `grammar/<ABNF rule>` finding
 * blamed on the side that sent it (RFC 9051 §9 for both sides; §2.2.1
 * "clients MUST follow the syntax", §2.2.2 for servers).
 */
import type { ConversationEvent } from '../../capture/types.js';
import type { ImapParseError } from '../../wire/errors.js';
import type { ImapWarning } from '../../wire/reader.js';
import type { Finding } from '../finding.js';
import type { Where } from './context.js';

/** The rule name a parse error names (`rule` once strict mode names it, else its code). */
export function grammarRuleOf(e: ImapParseError): string {
  return e.rule !== undefined && e.rule !== '' ? e.rule : e.code;
}

/**
 * Where in its frame a parse error points: decoders give stream offsets,
 * one-shot parses frame offsets; an offset past the frame is taken as a
 * stream offset.
 *
 * @example
 * offsetInFrame(1234, 1200, 60); // 34
 */
export function offsetInFrame(errorOffset: number, frameOffset: number, frameLength: number): number {
  if (errorOffset >= frameOffset && errorOffset - frameOffset <= frameLength) return errorOffset - frameOffset;
  return Math.max(0, Math.min(errorOffset, frameLength));
}

/** The parts of a grammar finding the checker completes with where it was. */
export type GrammarFinding = Pick<Finding, 'rule' | 'side' | 'level' | 'rfc' | 'message' | 'expected' | 'actual' | 'quirk' | 'tag'>;

function quirkOf(warnings: readonly ImapWarning[] | undefined): string | undefined {
  return warnings !== undefined && warnings.length > 0 ? warnings[0].name : undefined;
}

/**
 * The grammar finding of an event, if it carries one.
 *
 * @example
 * const f = grammarFinding(ev); // { rule: 'grammar/nz-number', side: 'server', ... }
 */
export function grammarFinding(ev: ConversationEvent): { at: Where; finding: GrammarFinding } | undefined {
  if (ev.type !== 'command' && ev.type !== 'response' && ev.type !== 'error') return undefined;
  const e = ev.type === 'error' ? ev.error : ev.violation;
  if (e === undefined) return undefined;
  const rfc = e.rfc ?? 'RFC 9051 §9';
  const what = ev.direction === 'client' ? 'command' : 'response';
  const finding: GrammarFinding = {
    rule: `grammar/${grammarRuleOf(e)}`,
    side: ev.direction,
    level: 'MUST',
    rfc,
    message: ev.type === 'error'
      ? `The ${what} cannot be read: expected ${e.expected}, found ${e.found}.`
      : `The ${what} breaks the grammar: expected ${e.expected}, found ${e.found}.`,
    expected: e.expected,
    actual: e.found,
  };
  const quirk = ev.type === 'error' ? undefined : quirkOf(ev.warnings);
  if (quirk !== undefined) finding.quirk = quirk;
  const tag = e.tag ?? (ev.type === 'command' ? ev.command.tag : ev.type === 'response' && ev.response.type === 'tagged' ? ev.response.tag : undefined);
  if (tag !== undefined && tag !== '*' && tag !== '+') finding.tag = tag;
  const rel = offsetInFrame(e.offset, ev.offset, ev.frame.length);
  const at: Where = { direction: ev.direction, offset: ev.offset + rel, length: ev.length, frame: ev.frame };
  if (ev.time !== undefined) at.time = ev.time;
  if (ev.source !== undefined) at.source = ev.source;
  if (ev.type !== 'error' && ev.secrets !== undefined) at.secrets = ev.secrets;
  return { at, finding };
}
