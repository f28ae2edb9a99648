import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Flag } from '../model/flags.js';
import { CLASS, ATOM, ASTRING, HIGH, BACKSLASH, STAR, LPAREN } from '../wire/chars.js';
import { Interner, decodeAscii, decodeText, wordView, hashStep, HASH_SEED } from '../util/text.js';

/**
 * Flags seen on nearly every FETCH line, kept as one string each (exact
 * spelling: a flag is written back as it was sent).
 */
const COMMON_FLAGS = new Interner(
  [
    '\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent', '$Forwarded', '$MDNSent', '$Junk', '$NotJunk',
    'Junk', 'NonJunk', '$Phishing', '$Important', '$Label1', '$Label2', '$Label3', '$Label4', '$Label5',
    // LIST / LSUB attributes (RFC 9051 §7.3.1, RFC 6154 special-use), after the FETCH flags they share "\\" with.
    '\\HasNoChildren', '\\HasChildren', '\\Noselect', '\\NoInferiors', '\\Marked', '\\Unmarked', '\\NonExistent', '\\Subscribed',
    '\\Remote', '\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive', '\\All', '\\Important',
  ],
  false,
);

const RPAREN_BYTE = 0x29;

/** Bytes that end a flag: where readFlag's scan stops, in strict and in lenient mode. */
const ENDS_STRICT = new Uint8Array(256);
const ENDS_LENIENT = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  ENDS_STRICT[c] = (CLASS[c] & ATOM) === 0 ? 1 : 0;
  ENDS_LENIENT[c] = (CLASS[c] & (ASTRING | HIGH)) === 0 ? 1 : 0;
}

/**
 * `flag` / `flag-fetch` / `flag-perm` (RFC 9051 §9): "\" atom, an atom
 * keyword, or (with `allowStar`) "\*". Lenient mode also accepts keywords
 * holding "]" or 8-bit bytes, which some servers put in PERMANENTFLAGS.
 */
export function readFlag(r: Reader, allowStar = false): Flag {
  const b = r.bytes;
  const start = r.pos;
  const slash = start < r.end && b[start] === BACKSLASH;
  const s0 = slash ? start + 1 : start;
  if (slash && s0 < r.end && b[s0] === STAR) {
    if (!allowStar) {
      // GreenMail: `\*` in FLAGS, where only PERMANENTFLAGS may hold it. Dropped from the value.
      r.quirk('greenmail-flags-star', 'flag (\\* only in PERMANENTFLAGS)', start, 'flag');
      r.pos = s0 + 1;
      return DROPPED;
    }
    r.pos = s0 + 1;
    return '\\*';
  }
  // A common flag is matched right at the cursor (no scan for its end
  // first); it ends where the scan below would stop.
  const loose = !r.strict || r.tolerates('flag-bracket') || r.tolerates('8bit-atom');
  const common = COMMON_FLAGS.matchPrefix(b, start, r.end, loose ? ENDS_LENIENT : ENDS_STRICT);
  if (common !== undefined) {
    r.pos = start + common.length;
    return common;
  }
  const mask = loose ? ASTRING | HIGH : ATOM;
  let p = s0;
  let odd = false;
  while (p < r.end) {
    const c = b[p];
    if ((CLASS[c] & mask) === 0) break;
    if (c >= 0x80 || c === 0x5d) odd = true;
    p++;
  }
  if (p === s0) throw r.error(slash ? 'flag' : 'flag-keyword', s0);
  r.pos = p;
  // Strict scan stopped at "]" inside the word: the Gmail keyword quirk, refused here.
  if (!loose && p < r.end && b[p] === 0x5d && p + 1 < r.end && b[p + 1] !== RPAREN_BYTE && b[p + 1] !== 0x20) {
    r.quirk('flag-bracket', 'ATOM-CHAR', p, 'flag-keyword');
  }
  if (odd) {
    for (let k = s0; k < p; k++) {
      const c = b[k];
      if (c >= 0x80 || c === 0x5d) {
        if (c === 0x5d) {
          // No valid IMAP form holds "]" in a flag: the keyword cannot be written back, so it is dropped.
          r.quirk('flag-bracket', 'ATOM-CHAR', k, 'flag-keyword');
          return DROPPED;
        }
        r.quirk('8bit-atom', 'ATOM-CHAR', k, 'flag-keyword');
        break;
      }
    }
  }
  const name = odd ? decodeText(b, s0, p) : decodeAscii(b, s0, p);
  return slash ? '\\' + name : name;
}

/** What {@link readFlag} gives for a flag a quirk drops from the value (see {@link readFlagList}). */
export const DROPPED = '';

/**
 * `flag-list`: "(" [flag *(SP flag)] ")". Flags a quirk drops (`\*` in
 * FLAGS, keywords holding "]") are left out of the list.
 */
