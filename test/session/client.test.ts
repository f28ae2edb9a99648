/**
 * ClientSession, driven by scripted server bytes: tags, literals,
 * pipelining (RFC 9051 §5.5), routing of untagged responses, capabilities
 * and state, SASL, IDLE, STARTTLS / COMPRESS switch points, errors.
 */
import { describe, it, expect } from 'vitest';
import {
  ClientSession,
  CommandError,
  saslPlain,
  saslXoauth2,
  saslOauthBearer,
  decodeBase64,
  type ClientSessionEvent,
  type ClientSessionOptions,
  type CommandInput,
} from '../../src/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A session with its output read as text after each step. */
function setup(greeting = '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n', options: ClientSessionOptions = {}) {
  const s = new ClientSession(options);
  const events: ClientSessionEvent[] = [];
  const feed = (text: string | Uint8Array) => {
    const evs = s.receive(typeof text === 'string' ? enc.encode(text) : text);
    events.push(...evs);
    return evs;
  };
  const out = () => dec.decode(s.takeOutput());
  if (greeting !== '') feed(greeting);
  return { s, feed, out, events };
}

describe('ClientSession: tags and completions', () => {
  it('allocates tags, writes the command, completes with the tagged response and its untagged data', async () => {
    const { s, feed, out } = setup();
    const h = s.command({ type: 'LIST', reference: '', patterns: ['*'] });
    expect(h.tag).toBe('A1');
    expect(out()).toBe('A1 LIST "" *\r\n');
    expect(h.settled).toBe(false);
    feed('* LIST (\\HasNoChildren) "/" INBOX\r\n* 3 EXISTS\r\nA1 OK done\r\n');
    const done = await h;
    expect(done.tagged).toEqual({ type: 'tagged', tag: 'A1', status: 'OK', text: 'done' });
    expect(done.untagged).toEqual([{ type: 'LIST', attributes: ['\\HasNoChildren'], delimiter: '/', mailbox: 'INBOX' }]);
  });

  it('reports data no command asked for as unsolicited events', () => {
    const { s, feed, out } = setup();
    s.command({ type: 'NOOP' });
    out();
    const evs = feed('* 4 EXISTS\r\n* 2 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Seen))\r\nA1 OK NOOP done\r\n');
    expect(evs.map((e) => (e.type === 'unsolicited' ? e.response.type : e.type))).toEqual(['EXISTS', 'EXPUNGE', 'FETCH']);
  });

  it('rejects on NO with the completion, and the session stays usable', async () => {
    const { s, feed, out } = setup();
    const h = s.command({ type: 'SELECT', mailbox: 'Nope' });
    out();
    feed('A1 NO [NONEXISTENT] no such mailbox\r\n');
    const e = await h.then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).failure).toBe('no');
    expect((e as CommandError).completion?.tagged.code).toEqual({ type: 'NONEXISTENT' });
    expect(s.selected).toBeUndefined();
    const n = s.command({ type: 'NOOP' });
    expect(out()).toBe('A2 NOOP\r\n');
    feed('A2 OK\r\n');
    expect((await n).tagged.status).toBe('OK');
  });

  it('a handle nobody awaits does not become an unhandled rejection; its error is readable', () => {
    const { s, feed } = setup();
    const h = s.command({ type: 'NOOP' });
    feed('A1 BAD what\r\n');
    expect(h.error?.failure).toBe('bad');
    expect(h.completion?.tagged.text).toBe('what');
  });

  it('uses a tag prefix or a tag function', () => {
    const a = setup(undefined, { tagPrefix: 'x' });
    a.s.command({ type: 'NOOP' });
    expect(a.out()).toBe('x1 NOOP\r\n');
    const b = setup(undefined, { tag: (n) => `T${String(n).padStart(3, '0')}` });
    b.s.command({ type: 'NOOP' });
    expect(b.out()).toBe('T001 NOOP\r\n');
  });

  it('holds commands until the greeting, then writes them with its capabilities', () => {
    const { s, feed, out } = setup('');
    s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: enc.encode('x'), binary: false } }] });
    expect(out()).toBe('');
    expect(s.state).toBe('greeting');
    feed('* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n');
    expect(out()).toBe('A1 APPEND INBOX {1+}\r\nx\r\n');
  });

  it('takes sequence sets as strings and FETCH items as names', async () => {
    const { s, feed, out } = setup();
    const h = s.command({ type: 'FETCH', uid: true, set: '4:5', items: ['UID', 'FLAGS'] });
    expect(out()).toBe('A1 UID FETCH 4:5 (UID FLAGS)\r\n');
    feed('* 1 FETCH (UID 4 FLAGS ())\r\n* 2 FETCH (UID 9 FLAGS ())\r\nA1 OK\r\n');
    expect((await h).untagged.length).toBe(1);
    expect(s.command({ type: 'FETCH', set: '1:x', items: ['FLAGS'] }).error?.failure).toBe('encode');
  });

  it('writes through onOutput when given', () => {
    const chunks: string[] = [];
    const { s } = setup(undefined, { onOutput: (b) => chunks.push(dec.decode(b)) });
    s.command({ type: 'CAPABILITY' });
    expect(chunks).toEqual(['A1 CAPABILITY\r\n']);
    expect(s.hasOutput).toBe(false);
  });

  it('an unwritable command fails with `encode`, nothing of it is sent, and the next one goes out', () => {
    const { s, out } = setup(undefined, { mailboxUtf7: false });
    const bad = s.command({ type: 'FETCH', uid: false, set: [], items: [{ type: 'FLAGS' }] });
    expect(bad.error?.failure).toBe('encode');
    // CR LF cannot be in a quoted string: the name goes as a literal, which is valid IMAP.
    s.command({ type: 'SELECT', mailbox: 'a\r\nA9 DELETE INBOX' });
    expect(out()).toBe('A2 SELECT {18}\r\n');
  });
});

