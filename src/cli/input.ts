/// <reference types="node" />
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { CliError } from './errors.js';
import { checkHeapSizing } from './heap.js';

/**
 * Bytes per read: big enough to be fast, small enough to keep memory
 * bounded. A chunk's events are alive together, so the chunk is kept well
 * below the young generation (see heap.ts): with 256 KiB chunks and a
 * 1 MB semi-space most of them outlived a scavenge and garbage collection
 * took three times as long; with the 8 MB semi-space 256 KiB chunks were
 * still no faster than 64 KiB ones.
 */
export const CHUNK_SIZE = 64 * 1024;

/**
 * One input of a subcommand: a file path, or `-` for standard input.
 *
 * @example
 * const input = openInput('session.pcap');
 * for await (const chunk of input.chunks()) handle(chunk);
 */
export interface Input {
  /** As the user wrote it (`-` for standard input). */
  name: string;
  /** File size in bytes when known (not for pipes). */
  size?: number;
  /** The bytes in chunks of at most {@link CHUNK_SIZE}; never the whole file at once. */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * Checks that an input can be read and opens it lazily.
 *
 * @example
 * openInput('-'); // standard input
 */
export function openInput(name: string): Input {
  if (name === '-') {
    return { name, chunks: () => asBytes(process.stdin) };
  }
  let size: number | undefined;
  try {
    const st = statSync(name);
    if (st.isDirectory()) throw new CliError(`cannot read ${name}: it is a directory.`);
    if (st.isFile()) size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`cannot read ${name}: no such file.`);
    if (code === 'EACCES') throw new CliError(`cannot read ${name}: permission denied.`);
    throw new CliError(`cannot read ${name}: ${code ?? 'unknown error'}.`);
  }
  if (size !== undefined) return { name, size, chunks: () => fileBytes(name) };
  return { name, chunks: () => asBytes(createReadStream(name, { highWaterMark: CHUNK_SIZE })) };
}

/**
 * A regular file in {@link CHUNK_SIZE} synchronous reads, each into a
 * fresh buffer (events hold views of it). A read stream cost 0.25 s of CPU
 * on a 100 MB file (a threadpool round trip and a stream turn per chunk),
 * these reads 0.07 s. Blocking is harmless: the command does nothing else
 * while it waits for its input.
 */
async function* fileBytes(name: string): AsyncIterable<Uint8Array> {
  const fd = openSync(name, 'r');
  try {
    for (;;) {
      const b = Buffer.allocUnsafeSlow(CHUNK_SIZE);
      const n = readSync(fd, b, 0, CHUNK_SIZE, null);
      if (n === 0) return;
      checkHeapSizing();
      // A plain view, as asBytes hands on.
      yield new Uint8Array(b.buffer, b.byteOffset, n);
    }
  } finally {
    closeSync(fd);
  }
}

async function* asBytes(stream: AsyncIterable<unknown>): AsyncIterable<Uint8Array> {
  for await (const c of stream) {
    checkHeapSizing();
    const b = c as Buffer;
    // A Buffer is a Uint8Array; hand on a plain view so nothing downstream relies on Buffer methods.
    yield new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
}
