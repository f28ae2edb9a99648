/**
 * What the text readers share: one connection (or several, for tcpflow),
 * per-direction offsets, and the event shapes.
 */
import type { ConnectionInfo, Direction, StreamEvent } from './types.js';

/** Per-direction stream offsets of one connection, and the events that move them. */
export class TextConnection {
  private readonly offsets: Record<Direction, number> = { client: 0, server: 0 };
  opened = false;

  constructor(readonly info: ConnectionInfo, private readonly out: StreamEvent[]) {}

  open(time?: number): void {
    if (this.opened) return;
    this.opened = true;
    this.out.push(time === undefined ? { type: 'open', connection: this.info } : { type: 'open', connection: this.info, time });
  }

  data(direction: Direction, bytes: Uint8Array, source: number, sourceLength: number, time?: number): void {
    if (bytes.length === 0) return;
    this.open(time);
    const ev: StreamEvent = { type: 'data', connection: this.info.id, direction, offset: this.offsets[direction], bytes, source: { offset: source, length: sourceLength } };
    if (time !== undefined) ev.time = time;
    this.out.push(ev);
    this.offsets[direction] += bytes.length;
  }

  close(): void {
    if (this.opened) this.out.push({ type: 'close', connection: this.info.id });
  }
}

const CRLF = new Uint8Array([0x0d, 0x0a]);

/** `bytes` with CRLF after it (CR/LF the line had already are not doubled). */
export function withCrlf(bytes: Uint8Array): Uint8Array {
  let n = bytes.length;
  if (n > 0 && bytes[n - 1] === 0x0d) n--;
  const out = new Uint8Array(n + 2);
  out.set(bytes.subarray(0, n));
  out.set(CRLF, n);
  return out;
}
