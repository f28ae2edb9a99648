import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { streamEvents, decodeAll, plain, brief, deflated, utf8, type Step } from './conversation-helpers.js';
import { chunk } from '../bytes.js';

/** A session that goes through every mode the decoder follows. */
const SESSION: Step[] = [
  ['S', '* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR COMPRESS=DEFLATE] ready\r\n'],
  ['C', 'a1 LOGIN {4}\r\n'],
  ['S', '+ go\r\n'],
  ['C', 'fred "ses\\"ame"\r\n'],
  ['S', 'a1 NO [AUTHENTICATIONFAILED] no\r\n'],
  ['C', 'a2 AUTHENTICATE PLAIN\r\n'],
  ['S', '+ \r\n'],
  ['C', 'AGZyZWQAc2VzYW1l\r\n'],
  ['S', 'a2 OK [CAPABILITY IMAP4rev1 IDLE] done\r\n'],
  ['C', 'a3 APPEND INBOX {999999}\r\n'],
  ['S', 'a3 NO [TOOBIG] no\r\n'],
  ['C', 'a4 APPEND INBOX (\\Seen) {12}\r\n'],
  ['S', '+ ok\r\n'],
  ['C', 'Subject: x\r\n\r\na5 SELECT INBOX\r\na6 IDLE\r\n'],
  ['S', 'a4 OK [APPENDUID 1 2] done\r\n* 1 EXISTS\r\na5 OK [READ-WRITE] selected\r\n+ idling\r\n* 2 EXISTS\r\n'],
  ['C', 'DONE\r\n'],
  ['S', 'a6 OK done\r\n'],
  ['C', 'a7 FETCH 1 (BODY[])\r\n'],
  ['S', '* 1 FETCH (BODY[] {30}\r\nSubject: x\r\n\r\n* 5 EXISTS\r\nhi\r\n)\r\n'],
  ['gap', 'server', 7],
  ['S', 'line of a message\r\n* 3 EXISTS\r\na7 OK\r\n'],
  ['C', 'a8 COMPRESS DEFLATE\r\n'],
  ['S', 'a8 OK on\r\n'],
  ['C', deflated('a9 NOOP\r\na10 APPEND INBOX {3+}\r\nabc\r\n')],
  ['S', deflated('* 4 EXISTS\r\na9 OK\r\n')],
  ['S', deflated('a10 OK\r\n')],
];

describe('ConversationDecoder: chunking', () => {
  test('the session decodes as expected', async () => {
    const evs = await decodeAll(streamEvents(SESSION));
    expect(brief(evs)).toMatchInlineSnapshot(`
      [
        "open",
        "S 0 OK",
        "literal 14 a1 4",
        "S 69 continue",
        "C 0 a1 LOGIN",
        "S 75 a1 NO",
        "C 31 a2 AUTHENTICATE",
        "S 108 continue",
        "sasl 54 a2 AGZyZWQAc2VzYW1l",
        "S 112 a2 OK",
        "literal 98 a3 999999",
        "S 152 a3 NO",
        "literal 128 a4 12",
        "S 171 continue",
        "C 98 a4 APPEND",
        "C 142 a5 SELECT",
        "C 159 a6 IDLE",
        "S 177 a4 OK",
        "S 205 EXISTS",
        "S 217 a5 OK",
        "S 246 continue",
        "S 256 EXISTS",
        "done 168 a6",
        "S 268 a6 OK",
        "C 174 a7 FETCH",
        "S 280 FETCH",
        "gap server 337",
        "S 363 EXISTS",
        "S 375 a7 OK",
        "C 195 a8 COMPRESS",
        "S 382 a8 OK",
        "compressed 216 392",
        "C 216 a9 NOOP",
        "C 225 a10 APPEND",
        "S 392 EXISTS",
        "S 404 a9 OK",
        "S 411 a10 OK",
        "close",
      ]
    `);
  });

  test('property: chunk boundaries anywhere give the same events', async () => {
    const whole = plain(await decodeAll(streamEvents(SESSION)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(200), { maxLength: 6 }), fc.boolean(), async (cuts, bytewise) => {
        const split = (b: Uint8Array) => chunk(b, bytewise ? [-1] : cuts);
        expect(plain(await decodeAll(streamEvents(SESSION, { split })))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  test('bytes held per connection stay within the largest frame', async () => {
    // A long session of small frames: what the decoder holds does not grow with it.
    const steps: Step[] = [['S', '* OK ready\r\n']];
    for (let i = 0; i < 2000; i++) steps.push(['C', `a${i} NOOP\r\n`], ['S', `* ${i} EXISTS\r\na${i} OK\r\n`]);
    const { ConversationDecoder } = await import('../../src/capture/conversation.js');
    const d = new ConversationDecoder();
    let peak = 0;
    for (const ev of streamEvents(steps, { split: (b) => chunk(b, [3]) })) {
      await d.push(ev);
      peak = Math.max(peak, d.bufferedBytes);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(utf8('a1999 NOOP\r\n').length * 2);
  });
});
