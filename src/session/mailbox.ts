/**
 * The selected mailbox as a careful client tracks it: message count, the
 * sequence-number ↔ UID map, MODSEQ per message and a fingerprint of each
 * message's static data (RFC 9051 §2.3: ENVELOPE, BODYSTRUCTURE,
 * RFC822.SIZE and INTERNALDATE never change for a UID).
 *
 * Everything per message lives in typed arrays indexed by sequence number
 * minus one (4 bytes for the UID, 8 for the MODSEQ, 4 per static item), the
 * last two allocated only once a value of their kind is seen; 0 means
 * "not known". A million messages with their UIDs hold 4 MB.
 */
import type { Flag } from '../model/flags.js';

/**
 * The static items whose fingerprints are kept, in array order.
 *
 * @example
 * STATIC_ITEMS.includes('ENVELOPE'); // true
 */
export const STATIC_ITEMS = ['ENVELOPE', 'BODYSTRUCTURE', 'RFC822.SIZE', 'INTERNALDATE'] as const;

/**
 * One of {@link STATIC_ITEMS}.
 *
 * @example
 * const item: StaticItem = 'BODYSTRUCTURE';
 */
export type StaticItem = (typeof STATIC_ITEMS)[number];

/** How many unknown UIDs `uidAbsent` steps over at one probe before it says it does not know. */
const ABSENT_SCAN = 256;

/**
 * What the tracker knows of the selected (or being selected) mailbox. All
 * numbers are as the server announced them; `undefined` is "not announced
 * (yet)", never a guess.
 *
 * @example
 * const box = tracker.mailbox;
 * if (box !== undefined && box.count !== undefined) console.log(box.name, box.count, box.uidAt(1));
 */
export interface MailboxView {
  /** The mailbox name as the client sent it, `INBOX` in any case folded to `INBOX`. */
  readonly name: string;
  /** EXAMINE, or a tagged OK with `[READ-ONLY]`. */
  readonly readOnly: boolean;
  /** True until the tagged OK of the SELECT / EXAMINE. */
  readonly opening: boolean;
  /** Messages in the mailbox (EXISTS, less EXPUNGEs); undefined when not known. */
  readonly count: number | undefined;
  readonly uidValidity: number | undefined;
  readonly uidNext: number | undefined;
  readonly highestModseq: bigint | undefined;
  /** `[NOMODSEQ]` was announced. */
  readonly noModseq: boolean;
  /** The FLAGS response, as sent. */
  readonly flags: readonly Flag[] | undefined;
  /** The PERMANENTFLAGS code, as sent. */
  readonly permanentFlags: readonly Flag[] | undefined;
  /** The untagged data seen while opening: FLAGS, EXISTS, RECENT, LIST, and the OK codes by name (UIDVALIDITY ...). */
  readonly seenAtOpen: ReadonlySet<string>;
  /** How many of the first messages existed when UIDNEXT was announced (their UIDs are below it); undefined when not known. */
  readonly uidNextCovers: number | undefined;
  /** The UID of message `seq`, or undefined when not known. */
  uidAt(seq: number): number | undefined;
  /** The sequence number of `uid`, or undefined when it is not known to be in the mailbox. */
  seqOfUid(uid: number): number | undefined;
  /**
   * True when `uid` is surely not in the mailbox: it falls between the
   * known UIDs of two adjacent messages, below the first message's or
   * above the last one's (UIDs ascend, RFC 9051 §2.3.1.1). False when
   * not known (bounded work: a long run of unknown UIDs gives false).
   */
  uidAbsent(uid: number): boolean;
  /** The last MODSEQ seen for message `seq`. */
  modseqAt(seq: number): bigint | undefined;
  /** The highest MODSEQ seen for any message since the mailbox was opened. */
  readonly maxModseqSeen: bigint | undefined;
  /** The fingerprint of a static item of message `seq` (see `fingerprint`), or undefined. */
  staticAt(seq: number, item: StaticItem): number | undefined;
  /** Bytes held by the per-message arrays. */
  heldBytes(): number;
}

const lowerFlags = (flags: readonly Flag[]): Set<string> => new Set(flags.map((f) => f.toLowerCase()));

/**
 * The mutable mailbox behind {@link MailboxView}, driven by the tracker.
 *
 * @example
 * const box = new MailboxState('INBOX', false);
 * box.exists(3); box.setUid(1, 10); box.expunge(1); box.count // 2
 */
export class MailboxState implements MailboxView {
  readonly name: string;
  readOnly: boolean;
  opening = true;
  count: number | undefined = undefined;
  uidValidity: number | undefined = undefined;
  uidNext: number | undefined = undefined;
  highestModseq: bigint | undefined = undefined;
  noModseq = false;
  flags: Flag[] | undefined = undefined;
  permanentFlags: Flag[] | undefined = undefined;
  maxModseqSeen: bigint | undefined = undefined;
  /** Lower-cased FLAGS, for membership tests. */
  flagSet: Set<string> | undefined = undefined;
  /**
   * How many of the first messages existed when UIDNEXT was announced:
   * those must have UIDs below it (RFC 9051 §2.3.1.1). Undefined when not known.
   */
  uidNextCovers: number | undefined = undefined;
  /** The untagged data seen while opening (FLAGS, EXISTS, RECENT, LIST, and the OK codes by name). */
  readonly seenAtOpen = new Set<string>();

  private uids = new Uint32Array(0);
  private modseqs: BigUint64Array | undefined = undefined;
  private statics: Uint32Array | undefined = undefined;

  constructor(name: string, readOnly: boolean) {
    this.name = name;
    this.readOnly = readOnly;
  }

