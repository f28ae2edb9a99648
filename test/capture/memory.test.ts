/**
 * Bounded memory: a 200 MB capture generated lazily (chunk by chunk, never
 * held) goes through the packet reader while the bytes it holds are
 * counted: a partial record and the out-of-order segments of the
 * reassembly window, whatever the size of the capture.
 */
import { describe, it, expect } from 'vitest';
import { PacketReader, PcapWriter } from '../../src/capture/index.js';
import { concat } from '../bytes.js';
import { enc } from './helpers.js';

const MSS = 1460;

/** The records of writer output. */
function records(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = 0; p < bytes.length; ) {
    const len = new DataView(bytes.buffer, bytes.byteOffset + p + 8, 4).getUint32(0, true);
    out.push(bytes.subarray(p, p + 16 + len));
    p += 16 + len;
  }
  return out;
}

/**
 * One session as records: a greeting, then `chunks` FETCH answers of 64 KiB
 * whose segments come in swapped pairs (each second segment before the
 * first), each answer asked for by a client command (which acknowledges all
 * before it).
 */
function template(chunks: number): { records: Uint8Array[]; server: number; client: number } {
  const w = new PcapWriter({ mss: MSS });
  const c = w.connect({ address: '10.1.0.2', port: 40000 }, { address: '10.1.0.1', port: 143 });
  const out: Uint8Array[] = [...records(c.bytes), ...records(w.send(c.id, 'server', enc('* OK ready\r\n')))];
  let server = 12;
  let client = 0;
  const body = enc('x'.repeat(65536 - 2) + '\r\n');
  for (let i = 0; i < chunks; i++) {
    const cmd = enc(`a${i} FETCH ${i + 1} BODY[]\r\n`);
    out.push(...records(w.send(c.id, 'client', cmd)));
    client += cmd.length;
    const segs = records(w.send(c.id, 'server', body));
    for (let k = 0; k + 1 < segs.length; k += 2) out.push(segs[k + 1], segs[k]);
    if (segs.length % 2 === 1) out.push(segs[segs.length - 1]);
    server += body.length;
  }
  out.push(...records(w.close(c.id)));
  return { records: out, server, client };
}

/** The template's records with the client port set to `port` (offset: pcap 16 + Ethernet 14 + IPv4 20). */
function withPort(rec: Uint8Array, port: number, fromClient: boolean): Uint8Array {
  const r = rec.slice();
  const at = 16 + 14 + 20 + (fromClient ? 0 : 2);
  r[at] = port >> 8;
  r[at + 1] = port & 255;
  return r;
}

describe('bounded memory', () => {
  it('a 200 MB capture of interleaved sessions with reordered segments: bytes held stay within one window', () => {
    const t = template(16); // about 1 MiB per session
    const perSession = t.records.reduce((n, r) => n + r.length, 0);
    const sessions = Math.ceil((200 * 1024 * 1024) / perSession);
    const reader = new PacketReader();
    const header = new PcapWriter().header();
    let pushed = 0;
    let peak = 0;
    let delivered = 0;
    let opens = 0;
    let gaps = 0;
    const consume = (chunk: Uint8Array): void => {
      pushed += chunk.length;
      for (const e of reader.push(chunk)) {
        if (e.type === 'data') delivered += e.bytes.length;
        else if (e.type === 'open') opens++;
        else if (e.type === 'gap') gaps++;
      }
      peak = Math.max(peak, reader.heldBytes());
    };
    consume(header);
    // Two sessions at a time, their packets alternating, cut into 1 MB chunks at arbitrary points.
    let pending: Uint8Array[] = [];
    let pendingLength = 0;
    for (let s = 0; s < sessions; s += 2) {
      const a = t.records;
      for (let k = 0; k < a.length; k++) {
        for (const port of [20000 + s, 20001 + s]) {
          if (port - 20000 >= sessions) continue;
          const rec = a[k];
          const fromClient = rec[16 + 14 + 20 + 2] === 0 && rec[16 + 14 + 20 + 3] === 143;
          const r = withPort(rec, port, fromClient);
          pending.push(r);
          pendingLength += r.length;
          if (pendingLength >= 1_000_003) {
            const joined = concat(pending);
            consume(joined.subarray(0, 1_000_003));
            pending = [joined.subarray(1_000_003)];
            pendingLength = pending[0].length;
          }
        }
      }
    }
    consume(concat(pending));
    for (const e of reader.end()) if (e.type === 'data') delivered += e.bytes.length;
    expect(pushed).toBeGreaterThan(200 * 1024 * 1024);
    expect(opens).toBe(sessions);
    expect(gaps).toBe(0);
    expect(delivered).toBe(sessions * (t.server + t.client));
    // Held: one swapped segment per session in flight, plus one record cut across chunks.
    expect(reader.peakHeldBytes()).toBeLessThanOrEqual(2 * MSS);
    expect(peak).toBeLessThanOrEqual(2 * MSS + MSS + 100);
  }, 120_000);

  it('a hole that never fills: held bytes stop at limits.maxHeldBytes, and the hole becomes a gap', () => {
    const w = new PcapWriter({ mss: MSS });
    const c = w.connect({ address: '10.1.0.2', port: 40000 }, { address: '10.1.0.1', port: 143 });
    const reader = new PacketReader({ limits: { maxHeldBytes: 1 << 20 } });
    reader.push(concat([w.header(), c.bytes, w.send(c.id, 'server', enc('* OK ready\r\n'))]));
    w.skip(c.id, 'server', 100); // never captured, never acknowledged (the client says nothing)
    let peak = 0;
    let gaps = 0;
    const body = enc('y'.repeat(MSS * 64));
    for (let i = 0; i < 320; i++) {
      for (const e of reader.push(w.send(c.id, 'server', body))) if (e.type === 'gap') gaps++;
      peak = Math.max(peak, reader.heldBytes());
    }
    expect(gaps).toBe(1);
    expect(peak).toBeLessThanOrEqual((1 << 20) + MSS);
    expect(reader.heldBytes()).toBe(0);
  });
});