describe('ClientSession: literals', () => {
  const msg = enc.encode('Subject: hi\r\n\r\nhello\r\n');

  it('waits for + before a synchronizing literal, then releases the rest', async () => {
    const { s, feed, out } = setup();
    const h = s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    expect(out()).toBe(`A1 APPEND INBOX {${msg.length}}\r\n`);
    // Nothing else goes out while the literal waits, not even a new command.
    const n = s.command({ type: 'NOOP' });
    expect(out()).toBe('');
    feed('+ go ahead\r\n');
    expect(out()).toBe(`${dec.decode(msg)}\r\nA2 NOOP\r\n`);
    feed('A1 OK [APPENDUID 1 5] done\r\nA2 OK\r\n');
    expect((await h).tagged.code).toEqual({ type: 'APPENDUID', uidValidity: 1, uids: [5] });
    await n;
  });

  it('several literals: each synchronizing one waits for its own +', () => {
    const { s, feed, out } = setup();
    s.login('fred', 'pass\r\nword');
    s.command({ type: 'NOOP' });
    expect(out()).toBe('A1 LOGIN fred {10}\r\n');
    feed('+ \r\n');
    expect(out()).toBe('pass\r\nword\r\n');
  });

  it('a NO instead of + fails that command only; the next one goes out', async () => {
    const { s, feed, out } = setup();
    const h = s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    const n = s.command({ type: 'NOOP' });
    out();
    feed('A1 NO [TOOBIG] too big\r\n');
    expect(h.error?.failure).toBe('no');
    expect(out()).toBe('A2 NOOP\r\n');
    feed('A2 OK\r\n');
    await n;
  });

  it('nonSyncLiterals: false waits for + even when the server has LITERAL+', () => {
    const { s, feed, out } = setup('* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n', { nonSyncLiterals: false });
    s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    expect(out()).toBe(`A1 APPEND INBOX {${msg.length}}\r\n`);
    feed('+ OK\r\n');
    expect(out()).toBe(`${dec.decode(msg)}\r\n`);
  });

  it('LITERAL+ makes every literal non-synchronizing; LITERAL- only up to 4096 bytes', () => {
    const plus = setup('* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n');
    plus.s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    expect(plus.out()).toBe(`A1 APPEND INBOX {${msg.length}+}\r\n${dec.decode(msg)}\r\n`);
    const minus = setup('* OK [CAPABILITY IMAP4rev1 LITERAL-] hi\r\n');
    const big = new Uint8Array(5000).fill(0x61);
    minus.s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    minus.s.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: big, binary: false } }] });
    expect(minus.out()).toBe(`A1 APPEND INBOX {${msg.length}+}\r\n${dec.decode(msg)}\r\nA2 APPEND INBOX {5000}\r\n`);
  });
});

