/**
 * TCP reassembly (RFC 9293 §3.4, §3.10.7): per connection and direction,
 * segments are put in sequence-number order (32-bit wrap by signed
 * distance), retransmitted and overlapping bytes are dropped,
 * out-of-order segments are held until the hole before them fills. A hole
 * becomes a `gap` event when the peer acknowledges bytes the capture never
 * had, when the held bytes pass `limits.maxHeldBytes`, or at the end of
 * the input: bytes are never stitched across a hole.
 *
 * Which connections are IMAP: ports 143 and 993 (and `options.ports`), or
 * a server side whose first bytes are an IMAP greeting (`* OK`,
 * `* PREAUTH`, `* BYE`, RFC 9051 §7.1). Other connections are dropped
 * without holding their bytes.
 */
import type { ResolvedLimits } from './options.js';
import { ACK, FIN, RST, SYN, formatAddress, type TcpSegment } from './link.js';
import type { ConnectionInfo, Direction, Endpoint, StreamEvent } from './types.js';

interface Held {
  rel: number;
  bytes: Uint8Array;
  time: number | undefined;
  source: number;
}

interface Flow {
  conn: Conn;
  direction: Direction;
  started: boolean;
  /** The handshake was seen, so stream offset 0 is the first byte after the SYN. */
  syn: boolean;
  /** The sequence number of the byte at `offset`. */
  nextSeq: number;
  offset: number;
  held: Held[];
  heldBytes: number;
  /** Stream offset of the FIN, once seen (-1 before). */
  finRel: number;
  closed: boolean;
  /** A notice about bytes from before the first captured segment was given. */
  earlyNoticed: boolean;
  overflowNoticed: boolean;
}

interface Pending {
  key: string;
  seq: number;
  bytes: Uint8Array;
  time: number | undefined;
  source: number;
}

interface Conn {
  key: string;
  state: 'pending' | 'imap' | 'ignored' | 'done';
  id: string;
  /** Endpoint key of the client side, once known. */
  clientKey: string | undefined;
  /** SYN sequence numbers by endpoint key, for connections not yet classified. */
  isn: Record<string, number>;
  prefix: Pending[];
  client: Flow;
  server: Flow;
}

/** Options of {@link TcpReassembler}. */
export interface TcpOptions {
  ports?: readonly number[];
  limits: ResolvedLimits;
}

const IMAP_PORTS = [143, 993];
/** How many finished connections are remembered, so their last packets are not taken for new ones. */
const CLOSED_MEMORY = 4096;
const GREETINGS = ['* OK', '* PREAUTH', '* BYE'];

/** Is this the start of an IMAP greeting: `yes`, `no`, or `more` bytes needed to tell. */
export function greetingMatch(b: Uint8Array): 'yes' | 'no' | 'more' {
  let more = false;
  for (const g of GREETINGS) {
    let i = 0;
    for (; i < g.length && i < b.length; i++) {
      const c = b[i] >= 0x61 && b[i] <= 0x7a ? b[i] - 0x20 : b[i];
      if (c !== g.charCodeAt(i)) break;
    }
    if (i < g.length) {
      if (i === b.length) more = true;
      continue;
    }
    if (b.length === g.length) { more = true; continue; }
    const n = b[g.length];
    if (n === 0x20 || n === 0x0d || n === 0x0a || n === 0x5b) return 'yes';
  }
  return more ? 'more' : 'no';
}

function endpointKey(a: Uint8Array, port: number): string {
  if (a.length === 4) return `${((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0}:${port}`;
  let s = '';
  for (let i = 0; i < 16; i += 4) s += `${((a[i] << 24) | (a[i + 1] << 16) | (a[i + 2] << 8) | a[i + 3]) >>> 0}.`;
  return `${s}:${port}`;
}

function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function newFlow(conn: Conn, direction: Direction): Flow {
  return { conn, direction, started: false, syn: false, nextSeq: 0, offset: 0, held: [], heldBytes: 0, finRel: -1, closed: false, earlyNoticed: false, overflowNoticed: false };
}

/** Reassembles TCP segments into {@link StreamEvent}s, pushed onto `out`. */
export class TcpReassembler {
  private readonly conns = new Map<string, Conn>();
  /** Recently finished connections (bounded), so their last ACKs and FINs open nothing new. */
  private readonly closed = new Set<string>();
  private readonly holding = new Set<Flow>();
  private readonly ports: Set<number>;
  private readonly ids = new Map<string, number>();
  private heldTotal = 0;
  private tcpCount = 0;
  private imapCount = 0;
  private retransmitted = 0;
  /** The most bytes ever held at once (out-of-order segments), for tests and benchmarks. */
  peakHeld = 0;

