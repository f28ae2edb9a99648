import { encodeText } from '../util/text.js';

/**
 * The bytes of one chunk pushed into a decoder: a `Uint8Array` (a Node
 * Buffer is one) as it is, a string as its UTF-8 bytes (each chunk on its
 * own, so a chunk should not end inside a surrogate pair). Anything else
 * would otherwise be read as no bytes at all, so it is a `TypeError`.
 *
 * @example
 * chunkBytes('a1 NOOP\r\n') // the 9 bytes
 */
export function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encodeText(chunk);
  const what = chunk === null ? 'null' : Array.isArray(chunk) ? 'an array' : typeof chunk === 'object' ? Object.prototype.toString.call(chunk) : typeof chunk;
  throw new TypeError(`push() takes a Uint8Array or a string, not ${what}`);
}
