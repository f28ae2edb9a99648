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
import { TupleEntry, TupleTable, tupleHash } from './tcp-table.js';
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

/** A side of a connection: 1 is the table entry's endpoint A, 2 endpoint B, 0 not known yet. */
type Side = 0 | 1 | 2;

interface Pending {
  side: Side;
  seq: number;
  bytes: Uint8Array;
  time: number | undefined;
  source: number;
}

/** One TCP connection (4-tuple), live or, once done, remembered for a while. */
class Conn extends TupleEntry<Conn> {
  state: 'pending' | 'imap' | 'ignored' | 'done' = 'pending';
  id = '';
  /** The client's side, once known. */
  clientSide: Side = 0;
  /** SYN sequence numbers (plus one) of sides A and B, for connections not yet classified; `synSeen` says which were seen (bit 1: A, bit 2: B). */
  isnA = 0;
  isnB = 0;
  synSeen = 0;
  prefix: Pending[] = [];
  readonly client: Flow;
  readonly server: Flow;
  /** Where it sits in the ring of finished connections (-1: not there). */
  ringSlot = -1;
  /** Once done: the `uses` of the next connection on this 4-tuple. */
  nextUses = 0;

  /** `uses`: connections this 4-tuple had before (a reused one is named `#n`). */
  constructor(s: TcpSegment, hash: number, readonly uses: number) {
    super(s, hash);
    this.client = newFlow(this, 'client');
    this.server = newFlow(this, 'server');
  }
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

function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** The `held` of every flow that holds nothing: one shared (frozen) array, not one per flow, since most flows never hold a segment. */
const NO_HELD: Held[] = Object.freeze([]) as unknown as Held[];

function newFlow(conn: Conn, direction: Direction): Flow {
  return { conn, direction, started: false, syn: false, nextSeq: 0, offset: 0, held: NO_HELD, heldBytes: 0, finRel: -1, closed: false, earlyNoticed: false, overflowNoticed: false };
}

/** Reassembles TCP segments into {@link StreamEvent}s, pushed onto `out`. */
export class TcpReassembler {
  /**
   * Live connections, and recently finished ones (state `done`), so their
   * last ACKs and FINs open nothing new, and so a reused 4-tuple gets its
   * `#n`. A ring of CLOSED_MEMORY finished ones bounds the remembered.
   */
  private readonly table = new TupleTable<Conn>();
  private connCount = 0;
  private readonly closedRing: Conn[] = [];
  private closedHead = 0;
  private readonly holding = new Set<Flow>();
  private readonly ports: Set<number>;
  private readonly maxHeld: number;
  private heldTotal = 0;
  private tcpCount = 0;
  private imapCount = 0;
  private retransmitted = 0;
  /** The most bytes ever held at once (out-of-order segments), for tests and benchmarks. */
  peakHeld = 0;

  constructor(private readonly options: TcpOptions, private readonly out: StreamEvent[]) {
    this.ports = new Set([...IMAP_PORTS, ...(options.ports ?? [])]);
    this.maxHeld = options.limits.maxHeldBytes;
  }

  /** Out-of-order bytes held right now. */
  held(): number {
    return this.heldTotal;
  }

  /** Connections taken for IMAP so far. */
  get imapConnections(): number {
    return this.imapCount;
  }

