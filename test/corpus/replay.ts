/**
 * Replaying recorded sessions: byte streams per direction through the
 * decoders, and a deterministic, readable print of the events for the
 * snapshots (bigint as `123n`, bytes as `<12 bytes "From: ...">`).
 */
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { CommandDecoder, type CommandDecoderEvent } from '../../src/codec/command-decoder.js';

const MAX_SHOWN = 48;

function bytesText(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, MAX_SHOWN); i++) {
    const c = b[i];
    if (c === 0x0d) s += '\\r';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return `<${b.length} bytes "${s}${b.length > MAX_SHOWN ? '…' : ''}">`;
}

/** A readable, deterministic print of a value: JSON-like, bigint and bytes spelled out. */
export function show(v: unknown, indent = ''): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return bytesText(v);
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => show(x, inner));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `[\n${items.map((x) => inner + x).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const items = entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(x, inner)}`);
  const flat = `{ ${items.join(', ')} }`;
  return flat.length <= 80 && !flat.includes('\n') ? flat : `{\n${items.map((x) => inner + x).join(',\n')}\n${indent}}`;
}

export type ReplayEvent = ResponseDecoderEvent | CommandDecoderEvent;

/** One line (or block) per event. Errors print their code, offset, tag, expectation and find. */
export function showEvents(events: ReplayEvent[]): string {
  return events
    .map((e, i) => {
      const n = `#${i}`;
      switch (e.type) {
        case 'response':
          return `${n} response ${show(e.response)}${e.warnings ? `\n   warnings ${show(e.warnings.map((w) => w.name))}` : ''}`;
        case 'command':
          return `${n} command ${show(e.command)}${e.warnings ? `\n   warnings ${show(e.warnings.map((w) => w.name))}` : ''}`;
        case 'error':
          return `${n} error ${e.error.code} at ${e.error.offset}${e.error.tag !== undefined ? ` tag ${e.error.tag}` : ''}: expected ${e.error.expected}, found ${e.error.found}`;
        case 'literal':
          return `${n} literal ${show({ tag: e.tag, length: e.length, mode: e.mode, binary: e.binary })}`;
        case 'sasl':
          return `${n} sasl ${show(e.data)}`;
        default:
          return `${n} ${e.type}`;
      }
    })
    .join('\n') + '\n';
}

export function chunks(b: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

export function replayServer(parts: Uint8Array[]): ResponseDecoderEvent[] {
  const d = new ResponseDecoder();
  const out: ResponseDecoderEvent[] = [];
  for (const p of parts) out.push(...d.push(p));
  out.push(...d.end());
  return out;
}

/**
 * A recorded client stream holds no server answers, so the replaying
 * server accepts every literal, and after a pausing command (AUTHENTICATE,
 * IDLE, STARTTLS, COMPRESS) reads commands again; it is authenticated
 * (recorded sessions log in).
 */
export function replayClient(parts: Uint8Array[], sessionModes = false): CommandDecoderEvent[] {
  const d = new CommandDecoder({ authenticated: true, capabilities: ['IMAP4rev1', 'LITERAL+'] });
  const out: CommandDecoderEvent[] = [];
  // The replay plays the server's part: it accepts every literal and, after
  // anything that pauses the decoder, reads commands again. With
  // `sessionModes` (real captures, which hold the SASL lines and DONE) it
  // answers AUTHENTICATE with one `+` (one SASL line, then the exchange is
  // over) and IDLE with `+ idling`. The RFC-extracted streams hold only
  // command lines, so they replay without.
  let next: 'sasl' | 'idle' | 'resume' = 'resume';
  const take = (evs: CommandDecoderEvent[]): void => {
    for (const e of evs) {
      out.push(e);
      if (e.type === 'literal') take(d.acceptLiteral());
      else if (e.type === 'command') {
        const t = e.command.type;
        if (sessionModes) next = t === 'AUTHENTICATE' && e.command.initialResponse === undefined ? 'sasl' : t === 'IDLE' ? 'idle' : 'resume';
      } else if (e.type === 'sasl') next = 'resume';
    }
    if (d.paused) {
      const step = next;
      next = 'resume';
      take(step === 'sasl' ? d.startAuthenticate() : step === 'idle' ? d.startIdle() : d.resume());
    }
  };
  for (const p of parts) take(d.push(p));
  take(d.end());
  return out;
}
