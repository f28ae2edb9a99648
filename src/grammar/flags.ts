import type { Reader } from '../wire/reader.js';
import type { Writer } from '../wire/writer.js';
import type { Flag } from '../model/flags.js';
import { ATOM, ASTRING, HIGH, BACKSLASH, STAR } from '../wire/chars.js';

/**
 * `flag` / `flag-fetch` / `flag-perm` (RFC 9051 §9): "\" atom, an atom
 * keyword, or (with `allowStar`) "\*". Lenient mode also accepts keywords
 * holding "]" or 8-bit bytes, which some servers put in PERMANENTFLAGS.
 */
export function readFlag(r: Reader, allowStar = false): Flag {
  const start = r.pos;
  const slash = r.skip(BACKSLASH);
  if (slash && allowStar && r.skip(STAR)) return '\\*';
  let name: string;
  if (r.strict) name = r.atom();
  else {
    const s0 = r.pos;
    name = r.atomWith(ASTRING | HIGH, 'flag');
    for (let k = s0; k < r.pos; k++) {
      const c = r.bytes[k];
      if (c >= 0x80 || c === 0x5d) {
        r.quirk(c === 0x5d ? 'flag-bracket' : '8bit-atom', 'flag', k);
        break;
      }
    }
  }
  if (r.pos === start) throw r.error('flag');
  return slash ? '\\' + name : name;
}

/** `flag-list`: "(" [flag *(SP flag)] ")". */
export function readFlagList(r: Reader, allowStar = false): Flag[] {
  return r.list((x) => readFlag(x, allowStar));
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
