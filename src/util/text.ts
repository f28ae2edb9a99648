/**
 * Lossless bytes <-> string conversion.
 *
 * IMAP strings are octets. Most are UTF-8 (RFC 9051, RFC 6855) or ASCII,
 * but real servers also send Latin-1 subjects and broken UTF-8. imapwire
 * gives users plain JS strings and still reproduces every byte: valid
 * UTF-8 decodes as usual, and each byte that is not part of a valid UTF-8
 * sequence becomes a lone surrogate U+DC80..U+DCFF ("surrogateescape", as
 * Python does it). Valid UTF-8 can never decode to a lone surrogate, so the
 * mapping is unambiguous and {@link encodeText} restores the exact bytes.
 */

const fatal = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Decode `bytes[start, end)` to a string without losing a byte.
 *
 * @example
 * decodeText(new Uint8Array([0x61, 0xe9])) // 'a\udce9' (0xE9 is not UTF-8 alone)
 */
export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const n = end - start;
  if (n <= CACHED_MAX) return decodeShort(bytes, start, end);
  if (n <= CODES_MAX && isAscii(bytes, start, end)) return fromCodes(bytes, start, n);
  return decodeUtf8(bytes, start, end);
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

// Short strings recur on every line of a mailbox listing (media types,
// parameter names, charsets, host names, mailbox names, display names), so
// they come from a small direct-mapped cache keyed by their bytes: a hit
// costs a hash and a compare and allocates nothing. The keys live in one
// pool, so a miss allocates only the string it decodes. Non-ASCII strings
// are cached too (display names such as "Bob Ödegaard" recur as often as
// host names): the value is whatever the lossless decode gives for those
// bytes, so a hit returns exactly what a miss would.
const CACHED_MAX = 24;
const CACHE_BITS = 12;
const cachePool = new Uint8Array((1 << CACHE_BITS) * CACHED_MAX);
const cacheLen = new Uint8Array(1 << CACHE_BITS);
const cacheStr: string[] = new Array<string>(1 << CACHE_BITS).fill('');
const cacheWords = new DataView(cachePool.buffer);

function decodeShort(bytes: Uint8Array, start: number, end: number): string {
  // FNV-1a over the bytes, four at a time (a shorter chain of multiplies).
  let h = HASH_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) h = hashStep(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  for (; i < end; i++) h = hashStep(h, bytes[i]);
  return cached(bytes, start, end, h, false);
}

/**
 * The hash {@link decodeAsciiHashed} takes starts at this value: FNV-1a's
 * offset basis 0x811c9dc5 as a signed 32-bit number (the same bits, so the
 * same hashes), so that a hash is an int32 from its first step on and the
 * optimizing compiler keeps it in a register (the unsigned value is a heap
 * number, which every loop step would check and convert).
 */
export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * One step of the short-string cache's hash (FNV-1a): `x` is the next four
 * bytes as a little-endian word (`b0 | b1 << 8 | b2 << 16 | b3 << 24`)
 * while four are left, then each last byte alone.
 */
