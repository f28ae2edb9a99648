/**
 * Splits text captures into lines across any chunking. A line longer than
 * the limit comes in several pieces (so memory stays bounded), each piece
 * saying whether it starts and whether it ends the line.
 */

/**
 * One piece of a line: its bytes (LF excluded, CR kept), where it starts in
 * the input, whether it is a line's first / last piece, and whether an LF
 * ended it (false only for a last line the input ended without one).
 */
export type LineHandler = (bytes: Uint8Array, offset: number, first: boolean, last: boolean, lf: boolean) => void;

/** Splits pushed chunks into lines (LF-terminated; CR is left in the bytes). */
export class LineSplitter {
  private part: Uint8Array;
  private partLength = 0;
  private partOffset = 0;
  private partFirst = true;
  private offset = 0;

  constructor(private readonly maxLine: number, private readonly onLine: LineHandler) {
    this.part = new Uint8Array(Math.min(maxLine, 4096));
  }

  held(): number {
    return this.partLength;
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const base = this.offset;
    this.offset += chunk.length;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(0x0a, pos);
      const end = nl < 0 ? chunk.length : nl;
      if (this.partLength === 0 && nl >= 0 && end - pos <= this.maxLine) {
        this.onLine(chunk.subarray(pos, end), base + pos, this.partFirst, true, true);
        this.partFirst = true;
        pos = nl + 1;
        continue;
      }
      // Accumulate into the partial line, cutting a piece whenever it reaches the limit.
      let p = pos;
      while (p < end) {
        if (this.partLength === 0) this.partOffset = base + p;
        const take = Math.min(end - p, this.maxLine - this.partLength);
        this.grow(this.partLength + take);
        this.part.set(chunk.subarray(p, p + take), this.partLength);
        this.partLength += take;
        p += take;
        if (this.partLength >= this.maxLine && (p < end || nl < 0)) this.flushPart(false);
      }
      if (nl < 0) return;
      if (this.partLength === 0) this.partOffset = base + end;
      this.flushPart(true);
      pos = nl + 1;
    }
  }

  /** The input ended: a last line without LF is passed on. */
  end(): void {
    if (this.partLength > 0) this.flushPart(true, false);
  }

  private flushPart(last: boolean, lf = last): void {
    const bytes = this.part.slice(0, this.partLength);
    const first = this.partFirst;
    this.partLength = 0;
    this.partFirst = last;
    this.onLine(bytes, this.partOffset, first, last, lf);
  }

  private grow(n: number): void {
    if (n <= this.part.length) return;
    const g = new Uint8Array(Math.min(this.maxLine, Math.max(n, this.part.length * 2)));
    g.set(this.part.subarray(0, this.partLength));
    this.part = g;
  }
}

/** Bytes as a latin-1 string (one char per byte), for matching prefixes with regular expressions. */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}
