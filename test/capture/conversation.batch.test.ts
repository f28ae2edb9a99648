import { describe, test, expect } from 'vitest';
import { ConversationDecoder } from '../../src/capture/conversation.js';
import type { ConversationEvent, StreamEvent } from '../../src/capture/types.js';
import { streamEvents, decodeAll, brief, plain, utf8, deflated, nodeInflater, type Step } from './conversation-helpers.js';

/** The events of pushMany over the stream events cut into batches of `size`; whether any batch gave a promise. */
async function batched(events: StreamEvent[], size: number): Promise<{ events: ConversationEvent[]; promises: number }> {
  const d = new ConversationDecoder({ inflater: nodeInflater });
  const out: ConversationEvent[] = [];
  let promises = 0;
  for (let i = 0; i < events.length; i += size) {
    const r = d.pushMany(events.slice(i, i + size));
    if (r instanceof Promise) promises++;
    out.push(...(r instanceof Promise ? await r : r));
  }
  out.push(...(await d.end()));
  return { events: out, promises };
}

const split = (b: Uint8Array): Uint8Array[] => Array.from({ length: Math.ceil(b.length / 5) }, (_, i) => b.subarray(i * 5, i * 5 + 5));

describe('ConversationDecoder.pushMany: a chunk of stream events at once', () => {
  const plainSteps: Step[] = [
    ['S', '* OK IMAP4rev1 ready\r\n'],
    ['C', 'a1 LOGIN fred {6}\r\n'],
    ['S', '+ go on\r\n'],
    ['C', 'secret\r\n'],
    ['S', 'a1 OK done\r\n'],
    ['gap', 'server', 7],
    ['S', '* 3 EXISTS\r\na2 OK\r\n'],
  ];

  test.each([1, 3, 1000])('plain traffic in batches of %i: the same events as push, and no promise', async (size) => {
    const evs = streamEvents(plainSteps, { split });
    const { events, promises } = await batched(evs, size);
    expect(plain(events)).toEqual(plain(await decodeAll(evs)));
    expect(brief(events)).toContain('C 0 a1 LOGIN');
    expect(promises).toBe(0);
  });

  test('COMPRESS=DEFLATE (RFC 4978): a promise once a stream must be inflated, the same events as push', async () => {
    const ok = utf8('a1 OK DEFLATE active\r\n');
    const steps: Step[] = [
      ['C', 'a1 COMPRESS DEFLATE\r\n'],
      ['S', new Uint8Array([...ok, ...deflated('* 3 EXISTS\r\na2 OK\r\n')])],
      ['C', deflated('a2 NOOP\r\n')],
      ['C', deflated('a3 SELECT INBOX\r\n')],
      ['S', deflated('a3 OK [READ-WRITE] done\r\n')],
    ];
    const evs = streamEvents(steps);
    const whole = await batched(evs, evs.length);
    expect(whole.promises).toBe(1);
    expect(brief(whole.events).slice(1, -1)).toEqual([
      'C 0 a1 COMPRESS', 'S 0 a1 OK', 'compressed 21 22', 'S 22 EXISTS', 'S 34 a2 OK', 'C 21 a2 NOOP', 'C 30 a3 SELECT', 'S 41 a3 OK',
    ]);
    expect(plain(whole.events)).toEqual(plain(await decodeAll(evs)));
    expect(plain((await batched(evs, 2)).events)).toEqual(plain(whole.events));
  });
});
