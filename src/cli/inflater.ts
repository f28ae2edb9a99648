/// <reference types="node" />
import zlib from 'node:zlib';
import type { Inflater, InflaterFactory } from '../capture/types.js';

/**
 * An {@link Inflater} on `node:zlib`: one stateful raw inflater for one
 * direction of a COMPRESS=DEFLATE session (RFC 4978 §3: raw DEFLATE, a
 * sync flush after each write, no end of stream). Each call writes the
 * bytes and flushes with `Z_SYNC_FLUSH`, so it gives everything these
 * bytes complete. zlib's streaming API is asynchronous, hence the promise.
 * Corrupt data rejects this call and every later one.
 *
 * @example
 * const inflater = zlibInflater();
 * const text = await inflater.inflate(compressedBytes);
 */
export function zlibInflater(): Inflater {
  const z = zlib.createInflateRaw();
  const out: Buffer[] = [];
  let failed: Error | undefined;
  let waiting: ((e: Error) => void) | undefined;
  z.on('data', (c: Buffer) => out.push(c));
  z.on('error', (e: Error) => {
    failed = new Error(`the compressed stream is corrupt (${e.message})`);
    waiting?.(failed);
  });
  let queue: Promise<unknown> = Promise.resolve();
  const step = (bytes: Uint8Array): Promise<Uint8Array> =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (failed !== undefined) return reject(failed);
      waiting = reject;
      z.write(bytes);
      z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        waiting = undefined;
        if (failed !== undefined) return reject(failed);
        const got = out.length === 1 ? out[0]! : Buffer.concat(out);
        out.length = 0;
        resolve(new Uint8Array(got.buffer, got.byteOffset, got.length));
      });
    });
  return {
    inflate(bytes: Uint8Array): Promise<Uint8Array> {
      // Calls run one after another even if the caller does not wait.
      const p = queue.then(() => step(bytes));
      queue = p.catch(() => undefined);
      return p;
    },
  };
}

/**
 * The {@link InflaterFactory} the command line passes to the conversation decoder.
 *
 * @example
 * new ConversationDecoder({ inflater: zlibInflaterFactory });
 */
export const zlibInflaterFactory: InflaterFactory = zlibInflater;
