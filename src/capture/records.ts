/**
 * Splits a byte stream into length-prefixed records (pcap packet records,
 * pcapng blocks) across any chunking, holding at most one partial record.
 */

/**
 * Cuts records out of pushed chunks; a container extends it with its
 * framing. A record inside one chunk is passed as a range of that chunk
 * (no copy, no view made); only one that spans chunks is copied.
 */
export abstract class RecordSplitter {
  /** Bytes needed before {@link RecordSplitter.recordLength} can be asked (a container may change it between records). */
  protected headerSize: number;
  private part: Uint8Array | undefined;
  private partLength = 0;
  private partTotal = -1;
  private partOffset = 0;
  /** File offset of the next byte to be pushed. */
  private offset = 0;

  constructor(headerSize: number) {
    this.headerSize = headerSize;
  }

  /** The whole record's length (header included), from its first `headerSize` bytes at `pos`; throws for a bogus length. */
  protected abstract recordLength(bytes: Uint8Array, pos: number, fileOffset: number): number;
  /** One whole record: `bytes[start, end)`; `fileOffset` is where it starts in the input. */
  protected abstract record(bytes: Uint8Array, start: number, end: number, fileOffset: number): void;

  /** Bytes of the record held across chunks. */
  held(): number {
    return this.partLength;
  }

  /** `{ offset, have, want }` of a partial record left at the end, if any. */
  protected leftover(): { offset: number; have: number; want: number } | undefined {
    if (this.partLength === 0) return undefined;
    return { offset: this.partOffset, have: this.partLength, want: this.partTotal > 0 ? this.partTotal : this.headerSize };
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const base = this.offset;
    const n = chunk.length;
    this.offset += n;
    if (this.partLength > 0) {
      pos = this.fill(chunk);
      if (pos < 0) return;
    }
    this.cut(chunk, pos, base);
  }

  /** The records of `chunk` from `pos` on (`base`: the file offset of the chunk), and the start of one it ends in. */
  protected cut(chunk: Uint8Array, pos: number, base: number): void {
    const n = chunk.length;
    while (n - pos >= this.headerSize) {
      const total = this.recordLength(chunk, pos, base + pos);
      if (n - pos < total) {
        this.startPart(chunk, pos, base + pos, total);
        return;
      }
      this.record(chunk, pos, pos + total, base + pos);
      pos += total;
    }
    if (pos < n) this.startPart(chunk, pos, base + pos, -1);
  }

  /** Completes the held record from the chunk: where the chunk's own records start, or -1 when the chunk is used up. */
  private fill(chunk: Uint8Array): number {
    let pos = 0;
    while (this.partLength > 0 && pos < chunk.length) {
      const want = this.partTotal > 0 ? this.partTotal : this.headerSize;
      const take = Math.min(want - this.partLength, chunk.length - pos);
      this.part!.set(chunk.subarray(pos, pos + take), this.partLength);
      this.partLength += take;
      pos += take;
      if (this.partLength < want) return -1;
      if (this.partTotal < 0) {
        const total = this.recordLength(this.part!, 0, this.partOffset);
        this.partTotal = total;
        if (total > this.part!.length) {
          const grown = new Uint8Array(total);
          grown.set(this.part!.subarray(0, this.partLength));
          this.part = grown;
        }
        if (total > this.partLength) continue;
      }
      const rec = this.part!;
      const total = this.partTotal;
      const at = this.partOffset;
      this.part = undefined;
      this.partLength = 0;
      this.partTotal = -1;
      this.record(rec, 0, total, at);
    }
    return this.partLength > 0 ? -1 : pos;
  }

  /** Hold the bytes from `pos` on: a record of `total` bytes (-1: its header is not complete) starting at file offset `at`. */
  protected startPart(chunk: Uint8Array, pos: number, at: number, total: number): void {
    const have = chunk.length - pos;
    this.part = new Uint8Array(Math.max(total, this.headerSize, have));
    this.part.set(chunk.subarray(pos));
    this.partLength = have;
    this.partTotal = total;
    this.partOffset = at;
  }
}
