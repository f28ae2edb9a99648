import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { CapabilityResponse } from '../model/response.js';
import { CLASS, ATOM, SP, CR, RBRACKET } from '../wire/chars.js';
import { wordView } from '../util/text.js';

/**
 * `*(SP capability)` after the word CAPABILITY or ENABLED: atoms
 * (`AUTH=PLAIN` is an atom too). Stops at "]" (inside a response code) or
 * at the line end; a space before CRLF is left for `crlf()` to flag.
 */
export function readCapabilityList(r: Reader): string[] {
  const b = r.bytes;
  const start = r.pos;
  const hit = cached(b, start, r.end);
  if (hit !== undefined) {
    r.pos = start + hit.bytes.length;
    return hit.caps.slice();
  }
  const nw = r.warnings?.length ?? 0;
  const base = r.stackTop;
  // An atom char after the SP: not the line end (the common case, no atLineEnd call).
  while (r.pos < r.end && b[r.pos] === SP && ((CLASS[b[r.pos + 1]] & ATOM) !== 0 || !r.atLineEnd())) {
    r.pos++;
    r.stackPush(r.atom());
  }
  const caps = r.stackTake<string>(base);
  const stop = r.pos < r.end ? b[r.pos] : -1;
  if (caps.length > 0 && (stop === CR || stop === RBRACKET) && (r.warnings?.length ?? 0) === nw) remember(b, start, r.pos, stop, caps);
  return caps;
}

/**
 * A server sends the same capability list again and again (each session's
 * greeting or CAPABILITY response, before and after login), so the last
 * few lists read are kept with their bytes: the same bytes followed by the
 * same stop (CR or "]", where the loop above ends in either mode) give the
 * same atoms, in a new array, without scanning and decoding each one.
 * Lists that raised a quirk are not kept, so every warning is still raised.
 */
interface CachedList {
  bytes: Uint8Array;
  /** A view of `bytes`, for comparing four bytes at a time. */
  words: DataView;
  stop: number;
  caps: string[];
}
const CACHE: CachedList[] = [];
const CACHE_SIZE = 4;
let cacheNext = 0;

function cached(b: Uint8Array, start: number, end: number): CachedList | undefined {
  for (const e of CACHE) {
    const k = e.bytes;
    const n = k.length;
    if (start + n >= end || b[start + n] !== e.stop) continue;
    // Whole words compared (a list runs to hundreds of bytes).
    const bv = wordView(b);
    const o = b.byteOffset + start;
    const kv = e.words;
    let i = 0;
    // Sixteen bytes a step while they last (a quarter of the loop's own work), then four.
    while (
      i + 16 <= n &&
      kv.getInt32(i, true) === bv.getInt32(o + i, true) &&
      kv.getInt32(i + 4, true) === bv.getInt32(o + i + 4, true) &&
      kv.getInt32(i + 8, true) === bv.getInt32(o + i + 8, true) &&
      kv.getInt32(i + 12, true) === bv.getInt32(o + i + 12, true)
    )
      i += 16;
    while (i + 4 <= n && kv.getInt32(i, true) === bv.getInt32(o + i, true)) i += 4;
    if (i + 4 <= n) continue;
    while (i < n && b[start + i] === k[i]) i++;
    if (i === n) return e;
  }
  return undefined;
}

function remember(b: Uint8Array, start: number, end: number, stop: number, caps: string[]): void {
  const bytes = b.slice(start, end);
  const e: CachedList = { bytes, words: new DataView(bytes.buffer), stop, caps: caps.slice() };
  if (CACHE.length < CACHE_SIZE) CACHE.push(e);
  else CACHE[cacheNext] = e;
  cacheNext = (cacheNext + 1) % CACHE_SIZE;
}

/**
 * 2 for `IMAP4rev2`, 1 for `IMAP4rev1` (any case), else 0, without
 * upper-casing the capability.
 */
export function imap4Revision(c: string): 0 | 1 | 2 {
  if (c.length !== 9) return 0;
  for (let i = 0; i < 8; i++) if ((c.charCodeAt(i) | 0x20) !== IMAP4REV.charCodeAt(i)) return 0;
  const d = c.charCodeAt(8);
  return d === 0x31 ? 1 : d === 0x32 ? 2 : 0;
}
const IMAP4REV = 'imap4rev';

/** Write `*(SP capability)`. */
export function writeCapabilityList(w: Writer, caps: readonly string[]): void {
  for (const c of caps) w.sp().atom(c);
}

/**
 * `capability-data` (RFC 9051 §9: `*(SP capability) SP "IMAP4rev2"
 * *(SP capability)`; RFC 3501 §9 the same with "IMAP4rev1") must list
 * IMAP4rev1 or IMAP4rev2; `IMAP4rev1x` is another capability.
 */
export function checkCapabilities(r: Reader, caps: readonly string[], at: number): void {
  for (const c of caps) if (imap4Revision(c) !== 0) return;
  r.quirk('capability-no-imap4', 'a capability list holding IMAP4rev1 or IMAP4rev2', at, 'capability-data');
}

/** `capability-data` / `enable-data` after the response name. */
export function readCapabilityData(r: Reader, type: 'CAPABILITY' | 'ENABLED'): CapabilityResponse {
  const at = r.pos;
  const capabilities = readCapabilityList(r);
  if (type === 'CAPABILITY') checkCapabilities(r, capabilities, at);
  return { type, capabilities };
}

/** Write `CAPABILITY ...` / `ENABLED ...` (name included). */
export function writeCapabilityData(w: Writer, v: CapabilityResponse): void {
  w.ascii(v.type);
  writeCapabilityList(w, v.capabilities);
}
