/**
 * The libpcap file format: a 24-byte file header (magic, version, snap
 * length, link type), then records of a 16-byte header (seconds,
 * micro- or nanoseconds, captured length, original length) and the
 * captured bytes. The magic says the byte order and the time unit
 * (a1b2c3d4 = microseconds, a1b23c4d = nanoseconds).
 */
import { CaptureError } from './errors.js';
import type { ResolvedLimits } from './options.js';
import { RecordSplitter } from './records.js';
import type { SourceSpan } from './types.js';

/** Where a container sends the packets it reads. */
export interface PacketSink {
  /**
   * One captured frame of `linkType`: `bytes[start, end)`, its first byte at
   * `fileOffset` in the input. `bytes` may be the whole pushed chunk; the
   * sink makes views of what it keeps.
   */
  packet(linkType: number, bytes: Uint8Array, start: number, end: number, time: number, fileOffset: number): void;
  notice(message: string, source?: SourceSpan): void;
}

/** A container reader: bytes in, packets to the sink. */
export interface PacketContainer {
  push(chunk: Uint8Array): void;
  /** The input ended: a partial record left over is a notice (or an error if even the file header is missing). */
  end(): void;
  held(): number;
}

/** Reads a pcap file; records go to the sink. */
export class PcapContainer extends RecordSplitter implements PacketContainer {
  private headerRead = false;
  private little = true;
  private nano = false;
  private linkType = 0;
  private readonly maxRecord: number;

  constructor(private readonly sink: PacketSink, private readonly limits: ResolvedLimits) {
    super(24);
    this.maxRecord = limits.maxRecordBytes;
  }

  end(): void {
    const left = this.leftover();
    if (!this.headerRead) {
      throw new CaptureError({ format: 'pcap', offset: left?.have ?? 0, expected: 'the 24-byte pcap file header', found: 'end of input', incomplete: true });
    }
    if (left !== undefined) {
      this.sink.notice(`pcap: the last record is truncated (${left.have} of ${left.want} bytes); it is left out`, { offset: left.offset, length: left.have });
    }
  }

  private u32(b: Uint8Array, p: number): number {
    return this.little
      ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0
      : ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  }

  protected recordLength(b: Uint8Array, p: number, at: number): number {
    if (!this.headerRead) return 24;
    const incl = this.u32(b, p + 8);
    if (incl > this.maxRecord) this.bogusLength(incl, at + 8);
    return 16 + incl;
  }

  private bogusLength(incl: number, at: number): never {
    throw new CaptureError({
      format: 'pcap', offset: at,
      expected: `a record length of at most ${this.limits.maxRecordBytes} bytes (limits.maxRecordBytes)`,
      found: `${incl} (a bogus record length: the file is damaged or not a pcap)`,
    });
  }

  /** A record held across chunks (and the file header). */
  protected record(b: Uint8Array, start: number, end: number, at: number): void {
    if (!this.headerRead) {
      this.fileHeader(start === 0 ? b : b.subarray(start, end));
      return;
    }
    const sec = this.u32(b, start);
    const frac = this.u32(b, start + 4);
    const time = sec + frac / (this.nano ? 1e9 : 1e6);
    this.sink.packet(this.linkType, b, start + 16, end, time, at + 16);
  }

  /** The records inside one chunk: the header fields read in the loop, each frame straight to the sink. */
  protected override cut(b: Uint8Array, pos: number, base: number): void {
    if (!this.headerRead) {
      super.cut(b, pos, base);
      return;
    }
    const n = b.length;
    const sink = this.sink;
    const linkType = this.linkType;
    const max = this.maxRecord;
    const unit = this.nano ? 1e9 : 1e6;
    if (this.little) {
      while (n - pos >= 16) {
        const incl = (b[pos + 8] | (b[pos + 9] << 8) | (b[pos + 10] << 16) | (b[pos + 11] << 24)) >>> 0;
        if (incl > max) this.bogusLength(incl, base + pos + 8);
        const end = pos + 16 + incl;
        if (end > n) break;
        const sec = (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
        const frac = (b[pos + 4] | (b[pos + 5] << 8) | (b[pos + 6] << 16) | (b[pos + 7] << 24)) >>> 0;
        sink.packet(linkType, b, pos + 16, end, sec + frac / unit, base + pos + 16);
        pos = end;
      }
    } else {
      while (n - pos >= 16) {
        const incl = this.recordLength(b, pos, base + pos) - 16;
        const end = pos + 16 + incl;
        if (end > n) break;
        sink.packet(linkType, b, pos + 16, end, this.u32(b, pos) + this.u32(b, pos + 4) / unit, base + pos + 16);
        pos = end;
      }
    }
    if (pos < n) this.startPart(b, pos, base + pos, n - pos >= 16 ? 16 + this.u32(b, pos + 8) : -1);
  }

  private fileHeader(b: Uint8Array): void {
    const be = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (be === 0xa1b2c3d4 || be === 0xa1b23c4d) this.little = false;
    else if (be === 0xd4c3b2a1 || be === 0x4d3cb2a1) this.little = true;
    else throw new CaptureError({ format: 'pcap', offset: 0, expected: 'a pcap magic number (a1b2c3d4 or a1b23c4d, either byte order)', found: be.toString(16).padStart(8, '0') });
    this.nano = be === 0xa1b23c4d || be === 0x4d3cb2a1;
    const snap = this.u32(b, 16);
    this.linkType = this.u32(b, 20) & 0xffff;
    this.headerRead = true;
    this.headerSize = 16;
    if (snap > this.limits.maxRecordBytes) {
      this.sink.notice(`pcap: the file header gives a snap length of ${snap} bytes; records are checked against ${this.limits.maxRecordBytes} bytes (limits.maxRecordBytes) instead`, { offset: 16, length: 4 });
    }
  }
}
