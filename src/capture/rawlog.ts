/**
 * Dovecot rawlogs (`rawlog_dir`, `imap-login -R`, the `rawlog` binary).
 *
 * - A `.in` / `.out` pair: `.in` holds what the server read (the client's
 *   bytes), `.out` what it wrote. Dovecot starts every line with a
 *   `SECONDS.MICROSECONDS ` timestamp; older `rawlog` runs without `-t`
 *   write the bytes alone. The stamps are taken away; the bytes are the
 *   session's own, line ends included.
 * - One file holding both sides (`rawlog_path`, a proxy's rawlog): each
 *   record is `SECONDS.MICROSECONDS ` then `I` (read: client) or `O`
 *   (written: server), then `:` when the record ends with the line's LF or
 *   `>` when a long line was cut (the next record follows at once), a space,
 *   and the bytes.
 */
import { LineSplitter, latin1 } from './lines.js';
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { TextConnection } from './text-stream.js';
import type { Direction, StreamEvent } from './types.js';

const STAMP = /^(\d{1,12})\.(\d{6}) /;
const RECORD = /^(\d{1,12})\.(\d{6}) ([IO])([:>]) /;
const RECORD_ANYWHERE = /(\d{1,12})\.(\d{6}) ([IO])([:>]) /g;

/** The direction a rawlog's file name says (`.in` = client, `.out` = server). */
export function rawlogDirection(name: string | undefined): Direction | undefined {
  if (name === undefined) return undefined;
  if (/\.in$/i.test(name)) return 'client';
  if (/\.out$/i.test(name)) return 'server';
  return undefined;
}

/** One side's parser state: whether lines carry stamps, whether the last line ended. */
interface Side {
  lines: LineSplitter;
  stamped: boolean | undefined;
  /** The last stamp seen: a line without one (a long line's rest) keeps it. */
  time: number | undefined;
}

/**
 * Reads Dovecot rawlogs as one connection (named `options.name` without
 * its `.in` / `.out`, else `rawlog`). `push` takes one file: a combined
 * `I:` / `O:` file, or a `.in` / `.out` file whose direction is
 * `options.direction` or the file name's. `pushDirection` feeds the two
 * files of a pair (events come in push order; {@link readRawlogPair}
 * puts them in time order).
 *
 * @example
 * const r = new RawlogReader({ name: '20261201-120000.1234.1.out' });
 * const events = [...r.push(bytes), ...r.end()];
 */
export class RawlogReader implements StreamReader {
  private readonly out: StreamEvent[] = [];
  private readonly conn: TextConnection;
  private readonly sides: Record<Direction, Side>;
  private readonly fileDirection: Direction | undefined;
  private readonly maxLine: number;
  /** In a combined file: the direction of the last record, for the rest of a line longer than `maxLineBytes`. */
  private lastCombined: Direction = 'server';
  private readonly combined: LineSplitter;

  constructor(readonly options: CaptureOptions = {}) {
    this.fileDirection = options.direction ?? rawlogDirection(options.name);
    const id = options.name?.replace(/\.(in|out)$/i, '') ?? 'rawlog';
    this.conn = new TextConnection({ id, reason: 'transcript' }, this.out);
    this.maxLine = resolveLimits(options.limits).maxLineBytes;
    this.sides = { client: this.side('client'), server: this.side('server') };
    this.combined = new LineSplitter(this.maxLine, (b, at, first, last, lf) => this.combinedLine(b, at, first, last && lf));
  }

  /** Bytes of one file: a combined one, or the `.in` / `.out` named in the options. */
  push(chunk: Uint8Array): StreamEvent[] {
    return this.pushDirection(this.fileDirection, chunk);
  }

