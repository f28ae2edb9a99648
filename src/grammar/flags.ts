import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Flag } from '../model/flags.js';
import { CLASS, ATOM, ASTRING, HIGH, BACKSLASH, STAR } from '../wire/chars.js';
import { Interner, decodeAscii, decodeText } from '../util/text.js';

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
  const nw = r.warnings?.length ?? 0;
  const list = readFlags(r, allowStar);
  return r.warnings !== undefined && r.warnings.length > nw && list.includes(DROPPED) ? list.filter((f) => f !== DROPPED) : list;
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