  /**
   * One segment; its payload is `bytes[s.start, s.end)`, and `base` the
   * input file offset of `bytes[0]` (so a byte at `i` sits at `base + i`).
   */
  segment(s: TcpSegment, bytes: Uint8Array, base: number, time: number | undefined): void {
    const hash = tupleHash(s);
    let c = this.table.find(s, hash);
    let fromA = this.table.fromA;
    if (c === undefined || c.state === 'done') {
      let uses = 0;
      if (c !== undefined) {
        // A finished connection: only a new SYN opens the 4-tuple again.
        if ((s.flags & (SYN | ACK)) !== SYN) return;
        uses = c.nextUses;
        this.table.delete(c);
      }
      const old = c;
      c = this.newConn(s, hash, bytes, time, uses);
      if (old !== undefined && old.ringSlot >= 0) {
        c.ringSlot = old.ringSlot;
        this.closedRing[old.ringSlot] = c;
        old.ringSlot = -1;
      }
      fromA = true;
    }
    if (c.state === 'ignored') {
      if (s.flags & (RST | FIN)) this.retire(c);
      return;
    }
    const srcSide: Side = fromA || c.self ? 1 : 2;
    if (c.state === 'pending') {
      if (!this.classify(c, s, srcSide, bytes, base, time)) return;
    }
    const client = srcSide === c.clientSide;
    const flow = client ? c.client : c.server;
    const other = client ? c.server : c.client;
    const flags = s.flags;
    if (flags & RST) {
      this.finish(c, time);
      return;
    }
    if (flags & SYN) {
      if (!flow.started) {
        flow.started = true;
        flow.syn = true;
        flow.nextSeq = (s.seq + 1) | 0;
      }
      return;
    }
    const len = s.end - s.start;
    if (len > 0) this.data(flow, s.seq, bytes, s.start, s.end, time, base);
    if (flags & FIN && flow.finRel < 0) {
      if (!flow.started) {
        flow.started = true;
        flow.nextSeq = s.seq;
      }
      flow.finRel = Math.max(flow.offset, flow.offset + ((s.seq + len - flow.nextSeq) | 0));
    }
    if (flags & ACK && other.started) this.acknowledged(other, s.ack, time);
    if (flow.finRel >= 0) this.checkClose(flow, time);
    if (c.client.closed && c.server.closed) this.retire(c);
  }

  /** Forget a finished connection, remembering its 4-tuple for a while. */
  private retire(c: Conn): void {
    if (c.state === 'done') return;
    c.state = 'done';
    c.nextUses = c.uses + 1;
    // Bytes past a FIN: nothing will deliver them now.
    if (c.client.held.length > 0) this.dropHeld(c.client);
    if (c.server.held.length > 0) this.dropHeld(c.server);
    // Out of the live ones; in the table it stays (or comes back, after an eviction) until the ring lets it go.
    if (this.table.removeLive(c)) this.connCount--;
    if (!c.inTable) this.table.insert(c);
    if (c.ringSlot >= 0) return;
    const ring = this.closedRing;
    if (ring.length < CLOSED_MEMORY) {
      c.ringSlot = ring.length;
      ring.push(c);
      return;
    }
    const gone = ring[this.closedHead];
    gone.ringSlot = -1;
    if (gone.state === 'done') this.table.delete(gone);
    ring[this.closedHead] = c;
    c.ringSlot = this.closedHead;
    this.closedHead = (this.closedHead + 1) % CLOSED_MEMORY;
  }

  private dropHeld(f: Flow): void {
    this.heldTotal -= f.heldBytes;
    f.heldBytes = 0;
    f.held = NO_HELD;
    this.holding.delete(f);
  }

  /** Out of the live connections (and the table, until it is retired). */
  private remove(c: Conn): void {
    if (!this.table.removeLive(c)) return;
    this.table.delete(c);
    this.connCount--;
  }

  /** The input ended: every hole left becomes a gap, held bytes are delivered, every open connection is closed. */
  end(): void {
    for (const c of this.table.liveEntries()) if (c.state === 'imap') this.finish(c, undefined);
    if (this.imapCount === 0) {
      this.out.push({
        type: 'notice',
        message: `no IMAP connection found among ${this.tcpCount} TCP connection${this.tcpCount === 1 ? '' : 's'} (IMAP is taken from ports ${[...this.ports].join(', ')} or a server greeting * OK / * PREAUTH / * BYE)`,
      });
    }
  }

