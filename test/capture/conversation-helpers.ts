/** Building stream events for the conversation decoder tests, and a node:zlib inflater. */
import { createInflateRaw, deflateRawSync, constants } from 'node:zlib';
import { ConversationDecoder, type ConversationOptions } from '../../src/capture/conversation.js';
import type { ConnectionInfo, ConversationEvent, Direction, Inflater, StreamEvent } from '../../src/capture/types.js';

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** One step of a conversation: who sends, and what (a string is UTF-8; `gap` is a hole of n bytes). */
export type Step = ['C' | 'S', string | Uint8Array] | ['gap', Direction, number];

/**
 * Stream events for the steps, one connection, offsets counted per
 * direction. `split(dir, bytes)` may cut each step's bytes into chunks.
 */
export function streamEvents(
  steps: Step[],
  options: { info?: Partial<ConnectionInfo>; split?: (bytes: Uint8Array) => Uint8Array[]; close?: boolean } = {},
): StreamEvent[] {
  const info: ConnectionInfo = { id: 'c1', reason: 'named', ...options.info };
  const out: StreamEvent[] = [{ type: 'open', connection: info }];
  const offset: Record<Direction, number> = { client: 0, server: 0 };
  for (const step of steps) {
    if (step[0] === 'gap') {
      const [, direction, length] = step;
      out.push({ type: 'gap', connection: info.id, direction, offset: offset[direction], length });
      offset[direction] += length;
      continue;
    }
    const direction: Direction = step[0] === 'C' ? 'client' : 'server';
    const bytes = typeof step[1] === 'string' ? utf8(step[1]) : step[1];
    for (const part of options.split ? options.split(bytes) : [bytes]) {
      out.push({ type: 'data', connection: info.id, direction, offset: offset[direction], bytes: part });
      offset[direction] += part.length;
    }
  }
  if (options.close !== false) out.push({ type: 'close', connection: info.id });
  return out;
}

/** Every event the decoder gives for the stream events, end() included. */
export async function decodeAll(events: StreamEvent[], options: ConversationOptions = {}): Promise<ConversationEvent[]> {
  const d = new ConversationDecoder({ inflater: nodeInflater, ...options });
  const out: ConversationEvent[] = [];
  for (const ev of events) out.push(...(await d.push(ev)));
  out.push(...(await d.end()));
  return out;
}

/** The same events without what depends on chunking (time, source) and with bytes as text. */
export function plain(events: ConversationEvent[]): unknown[] {
  return events.map((e) => {
    const o: Record<string, unknown> = { ...e };
    delete o.time;
    delete o.source;
    for (const k of ['frame', 'line']) if (o[k] instanceof Uint8Array) o[k] = text(o[k] as Uint8Array);
    if (o.error !== undefined) o.error = String(o.error);
    if (o.violation !== undefined) o.violation = String(o.violation);
    return o;
  });
}

/** A one-line summary per event, for readable expectations. */
export function brief(events: ConversationEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'command':
        return `C ${e.offset} ${e.command.tag} ${e.command.type}`;
      case 'response':
        return `S ${e.offset} ${e.response.type === 'tagged' ? `${e.response.tag} ${e.response.status}` : e.response.type}`;
      case 'sasl':
        return `sasl ${e.offset} ${e.tag} ${e.cancel ? '*' : text(e.line)}`;
      case 'literal':
        return `literal ${e.offset} ${e.tag} ${e.length}`;
      case 'done':
        return `done ${e.offset} ${e.tag}`;
      case 'error':
        return `error ${e.direction} ${e.offset} ${e.error.code}`;
      case 'encrypted':
        return `encrypted ${e.direction ?? 'both'} ${e.offset} ${e.reason}`;
      case 'compressed':
        return `compressed ${e.offsets.client} ${e.offsets.server}`;
      case 'gap':
        return `gap ${e.direction} ${e.offset}`;
      case 'notice':
        return `notice ${e.message}`;
      default:
        return e.type;
    }
  });
}

/** A stateful raw inflater on node:zlib (sync flushes, RFC 4978). */
export function nodeInflater(): Inflater {
  const z = createInflateRaw();
  const got: Buffer[] = [];
  let failed: Error | undefined;
  z.on('data', (c: Buffer) => got.push(c));
  z.on('error', (e) => (failed = e));
  return {
    inflate: (bytes) =>
      new Promise((resolve, reject) => {
        z.write(bytes);
        z.flush(constants.Z_SYNC_FLUSH, () => {
          if (failed !== undefined) return reject(failed);
          const out = new Uint8Array(Buffer.concat(got));
          got.length = 0;
          resolve(out);
        });
      }),
  };
}

/** One compressed piece, ended by a sync flush, as a COMPRESS=DEFLATE peer sends it. */
export function deflated(s: string): Uint8Array {
  return new Uint8Array(deflateRawSync(utf8(s), { finishFlush: constants.Z_SYNC_FLUSH }));
}
