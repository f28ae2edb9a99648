import { CLASS, QUOTED, DQUOTE } from './chars.js';
import { HASH_SEED, hashStep, decodeAsciiHashed } from '../util/text.js';

/** Just past the closing DQUOTE of the last string {@link plainQuoted} read. */
export let plainQuotedEnd = 0;

/**
 * `quoted` (RFC 9051 §9) at `open` in its plain form, QUOTED-CHARs of
 * ASCII without an escape, as its string; undefined for any other form
 * (an escape, an 8-bit byte, a line end), which the caller reads the
 * general way. One scan finds the closing DQUOTE and hashes the bytes for
 * the string cache, four at a time, so they are read once.
 *
 * @example
 * plainQuoted(new TextEncoder().encode('"INBOX" x'), 0, 9) // 'INBOX' (plainQuotedEnd 7)
 */
export function plainQuoted(b: Uint8Array, open: number, end: number): string | undefined {
  if (open >= end || b[open] !== DQUOTE) return undefined;
  const s = open + 1;
  const p = scanHashed(b, s, end, QUOTED);
  if (p >= end || b[p] !== DQUOTE) return undefined;
  plainQuotedEnd = p + 1;
  return decodeAsciiHashed(b, s, p, runHash);
}

/** The hash {@link scanHashed} computed over the bytes it scanned. */
export let runHash = 0;

/**
 * The end of the run of `b[p, end)` whose bytes are all of class `mask`
 * (one ASCII class bit of wire/chars.ts), with the bytes hashed into
 * {@link runHash} as the string cache keys them (`decodeAsciiHashed`), four
 * at a time, so a token is read once.
 *
 * @example
 * scanHashed(new TextEncoder().encode('INBOX)'), 0, 6, ATOM) // 5
 */
export function scanHashed(b: Uint8Array, p: number, end: number, mask: number): number {
  let h = HASH_SEED;
  while (p + 4 <= end) {
    const c0 = b[p], c1 = b[p + 1], c2 = b[p + 2], c3 = b[p + 3];
    if ((CLASS[c0] & CLASS[c1] & CLASS[c2] & CLASS[c3] & mask) === 0) break;
    h = hashStep(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
    p += 4;
  }
  // Fewer than four are left before whatever stops the scan.
  while (p < end && (CLASS[b[p]] & mask) !== 0) h = hashStep(h, b[p++]);
  runHash = h;
  return p;
}