  /** A connection first seen in `s` (from its side A). */
  private newConn(s: TcpSegment, hash: number, bytes: Uint8Array, time: number | undefined, uses: number): Conn {
    this.tcpCount++;
    const c = new Conn(s, hash, uses);
    const dstSide: Side = c.self ? 1 : 2;
    if (s.flags & SYN) c.clientSide = s.flags & ACK ? dstSide : 1;
    let serverPort: number | undefined;
    if (c.clientSide !== 0) serverPort = c.clientSide === 1 ? s.dstPort : s.srcPort;
    else if (this.ports.has(s.dstPort)) { c.clientSide = 1; serverPort = s.dstPort; }
    else if (this.ports.has(s.srcPort)) { c.clientSide = dstSide; serverPort = s.srcPort; }
    if (serverPort !== undefined && this.ports.has(serverPort)) this.open(c, s, 1, bytes, 'port', time, serverPort === 993);
    this.table.insert(c);
    this.table.addLive(c);
    this.connCount++;
    if (this.connCount > this.options.limits.maxConnections) this.evict();
    return c;
  }

  private evict(): void {
    const c = this.table.oldest;
    if (c === undefined) return;
    this.remove(c);
    if (c.state === 'imap') {
      this.out.push({ type: 'notice', connection: c.id, message: `more than ${this.options.limits.maxConnections} connections at once (limits.maxConnections): the oldest, ${c.id}, is closed here` });
      this.finish(c, undefined);
    } else if (c.ringSlot >= 0) {
      // A reuse of a finished 4-tuple: that one is still remembered, as before this connection.
      c.state = 'done';
      c.nextUses = c.uses;
      this.table.insert(c);
    }
  }

  private open(c: Conn, s: TcpSegment, srcSide: Side, bytes: Uint8Array, reason: ConnectionInfo['reason'], time: number | undefined, tls: boolean): void {
    const srcIsClient = c.clientSide === srcSide;
    const n = s.family === 4 ? 4 : 16;
    const src: Endpoint = { address: formatAddress(bytes.subarray(s.srcAt, s.srcAt + n)), port: s.srcPort };
    const dst: Endpoint = { address: formatAddress(bytes.subarray(s.dstAt, s.dstAt + n)), port: s.dstPort };
    const client = srcIsClient ? src : dst;
    const server = srcIsClient ? dst : src;
    let id = `${endpointText(client)}-${endpointText(server)}`;
    if (c.uses > 0) id += `#${c.uses + 1}`;
    c.id = id;
    c.state = 'imap';
    this.imapCount++;
    const info: ConnectionInfo = { id, client, server, reason };
    if (tls) info.tls = true;
    this.out.push(time === undefined ? { type: 'open', connection: info } : { type: 'open', connection: info, time });
  }

  /** A connection not known to be IMAP: watch for the handshake and the first payload. True when it just became IMAP. */
  private classify(c: Conn, s: TcpSegment, srcSide: Side, bytes: Uint8Array, base: number, time: number | undefined): boolean {
    const dstSide: Side = c.self || srcSide === 2 ? 1 : 2;
    if (s.flags & SYN) {
      if (srcSide === 1) c.isnA = (s.seq + 1) | 0;
      else c.isnB = (s.seq + 1) | 0;
      c.synSeen |= srcSide;
      if (c.clientSide === 0) c.clientSide = s.flags & ACK ? dstSide : srcSide;
      return false;
    }
    if (s.end === s.start || s.flags & RST) return false;
    if (c.prefix.length > 0 && c.prefix[0].side !== srcSide) c.prefix = [];
    const payload = bytes.subarray(s.start, s.end);
    let head = payload;
    if (c.prefix.length > 0) {
      const parts = [...c.prefix.map((p) => p.bytes), payload];
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
      c.prefix.push({ side: srcSide, seq: s.seq, bytes: payload.slice(), time, source: base + s.start });
      return false;
    }
    c.clientSide = dstSide;
    this.open(c, s, srcSide, bytes, 'greeting', time, false);
    this.startFromSyn(c, c.client, dstSide);
    this.startFromSyn(c, c.server, srcSide);
    for (const p of c.prefix) this.data(c.server, p.seq, p.bytes, 0, p.bytes.length, p.time, p.source);
    c.prefix = [];
    return true;
  }

