/**
 * What `imapwire parse` writes for each conversation event: a plain
 * record (connection, direction, offset, length, time where known, and
 * the typed value), secrets redacted unless asked for. The JSON format
 * writes the record as one line; the text format summarizes it.
 */
import type { ConversationEvent } from '../capture/types.js';
import type { ImapParseError } from '../wire/errors.js';
import { excerpt, guessSecrets, redactCommand, redactResponse, REDACTED, scrub, secretTexts } from './redact.js';
import { offsetInFrame } from '../session/rules/grammar.js';

/** How records are made. */
export interface RecordOptions {
  /** Keep passwords and AUTHENTICATE data (`--show-secrets`). */
  showSecrets?: boolean;
}

/** A record: a plain object; `type` names the event. */
export type ParseRecord = { type: ConversationEvent['type'] } & Record<string, unknown>;

/**
 * The record of one conversation event.
 *
 * @example
 * toRecord({ type: 'command', connection: 'c1', direction: 'client', offset: 0, length: 20,
 *   command: { tag: 'a', type: 'LOGIN', userid: 'fred', password: 'x' }, frame, secrets: [{ start: 13, length: 1 }] });
 * // { type: 'command', connection: 'c1', direction: 'client', offset: 0, length: 20,
 * //   command: { tag: 'a', type: 'LOGIN', userid: 'fred', password: '[redacted]' } }
 */
export function toRecord(ev: ConversationEvent, options: RecordOptions = {}): ParseRecord {
  const show = options.showSecrets === true;
  switch (ev.type) {
    case 'open': {
      const { id, ...info } = ev.connection;
      return { type: 'open', connection: id, ...info, time: ev.time };
    }
    case 'command': {
      const r = position(ev, 'command');
      r.command = show || ev.secrets === undefined || ev.secrets.length === 0 ? ev.command : redactCommand(ev.command);
      if (ev.warnings !== undefined) r.warnings = ev.warnings;
      if (ev.violation !== undefined) r.violation = errorRecord(ev.violation, ev.frame, show ? undefined : ev.secrets, ev.offset);
      return r;
    }
    case 'response': {
      const r = position(ev, 'response');
      r.response = show ? ev.response : redactResponse(ev.response, ev.secrets);
      if (ev.warnings !== undefined) r.warnings = ev.warnings;
      if (ev.violation !== undefined) r.violation = errorRecord(ev.violation, ev.frame, show ? undefined : ev.secrets, ev.offset);
      return r;
    }
    case 'sasl': {
      const r = position(ev, 'sasl');
      r.tag = ev.tag;
      r.cancel = ev.cancel;
      r.line = show || ev.cancel ? ev.line : REDACTED;
      return r;
    }
    case 'done': {
      const r = position(ev, 'done');
      r.tag = ev.tag;
      return r;
    }
    case 'literal': {
      const r = position(ev, 'literal');
      r.tag = ev.tag;
      r.mode = ev.mode;
      r.binary = ev.binary;
      return r;
    }
    case 'error': {
      const secrets = show ? undefined : guessSecrets(ev.frame);
      const r = position(ev, 'error');
      r.tag = ev.tag;
      r.error = errorRecord(ev.error, ev.frame, secrets, ev.offset);
      r.excerpt = excerpt(ev.frame, secrets);
      return r;
    }
    case 'encrypted':
    case 'compressed':
    case 'gap':
    case 'close':
    case 'notice':
      return { ...ev };
  }
}

function position(
  ev: { connection: string; direction: string; offset: number; length: number; time?: number; source?: { offset: number; length: number } },
  type: ParseRecord['type'],
): ParseRecord {
  return { type, connection: ev.connection, direction: ev.direction, offset: ev.offset, length: ev.length, time: ev.time, source: ev.source };
}

/** An ImapParseError as a plain object, its `found` redacted. */
function errorRecord(e: ImapParseError, frame: Uint8Array, secrets: { start: number; length: number }[] | undefined, frameOffset: number): Record<string, unknown> {
  let found = e.found;
  const hide = secretTexts(frame, secrets);
  if (hide.length > 0) {
    const rel = offsetInFrame(e.offset, frameOffset, frame.length);
    found = rel < frame.length && found !== 'end of input' ? excerpt(frame, secrets, rel, 24) : scrub(found, hide);
  }
  return { code: e.code, offset: e.offset, expected: e.expected, found, tag: e.tag, rule: e.rule, rfc: e.rfc };
}