  constructor(private readonly options: TcpOptions, private readonly out: StreamEvent[]) {
    this.ports = new Set([...IMAP_PORTS, ...(options.ports ?? [])]);
  }

  /** Out-of-order bytes held right now. */
  held(): number {
    return this.heldTotal;
  }

  /** Connections taken for IMAP so far. */
  get imapConnections(): number {
    return this.imapCount;
  }

  segment(s: TcpSegment, frame: Uint8Array, time: number | undefined, frameAt: number): void {
    const ka = endpointKey(s.src, s.srcPort);
    const kb = endpointKey(s.dst, s.dstPort);
    const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
    const opening = (s.flags & (SYN | ACK)) === SYN;
    let c = this.conns.get(key);
    if (c === undefined) {
      if (this.closed.has(key)) {
        if (!opening) return;
        this.closed.delete(key);
      }
      c = this.newConn(key, s, ka, kb, time);
    }
    if (c.state === 'ignored') {
      if (s.flags & (RST | FIN)) this.retire(c);
      return;
    }
    const len = s.end - s.start;
    if (c.state === 'pending') {
      if (!this.classify(c, s, ka, kb, frame, time, frameAt)) return;
    }
    const dir: Direction = ka === c.clientKey ? 'client' : 'server';
    const flow = dir === 'client' ? c.client : c.server;
    const other = dir === 'client' ? c.server : c.client;
    if (s.flags & RST) {
      this.finish(c, time);
      return;
    }
    if (s.flags & SYN) {
      if (!flow.started) {
        flow.started = true;
        flow.syn = true;
        flow.nextSeq = (s.seq + 1) >>> 0;
      }
      return;
    }
    if (len > 0) this.data(flow, s.seq, frame.subarray(s.start, s.end), time, frameAt + s.start);
    if (s.flags & FIN && flow.finRel < 0) {
      if (!flow.started) {
        flow.started = true;
        flow.nextSeq = s.seq;
      }
      flow.finRel = Math.max(flow.offset, flow.offset + ((((s.seq + len) >>> 0) - flow.nextSeq) | 0));
    }
    if (s.flags & ACK && other.started) this.acknowledged(other, s.ack, time);
    this.checkClose(flow, time);
    if (c.client.closed && c.server.closed) this.retire(c);
  }

  /** Forget a finished connection, remembering its key for a while. */
  private retire(c: Conn): void {
    c.state = 'done';
    for (const f of [c.client, c.server]) {
      // Bytes past a FIN: nothing will deliver them now.
      this.heldTotal -= f.heldBytes;
      f.heldBytes = 0;
      f.held = [];
      this.holding.delete(f);
    }
    this.conns.delete(c.key);
    this.closed.add(c.key);
    if (this.closed.size > CLOSED_MEMORY) {
      for (const k of this.closed) {
        this.closed.delete(k);
        break;
      }
    }
  }

  /** The input ended: every hole left becomes a gap, held bytes are delivered, every open connection is closed. */
  end(): void {
    for (const c of [...this.conns.values()]) if (c.state === 'imap') this.finish(c, undefined);
    if (this.imapCount === 0) {
      this.out.push({
        type: 'notice',
        message: `no IMAP connection found among ${this.tcpCount} TCP connection${this.tcpCount === 1 ? '' : 's'} (IMAP is taken from ports ${[...this.ports].join(', ')} or a server greeting * OK / * PREAUTH / * BYE)`,
      });
    }
  }

  private newConn(key: string, s: TcpSegment, ka: string, kb: string, time: number | undefined): Conn {
    this.tcpCount++;
    const c: Conn = { key, state: 'pending', id: '', clientKey: undefined, isn: {}, prefix: [], client: undefined!, server: undefined! };
    c.client = newFlow(c, 'client');
    c.server = newFlow(c, 'server');
    const syn = s.flags & SYN;
    if (syn) c.clientKey = s.flags & ACK ? kb : ka;
    let serverPort: number | undefined;
    if (c.clientKey !== undefined) serverPort = c.clientKey === ka ? s.dstPort : s.srcPort;
    else if (this.ports.has(s.dstPort)) { c.clientKey = ka; serverPort = s.dstPort; }
    else if (this.ports.has(s.srcPort)) { c.clientKey = kb; serverPort = s.srcPort; }
    if (serverPort !== undefined && this.ports.has(serverPort)) this.open(c, s, ka, 'port', time, serverPort === 993);
    this.conns.set(key, c);
    if (this.conns.size > this.options.limits.maxConnections) this.evict();
    return c;
  }

