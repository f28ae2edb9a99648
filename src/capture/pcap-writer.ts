/**
 * Writes byte streams as a pcap file (LINKTYPE_ETHERNET) with synthetic
 * Ethernet / IPv4 or IPv6 / TCP headers, correct checksums and correct
 * sequence and acknowledgement numbers: what a session recorder saves,
 * and what tests and benchmarks generate captures with. The reader side
 * is {@link PacketReader}.
 */
import type { Direction, Endpoint } from './types.js';
import { concatBytes } from '../util/bytes.js';

/**
 * Options of {@link PcapWriter}.
 *
 * @example
 * new PcapWriter({ nanosecond: true, mss: 536 });
 */
export interface PcapWriterOptions {
  /** Nanosecond timestamps (magic a1b23c4d); default microseconds (a1b2c3d4). */
  nanosecond?: boolean;
  /** Largest TCP payload per segment (default 1460). */
  mss?: number;
  /** Snap length written in the file header (default 262144). */
  snapLength?: number;
  /** Time of the first packet when calls give none, in seconds since the epoch (default 1764547200); later ones step 1 ms. */
  startTime?: number;
}

/**
 * TCP flags of a {@link TcpSegmentSpec}.
 *
 * @example
 * { fin: true, ack: true }
 */
export interface TcpFlags {
  syn?: boolean;
  ack?: boolean;
  fin?: boolean;
  rst?: boolean;
  psh?: boolean;
}

/**
 * One TCP segment, for captures crafted by hand (retransmissions, holes, sequence wrap).
 *
 * @example
 * w.segment({ src: server, dst: client, seq: w.nextSeq(id, 'server'), ack: w.nextSeq(id, 'client'), payload: bytes });
 */
export interface TcpSegmentSpec {
  src: Endpoint;
  dst: Endpoint;
  seq: number;
  /** Acknowledgement number; the ACK flag is set when it is given (unless `flags` says otherwise). */
  ack?: number;
  flags?: TcpFlags;
  payload?: Uint8Array;
  time?: number;
}

/**
 * Initial sequence numbers and the handshake for {@link PcapWriter.connect}.
 *
 * @example
 * w.connect(client, server, { serverIsn: 0xfffffff0 }); // wraps soon
 */
export interface ConnectOptions {
  time?: number;
  clientIsn?: number;
  serverIsn?: number;
  /** Leave out the three-way handshake (a capture that started late). */
  handshake?: boolean;
}

interface Conn {
  client: Endpoint;
  server: Endpoint;
  seq: Record<Direction, number>;
}

const EMPTY = new Uint8Array(0);

/**
 * Writes pcap bytes incrementally: `header()` once, then records as the
 * session goes (`connect`, `send`, `close`), or hand-made `segment`s.
 * Every method returns the bytes to append to the file.
 *
 * @example
 * const w = new PcapWriter();
 * const c = w.connect({ address: '127.0.0.1', port: 50000 }, { address: '127.0.0.1', port: 143 });
 * const parts = [w.header(), c.bytes, w.send(c.id, 'server', new TextEncoder().encode('* OK hi\r\n')), w.close(c.id)];
 */
export class PcapWriter {
  private readonly conns: Conn[] = [];
  private clock: number;
  private readonly mss: number;

  constructor(readonly options: PcapWriterOptions = {}) {
    this.clock = options.startTime ?? 1764547200;
    this.mss = options.mss ?? 1460;
  }

  /** The 24-byte file header. */
  header(): Uint8Array {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setUint32(0, this.options.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, this.options.snapLength ?? 262144, true);
    v.setUint32(20, 1, true);
    return b;
  }

  /** A new connection and the packets of its three-way handshake. */
  connect(client: Endpoint, server: Endpoint, options: ConnectOptions = {}): { id: number; bytes: Uint8Array } {
    const id = this.conns.length;
    const cs = (options.clientIsn ?? 0x10000000 + id * 7919) >>> 0;
    const ss = (options.serverIsn ?? 0x60000000 + id * 104729) >>> 0;
    const c: Conn = { client, server, seq: { client: cs, server: ss } };
    this.conns.push(c);
    if (options.handshake === false) return { id, bytes: EMPTY };
    const t = options.time;
    const parts = [
      this.segment({ src: client, dst: server, seq: cs, flags: { syn: true }, time: t }),
      this.segment({ src: server, dst: client, seq: ss, ack: (cs + 1) >>> 0, flags: { syn: true, ack: true }, time: t }),
      this.segment({ src: client, dst: server, seq: (cs + 1) >>> 0, ack: (ss + 1) >>> 0, time: t }),
    ];
    c.seq.client = (cs + 1) >>> 0;
    c.seq.server = (ss + 1) >>> 0;
    return { id, bytes: concatBytes(parts) };
  }

