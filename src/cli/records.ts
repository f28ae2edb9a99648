/**
 * What `imapwire parse` writes for each conversation event: a plain
 * record (connection, direction, offset, length, time where known, and
 * the typed value), secrets redacted unless asked for. The JSON format
 * writes the record as one line; the text format summarizes it.
 */
import type { ConversationEvent } from '../capture/types.js';
import type { ImapParseError } from '../wire/errors.js';
import { excerpt, guessSecrets, redactCommand, redactResponse, REDACTED, scrub, secretTexts } from './redact.js';

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
    case 'command':
      return {
        ...position(ev),
        type: 'command',
        command: show || ev.secrets === undefined || ev.secrets.length === 0 ? ev.command : redactCommand(ev.command),
        warnings: ev.warnings,
        violation: ev.violation === undefined ? undefined : errorRecord(ev.violation, ev.frame, show ? undefined : ev.secrets, ev.offset),
      };
    case 'response':
      return {
        ...position(ev),
        type: 'response',
        response: show ? ev.response : redactResponse(ev.response, ev.secrets),
        warnings: ev.warnings,
        violation: ev.violation === undefined ? undefined : errorRecord(ev.violation, ev.frame, show ? undefined : ev.secrets, ev.offset),
      };
    case 'sasl':
      return {
        ...position(ev),
        type: 'sasl',
        tag: ev.tag,
        cancel: ev.cancel,
        line: show || ev.cancel ? ev.line : REDACTED,
      };
    case 'done':
      return { ...position(ev), type: 'done', tag: ev.tag };
    case 'literal':
      return { ...position(ev), type: 'literal', tag: ev.tag, length: ev.length, mode: ev.mode, binary: ev.binary };
    case 'error': {
      const secrets = show ? undefined : guessSecrets(ev.frame);
      return {
        ...position(ev),
        type: 'error',
        tag: ev.tag,
        error: errorRecord(ev.error, ev.frame, secrets, ev.offset),
        excerpt: excerpt(ev.frame, secrets),
      };
    }
    case 'literal':
      return { ...position(ev), type: 'literal', tag: ev.tag, length: ev.length, mode: ev.mode, binary: ev.binary };
    case 'encrypted':
    case 'compressed':
    case 'gap':
    case 'close':
    case 'notice':
      return { ...ev };
  }
}

function position(ev: { connection: string; direction: string; offset: number; length: number; time?: number; source?: { offset: number; length: number } }): Record<string, unknown> {
  return { connection: ev.connection, direction: ev.direction, offset: ev.offset, length: ev.length, time: ev.time, source: ev.source };
}

/** An ImapParseError as a plain object, its `found` redacted. */
function errorRecord(e: ImapParseError, frame: Uint8Array, secrets: { start: number; length: number }[] | undefined, frameOffset: number): Record<string, unknown> {
  const info = e as ImapParseError & { rule?: string; rfc?: string };
  let found = e.found;
  const hide = secretTexts(frame, secrets);
  if (hide.length > 0) {
    const rel = e.offset >= frameOffset ? e.offset - frameOffset : e.offset;
    found = rel < frame.length && found !== 'end of input' ? excerpt(frame, secrets, rel, 24) : scrub(found, hide);
  }
  return { code: e.code, offset: e.offset, expected: e.expected, found, tag: e.tag, rule: info.rule, rfc: info.rfc };
}
