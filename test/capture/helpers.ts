/** Builders and checks shared by the capture tests. */
import { expect } from 'vitest';
import { concat } from '../bytes.js';
import { PcapWriter, tcpFrame, type TcpSegmentSpec } from '../../src/capture/pcap-writer.js';
import type { ConnectionInfo, Direction, Endpoint, StreamEvent } from '../../src/capture/types.js';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

export const CLIENT: Endpoint = { address: '10.0.0.2', port: 50123 };
export const SERVER: Endpoint = { address: '10.0.0.1', port: 143 };

/** What one connection's events add up to. */
export interface Streams {
  info: ConnectionInfo;
  client: string;
  server: string;
  gaps: { direction: Direction; offset: number; length?: number }[];
  closes: (Direction | 'both')[];
}

/**
 * Fold events into per-connection streams, checking on the way what every
 * reader promises: `open` before anything else of a connection, offsets that
 * follow on from the bytes and gaps before them, nothing after the final close.
 */
export function streams(events: readonly StreamEvent[]): Map<string, Streams> {
  const out = new Map<string, Streams>();
  const next = new Map<string, number>();
  const done = new Set<string>();
  for (const e of events) {
    if (e.type === 'notice') continue;
    if (e.type === 'open') {
      expect(out.has(e.connection.id), `open ${e.connection.id} twice`).toBe(false);
      out.set(e.connection.id, { info: e.connection, client: '', server: '', gaps: [], closes: [] });
      continue;
    }
    const s = out.get(e.connection);
    expect(s, `${e.type} before open of ${e.connection}`).toBeDefined();
    expect(done.has(e.connection), `${e.type} after the close of ${e.connection}`).toBe(false);
    if (e.type === 'close') {
      s!.closes.push(e.direction ?? 'both');
      if (e.direction === undefined) done.add(e.connection);
      continue;
    }
    const k = `${e.connection} ${e.direction}`;
    expect(e.offset, `offset of ${e.type} in ${k}`).toBe(next.get(k) ?? 0);
    if (e.type === 'data') {
      s![e.direction] += dec(e.bytes);
      next.set(k, e.offset + e.bytes.length);
    } else {
      s!.gaps.push({ direction: e.direction, offset: e.offset, length: e.length });
      next.set(k, e.offset + (e.length ?? 0));
    }
  }
  return out;
}

/** The one connection of `events` (fails if there is not exactly one). */
export function only(events: readonly StreamEvent[]): Streams {
  const m = streams(events);
  expect([...m.keys()]).toHaveLength(1);
  return [...m.values()][0];
}

export function notices(events: readonly StreamEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
}

/** A small IMAP session both ways. */
export const SESSION = {
  server: ['* OK [CAPABILITY IMAP4rev1] ready\r\n', 'a1 OK done\r\n', '* 1 FETCH (BODY[] {11}\r\nhello world)\r\na2 OK fetched\r\n', '* BYE\r\na3 OK bye\r\n'],
  client: ['a1 LOGIN alice alicepw\r\n', 'a2 FETCH 1 BODY[]\r\n', 'a3 LOGOUT\r\n'],
};
export const SESSION_SERVER = SESSION.server.join('');
export const SESSION_CLIENT = SESSION.client.join('');

/** The session as Ethernet frames (with handshake and close), through the writer. */
export function sessionPcap(client = CLIENT, server = SERVER, w = new PcapWriter(), options: { handshake?: boolean; clientIsn?: number; serverIsn?: number } = {}): Uint8Array {
  const c = w.connect(client, server, options);
  const parts = [w.header(), c.bytes];
  for (let i = 0; i < SESSION.server.length; i++) {
    parts.push(w.send(c.id, 'server', enc(SESSION.server[i])));
    if (i < SESSION.client.length) parts.push(w.send(c.id, 'client', enc(SESSION.client[i])));
  }
  parts.push(w.close(c.id));
  return concat(parts);
}

/** One frame and its time, for the generic file builders below. */
export interface Frame {
  data: Uint8Array;
  time?: number;
  iface?: number;
}

