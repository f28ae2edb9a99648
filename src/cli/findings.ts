/**
 * Grammar findings: what strict mode refused in a frame, as the one
 * {@link Finding} shape every output format renders.
 */
import type { ConversationEvent, Direction, SecretRange } from '../capture/types.js';
import type { Finding } from '../session/finding.js';
import type { ImapParseError } from '../wire/errors.js';
import { QUIRK_BY_ID } from '../grammar/quirks.js';
import { grammarRuleOf, offsetInFrame } from '../session/rules/grammar.js';
import { excerpt, guessSecrets, scrub, secretTexts } from './redact.js';

/** How findings are made: which grammar is meant, and whether secrets are shown. */
export interface FindingOptions {
  grammar?: 'imap4rev1' | 'imap4rev2';
  showSecrets?: boolean;
}

/**
 * The grammar finding of a conversation event, if it has one: a command
 * or response with a strict-mode `violation`, or a frame neither mode
 * could read (`error`).
 *
 * @example
 * const f = grammarFinding(ev, { grammar: 'imap4rev2' });
 * if (f) console.log(f.rule, f.offset); // grammar/nz-number 1234
 */
export function grammarFinding(ev: ConversationEvent, options: FindingOptions = {}): Finding | undefined {
  if (ev.type === 'command' || ev.type === 'response') {
    if (ev.violation === undefined) return undefined;
    return build(ev, ev.violation, ev.frame, ev.secrets, ev.warnings?.find((w) => QUIRK_BY_ID.has(w.name))?.name, options);
  }
  if (ev.type === 'error') {
    const secrets = ev.frame.length > 0 ? guessSecrets(ev.frame) : undefined;
    return build(ev, ev.error, ev.frame, secrets, undefined, options, ev.tag);
  }
  return undefined;
}

function build(
  ev: { connection: string; direction: Direction; offset: number; length: number; time?: number; source?: { offset: number; length: number } },
  error: ImapParseError,
  frame: Uint8Array,
  secrets: SecretRange[] | undefined,
  quirk: string | undefined,
  options: FindingOptions,
  tag?: string,
): Finding {
  const rel = offsetInFrame(error.offset, ev.offset, frame.length);
  const hide = options.showSecrets === true ? [] : secretTexts(frame, secrets);
  const shownSecrets = options.showSecrets === true ? undefined : secrets;
  const found = hide.length > 0 ? rescan(frame, shownSecrets, rel, error.found, hide) : error.found;
  const rule = `grammar/${grammarRuleOf(error)}`;
  const rfc = error.rfc ?? (options.grammar === 'imap4rev1' ? 'RFC 3501 §9' : 'RFC 9051 §9');
  const who = ev.direction === 'server' ? 'The server' : 'The client';
  const what = ev.direction === 'server' ? 'response' : 'command';
  const finding: Finding = {
    rule,
    side: ev.direction,
    level: 'MUST',
    rfc,
    message: `${who} sent a ${what} the grammar does not allow: expected ${error.expected}, found ${found}.`,
    expected: error.expected,
    actual: found,
    connection: ev.connection,
    direction: ev.direction,
    offset: ev.offset + rel,
    length: ev.length,
    excerpt: excerpt(frame, shownSecrets, Math.max(0, rel - 40), 120),
  };
  if (quirk !== undefined) finding.quirk = quirk;
  const t = tag ?? error.tag;
  if (t !== undefined && t !== '*' && t !== '+') finding.tag = t;
  if (ev.time !== undefined) finding.time = ev.time;
  if (ev.source !== undefined) finding.source = ev.source;
  return finding;
}

/** `found` again from the frame with secrets cut out, or scrubbed when the offset is unsure. */
function rescan(frame: Uint8Array, secrets: SecretRange[] | undefined, rel: number, found: string, hide: string[]): string {
  if (found === 'end of input') return found;
  if (rel < frame.length) return excerpt(frame, secrets, rel, 24);
  return scrub(found, hide);
}