  /** A flow whose SYN was seen while the connection was not yet known to be IMAP starts after it. */
  private startFromSyn(c: Conn, flow: Flow, side: Side): void {
    if ((c.synSeen & side) === 0) return;
    flow.started = true;
    flow.syn = true;
    flow.nextSeq = side === 1 ? c.isnA : c.isnB;
  }

  /** Payload `bytes[start, end)` at `seq`; `base + i` is the input offset of `bytes[i]`. */
  private data(flow: Flow, seq: number, bytes: Uint8Array, start: number, end: number, time: number | undefined, base: number): void {
    if (!flow.started) {
      flow.started = true;
      flow.nextSeq = seq;
    }
    const length = end - start;
    const rel = flow.offset + ((seq - flow.nextSeq) | 0);
    if (flow.finRel >= 0 && rel >= flow.finRel) return;
    if (rel + length <= flow.offset) {
      if (rel < 0 && !flow.syn && !flow.earlyNoticed) {
        flow.earlyNoticed = true;
        this.out.push({ type: 'notice', connection: flow.conn.id, message: `${flow.direction} bytes from before the first segment captured arrived late and are left out (the handshake was not captured)`, source: { offset: base + start, length } });
      } else this.retransmitted++;
      return;
    }
    if (rel <= flow.offset) {
      const from = start + (flow.offset - rel);
      this.deliver(flow, bytes.subarray(from, end), time, base + from);
      if (flow.held.length > 0) this.drain(flow);
      return;
    }
    this.hold(flow, rel, bytes.subarray(start, end), time, base + start);
  }

  private deliver(flow: Flow, bytes: Uint8Array, time: number | undefined, source: number): void {
    const length = bytes.length;
    this.out.push(time === undefined
      ? { type: 'data', connection: flow.conn.id, direction: flow.direction, offset: flow.offset, bytes, source: { offset: source, length } }
      : { type: 'data', connection: flow.conn.id, direction: flow.direction, offset: flow.offset, bytes, source: { offset: source, length }, time });
    flow.offset += length;
    flow.nextSeq = (flow.nextSeq + length) | 0;
  }

  private gap(flow: Flow, to: number, time: number | undefined): void {
    const length = to - flow.offset;
    const ev: StreamEvent = { type: 'gap', connection: flow.conn.id, direction: flow.direction, offset: flow.offset, length };
    if (time !== undefined) ev.time = time;
    this.out.push(ev);
    flow.offset = to;
    flow.nextSeq = (flow.nextSeq + length) | 0;
  }

  /** Keep out-of-order `bytes` (copied) until the hole before them fills. */
  private hold(flow: Flow, rel: number, bytes: Uint8Array, time: number | undefined, source: number): void {
    const end = rel + bytes.length;
    let held = flow.held;
    if (held === NO_HELD) flow.held = held = [];
    let i = held.length;
    for (const h of held) if (h.rel <= rel && h.rel + h.bytes.length >= end) { this.retransmitted++; return; }
    while (i > 0 && held[i - 1].rel > rel) i--;
    held.splice(i, 0, { rel, bytes: bytes.slice(), time, source });
    flow.heldBytes += bytes.length;
    this.heldTotal += bytes.length;
    this.holding.add(flow);
    if (this.heldTotal > this.peakHeld) this.peakHeld = this.heldTotal;
    while (this.heldTotal > this.maxHeld && this.relieve(time));
  }

  /** Over the limit: the direction holding most gives up waiting for its first hole. */
  private relieve(time: number | undefined): boolean {
    let worst: Flow | undefined;
    for (const f of this.holding) if (worst === undefined || f.heldBytes > worst.heldBytes) worst = f;
    if (worst === undefined || worst.held.length === 0) return false;
    if (!worst.overflowNoticed) {
      worst.overflowNoticed = true;
      this.out.push({ type: 'notice', connection: worst.conn.id, message: `${worst.direction}: more than ${this.options.limits.maxHeldBytes} bytes wait behind a hole (limits.maxHeldBytes); the hole is given up as a gap` });
    }
    if (worst.held[0].rel > worst.offset) this.gap(worst, worst.held[0].rel, time);
    this.drain(worst);
    return true;
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
