/**
 * Base64 (RFC 4648 §4) without Node's Buffer, for SASL data
 * (AUTHENTICATE lines and SASL-IR initial responses).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/**
 * Decode base64 `bytes[start, end)`; null when it is not base64. With
 * `lenient`, missing `=` padding is accepted.
 *
 * @example
 * decodeBase64(new TextEncoder().encode('AGZyZWQAdGlnZXI=')) // \0fred\0tiger
 */
export function decodeBase64(bytes: Uint8Array, start = 0, end = bytes.length, lenient = false): Uint8Array | null {
  let n = end - start;
  let pad = 0;
  while (n > 0 && pad < 2 && bytes[start + n - 1] === 0x3d) {
    n--;
    pad++;
  }
  if (pad > 0 ? (n + pad) % 4 !== 0 : n % 4 !== 0 && !lenient) return null;
  if (n % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < start + n; i++) {
    const v = VALUE[bytes[i]];
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Non-zero leftover bits mean a non-canonical encoding.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}

/**
 * Encode bytes as base64 text (ASCII).
 *
 * @example
 * encodeBase64(new Uint8Array([0, 0x66])) // 'AGY='
 */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    s += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + '==';
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    s += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + '=';
  }
  return s;
}
