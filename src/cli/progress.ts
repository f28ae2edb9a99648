/// <reference types="node" />
/**
 * A progress line on standard error (bytes read, rate, time left when the
 * size is known), shown only when standard error is a terminal and
 * redrawn at most a few times a second. Never written to redirected output.
 *
 * @example
 * const p = Progress.forStderr('big.pcap', 1e9);
 * p.add(chunk.length);
 * p.done();
 */
export class Progress {
  private read = 0;
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  private constructor(
    private readonly out: NodeJS.WriteStream | undefined,
    private readonly name: string,
    private readonly total: number | undefined,
  ) {}

  /** A progress line for this input, silent unless standard error is a terminal. */
  static forStderr(name: string, total: number | undefined): Progress {
    return new Progress(process.stderr.isTTY === true ? process.stderr : undefined, name, total);
  }

  /** Counts bytes read; redraws when a quarter second has passed. */
  add(bytes: number): void {
    this.read += bytes;
    if (this.out === undefined) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.read / secs;
    let line = `${this.name}: ${mb(this.read)}`;
    if (this.total !== undefined && this.total > 0) {
      line += ` of ${mb(this.total)} (${Math.floor((100 * this.read) / this.total)}%)`;
    }
    line += `, ${mb(rate)}/s`;
    if (this.total !== undefined && rate > 0 && this.read < this.total) line += `, ${Math.ceil((this.total - this.read) / rate)} s left`;
    this.out.write('\r\x1b[K' + line);
    this.shown = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.out !== undefined && this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}

function mb(n: number): string {
  return n >= 1e9 ? (n / 1e9).toFixed(2) + ' GB' : (n / 1e6).toFixed(1) + ' MB';
}