describe('ClientSession: pipelining (RFC 9051 §5.5)', () => {
  const fetch: CommandInput = { type: 'FETCH', uid: false, set: [1], items: [{ type: 'FLAGS' }] };
  const store: CommandInput = { type: 'STORE', uid: false, set: [1], action: 'add', silent: false, flags: ['\\Seen'] };

  it('FETCH + STORE + SEARCH + NOOP go out together', () => {
    const { s, out } = setup();
    s.command(fetch);
    s.command(store);
    s.command({ type: 'SEARCH', uid: false, criteria: [{ type: 'ALL' }] });
    s.command({ type: 'NOOP' });
    expect(out().split('\r\n').filter(Boolean).map((l) => l.split(' ')[1])).toEqual(['FETCH', 'STORE', 'SEARCH', 'NOOP']);
  });

  it('FETCH + NOOP + STORE: the STORE waits for the NOOP (it may expunge)', () => {
    const { s, feed, out } = setup();
    s.command(fetch);
    s.command({ type: 'NOOP' });
    s.command(store);
    expect(out()).toBe('A1 FETCH 1 FLAGS\r\nA2 NOOP\r\n');
    expect(s.queuedTags).toEqual(['A3']);
    feed('A1 OK\r\n');
    expect(out()).toBe('');
    feed('A2 OK\r\n');
    expect(out()).toBe('A3 STORE 1 +FLAGS (\\Seen)\r\n');
  });

  it('COPY + COPY: the second waits; UID commands do not', () => {
    const { s, feed, out } = setup();
    s.command({ type: 'COPY', uid: false, set: [1], mailbox: 'a' });
    s.command({ type: 'COPY', uid: false, set: [2], mailbox: 'b' });
    s.command({ type: 'COPY', uid: true, set: [3], mailbox: 'c' });
    expect(out()).toBe('A1 COPY 1 a\r\n');
    feed('A1 OK\r\n');
    expect(out()).toBe('A2 COPY 2 b\r\nA3 UID COPY 3 c\r\n');
  });

  it('a state-changing command waits for everything before it, and holds everything after it', () => {
    const { s, feed, out } = setup();
    s.command({ type: 'NOOP' });
    s.select('INBOX');
    s.command({ type: 'NOOP' });
    expect(out()).toBe('A1 NOOP\r\n');
    feed('A1 OK\r\n');
    expect(out()).toBe('A2 SELECT INBOX\r\n');
    feed('* 0 EXISTS\r\n* FLAGS ()\r\nA2 OK [READ-WRITE] ok\r\n');
    expect(out()).toBe('A3 NOOP\r\n');
  });

  it('pipelining: false sends one command at a time', () => {
    const { s, feed, out } = setup(undefined, { pipelining: false });
    s.command(fetch);
    s.command(fetch);
    expect(out()).toBe('A1 FETCH 1 FLAGS\r\n');
    feed('A1 OK\r\n');
    expect(out()).toBe('A2 FETCH 1 FLAGS\r\n');
  });
});

