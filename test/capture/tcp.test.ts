/**
 * TCP reassembly (RFC 9293 §3.4): order by sequence number, drop what was
 * seen, hold what came early, never stitch across a hole.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { concat } from '../bytes.js';
import { PacketReader, PcapWriter, readCapture } from '../../src/capture/index.js';
import { CLIENT, SERVER, enc, notices, only, records, streams } from './helpers.js';

const GREETING = '* OK ready\r\n';
const BODY = Array.from({ length: 40 }, (_, i) => `* ${i + 1} EXISTS\r\n`).join('');

/** A connection with handshake and greeting; returns the writer, its id and the parts so far. */
function start(o: { mss?: number; clientIsn?: number; serverIsn?: number; handshake?: boolean; client?: typeof CLIENT; server?: typeof SERVER } = {}) {
  const w = new PcapWriter({ mss: o.mss ?? 16 });
  const c = w.connect(o.client ?? CLIENT, o.server ?? SERVER, o);
  const parts: Uint8Array[] = [w.header(), c.bytes, w.send(c.id, 'server', enc(GREETING))];
  return { w, id: c.id, parts };
}

describe('TCP reassembly', () => {
  it('drops retransmitted segments', () => {
    const { w, id, parts } = start();
    const segs = records(w.send(id, 'server', enc(BODY)));
    parts.push(...segs.slice(0, 5), segs[2], segs[3], ...segs.slice(5), segs[segs.length - 1]);
    const s = only(readCapture(concat(parts)));
    expect(s.server).toBe(GREETING + BODY);
    expect(s.gaps).toEqual([]);
  });

  it('takes each byte once when segments overlap', () => {
    const { w, id, parts } = start();
    const seq = w.nextSeq(id, 'server');
    const a = enc(BODY.slice(0, 30));
    const b = enc(BODY.slice(20, 60)); // overlaps a by 10 bytes
    const c = enc(BODY.slice(10, 25)); // inside what a and b cover
    parts.push(
      w.segment({ src: SERVER, dst: CLIENT, seq, ack: w.nextSeq(id, 'client'), payload: a }),
      w.segment({ src: SERVER, dst: CLIENT, seq: seq + 20, ack: w.nextSeq(id, 'client'), payload: b }),
      w.segment({ src: SERVER, dst: CLIENT, seq: seq + 10, ack: w.nextSeq(id, 'client'), payload: c }),
    );
    expect(only(readCapture(concat(parts))).server).toBe(GREETING + BODY.slice(0, 60));
  });

  it('holds segments that come early and puts them in order', () => {
    const { w, id, parts } = start();
    const segs = records(w.send(id, 'server', enc(BODY)));
    const shuffled = [segs[3], segs[1], segs[0], segs[2], ...segs.slice(5).reverse(), segs[4]];
    parts.push(...shuffled);
    const r = new PacketReader();
    const events = r.push(concat(parts));
    const s = streams(events).values().next().value!;
    expect(s.server).toBe(GREETING + BODY);
    expect(s.gaps).toEqual([]);
    expect(r.heldBytes()).toBe(0);
    // The most held at once: everything after the first five segments, waiting for the fifth.
    expect(r.peakHeldBytes()).toBe(BODY.length - 5 * 16);
  });

  it('follows sequence numbers across the 32-bit wrap, in and out of order', () => {
    for (const isn of [0xffffffff - 20, 0xffffffff, 0xfffffff0]) {
      const { w, id, parts } = start({ serverIsn: isn, clientIsn: isn - 5 });
      const segs = records(w.send(id, 'server', enc(BODY)));
      parts.push(segs[1], segs[0], ...segs.slice(2), w.send(id, 'client', enc('a1 LOGOUT\r\n')), w.close(id));
      const s = only(readCapture(concat(parts)));
      expect(s.server).toBe(GREETING + BODY);
      expect(s.client).toBe('a1 LOGOUT\r\n');
      expect(s.gaps).toEqual([]);
      expect(s.closes).toEqual(['client', 'server']);
    }
  });

  it('turns a segment the capture missed into a gap when the peer acknowledges past it', () => {
    const { w, id, parts } = start();
    parts.push(w.send(id, 'server', enc('* 1 EXISTS\r\n')));
    w.skip(id, 'server', 12); // '* 2 EXISTS\r\n' was sent but not captured
    parts.push(w.send(id, 'server', enc('* 3 EXISTS\r\n')));
    parts.push(w.send(id, 'client', enc('a1 NOOP\r\n'))); // acknowledges all three
    parts.push(w.send(id, 'server', enc('a1 OK\r\n')));
    const events = readCapture(concat(parts));
    const s = only(events);
    expect(s.server).toBe(GREETING + '* 1 EXISTS\r\n* 3 EXISTS\r\na1 OK\r\n');
    expect(s.gaps).toEqual([{ direction: 'server', offset: GREETING.length + 12, length: 12 }]);
    // The gap comes before the bytes after it, and no later than the ACK that proved the loss.
    const order = events.filter((e) => e.type === 'gap' || (e.type === 'data' && e.direction === 'server')).map((e) => e.type);
    expect(order).toEqual(['data', 'data', 'gap', 'data', 'data']);
  });

  it('turns a hole nobody acknowledged into a gap at the end of the input', () => {
    const { w, id, parts } = start();
    w.skip(id, 'server', 5);
    parts.push(w.send(id, 'server', enc('* 9 EXISTS\r\n')));
    const r = new PacketReader();
    const first = r.push(concat(parts));
    expect(streams(first).values().next().value!.gaps).toEqual([]);
    expect(r.heldBytes()).toBe(12);
    const s = only([...first, ...r.end()]);
    expect(s.gaps).toEqual([{ direction: 'server', offset: GREETING.length, length: 5 }]);
    expect(s.server).toBe(GREETING + '* 9 EXISTS\r\n');
    expect(s.closes).toEqual(['both']);
  });

  it('gives up a hole as a gap, with a notice, when the held bytes pass limits.maxHeldBytes', () => {
    const { w, id, parts } = start();
    w.skip(id, 'server', 3);
    const big = enc(BODY.repeat(10));
    parts.push(w.send(id, 'server', big));
    const r = new PacketReader({ limits: { maxHeldBytes: 100 } });
    const events = [...r.push(concat(parts)), ...r.end()];
    expect(r.peakHeldBytes()).toBeLessThanOrEqual(100 + 16);
    expect(notices(events).join()).toMatch(/more than 100 bytes wait behind a hole \(limits.maxHeldBytes\)/);
    const s = only(events);
    expect(s.gaps).toEqual([{ direction: 'server', offset: GREETING.length, length: 3 }]);
    expect(s.server).toBe(GREETING + BODY.repeat(10));
  });

  it('starts at the first segment seen when the handshake was not captured; the server is the side on port 143', () => {
    for (const sender of ['client', 'server'] as const) {
      const w = new PcapWriter();
      const c = w.connect(CLIENT, SERVER, { handshake: false });
      const parts = [w.header()];
      if (sender === 'client') parts.push(w.send(c.id, 'client', enc('a5 NOOP\r\n')));
      parts.push(w.send(c.id, 'server', enc('* 4 EXISTS\r\n')));
      parts.push(w.send(c.id, 'client', enc('a6 NOOP\r\n')));
      const s = only(readCapture(concat(parts)));
      expect(s.info).toMatchObject({ id: '10.0.0.2:50123-10.0.0.1:143', reason: 'port', client: CLIENT, server: SERVER });
      expect(s.server).toBe('* 4 EXISTS\r\n');
      expect(s.client).toBe(sender === 'client' ? 'a5 NOOP\r\na6 NOOP\r\n' : 'a6 NOOP\r\n');
    }
  });

  it('takes a connection on another port for IMAP when its server greets (even split, even without the handshake)', () => {
    const server = { address: '10.0.0.1', port: 2143 };
    for (const handshake of [true, false]) {
      const w = new PcapWriter({ mss: 3 }); // '* O' then 'K r…': the greeting comes in pieces
      const c = w.connect(CLIENT, server, { handshake });
      const file = concat([w.header(), c.bytes, w.send(c.id, 'server', enc('* PREAUTH hi\r\n')), w.send(c.id, 'client', enc('a1 NOOP\r\n')), w.close(c.id)]);
      const s = only(readCapture(file));
      expect(s.info.reason).toBe('greeting');
      expect(s.info.server).toEqual(server);
      expect(s.server).toBe('* PREAUTH hi\r\n');
      expect(s.client).toBe('a1 NOOP\r\n');
    }
  });

  it('takes a port named in options.ports, and marks port 993 as TLS', () => {
    const w = new PcapWriter();
    const named = { address: '10.0.0.1', port: 7000 };
    const tls = { address: '10.0.0.1', port: 993 };
    const a = w.connect(CLIENT, named);
    const b = w.connect({ ...CLIENT, port: 50124 }, tls);
    const file = concat([w.header(), a.bytes, b.bytes, w.send(a.id, 'client', enc('x1 CAPABILITY\r\n')), w.send(b.id, 'client', enc('\x16\x03\x01'))]);
    const m = streams(readCapture(file, { ports: [7000] }));
    expect([...m.values()].map((s) => [s.info.server?.port, s.info.reason, s.info.tls])).toEqual([
      [7000, 'port', undefined],
      [993, 'port', true],
    ]);
    expect(streams(readCapture(file)).size).toBe(1);
  });

  it('drops other connections without holding their bytes', () => {
    const w = new PcapWriter({ mss: 1000 });
    const web = { address: '10.0.0.9', port: 8080 };
    const c = w.connect(CLIENT, web);
    const r = new PacketReader();
    r.push(concat([w.header(), c.bytes]));
    w.skip(c.id, 'server', 10); // a hole: an IMAP connection would hold what follows
    for (let i = 0; i < 50; i++) r.push(w.send(c.id, 'server', enc('HTTP/1.1 200 OK\r\n'.padEnd(900, 'x'))));
    expect(r.heldBytes()).toBe(0);
    expect(streams(r.end()).size).toBe(0);
  });

  it('keeps interleaved connections apart', () => {
    const w = new PcapWriter({ mss: 7 });
    const ids = [0, 1, 2].map((i) => w.connect({ address: '10.0.0.2', port: 50000 + i }, { address: i === 2 ? 'fd00::1' : '10.0.0.1', port: 143 }));
    const ids2 = ids.map((c, i) => (i === 2 ? { ...c } : c));
    const v6 = w.connect({ address: 'fd00::2', port: 50002 }, { address: 'fd00::1', port: 143 });
    const all = [ids2[0], ids2[1], v6];
    const perConn = all.map((c, i) => [
      ...records(w.send(c.id, 'server', enc(`* OK server ${i}\r\n`))),
      ...records(w.send(c.id, 'client', enc(`c${i} LOGIN user${i} pw\r\n`))),
      ...records(w.send(c.id, 'server', enc(`c${i} OK welcome ${i}\r\n`))),
      ...records(w.close(c.id)),
    ]);
    const interleaved: Uint8Array[] = [w.header(), ...all.map((c) => c.bytes)];
    for (let k = 0; perConn.some((p) => k < p.length); k++) for (const p of perConn) if (k < p.length) interleaved.push(p[k]);
    const m = streams(readCapture(concat(interleaved)));
    const byServer = [...m.values()].filter((s) => s.server.length > 0);
    expect(byServer.map((s) => s.server)).toEqual([0, 1, 2].map((i) => `* OK server ${i}\r\nc${i} OK welcome ${i}\r\n`));
    expect(byServer.map((s) => s.client)).toEqual([0, 1, 2].map((i) => `c${i} LOGIN user${i} pw\r\n`));
    expect(byServer.map((s) => s.closes)).toEqual([0, 1, 2].map(() => ['client', 'server']));
    expect(byServer[2].info.id).toBe('[fd00::2]:50002-[fd00::1]:143');
  });

  it('closes on RST, and a new SYN on the same ports is a new connection', () => {
    const w = new PcapWriter();
    const a = w.connect(CLIENT, SERVER, { clientIsn: 1000, serverIsn: 5000 });
    const parts = [w.header(), a.bytes, w.send(a.id, 'server', enc(GREETING))];
    parts.push(w.segment({ src: CLIENT, dst: SERVER, seq: w.nextSeq(a.id, 'client'), flags: { rst: true } }));
    parts.push(w.segment({ src: SERVER, dst: CLIENT, seq: w.nextSeq(a.id, 'server'), ack: 1, flags: { ack: true } })); // a late ACK: opens nothing
    const b = w.connect(CLIENT, SERVER, { clientIsn: 90000, serverIsn: 70000 });
    parts.push(b.bytes, w.send(b.id, 'server', enc('* BYE busy\r\n')), w.close(b.id));
    const m = streams(readCapture(concat(parts)));
    expect([...m.keys()]).toEqual(['10.0.0.2:50123-10.0.0.1:143', '10.0.0.2:50123-10.0.0.1:143#2']);
    expect([...m.values()].map((s) => [s.server, s.closes])).toEqual([
      [GREETING, ['both']],
      ['* BYE busy\r\n', ['client', 'server']],
    ]);
  });

  it('closes the oldest connection past limits.maxConnections, and at the end of the input closes the rest oldest first', () => {
    const w = new PcapWriter();
    const server = { address: '10.0.0.9', port: 143 };
    // Two of them share the client endpoint, so no grouping by endpoint gives this order by chance.
    const pairs = [
      [{ address: '10.0.0.5', port: 1000 }, server],
      [{ address: '10.0.0.7', port: 1000 }, server],
      [{ address: '10.0.0.5', port: 1000 }, { address: '10.0.0.9', port: 144 }],
      [{ address: '10.0.0.6', port: 1000 }, server],
    ] as const;
    const parts = [w.header()];
    for (const [client, srv] of pairs) {
      const c = w.connect(client, srv);
      parts.push(c.bytes, w.send(c.id, 'server', enc(GREETING)));
    }
    const events = readCapture(concat(parts), { ports: [144], limits: { maxConnections: 3 } });
    const ids = pairs.map(([client, srv]) => `${client.address}:${client.port}-${srv.address}:${srv.port}`);
    expect(events.flatMap((e) => (e.type === 'close' ? [e.connection] : []))).toEqual(ids);
    expect(notices(events)).toContain(`more than 3 connections at once (limits.maxConnections): the oldest, ${ids[0]}, is closed here`);
    expect(only(events.filter((e) => e.type !== 'notice' && (e.type === 'open' ? e.connection.id : e.connection) === ids[0])).server).toBe(GREETING);
  });

  it('says so when bytes from before the first captured segment arrive late', () => {
    const w = new PcapWriter({ mss: 12 });
    const c = w.connect(CLIENT, SERVER, { handshake: false });
    const two = records(w.send(c.id, 'server', enc('* 1 EXISTS\r\n* 2 EXISTS\r\n')));
    const events = readCapture(concat([w.header(), two[1], two[0]]));
    expect(only(events).server).toBe('* 2 EXISTS\r\n');
    expect(notices(events).join()).toMatch(/server bytes from before the first segment captured arrived late and are left out/);
  });

  it('any segments (random sequence numbers, flags, acks) give well-formed events and every held byte let go at the end', () => {
    const seg = fc.record({
      fromServer: fc.boolean(),
      at: fc.integer({ min: -40, max: 300 }),
      len: fc.integer({ min: 0, max: 40 }),
      ack: fc.option(fc.integer({ min: -40, max: 300 }), { nil: undefined }),
      flags: fc.record({ syn: fc.boolean(), fin: fc.boolean(), rst: fc.boolean() }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 40 }), fc.constantFrom(0, 0xffffff00, 0xffffffff), fc.constantFrom(143, 2143), (segs, isn, port) => {
        const w = new PcapWriter();
        const server = { address: '10.0.0.1', port };
        const parts = [w.header()];
        for (const g of segs) {
          const payload = enc('* OK abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, g.len));
          parts.push(
            w.segment({
              src: g.fromServer ? server : CLIENT,
              dst: g.fromServer ? CLIENT : server,
              seq: (isn + g.at) >>> 0,
              ack: g.ack === undefined ? undefined : (isn + g.ack) >>> 0,
              flags: { ...g.flags, ack: g.ack !== undefined },
              payload,
            }),
          );
        }
        const r = new PacketReader({ limits: { maxHeldBytes: 200 } });
        const events = [...r.push(concat(parts)), ...r.end()];
        streams(events);
        expect(r.heldBytes()).toBe(0);
        expect(r.peakHeldBytes()).toBeLessThanOrEqual(240);
      }),
      { numRuns: 400 },
    );
  });
});
