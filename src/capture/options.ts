/**
 * Options shared by every capture reader: which format, which ports are
 * IMAP, which direction a raw stream has, and the limits that keep memory
 * bounded whatever the input holds.
 */
import type { Direction, StreamEvent } from './types.js';

/**
 * The container formats imapwire reads.
 *
 * - `pcap`: libpcap files (microsecond or nanosecond, either byte order).
 * - `pcapng`: pcap-ng files (sections, interfaces, enhanced/simple/obsolete packet blocks).
 * - `transcript`: RFC style `C:` / `S:` lines.
 * - `book`: `Client:` / `Server:` lines, indented continuations, `\` joins (lossy).
 * - `tcpflow`: the output of `tcpflow -c` (`SRC.PORT-DST.PORT: ` prefixes).
 * - `rawlog`: one Dovecot rawlog file (`.in` = client, `.out` = server), optionally timestamped.
 * - `raw`: the bytes of one direction of one connection.
 *
 * @example
 * const f: CaptureFormat = 'pcapng';
 */
export type CaptureFormat = 'pcap' | 'pcapng' | 'transcript' | 'book' | 'tcpflow' | 'rawlog' | 'raw';

/**
 * Bounds on what a reader holds. Every one is a count of bytes or items,
 * never of time; going past one yields a `notice` (and a `gap` where bytes
 * are let go) or, for a record that cannot be real, a {@link CaptureError}.
 *
 * @example
 * new CaptureReader({ limits: { maxHeldBytes: 1 << 20 } });
 */
export interface CaptureLimits {
  /**
   * Out-of-order TCP bytes held across all connections while a hole waits
   * to be filled (default 16 MiB). Past it, the hole of the direction
   * holding most becomes a `gap` and what it held is delivered.
   */
  maxHeldBytes?: number;
  /** Largest packet record or pcapng block accepted (default 16 MiB); larger is a bogus length. */
  maxRecordBytes?: number;
  /** Connections tracked at once, IMAP or not (default 65536); past it the oldest is closed with a notice. */
  maxConnections?: number;
  /** Longest text line of a transcript, tcpflow dump or rawlog (default 1 MiB); longer lines are cut with a notice. */
  maxLineBytes?: number;
}

/**
 * Options of {@link CaptureReader} and of the format readers.
 *
 * @example
 * new CaptureReader({ name: 'session.pcap', ports: [1143] });
 */
export interface CaptureOptions {
  /** The format; absent = detected from the first bytes (and `name`). */
  format?: CaptureFormat;
  /** The input's file name: helps detection (`.pcapng`, `.in`, `.out`) and names text-capture connections. */
  name?: string;
  /** TCP ports to take for IMAP besides 143 and 993 (the side using the port is the server). */
  ports?: readonly number[];
  /** For `raw` (and a rawlog file whose name says nothing): who sent the bytes. Absent = detected from the first line. */
  direction?: Direction;
  limits?: CaptureLimits;
}

/** The limits with every default filled in. */
export interface ResolvedLimits {
  maxHeldBytes: number;
  maxRecordBytes: number;
  maxConnections: number;
  maxLineBytes: number;
}

/**
 * Default {@link CaptureLimits}.
 *
 * @example
 * new CaptureReader({ limits: { maxHeldBytes: DEFAULT_CAPTURE_LIMITS.maxHeldBytes * 4 } });
 */
export const DEFAULT_CAPTURE_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  maxHeldBytes: 16 * 1024 * 1024,
  maxRecordBytes: 16 * 1024 * 1024,
  maxConnections: 65536,
  maxLineBytes: 1024 * 1024,
});

/** Fill in the defaults. */
export function resolveLimits(limits: CaptureLimits | undefined): ResolvedLimits {
  return { ...DEFAULT_CAPTURE_LIMITS, ...(limits ?? {}) };
}

/**
 * The interface every reader shares: push bytes as they come, get the
 * events they complete; `end()` flushes what is held and closes every
 * connection. Synchronous, and never holds more than its limits allow.
 *
 * @example
 * const events = [...reader.push(chunk), ...reader.end()];
 */
export interface StreamReader {
  /** Feed the next bytes of the input; get the events they complete, in order. */
  push(chunk: Uint8Array): StreamEvent[];
  /** The input is over: the events still held (an unfinished record is an error event). */
  end(): StreamEvent[];
  /** Bytes the reader holds right now (partial records, out-of-order segments, a partial line). */
  heldBytes(): number;
}