  private evict(): void {
    for (const [key, c] of this.conns) {
      this.conns.delete(key);
      if (c.state === 'imap') {
        this.out.push({ type: 'notice', connection: c.id, message: `more than ${this.options.limits.maxConnections} connections at once (limits.maxConnections): the oldest, ${c.id}, is closed here` });
        this.finish(c, undefined);
      }
      return;
    }
  }

  private open(c: Conn, s: TcpSegment, ka: string, reason: ConnectionInfo['reason'], time: number | undefined, tls: boolean): void {
    const srcIsClient = c.clientKey === ka;
    const src: Endpoint = { address: formatAddress(s.src), port: s.srcPort };
    const dst: Endpoint = { address: formatAddress(s.dst), port: s.dstPort };
    const client = srcIsClient ? src : dst;
    const server = srcIsClient ? dst : src;
    let id = `${endpointText(client)}-${endpointText(server)}`;
    const seen = this.ids.get(id) ?? 0;
    this.ids.set(id, seen + 1);
    if (seen > 0) id += `#${seen + 1}`;
    c.id = id;
    c.state = 'imap';
    this.imapCount++;
    const info: ConnectionInfo = { id, client, server, reason };
    if (tls) info.tls = true;
    this.out.push(time === undefined ? { type: 'open', connection: info } : { type: 'open', connection: info, time });
  }