describe('ClientSession: routing untagged responses', () => {
  it('FETCH data goes to the FETCH whose set holds it; FLAGS for other messages are unsolicited', async () => {
    const { s, feed } = setup();
    const h = s.command({ type: 'FETCH', uid: false, set: [[1, 2]], items: [{ type: 'FLAGS' }] });
    const evs = feed('* 1 FETCH (FLAGS ())\r\n* 7 FETCH (FLAGS (\\Seen))\r\n* 2 FETCH (FLAGS (\\Deleted))\r\nA1 OK\r\n');
    expect((await h).untagged.map((r) => (r.type === 'FETCH' ? r.seq : 0))).toEqual([1, 2]);
    expect(evs.flatMap((e) => (e.type === 'unsolicited' && e.response.type === 'FETCH' ? [e.response.seq] : []))).toEqual([7]);
  });

  it('a pipelined STORE gets its FETCH even while a FETCH over the same message is in progress', async () => {
    const { s, feed } = setup();
    const f = s.command({ type: 'FETCH', set: '1:2', items: ['FLAGS'] });
    const st = s.command({ type: 'STORE', set: '1', action: 'add', silent: false, flags: ['\\Flagged'] });
    feed('* 1 FETCH (FLAGS ())\r\n* 1 FETCH (FLAGS (\\Flagged))\r\n* 2 FETCH (FLAGS ())\r\nA1 OK\r\nA2 OK\r\n');
    expect((await f).untagged.map((r) => (r.type === 'FETCH' ? r.seq : 0))).toEqual([1, 2]);
    expect((await st).untagged).toEqual([{ type: 'FETCH', seq: 1, items: [{ type: 'FLAGS', value: ['\\Flagged'] }] }]);
  });

  it('UID FETCH matches by UID', async () => {
    const { s, feed } = setup();
    const h = s.command({ type: 'FETCH', uid: true, set: [[100, '*']], items: [{ type: 'FLAGS' }] });
    const evs = feed('* 1 FETCH (FLAGS () UID 100)\r\n* 2 FETCH (FLAGS ())\r\n* 3 FETCH (UID 7 FLAGS ())\r\nA1 OK\r\n');
    expect((await h).untagged.length).toBe(1);
    expect(evs.filter((e) => e.type === 'unsolicited').length).toBe(2);
  });

  it('SEARCH / ESEARCH: by correlator tag first, else by order', async () => {
    const { s, feed } = setup();
    const a = s.command({ type: 'SEARCH', uid: true, return: [], criteria: [{ type: 'ALL' }] });
    const b = s.command({ type: 'SEARCH', uid: true, return: [], criteria: [{ type: 'SEEN' }] });
    feed('* ESEARCH (TAG "A2") UID COUNT 1\r\n* ESEARCH (TAG "A1") UID COUNT 5\r\nA1 OK\r\nA2 OK\r\n');
    expect((await a).untagged).toEqual([{ type: 'ESEARCH', tag: 'A1', uid: true, items: [{ type: 'COUNT', value: 5 }] }]);
    expect((await b).untagged).toEqual([{ type: 'ESEARCH', tag: 'A2', uid: true, items: [{ type: 'COUNT', value: 1 }] }]);
  });

  it('STATUS goes to the STATUS of that mailbox', async () => {
    const { s, feed } = setup();
    const a = s.command({ type: 'STATUS', mailbox: 'a', items: ['MESSAGES'] });
    const b = s.command({ type: 'STATUS', mailbox: 'inbox', items: ['MESSAGES'] });
    feed('* STATUS INBOX (MESSAGES 2)\r\n* STATUS a (MESSAGES 1)\r\nA1 OK\r\nA2 OK\r\n');
    expect((await a).untagged).toEqual([{ type: 'STATUS', mailbox: 'a', items: [{ type: 'MESSAGES', value: 1 }] }]);
    expect((await b).untagged).toEqual([{ type: 'STATUS', mailbox: 'INBOX', items: [{ type: 'MESSAGES', value: 2 }] }]);
  });

  it('EXPUNGE responses go to EXPUNGE, and to events otherwise', async () => {
    const { s, feed } = setup();
    const h = s.command({ type: 'EXPUNGE' });
    feed('* 3 EXPUNGE\r\nA1 OK\r\n');
    expect((await h).untagged).toEqual([{ type: 'EXPUNGE', seq: 3 }]);
  });
});

