/**
 * IP datagrams put together from fragments before TCP sees them (RFC 791
 * §3.2, RFC 8200 §4.5): any order, duplicates, both families; what never
 * comes whole, or overlaps with different bytes (RFC 5722 §4), is a
 * notice and a gap; what waits is bounded.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PacketReader, ipFragments, readCapture } from '../../src/capture/index.js';
import { FRAGMENT_TIMEOUT } from '../../src/capture/ip-fragments.js';
import { CLIENT, SERVER, SESSION, SESSION_CLIENT, SESSION_SERVER, enc, notices, only, pcapFile, segment, sessionFrames, type Frame } from './helpers.js';
import { concat } from '../bytes.js';

const CLIENT6 = { address: 'fd00::2', port: 50123 };
const SERVER6 = { address: 'fd00::1', port: 143 };
const T0 = 1764547200;

/** Whether an Ethernet frame of the writer carries TCP data (more than the 20-byte TCP header). */
function carriesData(f: Uint8Array): boolean {
  const v6 = f[12] === 0x86;
  const ipPayload = v6 ? (f[18] << 8) | f[19] : ((f[16] << 8) | f[17]) - 20;
  return ipPayload > 20;
}

/** The session's frames with every data segment cut into fragments of `size` bytes, each frame a list. */
function fragmented(size: number, v6 = false): Uint8Array[][] {
  const frames = v6 ? sessionFrames(CLIENT6, SERVER6) : sessionFrames();
  return frames.map((f, i) => (carriesData(f) ? ipFragments(f, size, 0x100 + i) : [f]));
}

const file = (frames: readonly Uint8Array[], times?: readonly number[]): Uint8Array =>
  pcapFile(frames.map((data, i): Frame => ({ data, time: times?.[i] ?? T0 + i * 0.001 })));