export function hashStep(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

/**
 * {@link decodeText} for ASCII bytes whose hash the caller computed while
 * it scanned them (from {@link HASH_SEED}, {@link hashStep} over the bytes
 * from `start`), so a quoted string is read once: the scan that finds its
 * end also keys the cache.
 *
 * @example
 * let h = HASH_SEED;
 * for (const c of bytes) h = hashStep(h, c); // 3 bytes: each alone
 * decodeAsciiHashed(bytes, 0, 3, h); // 'abc' for bytes of "abc"
 */
export function decodeAsciiHashed(bytes: Uint8Array, start: number, end: number, h: number): string {
  if (end - start <= CACHED_MAX) return cached(bytes, start, end, h, true);
  return decodeAscii(bytes, start, end);
}

// Status texts ("Fetch completed (0.001 + 0.000 secs).", "Logging out")
// recur on every command's completion but are mostly longer than the
// short-string cache takes, and a text that long costs a call into
// TextDecoder (about 200-300 ns) when decoded anew. So the ASCII ones up to
// TEXT_CACHED_MAX bytes have a direct-mapped cache of their own (apart
// from the short one, so a burst of new texts does not evict atoms and
// names): a hit costs a compare of the bytes and allocates nothing; the
// value is what decodeAscii gives for those bytes.
const TEXT_CACHED_MAX = 96;
const TEXT_CACHE_BITS = 12;
const textPool = new Uint8Array((1 << TEXT_CACHE_BITS) * TEXT_CACHED_MAX);
const textLen = new Uint8Array(1 << TEXT_CACHE_BITS);
const textStr: string[] = new Array<string>(1 << TEXT_CACHE_BITS).fill('');
const textWords = new DataView(textPool.buffer);

let viewBuffer: ArrayBufferLike | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/**
 * A DataView over the whole buffer of `bytes` (the one made last time when
 * it is the same buffer: the frames of a chunk, and the packets of a
 * capture's chunk, are views of one buffer), so a scan can load four bytes
 * at once: with `o = bytes.byteOffset`, `wordView(b).getInt32(o + p, true)`
 * is `b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24`.
 *
 * @example
 * wordView(bytes).getInt32(bytes.byteOffset, true) // the first four bytes, little-endian
 */
export function wordView(bytes: Uint8Array): DataView<ArrayBufferLike> {
  const buffer = bytes.buffer;
  if (buffer !== viewBuffer) {
    viewBuffer = buffer;
    view = new DataView(buffer);
  }
  return view;
}

/**
 * {@link decodeAsciiHashed} for text that recurs whole (a status
 * response's text): ASCII bytes hashed by the caller's scan the same way;
 * up to 96 bytes they come from a cache of recent texts, longer ones go
 * through TextDecoder (ASCII is UTF-8; it is faster than `fromCharCode`
 * there).
 *
 * @example
 * decodeTextHashed(bytes, 0, n, h); // 'Fetch completed (0.001 + 0.000 secs).' for those bytes
 */
export function decodeTextHashed(bytes: Uint8Array, start: number, end: number, h: number): string {
  const n = end - start;
  if (n <= CACHED_MAX) return cached(bytes, start, end, h, true);
  if (n > TEXT_CACHED_MAX) return fatal.decode(bytes.subarray(start, end));
  const slot = hashStep(h, n) >>> (32 - TEXT_CACHE_BITS);
  const at = slot * TEXT_CACHED_MAX;
  if (textLen[slot] === n) {
    // Four bytes a compare: the same bytes, with a quarter of the loads.
    const v = wordView(bytes);
    const o = bytes.byteOffset + start;
    let k = 0;
    while (k + 4 <= n && textWords.getInt32(at + k, true) === v.getInt32(o + k, true)) k += 4;
    if (k + 4 > n) {
      while (k < n && textPool[at + k] === bytes[start + k]) k++;
      if (k === n) return textStr[slot];
    }
  }
  // ASCII is UTF-8: longer than fromCodes takes, TextDecoder is the faster call.
  const s = n <= CODES_MAX ? fromCodes(bytes, start, n) : fatal.decode(bytes.subarray(start, end));
  for (let k = 0; k < n; k++) textPool[at + k] = bytes[start + k];
  textLen[slot] = n;
  textStr[slot] = s;
  return s;
}

/** The cache lookup for `bytes[start, end)` hashed to `h`; a miss decodes and fills the slot. */
function cached(bytes: Uint8Array, start: number, end: number, h: number, ascii: boolean): string {
  const n = end - start;
  if (n === 0) return '';
  // The length goes in last (callers hash while they look for the end);
  // the slot is the top bits, which the multiply mixes best.
  const slot = hashStep(h, n) >>> (32 - CACHE_BITS);
  const at = slot * CACHED_MAX;
  if (cacheLen[slot] === n) {
    // Four bytes a compare while four are left, as for the text cache.
    const v = wordView(bytes);
    const o = bytes.byteOffset + start;
    let k = 0;
    while (k + 4 <= n && cacheWords.getInt32(at + k, true) === v.getInt32(o + k, true)) k += 4;
    if (k + 4 > n) {
      while (k < n && cachePool[at + k] === bytes[start + k]) k++;
      if (k === n) return cacheStr[slot];
    }
  }
  const s = ascii || isAscii(bytes, start, end) ? fromCodes(bytes, start, n) : decodeUtf8(bytes, start, end);
  for (let k = 0; k < n; k++) cachePool[at + k] = bytes[start + k];
  cacheLen[slot] = n;
  cacheStr[slot] = s;
  return s;
}

/** Valid UTF-8 (the common case) decodes natively; anything else byte by byte. */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  try {
    return fatal.decode(bytes.subarray(start, end));
  } catch {
    return decodeSlow(bytes, start, end);
  }
}