  /** `data` sent by one side, cut into segments of at most `mss` bytes, each acknowledging all the peer sent. */
  send(id: number, direction: Direction, data: Uint8Array, time?: number): Uint8Array {
    const c = this.conn(id);
    const [src, dst] = direction === 'client' ? [c.client, c.server] : [c.server, c.client];
    const other: Direction = direction === 'client' ? 'server' : 'client';
    const parts: Uint8Array[] = [];
    for (let p = 0; p < data.length; p += this.mss) {
      const payload = data.subarray(p, Math.min(data.length, p + this.mss));
      parts.push(this.segment({ src, dst, seq: c.seq[direction], ack: c.seq[other], flags: { ack: true, psh: true }, payload, time }));
      c.seq[direction] = (c.seq[direction] + payload.length) >>> 0;
    }
    return concatBytes(parts);
  }

  /** The sequence number the next byte of `direction` gets (for crafting segments by hand). */
  nextSeq(id: number, direction: Direction): number {
    return this.conn(id).seq[direction];
  }

  /** Move a direction's sequence number on without writing the bytes (a segment the capture missed). */
  skip(id: number, direction: Direction, length: number): void {
    const c = this.conn(id);
    c.seq[direction] = (c.seq[direction] + length) >>> 0;
  }

  /** FIN from the client, FIN+ACK from the server, the last ACK. */
  close(id: number, time?: number): Uint8Array {
    const c = this.conn(id);
    const parts = [
      this.segment({ src: c.client, dst: c.server, seq: c.seq.client, ack: c.seq.server, flags: { fin: true, ack: true }, time }),
      this.segment({ src: c.server, dst: c.client, seq: c.seq.server, ack: (c.seq.client + 1) >>> 0, flags: { fin: true, ack: true }, time }),
      this.segment({ src: c.client, dst: c.server, seq: (c.seq.client + 1) >>> 0, ack: (c.seq.server + 1) >>> 0, time }),
    ];
    c.seq.client = (c.seq.client + 1) >>> 0;
    c.seq.server = (c.seq.server + 1) >>> 0;
    return concatBytes(parts);
  }

  /** One pcap record holding one hand-made TCP segment. */
  segment(spec: TcpSegmentSpec): Uint8Array {
    const time = spec.time ?? (this.clock += 0.001);
    const frame = tcpFrame(spec);
    return this.record(frame, time);
  }

  /** One pcap record holding `frame` (an Ethernet frame, this file's link type). */
  record(frame: Uint8Array, time: number): Uint8Array {
    const b = new Uint8Array(16 + frame.length);
    const v = new DataView(b.buffer);
    const sec = Math.floor(time);
    const frac = Math.round((time - sec) * (this.options.nanosecond ? 1e9 : 1e6));
    v.setUint32(0, sec, true);
    v.setUint32(4, frac, true);
    v.setUint32(8, frame.length, true);
    v.setUint32(12, frame.length, true);
    b.set(frame, 16);
    return b;
  }

  private conn(id: number): Conn {
    const c = this.conns[id];
    if (c === undefined) throw new RangeError(`no connection ${id}`);
    return c;
  }
}


/**
 * An IPv4 (`a.b.c.d`) or IPv6 address as bytes.
 *
 * @example
 * parseAddress('fd00::1'); // 16 bytes
 */
export function parseAddress(s: string): Uint8Array {
  if (!s.includes(':')) {
    const p = s.split('.').map(Number);
    if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) throw new RangeError(`not an IPv4 address: ${s}`);
    return Uint8Array.from(p);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const hg = head === '' ? [] : head.split(':');
  const tg = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? hg : [...hg, ...Array(8 - hg.length - tg.length).fill('0'), ...tg];
  if (groups.length !== 8) throw new RangeError(`not an IPv6 address: ${s}`);
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 255;
  });
  return out;
}

function sum16(b: Uint8Array, start: number, end: number, acc: number): number {
  let i = start;
  for (; i + 1 < end; i += 2) acc += (b[i] << 8) | b[i + 1];
  if (i < end) acc += b[i] << 8;
  return acc;
}

function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 65536);
  return ~acc & 0xffff;
}

/**
 * An Ethernet frame: IPv4 or IPv6 (by the address form), TCP header of 20 bytes, payload; checksums filled in.
 *
 * @example
 * const frame = tcpFrame({ src: { address: '10.0.0.1', port: 143 }, dst: { address: '10.0.0.2', port: 50000 }, seq: 1, ack: 1, payload });
 */
