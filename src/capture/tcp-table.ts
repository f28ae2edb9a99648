/**
 * The connection table of the TCP reassembler: connections by their two
 * endpoints, either way round, in a hash table of numbers (no key string
 * or key object is made per segment), with a list of the live ones in the
 * order they came.
 */
import type { TcpSegment } from './link.js';

/**
 * A connection's place in the table: its endpoints, A being the source of
 * the first segment seen (IPv4 addresses in the last word, as in
 * {@link TcpSegment}).
 */
export class TupleEntry<T extends TupleEntry<T>> {
  readonly family: number;
  readonly a0: number;
  readonly a1: number;
  readonly a2: number;
  readonly a3: number;
  readonly aPort: number;
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly b3: number;
  readonly bPort: number;
  /** Both endpoints are the same (a connection to itself): either way round is side A. */
  readonly self: boolean;
  readonly hash: number;
  /** The next entry in the same bucket. */
  next: T | undefined = undefined;
  inTable = false;
  /** Neighbours in the list of live entries, oldest first. */
  older: T | undefined = undefined;
  newer: T | undefined = undefined;
  live = false;

  constructor(s: TcpSegment, hash: number) {
    this.family = s.family;
    this.a0 = s.s0;
    this.a1 = s.s1;
    this.a2 = s.s2;
    this.a3 = s.s3;
    this.aPort = s.srcPort;
    this.b0 = s.d0;
    this.b1 = s.d1;
    this.b2 = s.d2;
    this.b3 = s.d3;
    this.bPort = s.dstPort;
    this.self = s.s0 === s.d0 && s.s1 === s.d1 && s.s2 === s.d2 && s.s3 === s.d3 && s.srcPort === s.dstPort;
    this.hash = hash;
  }
}

/** The segment's 4-tuple hashed the same either way round (a small integer). */
export function tupleHash(s: TcpSegment): number {
  let x = Math.imul(s.s0 ^ s.s1 ^ s.s2 ^ s.s3, 0x9e3779b1) ^ s.srcPort;
  let y = Math.imul(s.d0 ^ s.d1 ^ s.d2 ^ s.d3, 0x9e3779b1) ^ s.dstPort;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  y = Math.imul(y ^ (y >>> 15), 0x85ebca6b);
  const h = (x + y) | 0;
  return (h ^ (h >>> 13)) & 0x3fffffff;
}

/** Entries by 4-tuple (chained buckets, grown as it fills), and the live ones in arrival order. */
export class TupleTable<T extends TupleEntry<T>> {
  private buckets: (T | undefined)[] = [];
  private mask = 0;
  private count = 0;
  /** Of the last {@link TupleTable.find} that matched: the segment came from side A. */
  fromA = false;
  /** The oldest and newest live entries. */
  oldest: T | undefined = undefined;
  private newest: T | undefined = undefined;

  constructor() {
    // Set a second time, so that the engine does not take them for constants (growing would throw optimized code away).
    this.resize(1024);
  }

  /** The entry of the segment's connection (`hash` from {@link tupleHash}); sets {@link TupleTable.fromA}. */
  find(s: TcpSegment, hash: number): T | undefined {
    for (let e = this.buckets[hash & this.mask]; e !== undefined; e = e.next) {
      if (e.hash !== hash || e.family !== s.family) continue;
      if (e.aPort === s.srcPort && e.bPort === s.dstPort && e.a3 === s.s3 && e.b3 === s.d3 && e.a2 === s.s2 && e.b2 === s.d2 && e.a1 === s.s1 && e.b1 === s.d1 && e.a0 === s.s0 && e.b0 === s.d0) {
        this.fromA = true;
        return e;
      }
      if (e.aPort === s.dstPort && e.bPort === s.srcPort && e.a3 === s.d3 && e.b3 === s.s3 && e.a2 === s.d2 && e.b2 === s.s2 && e.a1 === s.d1 && e.b1 === s.s1 && e.a0 === s.d0 && e.b0 === s.s0) {
        this.fromA = false;
        return e;
      }
    }
    return undefined;
  }

  insert(e: T): void {
    if (e.inTable) return;
    if (this.count >= this.buckets.length) this.resize(this.buckets.length * 2);
    const i = e.hash & this.mask;
    e.next = this.buckets[i];
    this.buckets[i] = e;
    e.inTable = true;
    this.count++;
  }

  delete(e: T): void {
    if (!e.inTable) return;
    const i = e.hash & this.mask;
    let p = this.buckets[i];
    if (p === e) this.buckets[i] = e.next;
    else {
      while (p !== undefined && p.next !== e) p = p.next;
      if (p !== undefined) p.next = e.next;
    }
    e.next = undefined;
    e.inTable = false;
    this.count--;
  }

  /** Append to the live list. */
  addLive(e: T): void {
    e.live = true;
    e.older = this.newest;
    e.newer = undefined;
    if (this.newest === undefined) this.oldest = e;
    else this.newest.newer = e;
    this.newest = e;
  }

  /** Take out of the live list; false when it was not in it. */
  removeLive(e: T): boolean {
    if (!e.live) return false;
    e.live = false;
    if (e.older === undefined) this.oldest = e.newer;
    else e.older.newer = e.newer;
    if (e.newer === undefined) this.newest = e.older;
    else e.newer.older = e.older;
    e.older = e.newer = undefined;
    return true;
  }

  /** The live entries, oldest first. */
  liveEntries(): T[] {
    const out: T[] = [];
    for (let e = this.oldest; e !== undefined; e = e.newer) out.push(e);
    return out;
  }

  private resize(size: number): void {
    const old = this.buckets;
    this.buckets = new Array<T | undefined>(size).fill(undefined);
    this.mask = this.buckets.length - 1;
    for (let e of old) {
      while (e !== undefined) {
        const next = e.next;
        const i = e.hash & this.mask;
        e.next = this.buckets[i];
        this.buckets[i] = e;
        e = next;
      }
    }
  }
}
