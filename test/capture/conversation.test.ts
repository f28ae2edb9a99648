import { describe, test, expect } from 'vitest';
import { streamEvents, decodeAll, brief, text, utf8, deflated, type Step } from './conversation-helpers.js';
import type { ConversationEvent } from '../../src/capture/types.js';

const run = async (steps: Step[], info = {}) => decodeAll(streamEvents(steps, { info }));
const only = <T extends ConversationEvent['type']>(evs: ConversationEvent[], type: T) =>
  evs.filter((e): e is Extract<ConversationEvent, { type: T }> => e.type === type);

describe('ConversationDecoder: plain traffic', () => {
  test('commands and responses in wire order, with per-direction offsets', async () => {
    const evs = await run([
      ['S', '* OK IMAP4rev1 ready\r\n'],
      ['C', 'a1 CAPABILITY\r\n'],
      ['S', '* CAPABILITY IMAP4rev1 LITERAL+\r\na1 OK done\r\n'],
    ]);
    expect(brief(evs)).toEqual(['open', 'S 0 OK', 'C 0 a1 CAPABILITY', 'S 22 CAPABILITY', 'S 55 a1 OK', 'close']);
    const cap = evs[2];
    expect(cap.type === 'command' && cap.length).toBe(15);
    expect(cap.type === 'command' && cap.connection).toBe('c1');
  });

  test('pipelined commands answered out of order', async () => {
    const evs = await run([
      ['S', '* OK ready\r\n'],
      ['C', 'a1 NOOP\r\na2 CHECK\r\n'],
      ['S', 'a2 OK\r\na1 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['S 0 OK', 'C 0 a1 NOOP', 'C 9 a2 CHECK', 'S 12 a2 OK', 'S 19 a1 OK']);
  });

  test('implicit TLS (port 993): encrypted from the start, nothing parsed', async () => {
    const evs = await run([['S', '\x16\x03\x01garbage\r\n* OK\r\n'], ['C', 'a1 NOOP\r\n']], { tls: true, reason: 'port' });
    expect(brief(evs)).toEqual(['open', 'encrypted both 0 port', 'close']);
  });

  test('a bad frame is an error event; the next frame is read', async () => {
    const evs = await run([['S', '* OK\r\n* 1 FETCH (UID x)\r\n* 2 EXISTS\r\n']]);
    expect(brief(evs).slice(1, -1)).toEqual(['S 0 OK', 'error server 6 syntax', 'S 25 EXISTS']);
    const err = evs[2];
    expect(err.type === 'error' && text(err.frame)).toBe('* 1 FETCH (UID x)\r\n');
  });

  test('an unfinished frame at the close is an incomplete error', async () => {
    const evs = await run([['S', '* OK\r\n* 1 EXI']]);
    expect(brief(evs).slice(1)).toEqual(['S 0 OK', 'error server 13 incomplete', 'close']);
  });
});

describe('synchronizing literals (RFC 9051 §4.3, RFC 7888)', () => {
  test('accepted: the data follows the server "+"', async () => {
    const evs = await run([
      ['C', 'a1 LOGIN {4}\r\n'],
      ['S', '+ go\r\n'],
      ['C', 'fred {6}\r\n'],
      ['S', '+ go\r\n'],
      ['C', 'sesame\r\n'],
      ['S', 'a1 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['literal 14 a1 4', 'S 0 continue', 'literal 24 a1 6', 'S 6 continue', 'C 0 a1 LOGIN', 'S 12 a1 OK']);
    const login = only(evs, 'command')[0];
    expect(login.command).toEqual({ tag: 'a1', type: 'LOGIN', userid: 'fred', password: 'sesame' });
    expect(login.secrets).toEqual([{ start: 24, length: 6 }]);
    expect(text(login.frame.subarray(24, 30))).toBe('sesame');
  });

  test('rejected with NO: no literal comes, the next client line is a command', async () => {
    const evs = await run([
      ['C', 'a1 APPEND INBOX {999999}\r\n'],
      ['S', 'a1 NO [TOOBIG] too big\r\n'],
      ['C', 'a2 NOOP\r\n'],
      ['S', 'a2 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['literal 26 a1 999999', 'S 0 a1 NO', 'C 26 a2 NOOP', 'S 24 a2 OK']);
  });

  test('a tagged answer to another tag does not reject the literal', async () => {
    const evs = await run([
      ['C', 'a0 NOOP\r\na1 APPEND INBOX {3}\r\n'],
      ['S', 'a0 OK\r\n+ go\r\n'],
      ['C', 'abc\r\n'],
      ['S', 'a1 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a0 NOOP', 'literal 30 a1 3', 'S 0 a0 OK', 'S 7 continue', 'C 9 a1 APPEND', 'S 13 a1 OK']);
  });

  test('LITERAL+ and LITERAL- literals follow at once', async () => {
    const evs = await run([['C', 'a1 APPEND INBOX {3+}\r\nabc\r\na2 APPEND INBOX {2-}\r\nxy\r\n']]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 APPEND', 'C 27 a2 APPEND']);
    expect(only(evs, 'command')[1].warnings?.map((w) => w.name)).toEqual(['literal-minus']);
  });

  test('lossy transcripts: literals are read without waiting for "+"', async () => {
    const evs = await run([['C', 'a1 APPEND INBOX {3}\r\nabc\r\n'], ['S', 'a1 OK\r\n']], { lossy: true, reason: 'transcript' });
    expect(brief(evs).slice(1, -1)).toEqual(['literal 21 a1 3', 'C 0 a1 APPEND', 'S 0 a1 OK']);
  });
});

describe('AUTHENTICATE (RFC 9051 §6.2.2, RFC 4959)', () => {
  test('without an initial response: SASL lines until the tagged answer, marked secret', async () => {
    const evs = await run([
      ['C', 'a1 AUTHENTICATE PLAIN\r\n'],
      ['S', '+ \r\n'],
      ['C', 'AGZyZWQAc2VzYW1l\r\n'],
      ['S', 'a1 OK done\r\n'],
      ['C', 'a2 NOOP\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 AUTHENTICATE', 'S 0 continue', 'sasl 23 a1 AGZyZWQAc2VzYW1l', 'S 4 a1 OK', 'C 41 a2 NOOP']);
    const sasl = only(evs, 'sasl')[0];
    expect(sasl.secrets).toEqual([{ start: 0, length: 16 }]);
    expect(sasl.length).toBe(18);
  });

  test('with SASL-IR: the initial response is secret; commands right after the tagged OK', async () => {
    const evs = await run([
      ['C', 'a1 AUTHENTICATE PLAIN AGZyZWQAc2VzYW1l\r\n'],
      ['S', 'a1 OK\r\n'],
      ['C', 'a2 NOOP\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 AUTHENTICATE', 'S 0 a1 OK', 'C 40 a2 NOOP']);
    const auth = only(evs, 'command')[0];
    expect(auth.secrets).toEqual([{ start: 22, length: 16 }]);
    expect(only(evs, 'command')[1].secrets).toBeUndefined();
  });

  test('challenges of several rounds are secret too; "*" cancels', async () => {
    const evs = await run([
      ['C', 'a1 AUTHENTICATE CRAM-MD5\r\n'],
      ['S', '+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n'],
      ['C', '*\r\n'],
      ['S', 'a1 BAD cancelled\r\n'],
      ['C', 'a2 NOOP\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 AUTHENTICATE', 'S 0 continue', 'sasl 26 a1 *', 'S 60 a1 BAD', 'C 29 a2 NOOP']);
    const challenge = only(evs, 'response')[0];
    expect(challenge.secrets).toEqual([{ start: 2, length: 56 }]);
    const cancel = only(evs, 'sasl')[0];
    expect(cancel.cancel).toBe(true);
    expect(cancel.secrets).toBeUndefined();
  });
});

describe('IDLE (RFC 2177)', () => {
  test('"+", untagged data, the client DONE, then the tagged reply', async () => {
    const evs = await run([
      ['C', 'a1 IDLE\r\n'],
      ['S', '+ idling\r\n* 3 EXISTS\r\n'],
      ['C', 'DONE\r\n'],
      ['S', 'a1 OK\r\n'],
      ['C', 'a2 NOOP\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 IDLE', 'S 0 continue', 'S 10 EXISTS', 'done 9 a1', 'S 22 a1 OK', 'C 15 a2 NOOP']);
  });

  test('outside IDLE, DONE is an error', async () => {
    const evs = await run([['C', 'DONE\r\n']]);
    expect(brief(evs).slice(1, -1)).toEqual(['error client 0 syntax']);
  });
});

describe('STARTTLS (RFC 9051 §6.2.1)', () => {
  const tls = '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 A1 OK \r\n* OK fake\r\n';
  test('answered OK: both directions encrypted after it, nothing parsed', async () => {
    const evs = await run([
      ['S', '* OK ready\r\n'],
      ['C', 'a1 STARTTLS\r\n'],
      ['S', 'a1 OK begin TLS\r\n' + tls],
      ['C', tls],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['S 0 OK', 'C 0 a1 STARTTLS', 'S 12 a1 OK', 'encrypted client 13 starttls', 'encrypted server 29 starttls']);
  });

  test('answered NO: the client goes on in plain text', async () => {
    const evs = await run([
      ['C', 'a1 STARTTLS\r\n'],
      ['S', 'a1 NO not now\r\n'],
      ['C', 'a2 NOOP\r\n'],
      ['S', 'a2 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 STARTTLS', 'S 0 a1 NO', 'C 13 a2 NOOP', 'S 15 a2 OK']);
  });

  test('an unrelated OK (another tag, untagged) switches nothing', async () => {
    const evs = await run([
      ['C', 'a0 NOOP\r\na1 STARTTLS\r\n'],
      ['S', '* OK still here\r\na0 OK\r\n'],
      ['S', 'a1 OK go\r\n'],
      ['S', tls],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual([
      'C 0 a0 NOOP', 'C 9 a1 STARTTLS', 'S 0 OK', 'S 17 a0 OK', 'S 24 a1 OK', 'encrypted client 22 starttls', 'encrypted server 34 starttls',
    ]);
  });
});

describe('COMPRESS=DEFLATE (RFC 4978)', () => {
  test('both directions inflated from the byte after the OK; offsets count inflated bytes', async () => {
    const c1 = deflated('a2 NOOP\r\n');
    const c2 = deflated('a3 SELECT INBOX\r\n');
    const s1 = deflated('* 3 EXISTS\r\na2 OK\r\n');
    const s2 = deflated('a3 OK [READ-WRITE] done\r\n');
    const ok = utf8('a1 OK DEFLATE active\r\n');
    const evs = await run([
      ['C', 'a1 COMPRESS DEFLATE\r\n'],
      // The OK and the first compressed bytes in one segment.
      ['S', new Uint8Array([...ok, ...s1])],
      ['C', c1],
      ['C', c2],
      ['S', s2],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual([
      'C 0 a1 COMPRESS', 'S 0 a1 OK', 'compressed 21 22', 'S 22 EXISTS', 'S 34 a2 OK', 'C 21 a2 NOOP', 'C 30 a3 SELECT', 'S 41 a3 OK',
    ]);
    expect(only(evs, 'response')[3].source).toBeUndefined();
  });

  test('answered NO: nothing is inflated', async () => {
    const evs = await run([
      ['C', 'a1 COMPRESS DEFLATE\r\na2 NOOP\r\n'],
      ['S', 'a1 NO not now\r\na2 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['C 0 a1 COMPRESS', 'S 0 a1 NO', 'C 21 a2 NOOP', 'S 15 a2 OK']);
  });

  test('no inflater: reported, and not decoded as garbage', async () => {
    const d = await import('../../src/capture/conversation.js');
    const conv = new d.ConversationDecoder();
    const out: ConversationEvent[] = [];
    for (const ev of streamEvents([['C', 'a1 COMPRESS DEFLATE\r\n'], ['S', 'a1 OK\r\n'], ['C', deflated('a2 NOOP\r\n')]])) out.push(...(await conv.push(ev)));
    expect(brief(out)).toEqual(['open', 'C 0 a1 COMPRESS', 'S 0 a1 OK', 'compressed 21 7', expect.stringMatching(/^notice COMPRESS=DEFLATE is on and no inflater/), 'close']);
  });
});

describe('gaps', () => {
  test('the partial frame is dropped; decoding resumes at the next frame start', async () => {
    const evs = await run([
      ['S', '* OK\r\n* 1 FETCH (BODY[] {40}\r\nSubject: x\r\n'],
      ['gap', 'server', 20],
      ['S', 'e\r\n* not a response\r\n)\r\n* 2 EXISTS\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['S 0 OK', 'gap server 42', 'S 86 EXISTS']);
  });

  test('client side: lines of a message after a gap are not commands', async () => {
    const evs = await run([
      ['C', 'a1 APPEND INBOX {100}\r\n'],
      ['S', '+ go\r\n'],
      ['C', 'From: a\r\n'],
      ['gap', 'client', 50],
      ['C', 'body line\r\nLOGIN is a word\r\n)\r\na2 NOOP\r\n'],
      ['S', 'a1 OK\r\na2 OK\r\n'],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual(['literal 23 a1 100', 'S 0 continue', 'gap client 32', 'C 113 a2 NOOP', 'S 6 a1 OK', 'S 13 a2 OK']);
  });

  test('a gap that ends at a frame start loses nothing after it', async () => {
    const evs = await run([['S', '* OK\r\n'], ['gap', 'server', 30], ['S', '* 2 EXISTS\r\n']]);
    expect(brief(evs).slice(1, -1)).toEqual(['S 0 OK', 'gap server 6', 'S 36 EXISTS']);
  });

  test('a gap in a compressed stream: the rest of that direction is not decoded', async () => {
    const evs = await run([
      ['C', 'a1 COMPRESS DEFLATE\r\n'],
      ['S', 'a1 OK\r\n'],
      ['C', deflated('a2 NOOP\r\n')],
      ['gap', 'client', 10],
      ['C', deflated('a3 NOOP\r\n')],
    ]);
    expect(brief(evs).slice(1, -1)).toEqual([
      'C 0 a1 COMPRESS', 'S 0 a1 OK', 'compressed 21 7', 'C 21 a2 NOOP', expect.stringMatching(/^gap client/), expect.stringMatching(/^notice client stream: a gap/),
    ]);
  });
});

describe('secrets', () => {
  test.each([
    ['atom', 'a1 LOGIN fred sesame\r\n', 'sesame'],
    ['quoted', 'a1 LOGIN "fred" "ses\\"ame"\r\n', 'ses\\"ame'],
    ['literal+', 'a1 LOGIN fred {6+}\r\nsesame\r\n', 'sesame'],
  ])('LOGIN password as %s: exactly its bytes', async (_, line, secret) => {
    const evs = await run([['C', line]]);
    const login = only(evs, 'command')[0];
    expect(login.secrets?.length).toBe(1);
    const [r] = login.secrets!;
    expect(text(login.frame.subarray(r.start, r.start + r.length))).toBe(secret);
    // The user name stays visible.
    expect(text(login.frame.subarray(0, r.start))).toContain('fred');
  });

  test('AUTHENTICATE with "=" (an empty initial response) has no secret', async () => {
    const evs = await run([['C', 'a1 AUTHENTICATE PLAIN =\r\n']]);
    expect(only(evs, 'command')[0].secrets).toBeUndefined();
  });
});

describe('validation', () => {
  test('each frame strict mode refuses carries the violation; clean frames none', async () => {
    const d = (await import('../../src/capture/conversation.js')).ConversationDecoder;
    const conv = new d({ validate: {} });
    const out: ConversationEvent[] = [];
    for (const ev of streamEvents([['S', '* OK hi\r\n* 2 EXISTS\n'], ['C', 'a1 APPEND INBOX {2-}\r\nxy\r\n']])) out.push(...(await conv.push(ev)));
    const [ok, exists] = only(out, 'response');
    expect(ok.violation).toBeUndefined();
    expect(exists.warnings?.map((w) => w.name)).toEqual(['lone-lf']);
    expect(exists.violation?.expected).toBe('CRLF');
    // The lone LF itself.
    expect(exists.violation?.offset).toBe(9 + 10);
    const append = only(out, 'command')[0];
    expect(append.violation?.found).toBe('"-}"');
  });

  test('allowQuirks: a named quirk is still a warning, not a violation', async () => {
    const d = (await import('../../src/capture/conversation.js')).ConversationDecoder;
    const conv = new d({ validate: { allowQuirks: ['lone-lf'] } });
    const out: ConversationEvent[] = [];
    for (const ev of streamEvents([['S', '* 2 EXISTS\n* 3 EXISTS\r\n']])) out.push(...(await conv.push(ev)));
    const [lf] = only(out, 'response');
    expect(lf.warnings?.map((w) => w.name)).toEqual(['lone-lf']);
    expect(lf.violation).toBeUndefined();
  });

  test('a grammar version re-parses every frame: IMAP4rev1 refuses what only IMAP4rev2 allows', async () => {
    const d = (await import('../../src/capture/conversation.js')).ConversationDecoder;
    const results: Record<string, unknown> = {};
    for (const grammar of ['imap4rev1', 'imap4rev2'] as const) {
      const conv = new d({ validate: { grammar } });
      const out: ConversationEvent[] = [];
      // RFC 9051 §9: resp-text = ["[" resp-text-code "]" SP] [text]; RFC 3501 requires the text.
      for (const ev of streamEvents([['S', '* OK [ALERT] \r\n* 3 EXISTS\r\n']])) out.push(...(await conv.push(ev)));
      results[grammar] = only(out, 'response').map((r) => (r.violation === undefined ? 'clean' : r.violation.offset));
    }
    expect(results.imap4rev2).toEqual(['clean', 'clean']);
    expect(results.imap4rev1).toEqual([13, 'clean']);
  });

  test('without validate, no strict parse and no violation field', async () => {
    const evs = await run([['S', '* 2 EXISTS\n']]);
    const r = only(evs, 'response')[0];
    expect(r.warnings?.length).toBe(1);
    expect('violation' in r).toBe(false);
  });
});