export function tcpFrame(spec: TcpSegmentSpec): Uint8Array {
  const src = parseAddress(spec.src.address);
  const dst = parseAddress(spec.dst.address);
  const v6 = src.length === 16;
  const payload = spec.payload ?? EMPTY;
  const ipLen = v6 ? 40 : 20;
  const tcpLen = 20 + payload.length;
  const b = new Uint8Array(14 + ipLen + tcpLen);
  b.set([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1], 0);
  b[12] = v6 ? 0x86 : 0x08;
  b[13] = v6 ? 0xdd : 0x00;
  const ip = 14;
  if (v6) {
    b[ip] = 0x60;
    b[ip + 4] = tcpLen >> 8;
    b[ip + 5] = tcpLen & 255;
    b[ip + 6] = 6;
    b[ip + 7] = 64;
    b.set(src, ip + 8);
    b.set(dst, ip + 24);
  } else {
    const total = ipLen + tcpLen;
    b[ip] = 0x45;
    b[ip + 2] = total >> 8;
    b[ip + 3] = total & 255;
    b[ip + 6] = 0x40; // don't fragment
    b[ip + 8] = 64;
    b[ip + 9] = 6;
    b.set(src, ip + 12);
    b.set(dst, ip + 16);
    const c = fold(sum16(b, ip, ip + 20, 0));
    b[ip + 10] = c >> 8;
    b[ip + 11] = c & 255;
  }
  const t = ip + ipLen;
  const v = new DataView(b.buffer);
  v.setUint16(t, spec.src.port);
  v.setUint16(t + 2, spec.dst.port);
  v.setUint32(t + 4, spec.seq >>> 0);
  const f = spec.flags ?? {};
  const ack = f.ack ?? spec.ack !== undefined;
  v.setUint32(t + 8, ack ? (spec.ack ?? 0) >>> 0 : 0);
  b[t + 12] = 5 << 4;
  b[t + 13] = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (ack ? 16 : 0);
  v.setUint16(t + 14, 65535);
  b.set(payload, t + 20);
  // Pseudo-header (RFC 9293 §3.1; RFC 8200 §8.1 for IPv6), then the segment.
  let acc = sum16(src, 0, src.length, 0);
  acc = sum16(dst, 0, dst.length, acc);
  acc += 6 + tcpLen;
  acc = sum16(b, t, b.length, acc);
  const c = fold(acc);
  v.setUint16(t + 16, c);
  return b;
}

/**
 * An Ethernet frame of {@link tcpFrame} cut into IP fragments (RFC 791
 * §3.2; for IPv6 with a Fragment header, RFC 8200 §4.5) of at most
 * `size` payload bytes each (a multiple of 8), in order; put them in a
 * capture in any order to test reassembly.
 *
 * @example
 * const pieces = ipFragments(tcpFrame({ src, dst, seq: 1, ack: 1, payload }), 64);
 * const records = pieces.map((f) => w.record(f, 1764547200.5));
 */
export function ipFragments(frame: Uint8Array, size: number, id = 0x1234): Uint8Array[] {
  if (size <= 0 || size % 8 !== 0) throw new RangeError('fragment size must be a positive multiple of 8');
  const v6 = frame[12] === 0x86 && frame[13] === 0xdd;
  const ip = 14;
  const hlen = v6 ? 40 : (frame[ip] & 15) * 4;
  const payload = frame.subarray(ip + hlen);
  const out: Uint8Array[] = [];
  for (let off = 0; off < payload.length; off += size) {
    const part = payload.subarray(off, Math.min(payload.length, off + size));
    const more = off + part.length < payload.length;
    if (v6) {
      const b = new Uint8Array(ip + 48 + part.length);
      b.set(frame.subarray(0, ip + 40), 0);
      const plen = 8 + part.length;
      b[ip + 4] = plen >> 8;
      b[ip + 5] = plen & 255;
      b[ip + 6] = 44;
      const q = ip + 40;
      b[q] = frame[ip + 6];
      b[q + 2] = off >> 8;
      b[q + 3] = (off & 0xf8) | (more ? 1 : 0);
      new DataView(b.buffer).setUint32(q + 4, id);
      b.set(part, q + 8);
      out.push(b);
    } else {
      const b = new Uint8Array(ip + hlen + part.length);
      b.set(frame.subarray(0, ip + hlen), 0);
      const total = hlen + part.length;
      b[ip + 2] = total >> 8;
      b[ip + 3] = total & 255;
      b[ip + 4] = id >> 8;
      b[ip + 5] = id & 255;
      const field = (more ? 0x2000 : 0) | (off / 8);
      b[ip + 6] = field >> 8;
      b[ip + 7] = field & 255;
      b[ip + 10] = b[ip + 11] = 0;
      const c = fold(sum16(b, ip, ip + hlen, 0));
      b[ip + 10] = c >> 8;
      b[ip + 11] = c & 255;
      b.set(part, ip + hlen);
      out.push(b);
    }
  }
  return out;
}
