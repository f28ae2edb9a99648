/**
 * A raw stream: the bytes of one direction of one IMAP connection, as a
 * server log or a `socat -v`-less dump keeps them. Its direction is
 * `options.direction`, else read from the first line: `*` or `+` starts
 * a server line (RFC 9051 §2.2.2), a tag and a command a client line.
 */
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { TextConnection } from './text-stream.js';
import type { Direction, StreamEvent } from './types.js';

/** The direction a stream's first line says: `*` / `+` = server, else client. */
export function directionOfFirstLine(head: Uint8Array): Direction {
  let i = 0;
  while (i < head.length && (head[i] === 0x0d || head[i] === 0x0a || head[i] === 0x20)) i++;
  const b = head[i];
  return b === 0x2a || b === 0x2b ? 'server' : 'client';
}

/**
 * Reads one direction of raw IMAP bytes as one connection (named
 * `options.name`, else `raw`). Holds at most the first line (up to
 * `limits.maxLineBytes`) until the direction is known.
 *
 * @example
 * const r = new RawStreamReader({ name: 'server.log' });
 * const events = [...r.push(new TextEncoder().encode('* OK ready\r\n')), ...r.end()];
 */
export class RawStreamReader implements StreamReader {
  private readonly out: StreamEvent[] = [];
  private readonly conn: TextConnection;
  private direction: Direction | undefined;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private offset = 0;
  private readonly maxLine: number;

  constructor(readonly options: CaptureOptions = {}) {
    this.direction = options.direction;
    this.maxLine = resolveLimits(options.limits).maxLineBytes;
    this.conn = new TextConnection({ id: options.name ?? 'raw', reason: options.direction !== undefined ? 'named' : 'transcript' }, this.out);
  }

  push(chunk: Uint8Array): StreamEvent[] {
    if (this.direction === undefined) {
      this.head.push(chunk.slice());
      this.headLength += chunk.length;
      if (chunk.indexOf(0x0a) < 0 && this.headLength < this.maxLine) return [];
      this.flushHead();
    } else this.emit(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    if (this.direction === undefined) this.flushHead();
    this.conn.open();
    this.conn.close();
    return this.take();
  }

  heldBytes(): number {
    return this.headLength;
  }

  private flushHead(): void {
    const head = new Uint8Array(this.headLength);
    let o = 0;
    for (const c of this.head) {
      head.set(c, o);
      o += c.length;
    }
    this.head = [];
    this.headLength = 0;
    this.direction = directionOfFirstLine(head);
    this.emit(head);
  }

  private emit(bytes: Uint8Array): void {
    this.conn.data(this.direction!, bytes, this.offset, bytes.length);
    this.offset += bytes.length;
  }

  private take(): StreamEvent[] {
    return this.out.length === 0 ? [] : this.out.splice(0);
  }
}