describe('ClientSession: capabilities and state', () => {
  it('from the greeting, CAPABILITY responses and codes, and ENABLE', async () => {
    const { s, feed, out } = setup('* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] hi\r\n');
    expect(s.state).toBe('not-authenticated');
    expect(s.hasCapability('literal+')).toBe(true);
    const l = s.login('fred', 'a "b" c');
    expect(out()).toBe('A1 LOGIN fred "a \\"b\\" c"\r\n');
    feed('A1 OK [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT CONDSTORE] in\r\n');
    await l;
    expect(s.state).toBe('authenticated');
    expect(s.hasCapability('LITERAL+')).toBe(false);
    expect(s.hasCapability('CONDSTORE')).toBe(true);
    // Before ENABLE UTF8=ACCEPT, names go in modified UTF-7; after it, as UTF-8 (RFC 6855 §3).
    s.command({ type: 'STATUS', mailbox: 'Entwürfe', items: ['MESSAGES'] });
    expect(out()).toBe('A2 STATUS Entw&APw-rfe (MESSAGES)\r\n');
    feed('A2 OK\r\n');
    const e = s.command({ type: 'ENABLE', capabilities: ['UTF8=ACCEPT'] });
    out();
    feed('* ENABLED UTF8=ACCEPT\r\nA3 OK\r\n');
    expect((await e).untagged).toEqual([{ type: 'ENABLED', capabilities: ['UTF8=ACCEPT'] }]);
    expect(s.enabled.has('UTF8=ACCEPT')).toBe(true);
    s.command({ type: 'STATUS', mailbox: 'Entwürfe', items: ['MESSAGES'] });
    expect(out()).toBe('A4 STATUS "Entwürfe" (MESSAGES)\r\n');
    const c = s.command({ type: 'CAPABILITY' });
    out();
    feed('* CAPABILITY IMAP4rev2 IDLE\r\nA5 OK\r\n');
    await c;
    expect(s.hasCapability('IDLE') && s.hasCapability('LITERAL-') && !s.hasCapability('CONDSTORE')).toBe(true);
  });

  it('PREAUTH starts authenticated; BYE moves to logout', () => {
    const { s, feed } = setup('* PREAUTH [CAPABILITY IMAP4rev2] hi\r\n');
    expect(s.state).toBe('authenticated');
    expect(s.greeting).toEqual({ type: 'PREAUTH', code: { type: 'CAPABILITY', capabilities: ['IMAP4rev2'] }, text: 'hi' });
    feed('* BYE shutting down\r\n');
    expect(s.state).toBe('logout');
  });

  it('the selected mailbox: SELECT fills it, EXISTS / EXPUNGE keep it current, CLOSE clears it', async () => {
    const { s, feed } = setup();
    const sel = s.select('INBOX');
    feed(
      '* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* OK [UIDVALIDITY 42] x\r\n* OK [UIDNEXT 9] x\r\n* OK [HIGHESTMODSEQ 7] x\r\n' +
        '* OK [PERMANENTFLAGS (\\Seen)] x\r\nA1 OK [READ-ONLY] done\r\n',
    );
    const done = await sel;
    expect(done.untagged.map((r) => r.type)).toEqual(['FLAGS', 'EXISTS', 'OK', 'OK', 'OK', 'OK']);
    expect(s.state).toBe('selected');
    const m = s.selected!;
    expect([m.name, m.readOnly, m.count, m.uidValidity, m.uidNext, m.highestModseq]).toEqual(['INBOX', true, 3, 42, 9, 7n]);
    expect([m.flags, m.permanentFlags]).toEqual([['\\Seen', '\\Deleted'], ['\\Seen']]);
    feed('* 5 EXISTS\r\n* 1 EXPUNGE\r\n* 2 FETCH (UID 17 FLAGS ())\r\n');
    expect(s.selected?.count).toBe(4);
    // The tracker's seq <-> UID map.
    expect(s.selected?.uidAt(2)).toBe(17);
    const close = s.command({ type: 'CLOSE' });
    feed('A2 OK\r\n');
    await close;
    expect(s.state).toBe('authenticated');
    expect(s.selected).toBeUndefined();
  });
});