export function readFlagList(r: Reader, allowStar = false): Flag[] {
  const b = r.bytes;
  const start = r.pos;
  // A list that open() would refuse (too deep) is not looked up.
  const close = r.depth < r.maxDepth ? listClose(b, start, r.end) : -1;
  let slot = -1;
  if (close >= 0) {
    const n = close + 1 - start;
    slot = hashStep(listHash, n) >>> (32 - LIST_CACHE_BITS);
    if (listLen[slot] === n && listStar[slot] === (allowStar ? 1 : 0) && sameBytes(b, start, n, slot * LIST_CACHED_MAX)) {
      r.pos = close + 1;
      return listValue[slot].slice();
    }
  }
  const nw = r.warnings?.length ?? 0;
  const list = readFlags(r, allowStar);
  const warned = r.warnings !== undefined && r.warnings.length > nw;
  if (slot >= 0 && !warned && r.pos === close + 1) {
    const at = slot * LIST_CACHED_MAX;
    for (let k = start; k <= close; k++) listPool[at + k - start] = b[k];
    listLen[slot] = close + 1 - start;
    listStar[slot] = allowStar ? 1 : 0;
    listValue[slot] = list.slice();
  }
  return warned && list.includes(DROPPED) ? list.filter((f) => f !== DROPPED) : list;
}

// The same flag lists come again and again (a mailbox's FLAGS on every
// SELECT, `(\Seen)` on FETCH lines, LIST attributes), so the lists read
// without a warning are kept by their bytes, "(" to ")", in a direct-mapped
// cache: the same bytes (and the same allowStar) give the same flags, in a
// new array, without reading each flag. Bytes that read with a warning are
// never kept, so every quirk is still reported (and strict mode, which
// refuses what the default mode warns about, reads alike whatever it keeps).
const LIST_CACHED_MAX = 128;
const LIST_CACHE_BITS = 9;
const listPool = new Uint8Array((1 << LIST_CACHE_BITS) * LIST_CACHED_MAX);
const listWords = new DataView(listPool.buffer);
const listLen = new Uint8Array(1 << LIST_CACHE_BITS);
const listStar = new Uint8Array(1 << LIST_CACHE_BITS);
const listValue: Flag[][] = new Array<Flag[]>(1 << LIST_CACHE_BITS).fill([]);
/** The hash of the bytes the last {@link listClose} scanned. */
let listHash = 0;

/**
 * Where the ")" of the list at `start` is (the first ")": a flag-list does
 * not nest and no flag holds one), within LIST_CACHED_MAX bytes and the
 * frame; -1 when none is. Hashes the bytes before it into `listHash`.
 */
function listClose(b: Uint8Array, start: number, end: number): number {
  const lim = Math.min(end, start + LIST_CACHED_MAX);
  if (start >= lim || b[start] !== LPAREN) return -1;
  const v = wordView(b);
  const o = b.byteOffset;
  let p = start;
  let h = HASH_SEED;
  while (p + 4 <= lim) {
    const x = v.getInt32(o + p, true);
    const y = x ^ 0x29292929; // a byte of y is 0 where x holds ")"
    if (((y - 0x01010101) & ~y & 0x80808080) !== 0) break;
    h = hashStep(h, x);
    p += 4;
  }
  while (p < lim && b[p] !== RPAREN_BYTE) h = hashStep(h, b[p++]);
  listHash = h;
  return p < lim ? p : -1;
}

/** True when `b[start, start + n)` are the bytes kept at `at` in the pool. */
function sameBytes(b: Uint8Array, start: number, n: number, at: number): boolean {
  const v = wordView(b);
  const o = b.byteOffset + start;
  let k = 0;
  while (k + 4 <= n) {
    if (listWords.getInt32(at + k, true) !== v.getInt32(o + k, true)) return false;
    k += 4;
  }
  while (k < n) {
    if (listPool[at + k] !== b[start + k]) return false;
    k++;
  }
  return true;
}

function readFlags(r: Reader, allowStar: boolean): Flag[] {
  r.open();
  if (r.atClose()) {
    r.close();
    return [];
  }
  // Lists of one or two flags (most FETCH lines) are built as literals of
  // that size: a push onto [] would reserve 17 slots, which is GC work on
  // every line.
  const f0 = readFlag(r, allowStar);
  if (r.atClose()) {
    r.close();
    return [f0];
  }
  r.sp();
  const out: Flag[] = [f0, readFlag(r, allowStar)];
  while (!r.atClose()) {
    r.sp();
    out.push(readFlag(r, allowStar));
  }
  r.close();
  return out;
}

/** Write one flag: "\" atom, "\*" or an atom keyword. */
export function writeFlag(w: Writer, f: Flag): void {
  if (f === '\\*') {
    w.ascii('\\*');
    return;
  }
  if (f.startsWith('\\')) {
    w.byte(BACKSLASH);
    w.atom(f.slice(1), ATOM);
    return;
  }
  w.atom(f, ATOM);
}

/** Write `flag-list`. */
export function writeFlagList(w: Writer, flags: readonly Flag[]): void {
  w.list(flags, writeFlag);
}
