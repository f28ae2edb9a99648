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

  constructor(private readonly stream: NodeJS.WritableStream & { writableLength?: number; writableNeedDrain?: boolean }) {}

  write(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.pos + text.length * 3 > this.buf.length) {
      this.handOff();
      if (text.length * 3 > this.buf.length) {
        this.stream.write(text);
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Whether the stream asked to be waited for; the caller should {@link flush} then. */
  get full(): boolean {
    return this.stream.writableNeedDrain === true;
  }

  /** Hands what is held to the stream and waits until it can take more. */
  async flush(): Promise<void> {
    this.handOff();
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
    // The stream keeps that buffer until it is written: take a new one.
    this.buf = Buffer.allocUnsafe(Output.SIZE);
    this.pos = 0;
    const held = this.stream.writableLength ?? 0;
    if (held > this.maxHeld) this.maxHeld = held;
  }
}
