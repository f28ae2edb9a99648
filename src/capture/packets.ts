/**
 * Packet captures (pcap, pcapng) to stream events: the container gives
 * frames, the link decoder TCP segments, the reassembler byte streams.
 */
import { CaptureError } from './errors.js';
import { decodeFrame } from './link.js';
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { PcapContainer, type PacketContainer, type PacketSink } from './pcap.js';
import { PcapngContainer } from './pcapng.js';
import { TcpReassembler } from './tcp.js';
import type { SourceSpan, StreamEvent } from './types.js';

const PROBLEMS = {
  fragment: ['an IP fragment (imapwire does not reassemble IP fragments: its TCP bytes are missing, and the stream shows a gap there)', 'IP fragments'],
  truncated: ['a packet cut short (snap length, or a damaged header)', 'packets cut short'],
  link: ['a link type imapwire does not read', 'packets of unknown link types'],
} as const;

/**
 * Reads a pcap or pcapng file (told apart by the magic number) and yields
 * the IMAP connections in it as byte streams. Memory: one partial record,
 * the out-of-order bytes of holes not yet filled (at most
 * `limits.maxHeldBytes`), a few words per connection.
 *
 * @example
 * const r = new PacketReader({ ports: [1143] });
 * const events = [...r.push(pcapBytes), ...r.end()];
 */
export class PacketReader implements StreamReader {
  private container: PacketContainer | undefined;
  private readonly tcp: TcpReassembler;
  private readonly limits;
  private readonly out: StreamEvent[] = [];
  private readonly problems = new Map<keyof typeof PROBLEMS, number>();
  private readonly sink: PacketSink;

  constructor(readonly options: CaptureOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.tcp = new TcpReassembler({ ports: options.ports, limits: this.limits }, this.out);
    this.sink = {
      packet: (linkType, data, time, at) => this.packet(linkType, data, time, at),
      notice: (message, source) => this.out.push(source === undefined ? { type: 'notice', message } : { type: 'notice', message, source }),
    };
  }

  push(chunk: Uint8Array): StreamEvent[] {
    if (this.container === undefined) {
      if (chunk.length === 0) return [];
      this.container = this.pickContainer(chunk);
    }
    this.container.push(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    if (this.container === undefined) {
      throw new CaptureError({ format: this.options.format, offset: 0, expected: 'a pcap or pcapng file header', found: 'empty input', incomplete: true });
    }
    this.container.end();
    for (const [kind, n] of this.problems) {
      if (n > 1) this.sink.notice(`packet: ${n} ${PROBLEMS[kind][1]} in all were skipped`);
    }
    this.tcp.end();
    return this.take();
  }

  heldBytes(): number {
    return (this.container?.held() ?? 0) + this.tcp.held();
  }

  /** The most out-of-order bytes held at once so far. */
  peakHeldBytes(): number {
    return this.tcp.peakHeld;
  }

  private take(): StreamEvent[] {
    return this.out.length === 0 ? [] : this.out.splice(0);
  }

  private pickContainer(chunk: Uint8Array): PacketContainer {
    const b = chunk;
    if (b.length >= 1 && b[0] === 0x0a) return new PcapngContainer(this.sink, this.limits);
    if (b.length >= 1 && [0xa1, 0xd4, 0x4d].includes(b[0])) return new PcapContainer(this.sink, this.limits);
    return this.options.format === 'pcapng' ? new PcapngContainer(this.sink, this.limits) : new PcapContainer(this.sink, this.limits);
  }

  private packet(linkType: number, data: Uint8Array, time: number, at: number): void {
    const r = decodeFrame(linkType, data);
    if (typeof r === 'object') {
      this.tcp.segment(r, data, Number.isNaN(time) ? undefined : time, at);
      return;
    }
    if (r === 'skip') return;
    const n = (this.problems.get(r) ?? 0) + 1;
    this.problems.set(r, n);
    if (n === 1) {
      const what = r === 'link' ? `${PROBLEMS.link[0]} (${linkType}); such packets are skipped` : `${PROBLEMS[r][0]}; it is skipped`;
      const source: SourceSpan = { offset: at, length: data.length };
      this.sink.notice(`packet: ${what}`, source);
    }
  }
}
