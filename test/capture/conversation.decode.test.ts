import { describe, test, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeConversation, type ConversationEvent } from '../../src/capture/index.js';
import { nodeInflater } from './conversation-helpers.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'captures');
const load = (name: string) => new Uint8Array(readFileSync(join(EXAMPLES, name)));

async function all(source: Uint8Array | AsyncIterable<Uint8Array>, name: string): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  for await (const ev of decodeConversation(source, { capture: { name }, inflater: nodeInflater })) out.push(ev);
  return out;
}

describe('decodeConversation on the example captures', () => {
  test('mbsync.pcap: COMPRESS=DEFLATE followed, everything after it decoded', async () => {
    const evs = await all(load('mbsync.pcap'), 'mbsync.pcap');
    const compressed = evs.findIndex((e) => e.type === 'compressed');
    expect(compressed).toBeGreaterThan(0);
    const after = evs.slice(compressed + 1);
    const commands = after.flatMap((e) => (e.type === 'command' ? [e.command.type] : []));
    expect(commands).toContain('LOGOUT');
    expect(after.some((e) => e.type === 'response' && e.response.type === 'BYE')).toBe(true);
    expect(evs.filter((e) => e.type === 'error')).toEqual([]);
  });

  test('the pcap gives the same commands and responses as the tcpflow dump', async () => {
    const typed = (evs: ConversationEvent[]): unknown[] =>
      evs.flatMap((e): unknown[] => (e.type === 'command' ? [e.command] : e.type === 'response' ? [e.response] : []));
    const pcap = typed(await all(load('fetchmail.pcap'), 'fetchmail.pcap'));
    expect(pcap.length).toBeGreaterThan(10);
    expect(typed(await all(load('fetchmail.tcpflow.txt'), 'fetchmail.tcpflow.txt'))).toEqual(pcap);
  });

  test('an async source in small chunks gives the same events as one buffer', async () => {
    const bytes = load('mbsync.pcap');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 97) yield bytes.subarray(i, i + 97);
    }
    const strip = (evs: ConversationEvent[]) => evs.map((e) => JSON.stringify(e, (k, v) => (v instanceof Uint8Array ? Array.from(v) : v)));
    expect(strip(await all(chunks(), 'mbsync.pcap'))).toEqual(strip(await all(bytes, 'mbsync.pcap')));
  });

  test('LOGIN passwords in the capture are marked secret', async () => {
    const evs = await all(load('fetchmail.pcap'), 'fetchmail.pcap');
    const secret = evs.flatMap((e) => (e.type === 'command' || e.type === 'sasl' ? (e.secrets ?? []).map((r) => ({ e, r })) : []));
    expect(secret.length).toBeGreaterThan(0);
    const texts = secret.map(({ e, r }) => new TextDecoder().decode((e.type === 'command' ? e.frame : e.type === 'sasl' ? e.line : new Uint8Array()).subarray(r.start, r.start + r.length)));
    expect(texts).toEqual(['alicepw']);
  });
});