describe('IP fragments', () => {
  for (const v6 of [false, true]) {
    it(`puts ${v6 ? 'IPv6' : 'IPv4'} datagrams together, fragments in any order and some twice`, () => {
      const groups = fragmented(16, v6);
      expect(groups.some((g) => g.length > 2)).toBe(true);
      const frames = groups.flatMap((g) => (g.length === 1 ? g : [g[g.length - 1], ...g.slice(1, -1).reverse(), g[1] ?? g[0], g[0]]));
      const r = new PacketReader();
      const events = [...r.push(file(frames)), ...r.end()];
      expect(notices(events)).toEqual([]);
      const s = only(events);
      expect(s.server).toBe(SESSION_SERVER);
      expect(s.client).toBe(SESSION_CLIENT);
      expect(s.gaps).toEqual([]);
      expect(r.heldBytes()).toBe(0);
    });
  }

  it('gives the same streams for any fragment size, order and repetition (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), fc.nat(), (eighths, v6, dups, seed) => {
        const groups = fragmented(eighths * 8, v6);
        const frames = groups.flatMap((g) => {
          if (g.length === 1) return g;
          // A rotation and some repeats of the group's own fragments, all before the next frame.
          const k = seed % g.length;
          return [...g.slice(k), ...g.slice(0, k), ...dups.map((d) => g[d % g.length]!)];
        });
        const s = only(readCapture(file(frames)));
        expect(s.server).toBe(SESSION_SERVER);
        expect(s.client).toBe(SESSION_CLIENT);
        expect(s.gaps).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('shows a datagram that lost a fragment as a notice and a gap in its stream', () => {
    const groups = fragmented(16);
    const login = groups.findIndex((g) => g.length > 1 && new TextDecoder().decode(g[g.length - 1]).includes('pw'));
    expect(login).toBeGreaterThan(0);
    groups[login] = groups[login]!.filter((_, i) => i !== 1);
    const events = readCapture(file(groups.flat()));
    expect(notices(events).join('\n')).toMatch(/fragments did not all arrive/);
    const s = only(events);
    expect(s.gaps).toEqual([{ direction: 'client', offset: 0, length: SESSION.client[0]!.length }]);
    expect(s.client).toBe(SESSION_CLIENT.slice(SESSION.client[0]!.length));
    expect(s.server).toBe(SESSION_SERVER);
  });

  it('drops a datagram whose fragments overlap with different bytes (RFC 5722 §4), and takes identical overlaps', () => {
    const groups = fragmented(16);
    const i = groups.findIndex((g) => g.length > 2);
    const g = groups[i]!;
    // A copy of the second fragment with one data byte changed.
    const changed = g[1]!.slice();
    changed[changed.length - 1] ^= 0x20;
    const dropped = readCapture(file(groups.flatMap((x, k) => (k === i ? [x[0]!, changed, ...x.slice(1)] : x))));
    expect(notices(dropped).join('\n')).toMatch(/overlap with different bytes/);
    expect(only(dropped).gaps).toHaveLength(1);
    const same = readCapture(file(groups.flatMap((x, k) => (k === i ? [x[0]!, x[1]!, ...x.slice(1)] : x))));
    expect(notices(same)).toEqual([]);
    expect(only(same).gaps).toEqual([]);
  });

  it(`gives up a datagram whose fragments are more than ${FRAGMENT_TIMEOUT} s apart, and lets go of its bytes`, () => {
    const payload = enc('a1 NOOP\r\n'.repeat(20));
    const frame = segment({ src: CLIENT, dst: SERVER, seq: 1000, ack: 1, payload });
    const [first, ...rest] = ipFragments(frame, 64);
    const r = new PacketReader();
    const head = r.push(file([first!], [T0]));
    expect(r.heldBytes()).toBeGreaterThan(0);
    // Any packet after the timeout ends the wait; the late fragments start a datagram of their own.
    const late = r.push(file(rest, rest.map(() => T0 + FRAGMENT_TIMEOUT + 1)).subarray(24));
    const end = r.end();
    const all = notices([...head, ...late, ...end]).join('\n');
    expect(all).toMatch(/fragments did not all arrive/);
    expect(all).toMatch(/2 incomplete fragmented IP datagrams in all/);
    expect(r.heldBytes()).toBe(0);
  });

  it('holds at most 4 MiB of fragments, however many datagrams never come whole', () => {
    const r = new PacketReader();
    r.push(file([]));
    let most = 0;
    let given = 0;
    for (let i = 0; i < 6000; i++) {
      // The first 1,000 payload bytes of a 2,000-byte datagram, each with its own identification.
      const frame = segment({ src: CLIENT, dst: SERVER, seq: 1 + i * 2000, ack: 1, payload: new Uint8Array(2000).fill(0x61) });
      const first = ipFragments(frame, 1000, i)[0]!;
      const events = r.push(file([first], [T0 + i * 0.0001]).subarray(24));
      given += notices(events).length;
      most = Math.max(most, r.heldBytes());
    }
    expect(most).toBeGreaterThan(3 * 1024 * 1024);
    expect(most).toBeLessThanOrEqual(4 * 1024 * 1024 + 1000);
    expect(given).toBe(1); // the first datagram given up; the rest are counted at the end
    const end = notices(r.end()).join('\n');
    expect(end).toMatch(/6000 incomplete fragmented IP datagrams in all/);
    expect(r.heldBytes()).toBe(0);
  });

  it('skips IPv6 fragments of other protocols silently, and says when a fragment was cut short', () => {
    const tcp = segment({ src: CLIENT6, dst: SERVER6, seq: 1, ack: 1, payload: enc('x'.repeat(100)) });
    const udp = ipFragments(tcp, 32).map((f) => {
      const b = f.slice();
      b[14 + 40] = 17; // the Fragment header's Next Header: UDP
      return b;
    });
    expect(notices(new PacketReader().push(file(udp)))).toEqual([]);
    const v4 = ipFragments(segment({ src: CLIENT, dst: SERVER, seq: 1, ack: 1, payload: enc('y'.repeat(100)) }), 32);
    // The second fragment captured with a snap length shorter than it.
    const cut = pcapFile(v4.map((f, i) => ({ data: i === 1 ? f.subarray(0, 14 + 20 + 16) : f, time: T0 + i })), { snap: 14 + 20 + 16 });
    const r = new PacketReader();
    const events = [...r.push(cut), ...r.end()];
    expect(notices(events).join('\n')).toMatch(/fragments did not all arrive/);
    expect(r.heldBytes()).toBe(0);
  });

  it('points a notice at the input offset of the fragment that came first', () => {
    const groups = fragmented(16);
    const i = groups.findIndex((g) => g.length > 2);
    const frames = groups.flatMap((g, k) => (k === i ? g.slice(1) : g));
    const bytes = file(frames);
    const ev = readCapture(bytes).find((e) => e.type === 'notice' && /did not all arrive/.test(e.message));
    expect(ev?.type === 'notice' ? ev.source?.offset : undefined).toBeDefined();
    const at = ev!.type === 'notice' ? ev!.source!.offset : -1;
    // The second fragment's data (after its Ethernet and IP headers) sits there in the file.
    const second = groups[i]![1]!;
    expect(Buffer.from(bytes.subarray(at, at + 8)).equals(Buffer.from(second.subarray(34, 42)))).toBe(true);
  });
});

describe('ipFragments (the writer side)', () => {
  it('cuts only on multiples of 8 and keeps every byte', () => {
    const frame = segment({ src: CLIENT, dst: SERVER, seq: 1, ack: 1, payload: enc('z'.repeat(77)) });
    expect(() => ipFragments(frame, 12)).toThrow(/multiple of 8/);
    const parts = ipFragments(frame, 24);
    expect(parts).toHaveLength(Math.ceil((20 + 77) / 24));
    expect(concat(parts.map((p) => p.subarray(34))).length).toBe(20 + 77);
  });
});
