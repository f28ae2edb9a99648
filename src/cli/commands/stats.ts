/// <reference types="node" />
import type { ConversationEvent, Direction } from '../../capture/types.js';
import { jsonLine } from '../json.js';
import { INPUT_HELP, INPUT_OPTIONS, files, inputOptions, oneOf } from '../options.js';
import { Output } from '../output.js';
import { runPipeline } from '../pipeline.js';
import type { Subcommand } from '../subcommands.js';

/**
 * What `imapwire stats` counts.
 *
 * @example
 * const s = new Stats(); s.add(ev); s.toJSON().connections;
 */
export class Stats {
  inputs = 0;
  bytesRead = 0;
  connections = 0;
  encrypted = 0;
  compressed = 0;
  gaps = 0;
  errors = 0;
  notices = 0;
  readonly bytes: Record<Direction, number> = { client: 0, server: 0 };
  readonly literalBytes: Record<Direction, number> = { client: 0, server: 0 };
  readonly frames: Record<Direction, number> = { client: 0, server: 0 };
  readonly commands = new Map<string, number>();
  readonly responses = new Map<string, number>();
  firstTime: number | undefined;
  lastTime: number | undefined;

  add(ev: ConversationEvent): void {
    const t = 'time' in ev ? ev.time : undefined;
    if (t !== undefined) {
      if (this.firstTime === undefined || t < this.firstTime) this.firstTime = t;
      if (this.lastTime === undefined || t > this.lastTime) this.lastTime = t;
    }
    switch (ev.type) {
      case 'open':
        this.connections++;
        return;
      case 'command':
        count(this.commands, ev.command.type);
        this.frame(ev.direction, ev.length, ev.frame);
        return;
      case 'response':
        count(this.responses, ev.response.type);
        this.frame(ev.direction, ev.length, ev.frame);
        return;
      case 'sasl':
      case 'done':
        this.frame(ev.direction, ev.length, undefined);
        return;
      case 'error':
        this.errors++;
        this.frame(ev.direction, ev.length, ev.frame);
        return;
      case 'encrypted':
        this.encrypted++;
        return;
      case 'compressed':
        this.compressed++;
        return;
      case 'gap':
        this.gaps++;
        return;
      case 'notice':
        this.notices++;
        return;
      case 'close':
        return;
    }
  }

  private frame(d: Direction, length: number, frame: Uint8Array | undefined): void {
    this.frames[d]++;
    this.bytes[d] += length;
    if (frame !== undefined) this.literalBytes[d] += literalBytes(frame);
  }

  /** The counts as one plain object (the JSON format). */
  toJSON(): Record<string, unknown> {
    return {
      inputs: this.inputs,
      bytesRead: this.bytesRead,
      connections: this.connections,
      encrypted: this.encrypted,
      compressed: this.compressed,
      frames: this.frames,
      bytes: this.bytes,
      literalBytes: this.literalBytes,
      commands: Object.fromEntries(sorted(this.commands)),
      responses: Object.fromEntries(sorted(this.responses)),
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      gaps: this.gaps,
      errors: this.errors,
      notices: this.notices,
    };
  }

  /** The counts for people. */
  toText(): string {
    const span =
      this.firstTime === undefined || this.lastTime === undefined
        ? 'no times in the input'
        : `${iso(this.firstTime)} to ${iso(this.lastTime)} (${(this.lastTime - this.firstTime).toFixed(3)} s)`;
    const list = (m: Map<string, number>): string => (m.size === 0 ? 'none' : sorted(m).map(([k, n]) => `${k} ${n}`).join(', '));
    return [
      `inputs         ${this.inputs} (${this.bytesRead} bytes read)`,
      `connections    ${this.connections} (${this.encrypted} encrypted, ${this.compressed} compressed)`,
      `time span      ${span}`,
      `frames         client ${this.frames.client}, server ${this.frames.server}`,
      `bytes          client ${this.bytes.client}, server ${this.bytes.server}`,
      `literal bytes  client ${this.literalBytes.client}, server ${this.literalBytes.server}`,
      `commands       ${list(this.commands)}`,
      `responses      ${list(this.responses)}`,
      `gaps           ${this.gaps}`,
      `errors         ${this.errors}`,
      `notices        ${this.notices}`,
      '',
    ].join('\n');
  }
}

function count(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function sorted(m: Map<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function iso(t: number): string {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}

/**
 * Bytes of literal data in a frame: each line that ends in `{N}`,
 * `{N+}` or `{N-}` (RFC 9051 §4.3, RFC 7888) is followed by N bytes of data.
 *
 * @example
 * literalBytes(enc('* 1 FETCH (BODY[] {3}\r\nabc)\r\n')); // 3
 */
export function literalBytes(frame: Uint8Array): number {
  let total = 0;
  let i = 0;
  while (i < frame.length) {
    const lf = frame.indexOf(0x0a, i);
    if (lf < 0) break;
    let j = lf - 1;
    if (j >= 0 && frame[j] === 0x0d) j--;
    let n = 0;
    if (j >= 0 && frame[j] === 0x7d /* } */) {
      j--;
      if (j >= 0 && (frame[j] === 0x2b || frame[j] === 0x2d)) j--;
      let mul = 1;
      let digits = 0;
      while (j >= 0 && frame[j]! >= 0x30 && frame[j]! <= 0x39 && digits < 16) {
        n += (frame[j]! - 0x30) * mul;
        mul *= 10;
        digits++;
        j--;
      }
      if (digits === 0 || j < 0 || frame[j] !== 0x7b /* { */) n = 0;
    }
    const data = Math.min(n, frame.length - lf - 1);
    total += data;
    i = lf + 1 + data;
  }
  return total;
}

/** `imapwire stats`: the quick look. */
export const statsCommand: Subcommand = {
  name: 'stats',
  summary: 'counts: connections, frames per command and response type, bytes, time span, errors',
  usage: 'imapwire stats [options] FILE…',
  help: `Reads each FILE like imapwire parse and writes counts over all of them:
connections (and how many were encrypted or compressed), frames per direction and
per command and response type, bytes and literal bytes per direction, the time
span, gaps, frames that could not be read (errors) and reader notices.

Options:
  --format text|json     a table for people (default) or one JSON object
${INPUT_HELP}

Exit status: 0 every frame was read, 1 some frame could not be read, 2 the
inputs could not be read at all.`,
  options: { ...INPUT_OPTIONS, format: { type: 'string' } },
  async run(inv) {
    const format = oneOf('--format', (inv.values.format as string | undefined) ?? 'text', ['text', 'json'] as const);
    const names = files(inv, 'stats');
    const out = new Output(process.stdout);
    const stats = new Stats();
    stats.inputs = names.length;
    const summary = await runPipeline(names, inputOptions(inv), out, (ev) => stats.add(ev));
    stats.bytesRead = summary.bytesRead;
    out.write(format === 'json' ? jsonLine(stats.toJSON()) : stats.toText());
    await out.flush();
    return stats.errors > 0 ? 1 : 0;
  },
};
