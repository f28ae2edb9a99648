/**
 * pcap and pcapng containers and the link layers: every variant carries the
 * same session, and must give the same two byte streams.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { concat, chunk } from '../bytes.js';
import { CaptureReader, CaptureError, PacketReader, readCapture, type StreamEvent } from '../../src/capture/index.js';
import {
  SESSION_CLIENT, SESSION_SERVER, enc, ipOf, notices, only, pcapFile, pcapngFile, segment, sessionFrames, sessionPcap, streams,
} from './helpers.js';

function expectSession(events: StreamEvent[], id = '10.0.0.2:50123-10.0.0.1:143'): void {
  const s = only(events);
  expect(s.info.id).toBe(id);
  expect(s.server).toBe(SESSION_SERVER);
  expect(s.client).toBe(SESSION_CLIENT);
  expect(s.gaps).toEqual([]);
}

const sll = (ip: Uint8Array, proto = 0x0800): Uint8Array => {
  const h = new Uint8Array(16);
  h[14] = proto >> 8;
  h[15] = proto & 255;
  return concat([h, ip]);
};
const sll2 = (ip: Uint8Array, proto = 0x0800): Uint8Array => {
  const h = new Uint8Array(20);
  h[0] = proto >> 8;
  h[1] = proto & 255;
  return concat([h, ip]);
};
const loopback = (ip: Uint8Array, af: number, little: boolean): Uint8Array => {
  const h = new Uint8Array(4);
  new DataView(h.buffer).setUint32(0, af, little);
  return concat([h, ip]);
};
const vlan = (ether: Uint8Array, tags: number[]): Uint8Array => {
  const inserted = tags.map((tpid, i) => Uint8Array.from([tpid >> 8, tpid & 255, 0, 10 + i]));
  return concat([ether.subarray(0, 12), ...inserted, ether.subarray(12)]);
};

describe('pcap files', () => {
  it('reads the writer output (microseconds, little-endian), with times and source spans into the file', () => {
    const file = sessionPcap();
    const events = readCapture(file);
    expectSession(events);
    const data = events.filter((e) => e.type === 'data');
    for (const e of data) {
      if (e.type !== 'data') continue;
      expect(e.time).toBeGreaterThan(1764547200);
      // The source span points at exactly these bytes in the input file.
      expect(file.subarray(e.source!.offset, e.source!.offset + e.source!.length)).toEqual(e.bytes);
    }
  });

  for (const [name, o] of [
    ['microseconds big-endian', { big: true }],
    ['nanoseconds little-endian', { nano: true }],
    ['nanoseconds big-endian', { nano: true, big: true }],
  ] as const) {
    it(`reads ${name}`, () => {
      const frames = sessionFrames().map((data, i) => ({ data, time: 1764547200 + i + 0.123456789 }));
      const events = readCapture(pcapFile(frames, o));
      expectSession(events);
      const first = events.find((e) => e.type === 'data');
      const expected = o.nano ? 1764547200.123456789 : 1764547200.123457;
      expect((first as { time: number }).time - Math.floor(expected)).toBeCloseTo(expected - Math.floor(expected) + 3, 6);
    });
  }

  it('gives the same events however the file is cut into chunks', () => {
    const file = sessionPcap();
    const whole = readCapture(file);
    fc.assert(
      fc.property(fc.array(fc.nat(file.length), { maxLength: 12 }), (cuts) => {
        const r = new CaptureReader();
        const events = [...chunk(file, cuts).flatMap((c) => r.push(c)), ...r.end()];
        expect(streams(events)).toEqual(streams(whole));
      }),
      { numRuns: 60 },
    );
    // One byte at a time, too.
    const r = new CaptureReader();
    expect(streams([...chunk(file, [-1]).flatMap((c) => r.push(c)), ...r.end()])).toEqual(streams(whole));
  });
});

describe('link types', () => {
  const ether = sessionFrames();
  const cases: [string, number, (f: Uint8Array) => Uint8Array][] = [
    ['Ethernet with an 802.1Q tag', 1, (f) => vlan(f, [0x8100])],
    ['Ethernet with QinQ (802.1ad + 802.1Q)', 1, (f) => vlan(f, [0x88a8, 0x8100])],
    ['Linux cooked v1 (SLL)', 113, (f) => sll(ipOf(f))],
    ['Linux cooked v2 (SLL2)', 276, (f) => sll2(ipOf(f))],
    ['BSD loopback, little-endian family', 0, (f) => loopback(ipOf(f), 2, true)],
    ['BSD loopback, big-endian family', 0, (f) => loopback(ipOf(f), 2, false)],
    ['OpenBSD loopback (LINKTYPE_LOOP)', 108, (f) => loopback(ipOf(f), 2, false)],
    ['raw IP (LINKTYPE_RAW 101)', 101, ipOf],
    ['raw IPv4 (LINKTYPE_IPV4 228)', 228, ipOf],
  ];
  for (const [name, linkType, wrap] of cases) {
    it(`reads ${name}`, () => {
      expectSession(readCapture(pcapFile(ether.map((f) => ({ data: wrap(f) })), { linkType })));
    });
  }

  const v6c = { address: 'fd00::2', port: 50123 };
  const v6s = { address: 'fd00::1', port: 143 };
  const v6 = sessionFrames(v6c, v6s);
  it('reads IPv6 over Ethernet, raw (229) and BSD loopback (family 24, 28, 30)', () => {
    const id = '[fd00::2]:50123-[fd00::1]:143';
    expectSession(readCapture(pcapFile(v6.map((data) => ({ data })))), id);
    expectSession(readCapture(pcapFile(v6.map((f) => ({ data: ipOf(f) })), { linkType: 229 })), id);
    for (const af of [24, 28, 30]) expectSession(readCapture(pcapFile(v6.map((f) => ({ data: loopback(ipOf(f), af, true) })), { linkType: 0 })), id);
  });

  it('skips IPv6 extension headers (hop-by-hop, destination options, routing) before TCP (RFC 8200 §4)', () => {
    const withExt = (f: Uint8Array): Uint8Array => {
      const ip = ipOf(f);
      const hop = Uint8Array.from([60, 0, 1, 4, 0, 0, 0, 0]); // next: dest opts, 8 bytes, PadN
      const dst = Uint8Array.from([43, 0, 1, 4, 0, 0, 0, 0]); // next: routing
      const rt = Uint8Array.from([6, 0, 0, 0, 0, 0, 0, 0]); // next: TCP, type 0, segments left 0
      const head = ip.slice(0, 40);
      const plen = ((head[4] << 8) | head[5]) + 24;
      head[4] = plen >> 8;
      head[5] = plen & 255;
      head[6] = 0; // hop-by-hop first
      return concat([f.subarray(0, 14), head, hop, dst, rt, ip.subarray(40)]);
    };
    expectSession(readCapture(pcapFile(v6.map((f) => ({ data: withExt(f) })))), '[fd00::2]:50123-[fd00::1]:143');
  });

  it('skips IPv4 options and Ethernet padding after the IP total length', () => {
    const withOptions = (f: Uint8Array): Uint8Array => {
      const ip = ipOf(f);
      const head = ip.slice(0, 20);
      head[0] = 0x46; // IHL 6: one 4-byte option word (NOPs)
      const total = ((head[2] << 8) | head[3]) + 4;
      head[2] = total >> 8;
      head[3] = total & 255;
      return concat([f.subarray(0, 14), head, Uint8Array.from([1, 1, 1, 0]), ip.subarray(20), new Uint8Array(6)]);
    };
    expectSession(readCapture(pcapFile(ether.map((f) => ({ data: withOptions(f) })))));
  });

  it('says when a fragmented datagram never came whole, and shows the hole as a gap', () => {
    const frames = ether.map((f) => f.slice());
    // The 5th frame is the first client data segment (after handshake and greeting): mark it a
    // first fragment (MF) whose other fragments the capture does not have.
    frames[4][14 + 6] |= 0x20;
    const events = readCapture(pcapFile(frames.map((data) => ({ data }))));
    expect(notices(events).join('\n')).toMatch(/fragments did not all arrive/);
    const s = only(events);
    expect(s.gaps).toEqual([{ direction: 'client', offset: 0, length: 'a1 LOGIN alice alicepw\r\n'.length }]);
    expect(s.client).toBe(SESSION_CLIENT.slice('a1 LOGIN alice alicepw\r\n'.length));
  });

  it('says so once for an unknown link type, and skips non-TCP packets silently', () => {
    const events = readCapture(pcapFile([{ data: new Uint8Array(30) }, { data: new Uint8Array(30) }], { linkType: 147 }));
    expect(notices(events).filter((m) => /link type imapwire does not read \(147\)/.test(m))).toHaveLength(1);
    const arp = concat([new Uint8Array(12), Uint8Array.from([0x08, 0x06]), new Uint8Array(28)]);
    const quiet = readCapture(pcapFile([{ data: arp }, ...ether.map((data) => ({ data }))]));
    expectSession(quiet);
    expect(notices(quiet)).toEqual([]);
  });
});

describe('pcapng files', () => {
  const ether = sessionFrames();
  it('reads enhanced packet blocks, little- and big-endian sections', () => {
    for (const big of [false, true]) {
      expectSession(readCapture(pcapngFile([{ big, interfaces: [{ linkType: 1 }], blocks: ether.map((data) => ({ frame: { data } })) }])));
    }
  });

  it('keeps each interface its own link type and timestamp resolution (if_tsresol 10^-9, 2^-10)', () => {
    const blocks = ether.map((data, i) => ({ frame: i % 2 === 0 ? { data, iface: 0, time: 1764547200.5 + i } : { data: ipOf(data), iface: 1, time: 1764547200.25 + i } }));
    const events = readCapture(pcapngFile([{ interfaces: [{ linkType: 1, tsresol: 9 }, { linkType: 101, tsresol: 0x80 | 10 }], blocks }]));
    expectSession(events);
    const times = events.flatMap((e) => (e.type === 'data' && e.time !== undefined ? [e.time % 1] : []));
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect([0.5, 0.25].some((x) => Math.abs(t - x) < 1e-6)).toBe(true);
  });

  it('reads simple packet blocks, skips unknown blocks with one notice per type (interface statistics quietly), and reads several sections', () => {
    const half = Math.floor(ether.length / 2);
    const file = pcapngFile([
      { interfaces: [{ linkType: 1 }], blocks: [{ type: 0x0123, body: enc('vendor') }, { type: 5, body: new Uint8Array(16) }, ...ether.slice(0, half).map((data) => ({ frame: { data }, simple: true })), { type: 0x0123, body: enc('again') }] },
      // The second section has its own byte order and interfaces: its interface 0 is raw IP.
      { big: true, interfaces: [{ linkType: 101 }], blocks: ether.slice(half).map((data) => ({ frame: { data: ipOf(data) } })) },
    ]);
    const events = readCapture(file);
    expectSession(events);
    expect(notices(events)).toEqual(['pcapng: blocks of type 0x123 are skipped']);
  });

  it('refuses a file that does not start with a section header, and bogus block lengths', () => {
    const good = pcapngFile([{ interfaces: [{ linkType: 1 }], blocks: ether.map((data) => ({ frame: { data } })) }]);
    const noShb = good.slice(28); // starts at the IDB
    expect(() => new PacketReader({ format: 'pcapng' }).push(noShb)).toThrow(/pcapng: at byte 0: expected a Section Header Block \(0a0d0d0a\), found block type 1/);
    const bogus = good.slice();
    new DataView(bogus.buffer).setUint32(28 + 4, 0x7ffffff0, true); // the IDB's length
    expect(() => readCapture(bogus)).toThrow(/pcapng: at byte 32: expected a block length .* found 2147483632/);
    const odd = good.slice();
    new DataView(odd.buffer).setUint32(28 + 4, 30, true);
    expect(() => readCapture(odd)).toThrow(CaptureError);
  });
});

describe('bad input: one clear error or notice, never a crash or a hang', () => {
  const file = sessionPcap();

  it('a truncated file: everything before the cut, and a notice', () => {
    const cut = file.subarray(0, file.length - 30);
    const events = readCapture(cut);
    expect(notices(events).join()).toMatch(/last record is truncated \(\d+ of \d+ bytes\)/);
    const s = only(events);
    expect(s.server.length).toBeGreaterThan(0);
  });

  it('a file cut inside its header', () => {
    expect(() => readCapture(file.subarray(0, 10))).toThrow(/pcap: at byte 10: expected the 24-byte pcap file header, found end of input/);
  });

  it('a bogus record length is an error at its offset, after the records before it', () => {
    const bad = file.slice();
    // The 4th record's captured length.
    let p = 24;
    for (let i = 0; i < 3; i++) p += 16 + new DataView(bad.buffer).getUint32(p + 8, true);
    new DataView(bad.buffer).setUint32(p + 8, 0xfffffff0, true);
    const r = new CaptureReader();
    let err: unknown;
    try {
      r.push(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).offset).toBe(p + 8);
    expect((err as Error).message).toMatch(/bogus record length/);
  });

  it('a 2^31 snap length in the header: a notice, records still read, and a 2^31 record refused without allocating it', () => {
    const big = file.slice();
    new DataView(big.buffer).setUint32(16, 2 ** 31, true);
    const events = readCapture(big);
    expect(notices(events).join()).toMatch(/snap length of 2147483648/);
    expectSession(events);
    const huge = big.slice(0, 24 + 16);
    new DataView(huge.buffer).setUint32(24 + 8, 2 ** 31, true);
    const r = new CaptureReader();
    expect(() => r.push(huge)).toThrow(/2147483648 \(a bogus record length/);
    expect(r.heldBytes()).toBeLessThan(100);
  });

  it('random bytes: not a capture', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (bytes) => {
        try {
          readCapture(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
        }
      }),
      { numRuns: 300 },
    );
    const noise = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256 || 1).map((b, i) => (i % 5 === 0 ? 0 : b));
    expect(() => readCapture(noise)).toThrow(/expected a pcap or pcapng file/);
  });

  it('random damage after a valid header gives events or one CaptureError, never another exception', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const bad = file.slice();
        for (const [i, b] of edits) bad[i] = b;
        try {
          streams(readCapture(bad));
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a pcap with no IMAP: a notice that says what was looked for', () => {
    const other = concat([
      pcapFile([
        { data: segment({ src: { address: '10.0.0.2', port: 40000 }, dst: { address: '10.0.0.1', port: 80 }, seq: 1, ack: 1, payload: enc('GET / HTTP/1.1\r\n\r\n') }) },
        { data: segment({ src: { address: '10.0.0.1', port: 80 }, dst: { address: '10.0.0.2', port: 40000 }, seq: 1, ack: 19, payload: enc('HTTP/1.1 200 OK\r\n\r\n') }) },
      ]),
    ]);
    const events = readCapture(other);
    expect(streams(events).size).toBe(0);
    expect(notices(events)).toEqual([expect.stringMatching(/^no IMAP connection found among 1 TCP connection \(IMAP is taken from ports 143, 993/)]);
  });

  it('an empty input', () => {
    expect(() => readCapture(new Uint8Array(0))).toThrow(/found empty input/);
  });
});

