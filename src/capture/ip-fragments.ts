/**
 * IP datagrams put back together from their fragments (RFC 791 §3.2 for
 * IPv4, RFC 8200 §4.5 for IPv6), so that a TCP segment a host or tunnel
 * sent in pieces reaches the TCP reassembler whole, as it reached the
 * receiver.
 *
 * Fragments may come in any order and more than once. A datagram is held
 * until every byte of it has arrived; what is held is bounded (bytes and
 * datagrams) and given up after {@link FRAGMENT_TIMEOUT} seconds of capture
 * time, as a receiver gives up (RFC 791 §3.2: "the timer"; Linux waits
 * 30 s). A datagram given up never reaches TCP, so its stream shows a gap
 * there. Fragments that overlap with different bytes are what RFC 5722
 * §4 tells a receiver to drop, datagram and all; so is a datagram past
 * 65,535 bytes. Identical overlaps (a fragment captured twice) are fine.
 */
import { LINKTYPE, type TcpSegment } from './link.js';

/** Seconds of capture time an incomplete datagram waits for its other fragments. */
export const FRAGMENT_TIMEOUT = 30;

/** What went wrong with a datagram, for the reader's notices. */
export type FragmentProblem = 'fragment-lost' | 'fragment-bad';

/** A datagram put together: a whole IP packet, to decode as `linkType` from byte 0. */
export interface Reassembled {
  bytes: Uint8Array;
  linkType: number;
  /**
   * Added to an index into `bytes`, the input offset it stands for: exact
   * for the bytes of the first fragment, and for the others the place
   * they would have had in it.
   */
  base: number;
}

/** One fragment's bytes, at its offset in the datagram's payload. */
interface Piece {
  off: number;
  bytes: Uint8Array;
}

/** A datagram being put together. */
interface Datagram {
  key: string;
  pieces: Piece[];
  /** Payload length, once the last fragment (no "more fragments") came; -1 before. */
  total: number;
  held: number;
  /** The first fragment's IP header (up to its payload), once it came. */
  header: Uint8Array | undefined;
  /** IPv6: the Next Header of the first fragment's Fragment header. */
  next: number;
  /** Input offset of the first fragment's payload. */
  payloadAt: number;
  /** Input offset of the payload of the fragment that came first (what a notice points at). */
  at: number;
  time: number | undefined;
  bad: boolean;
}

/** Most bytes held, across datagrams, before the oldest is given up. */
const MAX_HELD = 4 * 1024 * 1024;
/** Most datagrams held at once (a flood of one-byte fragments must not hold millions). */
const MAX_DATAGRAMS = 4096;
/** Largest payload an IP datagram can have: its length fields have 16 bits (RFC 791 §3.1; RFC 8200 §3, jumbograms aside). */
const MAX_PAYLOAD = 65535;

/**
 * Holds IP fragments until their datagram is whole.
 *
 * @example
 * const frags = new FragmentReassembler((kind) => console.log(kind));
 * const whole = frags.add(frame, seg, at, time); // after decodeFrame said FRAGMENT
 * if (whole !== undefined) decodeFrame(whole.linkType, whole.bytes, 0, whole.bytes.length, seg);
 */
export class FragmentReassembler {
  private readonly pending = new Map<string, Datagram>();
  private heldBytes = 0;

  /** `problem` is called once per datagram given up or dropped, with the input offset of the fragment of it that came first. */
  constructor(private readonly problem: (kind: FragmentProblem, at: number) => void) {}

  /** Bytes held now. */
  held(): number {
    return this.heldBytes;
  }

  /**
   * One fragment: `seg` as {@link decodeFrame} left it for the frame
   * `f`, whose byte `seg.ipAt` is at input offset `at + seg.ipAt`. The
   * datagram when this fragment completes it, else undefined.
   */
  add(f: Uint8Array, seg: TcpSegment, base: number, time: number | undefined): Reassembled | undefined {
    if (time !== undefined) this.expire(time);
    const p = seg.ipAt;
    const v6 = seg.family === 6;
    let key: string;
    let off: number;
    let more: boolean;
    let dataAt: number;
    let declaredEnd: number;
    if (v6) {
      const q = seg.fragAt;
      const offMore = (f[q + 2] << 8) | f[q + 3];
      off = offMore & 0xfff8;
      more = (offMore & 1) === 1;
      dataAt = q + 8;
      declaredEnd = p + 40 + ((f[p + 4] << 8) | f[p + 5]);
      key = `6 ${hex(f, p + 8, p + 40)} ${hex(f, q + 4, q + 8)}`;
    } else {
      const frag = (f[p + 6] << 8) | f[p + 7];
      off = (frag & 0x1fff) * 8;
      more = (frag & 0x2000) !== 0;
      dataAt = p + (f[p] & 15) * 4;
      declaredEnd = p + ((f[p + 2] << 8) | f[p + 3]);
      // Source, destination, protocol and identification name a datagram (RFC 791 §3.2).
      key = `4 ${hex(f, p + 12, p + 20)} ${f[p + 9]} ${hex(f, p + 4, p + 6)}`;
    }
    let d = this.pending.get(key);
    if (d === undefined) {
      if (this.pending.size >= MAX_DATAGRAMS) this.giveUp(this.pending.values().next().value!, 'fragment-lost');
      d = { key, pieces: [], total: -1, held: 0, header: undefined, next: 0, payloadAt: 0, at: base + dataAt, time, bad: false };
      this.pending.set(key, d);
    }
    if (d.bad) return undefined;
    const end = seg.ipEnd;
    // A fragment cut short by the snap length: its datagram cannot be whole.
    if (end < declaredEnd) return this.drop(d, 'fragment-lost');
    const length = end - dataAt;
    if (off + length > MAX_PAYLOAD || length < 0) return this.drop(d, 'fragment-bad');
    if (!more) {
      if (d.total >= 0 && d.total !== off + length) return this.drop(d, 'fragment-bad');
      d.total = off + length;
    }
    if (d.total >= 0 && off + length > d.total) return this.drop(d, 'fragment-bad');
    if (off === 0 && d.header === undefined) {
      d.header = f.slice(p, v6 ? p + 40 : dataAt);
      d.next = v6 ? f[seg.fragAt] : 0;
      d.payloadAt = base + dataAt;
    }
    const bytes = f.subarray(dataAt, end);
    const fresh = this.place(d, off, bytes);
    if (fresh === undefined) return this.drop(d, 'fragment-bad');
    if (fresh) {
      const copy = bytes.slice();
      d.pieces.push({ off, bytes: copy });
      d.held += copy.length;
      this.heldBytes += copy.length;
      while (this.heldBytes > MAX_HELD && this.pending.size > 0) {
        const oldest = this.pending.values().next().value!;
        this.giveUp(oldest, 'fragment-lost');
        if (oldest === d) return undefined;
      }
    }
    return this.whole(d);
  }

