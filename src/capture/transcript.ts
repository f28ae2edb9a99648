/**
 * Printed transcripts of IMAP sessions.
 *
 * - `transcript` (RFC style, as in RFC 9051 §8): every line starts with
 *   `C:` or `S:` (after optional indentation); the rest of the line, with
 *   CRLF, is what that side sent. The spaces after the prefix are
 *   alignment (IMAP lines never start with a space, RFC 9051 §9), except
 *   inside a literal announced by `{N}` at the end of an earlier line,
 *   where only the one space after the prefix is taken away. Lines with
 *   neither prefix (prose, blank lines) are skipped.
 * - `book`: `Client:` / `Server:` lines; a line indented under one
 *   continues the same side as a new line; a line ending in `\` is joined
 *   with the next. Printing lost bytes (indentation, line breaks), so the
 *   connection is marked `lossy`: literal sizes cannot be trusted.
 */
import { LineSplitter, latin1 } from './lines.js';
import { resolveLimits, type CaptureOptions, type StreamReader } from './options.js';
import { TextConnection, withCrlf } from './text-stream.js';
import type { Direction, StreamEvent } from './types.js';

const RFC_PREFIX = /^[ \t]*([CS]):(?:[ \t]|$)/;
const LITERAL_END = /~?\{(\d{1,12})\+?\}\r\n$/;
const BOOK_PREFIX = /^[ \t]*(Client|Server):[ \t]*/;

/**
 * Reads a `C:` / `S:` transcript, or a `Client:` / `Server:` one with
 * `format: 'book'`, as one connection (named `options.name`, else
 * `transcript`).
 *
 * @example
 * const r = new TranscriptReader();
 * const events = [...r.push(new TextEncoder().encode('S: * OK ready\nC: a1 LOGOUT\n')), ...r.end()];
 */
export class TranscriptReader implements StreamReader {
  private readonly out: StreamEvent[] = [];
  private readonly conn: TextConnection;
  private readonly lines: LineSplitter;
  private readonly book: boolean;
  private direction: Direction | undefined;
  /** A book line ended in `\`: the next line joins it. */
  private joining = false;
  /** A long line is coming in pieces: later pieces go on in the same direction. */
  private inLine: Direction | 'skip' | undefined;
  private skipped = 0;
  /** Literal bytes still expected per direction (RFC transcripts), from a `{N}` that ended a line. */
  private readonly literal: Record<Direction, number> = { client: 0, server: 0 };

  constructor(readonly options: CaptureOptions & { format?: 'transcript' | 'book' } = {}) {
    this.book = options.format === 'book';
    const id = options.name ?? 'transcript';
    this.conn = new TextConnection(this.book ? { id, reason: 'transcript', lossy: true } : { id, reason: 'transcript' }, this.out);
    this.lines = new LineSplitter(resolveLimits(options.limits).maxLineBytes, (b, o, first, last) => this.line(b, o, first, last));
  }

  push(chunk: Uint8Array): StreamEvent[] {
    this.lines.push(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    this.lines.end();
    if (this.skipped > 0) {
      this.out.push({ type: 'notice', connection: this.conn.info.id, message: `${this.skipped} line${this.skipped === 1 ? '' : 's'} with no ${this.book ? 'Client:/Server:' : 'C:/S:'} prefix (prose, blank lines) skipped` });
    }
    this.conn.open();
    this.conn.close();
    return this.take();
  }

  heldBytes(): number {
    return this.lines.held();
  }

  private take(): StreamEvent[] {
    return this.out.length === 0 ? [] : this.out.splice(0);
  }

  private line(b: Uint8Array, at: number, first: boolean, last: boolean): void {
    if (!first) {
      if (this.inLine !== undefined && this.inLine !== 'skip') this.emit(this.inLine, b, at, last);
      if (last) this.inLine = undefined;
      return;
    }
    const head = latin1(b, 0, Math.min(b.length, 16));
    let dir: Direction | undefined;
    let start = 0;
    if (this.book) {
      const m = BOOK_PREFIX.exec(head);
      if (this.joining && this.direction !== undefined) {
        dir = this.direction;
        start = leadingSpace(b);
      } else if (m !== null) {
        dir = m[1] === 'Client' ? 'client' : 'server';
        start = m[0].length;
      } else if (this.direction !== undefined && (b[0] === 0x20 || b[0] === 0x09)) {
        dir = this.direction;
        start = leadingSpace(b);
      }
    } else {
      const m = RFC_PREFIX.exec(head);
      if (m !== null) {
        dir = m[1] === 'C' ? 'client' : 'server';
        start = m[0].length;
        if (this.literal[dir] === 0) start += leadingSpace(b.subarray(start));
      }
    }
    if (dir === undefined) {
      if (last) this.skipped++;
      else this.inLine = 'skip';
      return;
    }
    this.direction = dir;
    if (!last) this.inLine = dir;
    this.emit(dir, b.subarray(start), at + start, last);
  }

  private emit(dir: Direction, text: Uint8Array, at: number, last: boolean): void {
    if (!last) {
      this.conn.data(dir, text.slice(), at, text.length);
      return;
    }
    let n = text.length;
    if (n > 0 && text[n - 1] === 0x0d) n--;
    if (this.book && n > 0 && text[n - 1] === 0x5c) {
      // A trailing backslash: the printed line was broken here; the next line goes on without a line end.
      this.joining = true;
      this.conn.data(dir, text.slice(0, n - 1), at, text.length);
      return;
    }
    this.joining = false;
    const line = withCrlf(text.subarray(0, n));
    this.conn.data(dir, line, at, text.length);
    if (this.book) return;
    const left = this.literal[dir] - line.length;
    this.literal[dir] = left > 0 ? left : 0;
    if (left <= 0) {
      const m = LITERAL_END.exec(latin1(line, Math.max(0, line.length - 24)));
      if (m !== null) this.literal[dir] = Number(m[1]);
    }
  }
}

function leadingSpace(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09)) i++;
  return i;
}
