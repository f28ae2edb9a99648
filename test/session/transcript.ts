/**
 * Test helper: a `C:` / `S:` transcript (RFC style) turned into
 * ConversationEvents with the project's parseCommand / parseResponse.
 *
 * - A line ending in a literal header (`{n}`, `{n+}`, `~{n}`) takes the
 *   next lines of the same side as the literal's data (CRLF after each),
 *   then the line after the data goes on with the frame. Lines of the other
 *   side in between (the `+` of a synchronizing literal) come out first:
 *   the frame is complete, and becomes an event, only at its end.
 * - Between an AUTHENTICATE and its tagged answer, client lines are `sasl`
 *   events; while IDLE is in flight, a client `DONE` is a `done` event.
 * - `-- gap client|server`, `-- close`, `-- encrypted` are those events.
 * - Each frame is parsed lenient (the event) and strict (its `violation`).
 */
import { parseCommand } from '../../src/codec/parse-command.js';
import { parseResponse } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';
import type { ImapWarning } from '../../src/wire/reader.js';
import { concat } from '../bytes.js';
import type { ConnectionInfo, ConversationEvent, Direction } from '../../src/capture/types.js';

const enc = new TextEncoder();
const LIT = /~?\{(\d+)([+-]?)\}$/;

export interface TranscriptOptions {
  connection?: string;
  /** Extra ConnectionInfo fields (server endpoint, lossy). */
  info?: Partial<ConnectionInfo>;
  /** Emit an `open` event first (default true). */
  open?: boolean;
}

interface Line {
  dir: Direction;
  text: string;
}

function lines(t: string): (Line | { ctl: string })[] {
  const out: (Line | { ctl: string })[] = [];
  for (const raw of t.split('\n')) {
    const l = raw.replace(/\r$/, '');
    const s = l.trimStart();
    if (s.startsWith('-- ')) {
      out.push({ ctl: s.slice(3).trim() });
      continue;
    }
    const m = /^([CS]):(?: (.*))?$/.exec(s);
    if (m === null) continue;
    out.push({ dir: m[1] === 'C' ? 'client' : 'server', text: m[2] ?? '' });
  }
  return out;
}

/**
 * The events of one connection's transcript, in wire order.
 *
 * @example
 * const evs = transcript(`
 *   S: * OK ready
 *   C: a1 NOOP
 *   S: a1 OK done
 * `);
 */
export function transcript(text: string, options: TranscriptOptions = {}): ConversationEvent[] {
  const connection = options.connection ?? 'c1';
  const out: ConversationEvent[] = [];
  if (options.open !== false) out.push({ type: 'open', connection: { id: connection, reason: 'transcript', ...options.info } });
  const offsets: Record<Direction, number> = { client: 0, server: 0 };
  // The frame being built per side, and how many literal bytes it still needs.
  const building: Record<Direction, { parts: Uint8Array[]; need: number } | undefined> = { client: undefined, server: undefined };
  let authTag: string | undefined;
  let idleTag: string | undefined;

  const emitFrame = (dir: Direction, frame: Uint8Array): void => {
    const wire = new TextDecoder().decode(frame);
    const offset = offsets[dir];
    offsets[dir] += frame.length;
    const pos = { connection, direction: dir, offset, length: frame.length };
    const warnings: ImapWarning[] = [];
    try {
      if (dir === 'client') {
        const command = parseCommand(frame, { onWarning: (w) => warnings.push(w) });
        const ev: ConversationEvent = { type: 'command', ...pos, command, frame };
        if (warnings.length > 0) ev.warnings = warnings;
        try {
          parseCommand(frame, { strict: true });
        } catch (e) {
          if (e instanceof ImapParseError) ev.violation = e;
        }
        if (command.type === 'AUTHENTICATE') authTag = command.tag;
        if (command.type === 'IDLE') idleTag = command.tag;
        out.push(ev);
      } else {
        const response = parseResponse(frame, { onWarning: (w) => warnings.push(w) });
        const ev: ConversationEvent = { type: 'response', ...pos, response, frame };
        if (warnings.length > 0) ev.warnings = warnings;
        try {
          parseResponse(frame, { strict: true });
        } catch (e) {
          if (e instanceof ImapParseError) ev.violation = e;
        }
        if (response.type === 'tagged') {
          if (response.tag === authTag) authTag = undefined;
          if (response.tag === idleTag) idleTag = undefined;
        }
        out.push(ev);
      }
    } catch (e) {
      if (!(e instanceof ImapParseError)) throw e;
      const tag = /^([^\s]+) /.exec(wire)?.[1];
      out.push({ type: 'error', ...pos, error: e, frame, ...(tag !== undefined && tag !== '*' && tag !== '+' ? { tag } : {}) });
    }
  };

  for (const l of lines(text)) {
    if ('ctl' in l) {
      const [what, arg] = l.ctl.split(/\s+/);
      if (what === 'gap') {
        const dir = arg as Direction;
        out.push({ type: 'gap', connection, direction: dir, offset: offsets[dir], length: 100 });
        offsets[dir] += 100;
      } else if (what === 'close') out.push({ type: 'close', connection });
      else if (what === 'encrypted') out.push({ type: 'encrypted', connection, offset: offsets.client, reason: 'starttls' });
      continue;
    }
    const dir = l.dir;
    const b = building[dir];
    if (b !== undefined) {
      // Literal data: this line and its CRLF, up to the bytes still needed;
      // what is left of the line goes on with the frame.
      const bytes = enc.encode(l.text + '\r\n');
      if (bytes.length <= b.need) {
        b.parts.push(bytes);
        b.need -= bytes.length;
        continue;
      }
      b.parts.push(bytes.subarray(0, b.need));
      const rest = new TextDecoder().decode(bytes.subarray(b.need, bytes.length - 2));
      b.need = 0;
      b.parts.push(enc.encode(rest));
      const m = LIT.exec(rest);
      if (m !== null) {
        b.parts.push(enc.encode('\r\n'));
        b.need = Number(m[1]);
        continue;
      }
      building[dir] = undefined;
      b.parts.push(enc.encode('\r\n'));
      emitFrame(dir, concat(b.parts));
      continue;
    }
    if (dir === 'client' && authTag !== undefined) {
      const line = enc.encode(l.text + '\r\n');
      out.push({ type: 'sasl', connection, direction: 'client', offset: offsets.client, length: line.length, tag: authTag, line, cancel: l.text === '*' });
      offsets.client += line.length;
      continue;
    }
    if (dir === 'client' && idleTag !== undefined && l.text.toUpperCase() === 'DONE') {
      out.push({ type: 'done', connection, direction: 'client', offset: offsets.client, length: 6, tag: idleTag });
      offsets.client += 6;
      continue;
    }
    const m = LIT.exec(l.text);
    if (m !== null) {
      building[dir] = { parts: [enc.encode(l.text + '\r\n')], need: Number(m[1]) };
      continue;
    }
    emitFrame(dir, enc.encode(l.text + '\r\n'));
  }
  return out;
}