  /** Bytes of the `.in` (`client`) or `.out` (`server`) file; `undefined` = a combined `I:` / `O:` file. */
  pushDirection(direction: Direction | undefined, chunk: Uint8Array): StreamEvent[] {
    (direction === undefined ? this.combined : this.sides[direction].lines).push(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    this.sides.client.lines.end();
    this.sides.server.lines.end();
    this.combined.end();
    this.conn.open();
    this.conn.close();
    return this.take();
  }

  heldBytes(): number {
    return this.sides.client.lines.held() + this.sides.server.lines.held() + this.combined.held();
  }

  private take(): StreamEvent[] {
    return this.out.length === 0 ? [] : this.out.splice(0);
  }

  private side(direction: Direction): Side {
    const side: Side = {
      stamped: undefined,
      time: undefined,
      lines: new LineSplitter(this.maxLine, (b, at, first, last, lf) => {
        let start = 0;
        if (first) {
          const m = STAMP.exec(latin1(b, 0, Math.min(b.length, 24)));
          if (side.stamped === undefined) side.stamped = m !== null;
          if (side.stamped && m !== null) {
            start = m[0].length;
            side.time = Number(m[1]) + Number(m[2]) / 1e6;
          }
        }
        const time = side.time;
        const bytes = withLf(b.subarray(start), last && lf);
        this.conn.data(direction, bytes, at + start, bytes.length, time);
      }),
    };
    return side;
  }

  private combinedLine(b: Uint8Array, at: number, first: boolean, last: boolean): void {
    if (!first) {
      this.conn.data(this.lastCombined, withLf(b, last), at, b.length);
      return;
    }
    // One physical line may hold several records when `>` cut a long line.
    const s = latin1(b);
    RECORD_ANYWHERE.lastIndex = 0;
    const starts: RegExpExecArray[] = [];
    for (let m = RECORD_ANYWHERE.exec(s); m !== null; m = RECORD_ANYWHERE.exec(s)) {
      if (starts.length === 0 && m.index !== 0) break;
      const prev = starts[starts.length - 1];
      if (prev !== undefined && prev[4] !== '>') break;
      starts.push(m);
    }
    if (starts.length === 0 || !RECORD.test(s)) {
      this.out.push({ type: 'notice', connection: this.conn.info.id, message: 'rawlog: a line without a TIMESTAMP I:/O: record head is skipped', source: { offset: at, length: b.length } });
      return;
    }
    for (let i = 0; i < starts.length; i++) {
      const m = starts[i];
      const from = m.index + m[0].length;
      const to = i + 1 < starts.length ? starts[i + 1].index : b.length;
      this.lastCombined = m[3] === 'I' ? 'client' : 'server';
      const bytes = withLf(b.subarray(from, to), i + 1 === starts.length && last);
      this.conn.data(this.lastCombined, bytes, at + from, bytes.length, Number(m[1]) + Number(m[2]) / 1e6);
    }
  }
}

/** A copy of `b`, with the LF the line splitter took off put back when `lf`. */
function withLf(b: Uint8Array, lf: boolean): Uint8Array {
  const out = new Uint8Array(b.length + (lf ? 1 : 0));
  out.set(b);
  if (lf) out[b.length] = 0x0a;
  return out;
}

/**
 * Read a rawlog pair (the `.in` and `.out` of one session) as one
 * connection. When both carry timestamps the lines of the two sides are
 * put in time order (client first on a tie); without them each side comes
 * whole, server first, with a notice that the order is lost.
 *
 * @example
 * const events = readRawlogPair(inBytes, outBytes, { name: '20261201-120000.1234.1' });
 */
export function readRawlogPair(input: Uint8Array, output: Uint8Array, options: CaptureOptions = {}): StreamEvent[] {
  const collect = (direction: Direction, bytes: Uint8Array): StreamEvent[] => {
    const r = new RawlogReader({ ...options, direction });
    return [...r.push(bytes), ...r.end()].filter((e) => e.type === 'data');
  };
  const client = collect('client', input);
  const server = collect('server', output);
  const stamped = [...client, ...server].every((e) => e.type !== 'data' || e.time !== undefined);
  const id = options.name?.replace(/\.(in|out)$/i, '') ?? 'rawlog';
  const events: StreamEvent[] = [{ type: 'open', connection: stamped ? { id, reason: 'transcript' } : { id, reason: 'transcript', unordered: true } }];
  if (!stamped) {
    events.push({ type: 'notice', connection: id, message: 'rawlog: the files carry no timestamps, so the order of the two sides is lost; each is read whole' });
    events.push(...server, ...client);
  } else {
    let i = 0;
    let j = 0;
    while (i < client.length || j < server.length) {
      const c = client[i] as { time?: number } | undefined;
      const s = server[j] as { time?: number } | undefined;
      if (s === undefined || (c !== undefined && (c.time ?? 0) <= (s.time ?? 0))) events.push(client[i++]);
      else events.push(server[j++]);
    }
  }
  for (const e of events) if (e.type === 'data') e.connection = id;
  if (events.length > 0 && events[0].type === 'open') {
    const first = events.find((e) => e.type === 'data');
    if (first !== undefined && first.type === 'data' && first.time !== undefined) events[0] = { ...events[0], time: first.time };
  }
  events.push({ type: 'close', connection: id });
  return events;
}