describe('ClientSession: AUTHENTICATE', () => {
  const plain = '\u0000fred\u0000pass word';

  it('sends the initial response inline with SASL-IR', async () => {
    const { s, feed, out } = setup('* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] hi\r\n');
    const h = s.authenticate(saslPlain('fred', 'pass word'));
    const line = out();
    expect(line.startsWith('A1 AUTHENTICATE PLAIN ')).toBe(true);
    expect(dec.decode(decodeBase64(enc.encode(line.slice(22, -2)))!)).toBe(plain);
    feed('A1 OK [CAPABILITY IMAP4rev1 IDLE] in\r\n');
    await h;
    expect(s.state).toBe('authenticated');
  });

  it('without SASL-IR it answers the first empty challenge with the initial response', async () => {
    const { s, feed, out } = setup();
    const h = s.authenticate(saslPlain('fred', 'pass word'));
    expect(out()).toBe('A1 AUTHENTICATE PLAIN\r\n');
    feed('+ \r\n');
    expect(dec.decode(decodeBase64(enc.encode(out().slice(0, -2)))!)).toBe(plain);
    feed('A1 OK in\r\n');
    await h;
  });

  it('continuation rounds go through respond (a Promise is fine); null cancels with *', async () => {
    const seen: string[] = [];
    const { s, feed, out } = setup('* OK [CAPABILITY IMAP4rev1 SASL-IR] hi\r\n');
    const h = s.authenticate({
      name: 'X-TWO',
      respond: async (c) => {
        seen.push(dec.decode(c));
        return seen.length === 1 ? enc.encode('first') : null;
      },
    });
    expect(out()).toBe('A1 AUTHENTICATE X-TWO\r\n');
    feed(`+ ${btoa('challenge one')}\r\n`);
    await Promise.resolve();
    await Promise.resolve();
    expect(out()).toBe(`${btoa('first')}\r\n`);
    feed(`+ ${btoa('challenge two')}\r\n`);
    await new Promise((r) => setImmediate(r));
    expect(out()).toBe('*\r\n');
    feed('A1 BAD cancelled\r\n');
    expect(seen).toEqual(['challenge one', 'challenge two']);
    expect(h.error?.failure).toBe('cancelled');
  });

  it('XOAUTH2 answers the error challenge with an empty line; OAUTHBEARER with %x01', () => {
    const x = setup('* OK [CAPABILITY IMAP4rev1 SASL-IR] hi\r\n');
    const h = x.s.authenticate(saslXoauth2('u@example.com', 'tok'));
    const line = x.out();
    expect(dec.decode(decodeBase64(enc.encode(line.slice('A1 AUTHENTICATE XOAUTH2 '.length, -2)))!)).toBe('user=u@example.com\u0001auth=Bearer tok\u0001\u0001');
    x.feed(`+ ${btoa('{"status":"401"}')}\r\n`);
    expect(x.out()).toBe('\r\n');
    x.feed('A1 NO [AUTHENTICATIONFAILED] no\r\n');
    expect(h.error?.failure).toBe('no');
    const o = setup('* OK [CAPABILITY IMAP4rev1 SASL-IR] hi\r\n');
    o.s.authenticate(saslOauthBearer('u,x=y', 'tok', 'imap.example.com', 993));
    const l2 = o.out();
    expect(dec.decode(decodeBase64(enc.encode(l2.slice('A1 AUTHENTICATE OAUTHBEARER '.length, -2)))!)).toBe(
      'n,a=u=2Cx=3Dy,\u0001host=imap.example.com\u0001port=993\u0001auth=Bearer tok\u0001\u0001',
    );
    o.feed(`+ ${btoa('{"status":"invalid_token"}')}\r\n`);
    expect(o.out()).toBe(`${btoa('\u0001')}\r\n`);
  });
});

describe('ClientSession: IDLE', () => {
  it('starts, reports events while idling, writes DONE on request and completes', async () => {
    const { s, feed, out } = setup();
    const idle = s.idle();
    expect(out()).toBe('A1 IDLE\r\n');
    const n = s.command({ type: 'NOOP' });
    expect(feed('+ idling\r\n')).toEqual([{ type: 'idling', tag: 'A1' }]);
    const evs = feed('* 4 EXISTS\r\n');
    expect(evs).toEqual([{ type: 'unsolicited', response: { type: 'EXISTS', count: 4 } }]);
    expect(out()).toBe('');
    idle.done();
    expect(out()).toBe('DONE\r\n');
    feed('A1 OK idle done\r\n');
    await idle;
    expect(out()).toBe('A2 NOOP\r\n');
    feed('A2 OK\r\n');
    await n;
  });

  it('done() before the server accepted writes DONE right after its +', () => {
    const { s, feed, out } = setup();
    const idle = s.idle();
    idle.done();
    expect(out()).toBe('A1 IDLE\r\n');
    feed('+ idling\r\n');
    expect(out()).toBe('DONE\r\n');
  });

  it('accepted() tells whether the server took the IDLE', async () => {
    const { s, feed } = setup();
    const a = s.idle();
    feed('+ idling\r\n');
    expect(await a.accepted()).toBe(true);
    a.done();
    feed('A1 OK\r\n');
    const b = s.idle();
    feed('A2 BAD no idling here\r\n');
    expect(await b.accepted()).toBe(false);
    expect(b.error?.failure).toBe('bad');
  });
});

