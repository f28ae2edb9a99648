/// <reference types="node" />
/**
 * The report's writer: text is encoded straight into a buffer, the
 * buffer goes to standard output when it is full, and the pipeline waits
 * for the stream to drain before it reads more input, so a slow reader
 * of the output (a pipe, a terminal) holds the pipeline back instead of
 * letting output pile up in memory.
 *
 * @example
 * const out = new Output(process.stdout);
 * out.write('one line\n');
 * await out.flush();
 */
export class Output {
  private static readonly SIZE = 256 * 1024;
  private buf = Buffer.allocUnsafe(Output.SIZE);
  private pos = 0;
  /** Most bytes handed to the stream and not yet written by it (a counted measure of memory). */
  maxHeld = 0;
  /** Bytes went to the stream since it last said it needs no drain: only a write can make it need one. */
  private wrote = false;

  constructor(private readonly stream: NodeJS.WritableStream & { writableLength?: number; writableNeedDrain?: boolean }) {}

  write(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.pos + text.length * 3 > this.buf.length) {
      this.handOff();
      if (text.length * 3 > this.buf.length) {
        this.stream.write(text);
        this.wrote = true;
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** `text` and a newline, without making the string the two would be. */
  writeLine(text: string): void {
    if (this.pos + text.length * 3 + 1 > this.buf.length) {
      this.write(text);
      this.write('\n');
      return;
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
    this.buf[this.pos++] = 0x0a;
  }

  /** Whether the stream asked to be waited for; the caller should {@link flush} then. */
  get full(): boolean {
    // Asked after every event: the stream's getter only after a write.
    if (!this.wrote) return false;
    if (this.stream.writableNeedDrain === true) return true;
    this.wrote = false;
    return false;
  }

  /** Hands what is held to the stream and waits until it can take more. */
  async flush(): Promise<void> {
    this.handOff();
    this.wrote = false;
    if (this.stream.writableNeedDrain !== true) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (e: unknown): void => {
        this.stream.off('drain', onDrain);
        reject(e);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  private handOff(): void {
    if (this.pos === 0) return;
    this.stream.write(this.buf.subarray(0, this.pos));
    this.wrote = true;
    // The stream keeps that buffer until it is written: take a new one.
    this.buf = Buffer.allocUnsafe(Output.SIZE);
    this.pos = 0;
    const held = this.stream.writableLength ?? 0;
    if (held > this.maxHeld) this.maxHeld = held;
  }
}