  /** The capture is over: what is still held never came whole. */
  end(): void {
    for (const d of [...this.pending.values()]) this.giveUp(d, 'fragment-lost');
  }

  /**
   * Whether `bytes` at `off` add anything: false when pieces held already
   * cover them with the same bytes, undefined when they overlap a piece
   * with different bytes (RFC 5722 §4).
   */
  private place(d: Datagram, off: number, bytes: Uint8Array): boolean | undefined {
    const end = off + bytes.length;
    let covered = 0;
    for (const piece of d.pieces) {
      const from = Math.max(off, piece.off);
      const to = Math.min(end, piece.off + piece.bytes.length);
      if (from >= to) continue;
      for (let i = from; i < to; i++) if (bytes[i - off] !== piece.bytes[i - piece.off]) return undefined;
      if (from === off && to === end) return false;
      covered += to - from;
    }
    return covered < bytes.length || bytes.length === 0;
  }

  /** The datagram as one IP packet once every byte of it is held, else undefined. */
  private whole(d: Datagram): Reassembled | undefined {
    if (d.total < 0 || d.header === undefined) return undefined;
    const pieces = d.pieces.sort((a, b) => a.off - b.off);
    let reach = 0;
    for (const piece of pieces) {
      if (piece.off > reach) return undefined;
      reach = Math.max(reach, piece.off + piece.bytes.length);
    }
    if (reach < d.total) return undefined;
    const h = d.header;
    const v6 = h[0] >> 4 === 6;
    // An IPv4 datagram's total length counts its header too (RFC 791 §3.1).
    if (!v6 && h.length + d.total > MAX_PAYLOAD) return this.drop(d, 'fragment-bad');
    const out = new Uint8Array(h.length + d.total);
    out.set(h, 0);
    for (const piece of pieces) out.set(piece.bytes, h.length + piece.off);
    if (v6) {
      // The fixed header, now followed by what followed the Fragment header.
      out[4] = d.total >> 8;
      out[5] = d.total & 255;
      out[6] = d.next;
    } else {
      out[2] = out.length >> 8;
      out[3] = out.length & 255;
      out[6] = 0;
      out[7] = 0;
    }
    this.release(d);
    return { bytes: out, linkType: v6 ? LINKTYPE.IPV6 : LINKTYPE.IPV4, base: d.payloadAt - h.length };
  }

  /** Gives up datagrams older than {@link FRAGMENT_TIMEOUT} at capture time `now`. */
  private expire(now: number): void {
    for (const d of this.pending.values()) {
      // Map order is arrival order: the first young one ends the search.
      if (d.time === undefined || now - d.time <= FRAGMENT_TIMEOUT) return;
      this.giveUp(d, 'fragment-lost');
    }
  }

  /** Marks a datagram dropped: its later fragments are let go silently until it expires. */
  private drop(d: Datagram, kind: FragmentProblem): undefined {
    if (!d.bad) this.problem(kind, d.at);
    d.bad = true;
    this.free(d);
    return undefined;
  }

  /** Lets a datagram go, with a notice unless it was dropped already (which said so). */
  private giveUp(d: Datagram, kind: FragmentProblem): void {
    if (!d.bad) this.problem(kind, d.at);
    this.release(d);
  }

  private release(d: Datagram): void {
    this.free(d);
    this.pending.delete(d.key);
  }

  /** Lets go of a datagram's pieces. */
  private free(d: Datagram): void {
    this.heldBytes -= d.held;
    d.held = 0;
    d.pieces = [];
  }
}

function hex(f: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += f[i].toString(16).padStart(2, '0');
  return s;
}
