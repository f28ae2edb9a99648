/**
 * The ClientSession against the test Dovecot over node:net: AUTHENTICATE
 * PLAIN with SASL-IR, COMPRESS=DEFLATE (the session stops at the OK and
 * hands back the rest, which node:zlib inflates from then on), pipelined
 * commands, APPEND with a synchronizing literal, IDLE woken by another
 * connection's APPEND, and a failing command that leaves the session usable.
 *
 * Skipped outside CI (with a message) where Dovecot cannot run; with
 * CI=true that is an error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import zlib from 'node:zlib';
import { ClientSession, saslPlain, type ClientSessionEvent, type ClientSessionOptions } from '../../src/index.js';
import { startDovecot, stopDovecot, cannotRunReason, type DovecotServer } from './server.js';

const reason = cannotRunReason();
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`real-server session tests cannot run in CI: ${reason}`);
  console.warn(`[realserver] ClientSession tests SKIPPED: ${reason}`);
}

const T = 60_000;
const enc = new TextEncoder();

/** A session on a socket; `compress()` switches both directions to raw DEFLATE when the session says so. */
function open(port: number, options: ClientSessionOptions = {}) {
  const socket = net.connect({ host: '127.0.0.1', port });
  const events: ClientSessionEvent[] = [];
  let deflate: zlib.DeflateRaw | undefined;
  let inflate: zlib.InflateRaw | undefined;
  const session = new ClientSession({
    ...options,
    onOutput: (b) => {
      if (deflate === undefined) socket.write(b);
      else deflate.write(b, () => deflate!.flush(zlib.constants.Z_SYNC_FLUSH));
    },
  });
  const take = (evs: ClientSessionEvent[]) => {
    for (const e of evs) {
      events.push(e);
      if (e.type === 'transport' && e.layer === 'deflate') {
        deflate = zlib.createDeflateRaw();
        deflate.on('data', (d: Buffer) => socket.write(d));
        inflate = zlib.createInflateRaw();
        inflate.on('data', (d: Buffer) => take(session.receive(d)));
        if (e.rest.length > 0) inflate.write(e.rest);
        session.transportReady();
      }
    }
  };
  socket.on('data', (b: Buffer) => (inflate !== undefined ? inflate.write(b) : take(session.receive(b))));
  // zlib hands data on asynchronously: the last responses may still be in the inflater at close.
  socket.on('close', () => {
    if (inflate === undefined) session.end();
    else {
      inflate.once('end', () => session.end());
      inflate.end();
    }
  });
  return { session, events, socket, compressed: () => inflate !== undefined };
}

describe.skipIf(reason !== undefined)('ClientSession against Dovecot', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot();
  }, 300_000);
  afterAll(() => {
    if (server !== undefined) stopDovecot(server);
  });

  it('AUTHENTICATE PLAIN with SASL-IR, COMPRESS, pipelining, a synchronizing literal, a failure, LOGOUT', async () => {
    const { session, events, compressed } = open(server.port, { nonSyncLiterals: false });
    await session.greeted();
    expect(session.hasCapability('SASL-IR')).toBe(true);
    await session.authenticate(saslPlain('carol', 'c a"r\\ol'));
    expect(session.state).toBe('authenticated');
    expect(session.hasCapability('COMPRESS=DEFLATE')).toBe(true);
    await session.compress();
    await new Promise((r) => setImmediate(r));
    expect(compressed()).toBe(true);
    const msg = enc.encode('Subject: compressed\r\n\r\nsent through DEFLATE\r\n');
    const append = await session.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: msg, binary: false } }] });
    expect(append.tagged.code?.type).toBe('APPENDUID');
    await session.select('INBOX');
    const count = session.selected!.count!;
    expect(count).toBeGreaterThan(0);
    // FETCH + STORE + SEARCH + NOOP go out together (RFC 9051 §5.5); all complete with their own data.
    const fetch = session.command({ type: 'FETCH', set: `1:${count}`, items: ['UID', 'FLAGS'] });
    const store = session.command({ type: 'STORE', set: '1', action: 'add', silent: false, flags: ['\\Flagged'] });
    const search = session.command({ type: 'SEARCH', criteria: [{ type: 'FLAGGED' }] });
    const noop = session.command({ type: 'NOOP' });
    expect([session.inProgressTags, session.queuedTags]).toEqual([[fetch.tag, store.tag, search.tag, noop.tag], []]);
    const [f, st, se] = await Promise.all([fetch, store, search, noop]);
    expect(f.untagged.filter((r) => r.type === 'FETCH').length).toBe(count);
    expect(st.untagged.some((r) => r.type === 'FETCH' && r.seq === 1)).toBe(true);
    expect(se.untagged).toEqual([{ type: 'SEARCH', ids: [1] }]);
    // The tracker learned the UIDs from the FETCH.
    expect(session.selected!.uidAt(1)).toBeGreaterThan(0);
    const bad = session.select('No such mailbox');
    await expect(bad).rejects.toMatchObject({ failure: 'no' });
    await session.select('INBOX');
    const bye = await session.logout();
    expect(bye.untagged.map((r) => r.type)).toEqual(['BYE']);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  }, T);

  it('IDLE: another connection appends, the EXISTS arrives as an event, DONE ends it', async () => {
    const a = open(server.port);
    await a.session.greeted();
    await a.session.login('carol', 'c a"r\\ol');
    await a.session.select('INBOX');
    const before = a.session.selected!.count!;
    const idle = a.session.idle();
    expect(await idle.accepted()).toBe(true);
    const b = open(server.port);
    await b.session.greeted();
    await b.session.login('carol', 'c a"r\\ol');
    await b.session.command({ type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: enc.encode('Subject: wake\r\n\r\nup\r\n'), binary: false } }] });
    await b.session.logout();
    for (let i = 0; i < 100 && !a.events.some((e) => e.type === 'unsolicited' && e.response.type === 'EXISTS'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(a.events.some((e) => e.type === 'unsolicited' && e.response.type === 'EXISTS' && e.response.count === before + 1)).toBe(true);
    expect(a.session.selected!.count).toBe(before + 1);
    idle.done();
    await idle;
    await a.session.logout();
  }, T);
});
