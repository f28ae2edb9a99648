/**
 * The pcapng file format (IETF draft-ietf-opsawg-pcapng): blocks of
 * type, total length, body, total length again. A Section Header Block
 * (0x0A0D0D0A) starts each section and says its byte order; Interface
 * Description Blocks (type 1) give each interface its link type and
 * timestamp resolution (`if_tsresol`, option 9; `if_tsoffset`, option 14);
 * packets come in Enhanced (6), Simple (3) or obsolete Packet (2) blocks.
 * Every other block type is skipped: the standard ones with nothing for
 * IMAP quietly, unknown ones with one notice per type.
 */
import { CaptureError } from './errors.js';
import type { ResolvedLimits } from './options.js';
import type { PacketContainer, PacketSink } from './pcap.js';
import { RecordSplitter } from './records.js';

const SHB = 0x0a0d0d0a;
const IDB = 1;
const PB = 2;
const SPB = 3;
const EPB = 6;
/** Standard blocks with nothing for imapwire: name resolution (4), interface statistics (5), systemd journal (9), decryption secrets (10), custom (0xBAD, 0x40000BAD). Skipped without a notice. */
const QUIET = new Set([4, 5, 9, 10, 0x00000bad, 0x40000bad]);

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second. */
  unitsPerSecond: number;
  offsetSeconds: number;
}

/** Reads a pcapng file; packets go to the sink. */
export class PcapngContainer extends RecordSplitter implements PacketContainer {
  private little = true;
  private sections = 0;
  private interfaces: Interface[] = [];
  private unknownTypes = new Set<number>();

  constructor(private readonly sink: PacketSink, private readonly limits: ResolvedLimits) {
    super(12);
  }

  end(): void {
    const left = this.leftover();
    if (this.sections === 0) {
      throw new CaptureError({ format: 'pcapng', offset: left?.have ?? 0, expected: 'a Section Header Block', found: 'end of input', incomplete: true });
    }
    if (left !== undefined) {
      this.sink.notice(`pcapng: the last block is truncated (${left.have} of ${left.want} bytes); it is left out`, { offset: left.offset, length: left.have });
    }
  }

  private u32(b: Uint8Array, p: number): number {
    return this.little
      ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0
      : ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  }

  private u16(b: Uint8Array, p: number): number {
    return this.little ? b[p] | (b[p + 1] << 8) : (b[p] << 8) | b[p + 1];
  }

  protected recordLength(b: Uint8Array, p: number, at: number): number {
    const type = this.u32(b, p);
    if (type === SHB) {
      const bom = ((b[p + 8] << 24) | (b[p + 9] << 16) | (b[p + 10] << 8) | b[p + 11]) >>> 0;
      if (bom === 0x1a2b3c4d) this.little = false;
      else if (bom === 0x4d3c2b1a) this.little = true;
      else throw new CaptureError({ format: 'pcapng', offset: at + 8, expected: 'the byte-order magic 1a2b3c4d', found: bom.toString(16).padStart(8, '0') });
    } else if (this.sections === 0) {
      throw new CaptureError({ format: 'pcapng', offset: at, expected: 'a Section Header Block (0a0d0d0a)', found: `block type ${type.toString(16)}` });
    }
    const len = this.u32(b, p + 4);
    if (len < 12 || len % 4 !== 0 || len > this.limits.maxRecordBytes) {
      throw new CaptureError({
        format: 'pcapng', offset: at + 4,
        expected: `a block length that is a multiple of 4, from 12 to ${this.limits.maxRecordBytes} (limits.maxRecordBytes)`,
        found: `${len} (a bogus block length: the file is damaged)`,
      });
    }
    return len;
  }

  protected record(b: Uint8Array, s: number, e: number, at: number): void {
    const len = e - s;
    if (this.u32(b, e - 4) !== len) {
      throw new CaptureError({ format: 'pcapng', offset: at + len - 4, expected: `the block's trailing length ${len}`, found: String(this.u32(b, e - 4)) });
    }
    const type = this.u32(b, s);
    switch (type) {
      case SHB:
        this.sections++;
        this.interfaces = [];
        return;
      case IDB:
        this.interfaceBlock(b.subarray(s, e), at);
        return;
      case EPB:
      case PB: {
        if (len < 32) return this.bad('packet block shorter than its fixed fields', at, len);
        const id = type === EPB ? this.u32(b, s + 8) : this.u16(b, s + 8);
        const cap = this.u32(b, s + 20);
        if (cap > len - 32) return this.bad(`captured length ${cap} past the end of its ${len}-byte block`, at, len);
        this.packet(id, b, s + 28, s + 28 + cap, this.u32(b, s + 12), this.u32(b, s + 16), at + 28, at, len);
        return;
      }
      case SPB: {
        if (len < 16) return this.bad('simple packet block shorter than its fixed fields', at, len);
        const iface = this.interfaces[0];
        let cap = Math.min(this.u32(b, s + 8), len - 16);
        if (iface !== undefined && iface.snapLength > 0) cap = Math.min(cap, iface.snapLength);
        this.packet(0, b, s + 12, s + 12 + cap, -1, 0, at + 12, at, len);
        return;
      }
      default:
        if (!QUIET.has(type) && !this.unknownTypes.has(type)) {
          this.unknownTypes.add(type);
          this.sink.notice(`pcapng: blocks of type 0x${type.toString(16)} are skipped`, { offset: at, length: len });
        }
    }
  }

  private bad(what: string, at: number, len: number): void {
    this.sink.notice(`pcapng: ${what}; the block is skipped`, { offset: at, length: len });
  }

  private packet(id: number, b: Uint8Array, start: number, end: number, hi: number, lo: number, dataAt: number, at: number, len: number): void {
    const iface = this.interfaces[id];
    if (iface === undefined) return this.bad(`packet on interface ${id}, which no Interface Description Block described`, at, len);
    const time = hi < 0 ? Number.NaN : (hi * 4294967296 + lo) / iface.unitsPerSecond + iface.offsetSeconds;
    this.sink.packet(iface.linkType, b, start, end, time, dataAt);
  }

  private interfaceBlock(b: Uint8Array, at: number): void {
    if (b.length < 20) return this.bad('interface description block shorter than its fixed fields', at, b.length);
    const iface: Interface = { linkType: this.u16(b, 8), snapLength: this.u32(b, 12), unitsPerSecond: 1e6, offsetSeconds: 0 };
    let p = 16;
    const end = b.length - 4;
    while (p + 4 <= end) {
      const code = this.u16(b, p);
      const olen = this.u16(b, p + 2);
      const v = p + 4;
      if (code === 0 || v + olen > end) break;
      if (code === 9 && olen >= 1) {
        const r = b[v];
        iface.unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
      } else if (code === 14 && olen >= 8) {
        const a = this.u32(b, v);
        const c = this.u32(b, v + 4);
        const [hi, lo] = this.little ? [c, a] : [a, c];
        iface.offsetSeconds = (hi | 0) * 4294967296 + lo;
      }
      p = v + ((olen + 3) & ~3);
    }
    this.interfaces.push(iface);
  }
}
