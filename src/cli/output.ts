/// <reference types="node" />
/**
 * The report's writer: text goes to standard output in batches, and a
 * batch waits for the stream to drain, so a slow reader of the output
 * (a pipe, a terminal) holds the pipeline back instead of letting
 * output pile up in memory.
 *
 * @example
 * const out = new Output(process.stdout);
 * out.write('one line\n');
 * await out.flush();
 */
export class Output {
  private parts: string[] = [];
  private size = 0;
  /** Largest batch held before it was written (a counted measure of memory). */
  maxHeld = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  /** Whether enough is held that the caller should {@link flush} now. */
  get full(): boolean {
    return this.size >= 256 * 1024;
  }

  /** Writes what is held and waits until the stream can take more. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    if (this.size > this.maxHeld) this.maxHeld = this.size;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
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
  }
}
