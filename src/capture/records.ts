/**
 * Splits a byte stream into length-prefixed records (pcap packet records,
 * pcapng blocks) across any chunking, holding at most one partial record.
 */

/** What a container tells the splitter about the record that starts at `pos`. */
export interface RecordFraming {
  /** Bytes needed before {@link RecordFraming.recordLength} can be asked (fixed per state). */
  headerSize(): number;
  /** The whole record's length (header included), from its first `headerSize()` bytes; throws for a bogus length. */
  recordLength(bytes: Uint8Array, pos: number, fileOffset: number): number;
  /** One whole record; `fileOffset` is where it starts in the input. */
  record(bytes: Uint8Array, fileOffset: number): void;
}

/**
 * Cuts records out of pushed chunks. A record inside one chunk is passed
 * as a view of that chunk (no copy); only one that spans chunks is copied.
 */
export class RecordSplitter {
  private part: Uint8Array | undefined;
  private partLength = 0;
  private partTotal = -1;
  private partOffset = 0;
  /** File offset of the next byte to be pushed. */
  offset = 0;

  constructor(private readonly framing: RecordFraming) {}

  /** Bytes of the record held across chunks. */
  held(): number {
    return this.partLength;
  }

  /** `{ offset, have, want }` of a partial record left at the end, if any. */
  leftover(): { offset: number; have: number; want: number } | undefined {
    if (this.partLength === 0) return undefined;
    return { offset: this.partOffset, have: this.partLength, want: this.partTotal > 0 ? this.partTotal : this.framing.headerSize() };
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const base = this.offset;
    this.offset += chunk.length;
    const f = this.framing;
    while (this.partLength > 0 && pos < chunk.length) {
      const want = this.partTotal > 0 ? this.partTotal : f.headerSize();
      const take = Math.min(want - this.partLength, chunk.length - pos);
      this.part!.set(chunk.subarray(pos, pos + take), this.partLength);
      this.partLength += take;
      pos += take;
      if (this.partLength < want) return;
      if (this.partTotal < 0) {
        const total = f.recordLength(this.part!, 0, this.partOffset);
        this.partTotal = total;
        if (total > this.part!.length) {
          const grown = new Uint8Array(total);
          grown.set(this.part!.subarray(0, this.partLength));
          this.part = grown;
        }
        if (total > this.partLength) continue;
      }
      const rec = this.part!.subarray(0, this.partTotal);
      const at = this.partOffset;
      this.part = undefined;
      this.partLength = 0;
      this.partTotal = -1;
      f.record(rec, at);
    }
    for (;;) {
      const h = f.headerSize();
      if (chunk.length - pos < h) break;
      const total = f.recordLength(chunk, pos, base + pos);
      if (chunk.length - pos < total) {
        this.startPart(chunk, pos, base + pos, total);
        return;
      }
      f.record(chunk.subarray(pos, pos + total), base + pos);
      pos += total;
    }
    if (pos < chunk.length) this.startPart(chunk, pos, base + pos, -1);
  }

  private startPart(chunk: Uint8Array, pos: number, at: number, total: number): void {
    const have = chunk.length - pos;
    this.part = new Uint8Array(Math.max(total, this.framing.headerSize(), have));
    this.part.set(chunk.subarray(pos));
    this.partLength = have;
    this.partTotal = total;
    this.partOffset = at;
  }
}