  private reserve(n: number): void {
    if (n <= this.uids.length) return;
    const cap = Math.max(n, Math.min(this.uids.length * 2, n + (1 << 20)), 16);
    const u = new Uint32Array(cap);
    u.set(this.uids.subarray(0, this.count ?? 0));
    this.uids = u;
    if (this.modseqs !== undefined) {
      const m = new BigUint64Array(cap);
      m.set(this.modseqs.subarray(0, this.count ?? 0));
      this.modseqs = m;
    }
    if (this.statics !== undefined) {
      const s = new Uint32Array(cap * STATIC_ITEMS.length);
      s.set(this.statics.subarray(0, (this.count ?? 0) * STATIC_ITEMS.length));
      this.statics = s;
    }
  }

  /** `* n EXISTS`: the new count (growth adds messages with nothing known). */
  exists(n: number): void {
    const old = this.count ?? 0;
    this.reserve(n);
    if (n > old) {
      this.uids.fill(0, old, n);
      this.modseqs?.fill(0n, old, n);
      this.statics?.fill(0, old * STATIC_ITEMS.length, n * STATIC_ITEMS.length);
    }
    this.count = n;
  }

  /** `* seq EXPUNGE` (RFC 9051 §7.5.1): later messages move down by one. */
  expunge(seq: number): void {
    if (this.count === undefined || seq < 1 || seq > this.count) return;
    const n = this.count;
    this.uids.copyWithin(seq - 1, seq, n);
    this.modseqs?.copyWithin(seq - 1, seq, n);
    const k = STATIC_ITEMS.length;
    this.statics?.copyWithin((seq - 1) * k, seq * k, n * k);
    this.count = n - 1;
    if (this.uidNextCovers !== undefined && seq <= this.uidNextCovers) this.uidNextCovers--;
  }

  /**
   * Forget the sequence map but keep the count (a VANISHED naming a UID
   * whose position is not known).
   */
  forgetPositions(): void {
    this.uids.fill(0);
    this.modseqs?.fill(0n);
    this.statics?.fill(0);
    this.uidNextCovers = undefined;
  }

  uidAt(seq: number): number | undefined {
    if (this.count === undefined || seq < 1 || seq > this.count) return undefined;
    const u = this.uids[seq - 1];
    return u === 0 ? undefined : u;
  }

  /** Record message `seq`'s UID (from a FETCH UID); ignored outside 1..count. */
  setUid(seq: number, uid: number): void {
    if (this.count === undefined || seq < 1 || seq > this.count) return;
    this.uids[seq - 1] = uid;
  }

  seqOfUid(uid: number): number | undefined {
    const n = this.count ?? 0;
    // UIDs ascend with sequence numbers: binary search, stepping over unknown (0) slots.
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      let m = mid;
      while (m <= hi && this.uids[m] === 0) m++;
      if (m > hi) {
        hi = mid - 1;
        continue;
      }
      const u = this.uids[m];
      if (u === uid) return m + 1;
      if (u < uid) lo = m + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  uidAbsent(uid: number): boolean {
    if (this.count === undefined) return false;
    const n = this.count;
    // value(m): the UID of the first known message at or after slot m (past the end: above any UID); it never decreases.
    // Find the first m in [0, n] with value(m) > uid.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let k = mid;
      while (k < n && this.uids[k] === 0) {
        if (++k - mid > ABSENT_SCAN) return false;
      }
      if (k === n || this.uids[k] > uid) hi = mid;
      else lo = mid + 1;
    }
    // value(m - 1) <= uid, so slot m - 1 is known: uid itself, or a lower UID.
    if (lo > 0 && this.uids[lo - 1] === uid) return false;
    return lo === n || this.uids[lo] !== 0;
  }

  modseqAt(seq: number): bigint | undefined {
    if (this.modseqs === undefined || this.count === undefined || seq < 1 || seq > this.count) return undefined;
    const m = this.modseqs[seq - 1];
    return m === 0n ? undefined : m;
  }

  /** Record message `seq`'s MODSEQ (RFC 7162 §3.1) and raise the highest seen. */
  setModseq(seq: number, modseq: bigint): void {
    if (this.count === undefined || seq < 1 || seq > this.count) return;
    if (this.modseqs === undefined) this.modseqs = new BigUint64Array(this.uids.length);
    // MODSEQ is 63 bits (RFC 7162 §3.1); anything wider is a grammar matter.
    if (modseq > 0n && modseq < 1n << 64n) this.modseqs[seq - 1] = modseq;
    if (this.maxModseqSeen === undefined || modseq > this.maxModseqSeen) this.maxModseqSeen = modseq;
  }

  staticAt(seq: number, item: StaticItem): number | undefined {
    if (this.statics === undefined || this.count === undefined || seq < 1 || seq > this.count) return undefined;
    const f = this.statics[(seq - 1) * STATIC_ITEMS.length + STATIC_ITEMS.indexOf(item)];
    return f === 0 ? undefined : f;
  }

  /** Record a fingerprint of a static FETCH item of message `seq` (it must not change, RFC 9051 §2.3). */
  setStatic(seq: number, item: StaticItem, print: number): void {
    if (this.count === undefined || seq < 1 || seq > this.count) return;
    if (this.statics === undefined) this.statics = new Uint32Array(this.uids.length * STATIC_ITEMS.length);
    this.statics[(seq - 1) * STATIC_ITEMS.length + STATIC_ITEMS.indexOf(item)] = print;
  }

  /** The mailbox's FLAGS (from a FLAGS response). */
  setFlags(flags: Flag[]): void {
    this.flags = flags;
    this.flagSet = lowerFlags(flags);
  }

  heldBytes(): number {
    return this.uids.byteLength + (this.modseqs?.byteLength ?? 0) + (this.statics?.byteLength ?? 0);
  }
}
