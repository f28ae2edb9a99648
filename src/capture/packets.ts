/**
 * Packet captures (pcap, pcapng) to stream events: the container gives
 * frames, the link decoder TCP segments, the reassembler byte streams.
 */
import { CaptureError } from './errors.js';
import { FragmentReassembler, FRAGMENT_TIMEOUT, type FragmentProblem } from './ip-fragments.js';
import { DECODED, TcpSegment, decodeFrame } from './link.js';
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { PcapContainer, type PacketContainer, type PacketSink } from './pcap.js';
import { PcapngContainer } from './pcapng.js';
import { TcpReassembler } from './tcp.js';
import type { SourceSpan, StreamEvent } from './types.js';

const PROBLEMS = {
  'fragment-lost': [`an IP datagram whose fragments did not all arrive (within ${FRAGMENT_TIMEOUT} s of capture time, or before the capture ended): its TCP bytes are missing, and the stream shows a gap there`, 'incomplete fragmented IP datagrams'],
  'fragment-bad': ['an IP datagram whose fragments overlap with different bytes or run past 65,535 bytes (RFC 5722 §4: a receiver drops it): its TCP bytes are missing, and the stream shows a gap there', 'fragmented IP datagrams dropped'],
  truncated: ['a packet cut short (snap length, or a damaged header)', 'packets cut short'],
  link: ['a link type imapwire does not read', 'packets of unknown link types'],
} as const;

/** The problem names by {@link DECODED} code. */
const PROBLEM_OF: readonly (keyof typeof PROBLEMS | undefined)[] = [undefined, undefined, undefined, 'truncated', 'link'];

/** Frames from a container to TCP segments to the reassembler; problems counted, the first of each kind a notice. */
class FrameSink implements PacketSink {
  readonly problems = new Map<keyof typeof PROBLEMS, number>();
  private readonly seg = new TcpSegment();
  readonly fragments = new FragmentReassembler((kind: FragmentProblem, at: number) => this.problem(kind, at, 0));

  constructor(private readonly tcp: TcpReassembler, private readonly out: StreamEvent[]) {}

  packet(linkType: number, bytes: Uint8Array, start: number, end: number, time: number, at: number): void {
    const r = decodeFrame(linkType, bytes, start, end, this.seg);
    // NaN: a record without a time.
    const t = time === time ? time : undefined;
    if (r === DECODED.TCP) {
      this.tcp.segment(this.seg, bytes, at - start, t);
      return;
    }
    if (r === DECODED.SKIP) return;
    if (r === DECODED.FRAGMENT) {
      const whole = this.fragments.add(bytes, this.seg, at - start, t);
      if (whole !== undefined && decodeFrame(whole.linkType, whole.bytes, 0, whole.bytes.length, this.seg) === DECODED.TCP) {
        this.tcp.segment(this.seg, whole.bytes, whole.base, t);
      }
      return;
    }
    this.problem(PROBLEM_OF[r]!, at, end - start, linkType);
  }

  /** Counts a problem; the first of each kind becomes a notice pointing at the packet (or, `length` 0, at the place). */
  private problem(kind: keyof typeof PROBLEMS, at: number, length: number, linkType?: number): void {
    const n = (this.problems.get(kind) ?? 0) + 1;
    this.problems.set(kind, n);
    if (n === 1) {
      const what =
        kind === 'link' ? `${PROBLEMS.link[0]} (${linkType}); such packets are skipped` : kind === 'truncated' ? `${PROBLEMS[kind][0]}; it is skipped` : PROBLEMS[kind][0];
      const source: SourceSpan = { offset: at, length };
      this.notice(`packet: ${what}`, source);
    }
  }

  notice(message: string, source?: SourceSpan): void {
    this.out.push(source === undefined ? { type: 'notice', message } : { type: 'notice', message, source });
  }
}

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
  private readonly sink: FrameSink;

  constructor(readonly options: CaptureOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.tcp = new TcpReassembler({ ports: options.ports, limits: this.limits }, this.out);
    this.sink = new FrameSink(this.tcp, this.out);
  }

  push(input: Uint8Array): StreamEvent[] {
    // A plain Uint8Array view: subarray() of a subclass (Node's Buffer) takes a much slower path.
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
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
    this.sink.fragments.end();
    for (const [kind, n] of this.sink.problems) {
      if (n > 1) this.sink.notice(`packet: ${n} ${PROBLEMS[kind][1]} in all were skipped`);
    }
    this.tcp.end();
    return this.take();
  }

  heldBytes(): number {
    return (this.container?.held() ?? 0) + this.tcp.held() + this.sink.fragments.held();
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
}