/** ASCII-only decode; callers guarantee the bytes are < 0x80. */
export function decodeAscii(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= CODES_MAX) return n <= 0 ? '' : fromCodes(bytes, start, n);
  if (n > 256) return fatal.decode(bytes.subarray(start, end));
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

const F = String.fromCharCode;

/** The longest string {@link fromCodes} builds with explicit arguments. */
const CODES_MAX = 40;

/**
 * `bytes[s, s + n)` (ASCII, 1 <= n) as a string in one allocation: one
 * `String.fromCharCode` call with the bytes as explicit arguments. For
 * strings up to {@link CODES_MAX} bytes that is 3-5x faster than
 * TextDecoder (a call into the runtime) or `fromCharCode.apply` on a
 * subarray (a view allocated, arguments spread), and unlike `+=` per
 * byte it builds no intermediate strings. Longer ones use `apply`.
 */
function fromCodes(b: Uint8Array, s: number, n: number): string {
  // Five switches of eight, not one of forty: each length is a load site
  // without type feedback until it is met, and one met after the function
  // was optimized deoptimizes all of it (it was compiled five times in one
  // run of the command); a small switch recompiles for a fraction of that.
  return n <= 8 ? codes8(b, s, n) : n <= 16 ? codes16(b, s, n) : n <= 24 ? codes24(b, s, n) : n <= 32 ? codes32(b, s, n) : codes40(b, s, n);
}

function codes8(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 1:
      return F(b[s]);
    case 2:
      return F(b[s], b[s + 1]);
    case 3:
      return F(b[s], b[s + 1], b[s + 2]);
    case 4:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    default:
      return F.apply(null, b.subarray(s, s + n) as unknown as number[]);
  }
}

function codes16(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 9:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10]);
    case 12:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11]);
    case 13:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12]);
    case 14:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13]);
    case 15:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14]);
    case 16:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]);
    default:
      return F.apply(null, b.subarray(s, s + n) as unknown as number[]);
  }
}

function codes24(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 17:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16]);
    case 18:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17]);
    case 19:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18]);
    case 20:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19]);
    case 21:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20]);
    case 22:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21]);
    case 23:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22]);
    case 24:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23]);
    default:
      return F.apply(null, b.subarray(s, s + n) as unknown as number[]);
  }
}

function codes32(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 25:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24]);
    case 26:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25]);
    case 27:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26]);
    case 28:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27]);
    case 29:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28]);
    case 30:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29]);
    case 31:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30]);
    case 32:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31]);
    default:
      return F.apply(null, b.subarray(s, s + n) as unknown as number[]);
  }
}

function codes40(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 33:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32]);
    case 34:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33]);
    case 35:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34]);
    case 36:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34], b[s + 35]);
    case 37:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34], b[s + 35], b[s + 36]);
    case 38:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34], b[s + 35], b[s + 36], b[s + 37]);
    case 39:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34], b[s + 35], b[s + 36], b[s + 37], b[s + 38]);
    case 40:
      return F(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19], b[s + 20], b[s + 21], b[s + 22], b[s + 23], b[s + 24], b[s + 25], b[s + 26], b[s + 27], b[s + 28], b[s + 29], b[s + 30], b[s + 31], b[s + 32], b[s + 33], b[s + 34], b[s + 35], b[s + 36], b[s + 37], b[s + 38], b[s + 39]);
    default:
      return F.apply(null, b.subarray(s, s + n) as unknown as number[]);
  }
}

function decodeSlow(bytes: Uint8Array, start: number, end: number): string {
  const parts: string[] = [];
  let runStart = start;
  let i = start;
  while (i < end) {
    const n = utf8SequenceLength(bytes, i, end);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > runStart) parts.push(fatal.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(0xdc00 + bytes[i]));
    i++;
    runStart = i;
  }
  if (end > runStart) parts.push(fatal.decode(bytes.subarray(runStart, end)));
  return parts.join('');
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the
 * byte there does not start one (RFC 3629 §4: no overlongs, no surrogates,
 * nothing above U+10FFFF).
 */