describe('ClientSession: STARTTLS and COMPRESS', () => {
  it('STARTTLS: a transport event at the OK, rest handed back, output held until transportReady', async () => {
    const { s, feed, out } = setup('* OK [CAPABILITY IMAP4rev1 STARTTLS LITERAL+] hi\r\n');
    const h = s.starttls();
    expect(out()).toBe('A1 STARTTLS\r\n');
    s.command({ type: 'CAPABILITY' });
    // Bytes after the OK in the same chunk are not read as IMAP (RFC 9051 §11.1: they could be injected).
    const evs = feed('A1 OK begin TLS\r\n* 1 EXISTS\r\n');
    await h;
    expect(evs).toEqual([{ type: 'transport', layer: 'tls', rest: enc.encode('* 1 EXISTS\r\n') }]);
    expect(s.capabilities).toBeUndefined();
    expect(out()).toBe('');
    s.transportReady();
    expect(out()).toBe('A2 CAPABILITY\r\n');
    feed('* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA2 OK\r\n');
    expect([...(s.capabilities ?? [])].sort()).toEqual(['AUTH=PLAIN', 'IMAP4REV1']);
  });

  it('COMPRESS: the rest of the chunk is the compressed stream, and the session continues on new bytes', async () => {
    const { s, feed, out } = setup();
    const h = s.compress();
    expect(out()).toBe('A1 COMPRESS DEFLATE\r\n');
    const compressed = Uint8Array.of(0x78, 0x9c, 1, 2);
    const evs = s.receive(new Uint8Array([...enc.encode('A1 OK deflate on\r\n'), ...compressed]));
    await h;
    expect(evs).toEqual([{ type: 'transport', layer: 'deflate', rest: compressed }]);
    s.transportReady();
    const n = s.command({ type: 'NOOP' });
    expect(out()).toBe('A2 NOOP\r\n');
    feed('A2 OK\r\n');
    await n;
  });
});

describe('ClientSession: errors and the end of input', () => {
  it('a refused frame carrying a command tag fails that command; one without is an event; both keep going', async () => {
    const { s, feed } = setup();
    const a = s.command({ type: 'NOOP' });
    const b = s.command({ type: 'NOOP' });
    const evs = feed('* 1 FETCH (UID x)\r\nA1 XX bad\r\nA2 OK fine\r\n');
    expect(evs.map((e) => e.type)).toEqual(['error']);
    expect(a.error?.failure).toBe('parse');
    expect(a.error?.cause).toBeDefined();
    expect((await b).tagged.text).toBe('fine');
  });

  it('sends nothing after BYE (a BYE greeting included)', () => {
    const { s, out } = setup('* BYE too busy\r\n');
    expect(s.state).toBe('logout');
    const h = s.command({ type: 'NOOP' });
    expect(out()).toBe('');
    s.end();
    expect(h.error?.failure).toBe('closed');
  });

  it('end() fails the commands in progress and the queued ones with `closed`', () => {
    const { s, feed } = setup();
    const a = s.command({ type: 'NOOP' });
    const b = s.command({ type: 'CLOSE' });
    feed('* BYE going\r\n');
    s.end();
    expect([a.error?.failure, b.error?.failure]).toEqual(['closed', 'closed']);
    expect(s.command({ type: 'NOOP' }).error?.failure).toBe('closed');
  });

  it('greeted() resolves with the greeting, or rejects when the input ends first', async () => {
    const a = new ClientSession();
    const g = a.greeted();
    a.receive(enc.encode('* OK hi\r\n'));
    expect(await g).toEqual({ type: 'OK', text: 'hi' });
    const b = new ClientSession();
    const g2 = b.greeted();
    b.end();
    await expect(g2).rejects.toThrow(/before the greeting/);
  });
});