/** A pcap file of any link type, byte order and time unit. */
export function pcapFile(frames: readonly Frame[], o: { linkType?: number; nano?: boolean; big?: boolean; snap?: number } = {}): Uint8Array {
  const le = !o.big;
  const head = new Uint8Array(24);
  const v = new DataView(head.buffer);
  v.setUint32(0, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, o.snap ?? 65535, le);
  v.setUint32(20, o.linkType ?? 1, le);
  const parts = [head];
  frames.forEach((f, i) => {
    const r = new Uint8Array(16 + f.data.length);
    const rv = new DataView(r.buffer);
    const t = f.time ?? 1764547200 + i;
    const sec = Math.floor(t);
    rv.setUint32(0, sec, le);
    rv.setUint32(4, Math.round((t - sec) * (o.nano ? 1e9 : 1e6)), le);
    rv.setUint32(8, f.data.length, le);
    rv.setUint32(12, f.data.length, le);
    r.set(f.data, 16);
    parts.push(r);
  });
  return concat(parts);
}

/** A pcapng section: byte order, interfaces (link type, if_tsresol byte), blocks in order. */
export interface NgSection {
  big?: boolean;
  interfaces: { linkType: number; tsresol?: number; snap?: number }[];
  /** Packets (enhanced, or simple with `simple`), or unknown blocks of `type`. */
  blocks: ({ frame: Frame; simple?: boolean } | { type: number; body: Uint8Array })[];
}

function ngBlock(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const b = new Uint8Array(12 + padded);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, b.length, le);
  b.set(body, 8);
  v.setUint32(b.length - 4, b.length, le);
  return b;
}

/** A pcapng file of one or more sections. */
export function pcapngFile(sections: readonly NgSection[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const le = !s.big;
    const shb = new Uint8Array(16);
    const sv = new DataView(shb.buffer);
    sv.setUint32(0, 0x1a2b3c4d, le);
    sv.setUint16(4, 1, le);
    sv.setInt32(8, -1, le);
    sv.setInt32(12, -1, le);
    parts.push(ngBlock(0x0a0d0d0a, shb, le));
    for (const i of s.interfaces) {
      const body = new Uint8Array(i.tsresol === undefined ? 8 : 20);
      const v = new DataView(body.buffer);
      v.setUint16(0, i.linkType, le);
      v.setUint32(4, i.snap ?? 0, le);
      if (i.tsresol !== undefined) {
        v.setUint16(8, 9, le);
        v.setUint16(10, 1, le);
        body[12] = i.tsresol;
        // opt_endofopt at 16
      }
      parts.push(ngBlock(1, body, le));
    }
    s.blocks.forEach((blk, n) => {
      if ('type' in blk) {
        parts.push(ngBlock(blk.type, blk.body, le));
        return;
      }
      const f = blk.frame;
      if (blk.simple) {
        const body = new Uint8Array(4 + f.data.length);
        new DataView(body.buffer).setUint32(0, f.data.length, le);
        body.set(f.data, 4);
        parts.push(ngBlock(3, body, le));
        return;
      }
      const iface = s.interfaces[f.iface ?? 0];
      const r = iface.tsresol ?? 6;
      const perSec = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
      const t = f.time ?? 1764547200 + n;
      const units = BigInt(Math.floor(t)) * BigInt(perSec) + BigInt(Math.round((t - Math.floor(t)) * perSec));
      const body = new Uint8Array(20 + f.data.length);
      const v = new DataView(body.buffer);
      v.setUint32(0, f.iface ?? 0, le);
      v.setUint32(4, Number(units >> 32n), le);
      v.setUint32(8, Number(units & 0xffffffffn), le);
      v.setUint32(12, f.data.length, le);
      v.setUint32(16, f.data.length, le);
      body.set(f.data, 20);
      parts.push(ngBlock(6, body, le));
    });
  }
  return concat(parts);
}

/** The session's segments as bare Ethernet frames (no pcap records), with their sequence numbers right. */
export function sessionFrames(client = CLIENT, server = SERVER): Uint8Array[] {
  const w = new PcapWriter();
  const file = sessionPcap(client, server, w);
  const frames: Uint8Array[] = [];
  for (let p = 24; p < file.length; ) {
    const len = new DataView(file.buffer, file.byteOffset + p + 8, 4).getUint32(0, true);
    frames.push(file.subarray(p + 16, p + 16 + len));
    p += 16 + len;
  }
  return frames;
}

/** An Ethernet frame's IP packet (for raw, cooked and loopback link types). */
export const ipOf = (ether: Uint8Array): Uint8Array => ether.subarray(14);

export function segment(spec: TcpSegmentSpec): Uint8Array {
  return tcpFrame(spec);
}