export function utf8SequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  if (c < 0xc2) return 0;
  if (c < 0xe0) return i + 1 < end && (b[i + 1] & 0xc0) === 0x80 ? 2 : 0;
  if (c < 0xf0) {
    if (i + 2 >= end) return 0;
    const c1 = b[i + 1];
    if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return 0;
    if (c === 0xe0 && c1 < 0xa0) return 0;
    if (c === 0xed && c1 >= 0xa0) return 0;
    return 3;
  }
  if (c < 0xf5) {
    if (i + 3 >= end) return 0;
    const c1 = b[i + 1];
    if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return 0;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

/**
 * True when `bytes[start, end)` is well-formed UTF-8.
 *
 * @example
 * isValidUtf8(new Uint8Array([0xc3, 0xa9])) // true; isValidUtf8(new Uint8Array([0xe9])) // false
 */
export function isValidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  let i = start;
  while (i < end) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(bytes, i, end);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/**
 * Encode a string to bytes, the inverse of {@link decodeText}: lone
 * surrogates U+DC80..U+DCFF become the single bytes 0x80..0xFF.
 *
 * @example
 * encodeText('a\udce9') // Uint8Array [0x61, 0xe9]
 */
export function encodeText(s: string): Uint8Array {
  let ascii = true;
  let surrogates = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      if (c >= 0xd800 && c <= 0xdfff) {
        surrogates = true;
        break;
      }
    }
  }
  if (ascii) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  if (!surrogates) return encoder.encode(s);
  const parts: Uint8Array[] = [];
  let total = 0;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      if (i > runStart) {
        const p = encoder.encode(s.slice(runStart, i));
        parts.push(p);
        total += p.length;
      }
      // Only U+DC80..U+DCFF carry an escaped byte; other lone surrogates
      // cannot be represented and go out as U+FFFD like TextEncoder does.
      const p = c >= 0xdc80 && c <= 0xdcff ? Uint8Array.of(c - 0xdc00) : Uint8Array.of(0xef, 0xbf, 0xbd);
      parts.push(p);
      total += p.length;
      runStart = i + 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      if (i > runStart) {
        const p = encoder.encode(s.slice(runStart, i));
        parts.push(p);
        total += p.length;
      }
      const p = Uint8Array.of(0xef, 0xbf, 0xbd);
      parts.push(p);
      total += p.length;
      runStart = i + 1;
    }
  }
  if (runStart < s.length) {
    const p = encoder.encode(s.slice(runStart));
    parts.push(p);
    total += p.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A printable excerpt of bytes for error messages: ASCII kept, the rest escaped. */
export function printable(bytes: Uint8Array, start: number, end: number, max = 24): string {
  if (start >= end) return 'end of input';
  const stop = Math.min(end, start + max);
  let s = '';
  for (let i = start; i < stop; i++) {
    const c = bytes[i];
    if (c === 0x0d) s += '\\r';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x5c) s += '\\\\';
    else if (c === 0x22) s += '\\"';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return '"' + s + (end > stop ? '…"' : '"');
}

/**
 * A fixed set of ASCII words matched against bytes without decoding them:
 * {@link match} gives the set's own string (the same string object every
 * time, so no allocation) or undefined. With `foldCase` the words are
 * upper case and match any case of the bytes; otherwise bytes must match
 * exactly. Used for names that recur on every line (FETCH items, flags,
 * response names).
 *
 * @example
 * const names = new Interner(['UID', 'FLAGS'], true);
 * names.match(bytes, 0, 3); // 'UID' for "uid", "UID", "Uid"
 */
export class Interner {
  private readonly words: string[] = [];
  /** The words' bytes back to back, as given. */
  private readonly pool: Uint8Array;
  /** The same, folded to lower case when `foldCase` (else equal to `pool`). */
  private readonly folded: Uint8Array;
  private readonly starts: Int32Array;
  /** (length << 8 | last byte, folded when `foldCase`) → 1 + index of the first word with that key; 0 for none. */
  private readonly heads = new Int32Array(32 << 8);
  /** 1 + index of the next word with the same key; 0 ends the chain. */
  private readonly chain: Int32Array;
  private readonly foldCase: boolean;
  /**
   * For {@link matchPrefix}: the first two bytes (folded, hashed by
   * {@link pairKey}) → 1 + index of the first word of two or more bytes
   * with that key, in the order given; 0 for none. Keyed by two bytes, a
   * chain rarely holds more than the word sought (flags and LIST
   * attributes all start with "\\", many FETCH items with "B").
   */
  private readonly pairHeads = new Int32Array(PAIR_KEYS);
  /** 1 + index of the next word with the same key; 0 ends the chain. */
  private readonly pairChain: Int32Array;
  /** The one-byte words (folded byte → 1 + index), for {@link matchPrefix}. */
  private readonly oneHeads = new Int32Array(256);

  constructor(words: readonly string[], foldCase: boolean) {
    this.foldCase = foldCase;
    const list = words.filter((w) => w.length > 0 && w.length < 32);
    this.starts = new Int32Array(list.length + 1);
    this.chain = new Int32Array(list.length);
    this.pairChain = new Int32Array(list.length);
    let total = 0;
    for (const w of list) total += w.length;
    this.pool = new Uint8Array(total);
    this.folded = new Uint8Array(total);
    let o = 0;
    list.forEach((w, k) => {
      this.words.push(w);
      this.starts[k] = o;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i) & 0xff;
        this.pool[o] = c;
        this.folded[o++] = foldCase ? FOLD[c] : c;
      }
      const key = (w.length << 8) | this.folded[o - 1];
      this.chain[k] = this.heads[key];
      this.heads[key] = k + 1;
    });
    this.starts[list.length] = o;
    for (let k = list.length - 1; k >= 0; k--) {
      const ws = this.starts[k];
      if (this.starts[k + 1] - ws === 1) {
        this.oneHeads[this.folded[ws]] = k + 1;
        continue;
      }
      const key = pairKey(this.folded[ws], this.folded[ws + 1]);
      this.pairChain[k] = this.pairHeads[key];
      this.pairHeads[key] = k + 1;
    }
  }

  /**
   * The word the bytes at `start` spell, when the byte after it is one that
   * ends a name (`ends[byte] === 1`) or `end` comes there; else undefined.
   * Gives what `match` would give for the whole name, but without first
   * scanning for the name's end: the scan and the compare are one pass.
   * Candidates are tried in the order the words were given, so list the
   * frequent ones first.
   */
  matchPrefix(b: Uint8Array, start: number, end: number, ends: Uint8Array): string | undefined {
    if (start >= end) return undefined;
    const fold = this.foldCase;
    const c0 = fold ? FOLD[b[start]] : b[start];
    if (start + 1 < end) {
      let k = this.pairHeads[pairKey(c0, fold ? FOLD[b[start + 1]] : b[start + 1])];
      const starts = this.starts;
      while (k !== 0) {
        const w = k - 1;
        const ws = starts[w];
        const n = starts[w + 1] - ws;
        const e = start + n;
        // Other pairs share a key: every byte is compared.
        if (e <= end && (e === end || ends[b[e]] === 1) && this.spells(b, start, ws, n)) return this.words[w];
        k = this.pairChain[w];
      }
    }
    // A one-byte word: it ends right after its byte (so no longer word matched).
    const one = this.oneHeads[c0];
    if (one !== 0 && (start + 1 === end || ends[b[start + 1]] === 1)) return this.words[one - 1];
    return undefined;
  }

  /**
   * True when `b[start, start + n)` spells the word whose bytes start at
   * `ws` in the pool. Names nearly always arrive spelled as listed (upper
   * case), so a plain byte compare comes first; only a difference goes on
   * with the folded compare (about half the cost of folding every byte).
   */
  private spells(b: Uint8Array, start: number, ws: number, n: number): boolean {
    const pool = this.pool;
    let i = 0;
    while (i < n && b[start + i] === pool[ws + i]) i++;
    if (i < n && this.foldCase) {
      const f = this.folded;
      while (i < n && FOLD[b[start + i]] === f[ws + i]) i++;
    }
    return i === n;
  }

  match(b: Uint8Array, start: number, end: number): string | undefined {
    const n = end - start;
    if (n <= 0 || n >= 32) return undefined;
    const fold = this.foldCase;
    const last = b[end - 1];
    let k = this.heads[(n << 8) | (fold ? FOLD[last] : last)];
    while (k !== 0) {
      const w = k - 1;
      const ws = this.starts[w];
      if (this.starts[w + 1] - ws === n && this.spells(b, start, ws, n)) return this.words[w];
      k = this.chain[w];
    }
    return undefined;
  }
}

/** The number of {@link Interner} pair keys (a power of two). */
const PAIR_KEYS = 1024;

/** The key of a word's first two (folded) bytes. */
function pairKey(c0: number, c1: number): number {
  return ((c0 * 37) ^ c1) & (PAIR_KEYS - 1);
}

/** ASCII letters folded to lower case; every other byte maps to itself. */
const FOLD = new Uint8Array(256);
for (let c = 0; c < 256; c++) FOLD[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;

/**
 * `s.toUpperCase()`, but the same string back, with no call into the
 * runtime, when `s` has no lower-case letter: command, response and key
 * names nearly always arrive in upper case already.
 */
export function upperAscii(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c >= 0x80) return s.toUpperCase();
  }
  return s;
}