  /** A connection not known to be IMAP: watch for the handshake and the first payload. True when it just became IMAP. */
  private classify(c: Conn, s: TcpSegment, ka: string, kb: string, frame: Uint8Array, time: number | undefined, frameAt: number): boolean {
    if (s.flags & SYN) {
      c.isn[ka] = (s.seq + 1) >>> 0;
      if (c.clientKey === undefined) c.clientKey = s.flags & ACK ? kb : ka;
      return false;
    }
    if (s.end === s.start || s.flags & RST) return false;
    if (c.prefix.length > 0 && c.prefix[0].key !== ka) c.prefix = [];
    const bytes = frame.subarray(s.start, s.end);
    let head = bytes;
    if (c.prefix.length > 0) {
      const parts = [...c.prefix.map((p) => p.bytes), bytes];
      head = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) { head.set(p, o); o += p.length; }
    }
    const m = greetingMatch(head);
    if (m === 'no' || (m === 'more' && head.length > 16)) {
      c.state = 'ignored';
      c.prefix = [];
      return false;
    }
    if (m === 'more') {
      c.prefix.push({ key: ka, seq: s.seq, bytes: bytes.slice(), time, source: frameAt + s.start });
      return false;
    }
    c.clientKey = kb;
    this.open(c, s, ka, 'greeting', time, false);
    for (const [flow, k] of [[c.client, kb], [c.server, ka]] as const) {
      const isn = c.isn[k];
      if (isn !== undefined) {
        flow.started = true;
        flow.syn = true;
        flow.nextSeq = isn;
      }
    }
    for (const p of c.prefix) this.data(c.server, p.seq, p.bytes, p.time, p.source);
    c.prefix = [];
    return true;
  }

  private data(flow: Flow, seq: number, bytes: Uint8Array, time: number | undefined, source: number): void {
    if (!flow.started) {
      flow.started = true;
      flow.nextSeq = seq;
    }
    const rel = flow.offset + ((seq - flow.nextSeq) | 0);
    const end = rel + bytes.length;
    if (flow.finRel >= 0 && rel >= flow.finRel) return;
    if (end <= flow.offset) {
      if (rel < 0 && !flow.syn && !flow.earlyNoticed) {
        flow.earlyNoticed = true;
        this.out.push({ type: 'notice', connection: flow.conn.id, message: `${flow.direction} bytes from before the first segment captured arrived late and are left out (the handshake was not captured)`, source: { offset: source, length: bytes.length } });
      } else this.retransmitted++;
      return;
    }
    if (rel <= flow.offset) {
      this.deliver(flow, bytes.subarray(flow.offset - rel), time, source + (flow.offset - rel));
      if (flow.held.length > 0) this.drain(flow);
      return;
    }
    this.hold(flow, rel, bytes, time, source);
  }

  private deliver(flow: Flow, bytes: Uint8Array, time: number | undefined, source: number): void {
    const ev: StreamEvent = { type: 'data', connection: flow.conn.id, direction: flow.direction, offset: flow.offset, bytes, source: { offset: source, length: bytes.length } };
    if (time !== undefined) ev.time = time;
    this.out.push(ev);
    flow.offset += bytes.length;
    flow.nextSeq = (flow.nextSeq + bytes.length) >>> 0;
  }

  private gap(flow: Flow, to: number, time: number | undefined): void {
    const length = to - flow.offset;
    const ev: StreamEvent = { type: 'gap', connection: flow.conn.id, direction: flow.direction, offset: flow.offset, length };
    if (time !== undefined) ev.time = time;
    this.out.push(ev);
    flow.offset = to;
    flow.nextSeq = (flow.nextSeq + length) >>> 0;
  }

  private hold(flow: Flow, rel: number, bytes: Uint8Array, time: number | undefined, source: number): void {
    const end = rel + bytes.length;
    const held = flow.held;
    let i = held.length;
    for (const h of held) if (h.rel <= rel && h.rel + h.bytes.length >= end) { this.retransmitted++; return; }
    while (i > 0 && held[i - 1].rel > rel) i--;
    held.splice(i, 0, { rel, bytes: bytes.slice(), time, source });
    flow.heldBytes += bytes.length;
    this.heldTotal += bytes.length;
    this.holding.add(flow);
    if (this.heldTotal > this.peakHeld) this.peakHeld = this.heldTotal;
    while (this.heldTotal > this.options.limits.maxHeldBytes) this.relieve(time);
  }

  /** Over the limit: the direction holding most gives up waiting for its first hole. */
  private relieve(time: number | undefined): void {
    let worst: Flow | undefined;
    for (const f of this.holding) if (worst === undefined || f.heldBytes > worst.heldBytes) worst = f;
    if (worst === undefined) return;
    if (!worst.overflowNoticed) {
      worst.overflowNoticed = true;
      this.out.push({ type: 'notice', connection: worst.conn.id, message: `${worst.direction}: more than ${this.options.limits.maxHeldBytes} bytes wait behind a hole (limits.maxHeldBytes); the hole is given up as a gap` });
    }
    this.gap(worst, worst.held[0].rel, time);
    this.drain(worst);
  }

  private drain(flow: Flow): void {
    const held = flow.held;
    let n = 0;
    while (n < held.length && held[n].rel <= flow.offset) {
      const h = held[n++];
      flow.heldBytes -= h.bytes.length;
      this.heldTotal -= h.bytes.length;
      const end = h.rel + h.bytes.length;
      if (end <= flow.offset) { this.retransmitted++; continue; }
      const skip = flow.offset - h.rel;
      this.deliver(flow, h.bytes.subarray(skip), h.time, h.source + skip);
    }
    if (n > 0) held.splice(0, n);
    if (held.length === 0) this.holding.delete(flow);
  }

  /** The peer acknowledged up to `ack`: bytes below it that the capture lacks will never come (RFC 9293 §3.4). */
  private acknowledged(flow: Flow, ack: number, time: number | undefined): void {
    let upTo = flow.offset + ((ack - flow.nextSeq) | 0);
    if (flow.finRel >= 0 && upTo > flow.finRel) upTo = flow.finRel;
    if (upTo <= flow.offset || upTo - flow.offset > 0x40000000) return;
    while (flow.offset < upTo) {
      const next = flow.held.length > 0 ? flow.held[0].rel : Infinity;
      if (next <= flow.offset) { this.drain(flow); continue; }
      this.gap(flow, Math.min(upTo, next), time);
    }
    if (flow.held.length > 0) this.drain(flow);
    this.checkClose(flow, time);
  }

  private checkClose(flow: Flow, time: number | undefined): void {
    if (flow.closed || flow.finRel < 0 || flow.offset < flow.finRel) return;
    flow.closed = true;
    const ev: StreamEvent = { type: 'close', connection: flow.conn.id, direction: flow.direction };
    if (time !== undefined) ev.time = time;
    this.out.push(ev);
  }

  /** RST or the end of input: holes become gaps, held bytes are delivered, the connection closes. */
  private finish(c: Conn, time: number | undefined): void {
    for (const flow of [c.client, c.server]) {
      while (flow.held.length > 0) {
        if (flow.held[0].rel > flow.offset) this.gap(flow, flow.held[0].rel, time);
        this.drain(flow);
      }
      if (flow.finRel > flow.offset) this.gap(flow, flow.finRel, time);
    }
    this.retire(c);
    if (c.client.closed && c.server.closed) return;
    c.client.closed = c.server.closed = true;
    this.out.push(time === undefined ? { type: 'close', connection: c.id } : { type: 'close', connection: c.id, time });
  }
}
