/**
 * literal-before-continuation on decoded captures: the conversation decoder
 * says when a client's synchronizing literal data came before the server's
 * `+` in capture order (RFC 9051 §4.3, §7.6; RFC 3501 §7.5), and only where
 * the capture gives the order of the two directions.
 */
import { describe, test, expect } from 'vitest';
import { decodeAll, streamEvents, type Step } from '../capture/conversation-helpers.js';
import { readRawlogPair } from '../../src/capture/rawlog.js';
import type { ConnectionInfo, ConversationEvent, StreamEvent } from '../../src/capture/types.js';
import { checkEvents, ids } from './helpers.js';

const LOGIN: Step[] = [
  ['S', '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n'],
  ['C', 'a1 LOGIN alice secret\r\n'],
  ['S', 'a1 OK Logged in\r\n'],
];

const bytewise = (b: Uint8Array): Uint8Array[] => [...b].map((x) => Uint8Array.of(x));

async function run(events: StreamEvent[]): Promise<{ decoded: ConversationEvent[]; found: string[] }> {
  const decoded = await decodeAll(events);
  return { decoded, found: ids(checkEvents(decoded).findings) };
}

function early(events: ConversationEvent[]): (number | undefined)[] {
  return events.flatMap((e) => (e.type === 'command' ? [e.earlyLiterals] : []));
}

describe('literal data before its "+" in capture order', () => {
  test('header and data in one client segment, before the "+": the client\'s fault', async () => {
    const { decoded, found } = await run(streamEvents([...LOGIN, ['C', 'a2 APPEND INBOX {5}\r\nhello\r\n'], ['S', '+ go\r\n'], ['S', 'a2 OK done\r\n']]));
    expect(early(decoded)).toEqual([undefined, 1]);
    expect(found).toEqual(['client:literal-before-continuation']);
    const f = checkEvents(decoded).findings[0];
    expect(f).toMatchObject({ tag: 'a2', side: 'client', rfc: 'RFC 9051 §7.6', actual: '1 literal sent before the "+"' });
  });

  test('the data in a later segment that still came before the "+", bytes split one by one', async () => {
    const { decoded, found } = await run(
      streamEvents([...LOGIN, ['C', 'a2 APPEND INBOX {5}\r\n'], ['C', 'hello\r\n'], ['S', '+ go\r\n'], ['S', 'a2 OK done\r\n']], { split: bytewise }),
    );
    expect(early(decoded)).toEqual([undefined, 1]);
    expect(found).toEqual(['client:literal-before-continuation']);
  });

  test('the second literal of a command sent before its own "+"', async () => {
    const { decoded, found } = await run(
      streamEvents([['S', '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n'], ['C', 'a1 LOGIN {5}\r\n'], ['S', '+ go\r\n'], ['C', 'alice {6}\r\nsecret\r\n'], ['S', '+ go\r\n'], ['S', 'a1 OK Logged in\r\n']]),
    );
    expect(early(decoded)).toEqual([1]);
    expect(found).toEqual(['client:literal-before-continuation']);
  });

  test('waiting for each "+" is clean, however the bytes are cut', async () => {
    for (const split of [undefined, bytewise]) {
      const steps: Step[] = [...LOGIN, ['C', 'a2 APPEND INBOX {5}\r\n'], ['S', '+ go\r\n'], ['C', 'hello {3}\r\n'], ['S', '+ go\r\n'], ['C', 'abc\r\n'], ['S', 'a2 BAD two messages\r\n'], ['C', 'a3 NOOP\r\n'], ['S', 'a3 OK\r\n']];
      const { decoded, found } = await run(streamEvents(steps, split ? { split } : {}));
      expect(early(decoded)).toEqual([undefined, undefined, undefined]);
      expect(found).toEqual([]);
    }
  });

  test('a tagged NO instead of the "+": the client sends no data, and the next command is clean', async () => {
    const { decoded, found } = await run(streamEvents([...LOGIN, ['C', 'a2 APPEND INBOX {99999999}\r\n'], ['S', 'a2 NO [TOOBIG] too big\r\n'], ['C', 'a3 NOOP\r\n'], ['S', 'a3 OK\r\n']]));
    expect(early(decoded)).toEqual([undefined, undefined]);
    expect(found).toEqual([]);
  });

  test('non-synchronizing literals under LITERAL+ wait for nothing', async () => {
    const steps: Step[] = [
      ['S', '* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n'],
      ['C', 'a1 LOGIN alice secret\r\n'],
      ['S', 'a1 OK Logged in\r\n'],
      ['C', 'a2 APPEND INBOX {5+}\r\nhello\r\n'],
      ['S', 'a2 OK done\r\n'],
    ];
    const { decoded, found } = await run(streamEvents(steps));
    expect(early(decoded)).toEqual([undefined, undefined]);
    expect(found).toEqual([]);
  });
});

describe('no finding where the capture does not give the order', () => {
  const steps: Step[] = [...LOGIN, ['C', 'a2 APPEND INBOX {5}\r\nhello\r\n'], ['S', '+ go\r\n'], ['S', 'a2 OK done\r\n']];

  test('a printed (lossy) transcript', async () => {
    const { decoded, found } = await run(streamEvents(steps, { info: { lossy: true } }));
    expect(early(decoded)).toEqual([undefined, undefined]);
    expect(found).toEqual([]);
  });

  test('an unordered connection (the literal is read at once, nothing is judged)', async () => {
    const info: Partial<ConnectionInfo> = { unordered: true };
    const { decoded, found } = await run(streamEvents(steps, { info }));
    expect(early(decoded)).toEqual([undefined, undefined]);
    expect(found.filter((f) => f.includes('literal'))).toEqual([]);
  });

  test('a rawlog pair without timestamps: server first, then the client, and the APPEND still decodes', async () => {
    const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
    const events = readRawlogPair(
      utf8('a1 LOGIN alice secret\r\na2 APPEND INBOX {5}\r\nhello\r\na3 LOGOUT\r\n'),
      utf8('* OK ready\r\na1 OK Logged in\r\n+ go\r\na2 OK done\r\n* BYE bye\r\na3 OK done\r\n'),
      { name: 'x.in' },
    );
    expect(events[0]).toMatchObject({ type: 'open', connection: { unordered: true } });
    const { decoded, found } = await run(events);
    expect(decoded.flatMap((e) => (e.type === 'command' ? [e.command.type] : []))).toEqual(['LOGIN', 'APPEND', 'LOGOUT']);
    expect(early(decoded)).toEqual([undefined, undefined, undefined]);
    expect(found.filter((f) => f.includes('literal'))).toEqual([]);
  });

  test('only the client direction was captured', async () => {
    const clientOnly: Step[] = [['C', 'a1 LOGIN alice secret\r\n'], ['C', 'a2 APPEND INBOX {5}\r\nhello\r\n']];
    const { decoded, found } = await run(streamEvents(clientOnly));
    expect(early(decoded)).toEqual([undefined]);
    expect(found.filter((f) => f.includes('literal'))).toEqual([]);
  });
});
