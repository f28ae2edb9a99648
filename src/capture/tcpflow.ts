/**
 * The console output of `tcpflow -c`: each TCP segment's bytes, in
 * capture order, after a `SRC.PORT-DST.PORT: ` prefix (IPv4 addresses as
 * four zero-padded 3-digit numbers, IPv6 in its text form, ports as 5
 * digits), and a line feed tcpflow adds after every segment. A line that
 * does not start with such a prefix continues the segment before it.
 * Which side is the server: the one on port 143, 993 or `options.ports`,
 * else the one whose first bytes are an IMAP greeting.
 *
 * `tcpflow -c` prints every byte other than printable ASCII, CR and LF as
 * `.` (same length, so offsets and literal sizes hold): 8-bit text and
 * COMPRESS=DEFLATE streams do not survive it. `tcpflow -c -B` keeps the
 * bytes, and this reader reads that too.
 */
import { LineSplitter, latin1 } from './lines.js';
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { greetingMatch } from './tcp.js';
import { TextConnection } from './text-stream.js';
import type { Direction, Endpoint, StreamEvent } from './types.js';

const PREFIX = /^([0-9a-fA-F.:]+)\.(\d{5})-([0-9a-fA-F.:]+)\.(\d{5}): /;
const LF = new Uint8Array([0x0a]);

interface Flow {
  conn: TextConnection | undefined;
  direction: Direction;
}

/** tcpflow writes IPv4 addresses zero-padded (`127.000.000.001`); the usual text form without the padding. */
function address(s: string): string {
  return s.includes(':') ? s : s.split('.').map((x) => String(Number(x))).join('.');
}

/**
 * Reads `tcpflow -c` output; each flow pair is one connection.
 *
 * @example
 * const r = new TcpflowReader();
 * const text = '127.000.000.001.00143-127.000.000.001.50000: * OK hi\r\n\n';
 * const events = [...r.push(new TextEncoder().encode(text)), ...r.end()];
 */
export class TcpflowReader implements StreamReader {
  private readonly out: StreamEvent[] = [];
  private readonly lines: LineSplitter;
  private readonly ports: Set<number>;
  /** By `SRC.PORT-DST.PORT` as tcpflow writes it. */
  private readonly flows = new Map<string, Flow>();
  private readonly conns: TextConnection[] = [];
  private current: Flow | undefined;
  /** The line feed that ended the last line: part of the data unless a new prefix follows. */
  private pendingLf = false;
  private ignored = 0;
  private unprefixed = 0;

  constructor(readonly options: CaptureOptions = {}) {
    this.ports = new Set([143, 993, ...(options.ports ?? [])]);
    this.lines = new LineSplitter(resolveLimits(options.limits).maxLineBytes, (b, o, first, last) => this.line(b, o, first, last));
  }

  push(chunk: Uint8Array): StreamEvent[] {
    this.lines.push(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    this.lines.end();
    for (const c of this.conns) c.close();
    if (this.ignored > 0) this.out.push({ type: 'notice', message: `${this.ignored} flow${this.ignored === 1 ? '' : 's'} not taken for IMAP (no IMAP port, no IMAP greeting) skipped` });
    if (this.unprefixed > 0) this.out.push({ type: 'notice', message: `${this.unprefixed} line${this.unprefixed === 1 ? '' : 's'} before the first SRC.PORT-DST.PORT: prefix skipped` });
    if (this.conns.length === 0) this.out.push({ type: 'notice', message: 'no IMAP connection found in the tcpflow output' });
    return this.take();
  }

  heldBytes(): number {
    return this.lines.held();
  }

  private take(): StreamEvent[] {
    return this.out.length === 0 ? [] : this.out.splice(0);
  }

  private line(b: Uint8Array, at: number, first: boolean, last: boolean): void {
    const m = first ? PREFIX.exec(latin1(b, 0, Math.min(b.length, 100))) : null;
    if (m !== null) {
      this.pendingLf = false;
      const flow = this.flow(m, b.subarray(m[0].length));
      this.current = flow;
      this.emit(flow, b.subarray(m[0].length), at + m[0].length, last);
      return;
    }
    const flow = this.current;
    if (flow === undefined) {
      if (last) this.unprefixed++;
      return;
    }
    if (first && this.pendingLf) this.emitLf(flow, at - 1);
    this.pendingLf = false;
    this.emit(flow, b, at, last);
  }

  private emit(flow: Flow, bytes: Uint8Array, at: number, last: boolean): void {
    flow.conn?.data(flow.direction, bytes.slice(), at, bytes.length);
    if (last) this.pendingLf = true;
  }

  private emitLf(flow: Flow, at: number): void {
    flow.conn?.data(flow.direction, LF, at, 1);
  }

  private flow(m: RegExpExecArray, firstBytes: Uint8Array): Flow {
    const key = `${m[1]}.${m[2]}-${m[3]}.${m[4]}`;
    let f = this.flows.get(key);
    if (f !== undefined) return f;
    const src: Endpoint = { address: address(m[1]), port: Number(m[2]) };
    const dst: Endpoint = { address: address(m[3]), port: Number(m[4]) };
    const reverse = this.flows.get(`${m[3]}.${m[4]}-${m[1]}.${m[2]}`);
    if (reverse !== undefined) {
      f = { conn: reverse.conn, direction: reverse.direction === 'client' ? 'server' : 'client' };
    } else {
      let serverIsSrc: boolean | undefined;
      let reason: 'port' | 'greeting' = 'port';
      if (this.ports.has(src.port) && !this.ports.has(dst.port)) serverIsSrc = true;
      else if (this.ports.has(dst.port)) serverIsSrc = false;
      else if (greetingMatch(firstBytes) === 'yes') {
        serverIsSrc = true;
        reason = 'greeting';
      }
      if (serverIsSrc === undefined) {
        this.ignored++;
        f = { conn: undefined, direction: 'client' };
      } else {
        const [client, server] = serverIsSrc ? [dst, src] : [src, dst];
        const text = (e: Endpoint) => (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`);
        const info = { id: `${text(client)}-${text(server)}`, client, server, reason, ...(server.port === 993 ? { tls: true } : {}) };
        const conn = new TextConnection(info, this.out);
        conn.open();
        this.conns.push(conn);
        f = { conn, direction: serverIsSrc ? 'server' : 'client' };
      }
    }
    this.flows.set(key, f);
    return f;
  }
}
