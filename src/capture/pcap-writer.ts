/**
 * Writes byte streams as a pcap file (LINKTYPE_ETHERNET) with synthetic
 * Ethernet / IPv4 or IPv6 / TCP headers and correct sequence and
 * acknowledgement numbers: what `imapwire run` saves, and what tests and
 * benchmarks generate captures with. Work in progress.
 */
import type { Direction, Endpoint } from './types.js';

/** Options of {@link PcapWriter}. */
export interface PcapWriterOptions {
  /** Nanosecond timestamps (magic a1b23c4d); default microseconds. */
  nanosecond?: boolean;
  /** Largest TCP payload per segment (default 1460). */
  mss?: number;
  /** Snap length written in the file header (default 262144). */
  snapLength?: number;
}

/** A TCP segment, for tests that craft their own (retransmissions, holes, wraps). */
export interface TcpSegmentSpec {
  src: Endpoint;
  dst: Endpoint;
  seq: number;
  ack?: number;
  flags?: { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean; psh?: boolean };
  payload?: Uint8Array;
  time?: number;
}

/**
 * Writes pcap bytes incrementally: `header()` once, then records as the
 * session goes (`connect`, `send`, `close`, or hand-made `segment`s).
 *
 * @example
 * const w = new PcapWriter();
 * const c = w.connect({ address: '127.0.0.1', port: 50000 }, { address: '127.0.0.1', port: 143 });
 * const file = concat([w.header(), c.bytes, w.send(c.id, 'server', bytes), w.close(c.id)]);
 */
export class PcapWriter {
  constructor(readonly options: PcapWriterOptions = {}) {}
  header(): Uint8Array { return new Uint8Array(0); }
  connect(_client: Endpoint, _server: Endpoint, _time?: number): { id: number; bytes: Uint8Array } { return { id: 0, bytes: new Uint8Array(0) }; }
  send(_id: number, _direction: Direction, _data: Uint8Array, _time?: number): Uint8Array { return new Uint8Array(0); }
  close(_id: number, _time?: number): Uint8Array { return new Uint8Array(0); }
  segment(_spec: TcpSegmentSpec): Uint8Array { return new Uint8Array(0); }
}
