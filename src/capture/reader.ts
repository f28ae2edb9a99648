/**
 * One reader for every capture format: detects the format from the first
 * bytes (or takes `options.format`) and hands the bytes to the reader of
 * that format.
 */
import { CaptureError } from './errors.js';
import { DETECT_BYTES, detectCaptureFormat } from './detect.js';
import type { CaptureFormat, CaptureOptions, StreamReader } from './options.js';
import { PacketReader } from './packets.js';
import { TranscriptReader } from './transcript.js';
import { TcpflowReader } from './tcpflow.js';
import { RawlogReader } from './rawlog.js';
import { RawStreamReader } from './raw.js';
import type { StreamEvent } from './types.js';

/** The reader of one format. */
export function readerFor(format: CaptureFormat, options: CaptureOptions = {}): StreamReader {
  switch (format) {
    case 'pcap':
    case 'pcapng':
      return new PacketReader(options);
    case 'transcript':
    case 'book':
      return new TranscriptReader({ ...options, format });
    case 'tcpflow':
      return new TcpflowReader(options);
    case 'rawlog':
      return new RawlogReader(options);
    case 'raw':
      return new RawStreamReader(options);
  }
}

/**
 * Reads any capture imapwire knows, incrementally: push the bytes as they
 * come (any chunking), get {@link StreamEvent}s; `end()` flushes the rest
 * and closes every connection. The format is `options.format` or detected
 * from the first {@link DETECT_BYTES} bytes (so the first events may wait
 * for that many bytes). Input that is no capture, or breaks its format so
 * that nothing after can be trusted, throws a {@link CaptureError}; what
 * can be read past (an unknown block, a truncated last record, a
 * non-IP packet) is a `notice` event.
 *
 * @example
 * const reader = new CaptureReader({ name: 'session.pcap' });
 * for await (const chunk of stream) for (const ev of reader.push(chunk)) handle(ev);
 * for (const ev of reader.end()) handle(ev);
 */
export class CaptureReader implements StreamReader {
  private readonly options: CaptureOptions;
  private inner: StreamReader | undefined;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private detected: CaptureFormat | undefined;
  private magicChecked = false;

  constructor(options: CaptureOptions = {}) {
    this.options = options;
    if (options.format !== undefined) this.start(options.format);
  }

  /** The format being read, once known. */
  get format(): CaptureFormat | undefined {
    return this.detected;
  }

  push(chunk: Uint8Array): StreamEvent[] {
    if (this.inner !== undefined) return this.inner.push(chunk);
    if (chunk.length > 0) {
      this.head.push(chunk);
      this.headLength += chunk.length;
    }
    // Binary captures say what they are in 4 bytes; text forms get up to DETECT_BYTES looked at.
    if (this.headLength < DETECT_BYTES) {
      if (this.magicChecked || this.headLength < 4) return [];
      this.magicChecked = true;
      if (!isPacketMagic(this.head)) return [];
    }
    return this.detect();
  }

  end(): StreamEvent[] {
    const out = this.inner === undefined ? this.detect() : [];
    return out.concat(this.inner!.end());
  }

  heldBytes(): number {
    return this.inner === undefined ? this.headLength : this.inner.heldBytes();
  }

  private start(format: CaptureFormat): void {
    this.detected = format;
    this.inner = readerFor(format, this.options);
  }

  private detect(): StreamEvent[] {
    const head = joinChunks(this.head, this.headLength);
    this.head = [];
    this.headLength = 0;
    const format = detectCaptureFormat(head, this.options.name);
    if (format === undefined) {
      throw new CaptureError({
        offset: 0,
        expected: 'a pcap or pcapng file, a C:/S: or Client:/Server: transcript, tcpflow -c output, a Dovecot rawlog or IMAP text',
        found: head.length === 0 ? 'empty input' : 'bytes none of these starts with',
      });
    }
    this.start(format);
    return this.inner!.push(head);
  }
}

function isPacketMagic(chunks: readonly Uint8Array[]): boolean {
  const head = joinChunks(chunks, chunks.reduce((n, c) => n + c.length, 0)).subarray(0, 4);
  const f = detectCaptureFormat(head);
  return f === 'pcap' || f === 'pcapng';
}

/** The chunks as one buffer (the only one when there is one). */
export function joinChunks(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Read a whole capture held in memory: all events of {@link CaptureReader}.
 *
 * @example
 * const events = readCapture(bytes, { name: 'x.pcap' });
 */
export function readCapture(bytes: Uint8Array, options: CaptureOptions = {}): StreamEvent[] {
  const r = new CaptureReader(options);
  return r.push(bytes).concat(r.end());
}
