import type { Reader } from './reader.js';
import { CLASS, TEXT, CR, LF } from './chars.js';
import { indexOfNul } from '../util/bytes.js';
import { decodeText, decodeTextHashed, HASH_SEED, utf8SequenceLength, wordView } from '../util/text.js';

/**
 * `text` (RFC 9051 §9: 1*TEXT-CHAR): the rest of the line up to CRLF (not
 * consumed), at least one byte; the body of {@link Reader.text}.
 *
 * Nearly every text is ASCII TEXT-CHARs to the line end (a status
 * response's text), so one pass checks the bytes, finds the end and hashes
 * them for {@link decodeTextHashed}'s cache of recent texts: a recurring
 * text costs no decode. Anything else (an 8-bit byte, NUL, an empty text)
 * stops the scan and takes the general path from the start, which reports
 * the quirks and errors.
 *
 * @example
 * readText(new Reader(new TextEncoder().encode('Logging out\r\n'))) // 'Logging out'
 */
export function readText(r: Reader): string {
  const b = r.bytes;
  const start = r.pos;
  const end = r.end;
  let p = start;
  let h = HASH_SEED;
  const v = wordView(b);
  const o = b.byteOffset;
  // hashStep written out: a call to an imported function costs a binding
  // check per step in optimized code.
  while (p + 4 <= end) {
    // Four bytes at once: TEXT-CHARs are the bytes 0x01-0x7F but CR and LF,
    // so the word has no high bit set and no byte 0, CR or LF (each found
    // with the has-a-zero-byte test on the word XOR that byte).
    const x = v.getInt32(o + p, true);
    const cr = x ^ 0x0d0d0d0d;
    const lf = x ^ 0x0a0a0a0a;
    if (((x | (((x - 0x01010101) & ~x) | ((cr - 0x01010101) & ~cr) | ((lf - 0x01010101) & ~lf))) & 0x80808080) !== 0) break;
    h = Math.imul(h ^ x, 0x01000193);
    p += 4;
  }
  while (p < end && (CLASS[b[p]] & TEXT) !== 0) h = Math.imul(h ^ b[p++], 0x01000193);
  if (p > start && (p === end || b[p] === CR || b[p] === LF)) {
    r.pos = p;
    return decodeTextHashed(b, start, p, h);
  }
  return readTextSlow(r);
}

function readTextSlow(r: Reader): string {
  const start = r.pos;
  const nw = r.warnings?.length ?? 0;
  const p = textEnd(r);
  if (p === start) throw r.error('text');
  r.pos = p;
  // NUL cannot be written back (it is no TEXT-CHAR): the value is what the
  // bytes read as without it, which is what its written form reads as
  // (F0 00 9F 98 80 is one character once the NUL is gone, and written
  // back it is that character).
  if (r.warnings !== undefined && r.warnings.length > nw && indexOfNul(r.bytes, start, p) >= 0) {
    const kept = r.bytes.subarray(start, p).filter((c) => c !== 0);
    return decodeText(kept, 0, kept.length);
  }
  return decodeText(r.bytes, start, p);
}

/**
 * End of `text` from the cursor (not moved): the line end. 8-bit bytes
 * that are not UTF-8, and NUL, are quirks (errors in strict mode); the
 * body of {@link Reader.textEnd}.
 *
 * @example
 * textEnd(new Reader(new TextEncoder().encode('Logging out\r\n'))) // 11
 */
export function textEnd(r: Reader): number {
  const b = r.bytes;
  const end = r.end;
  let p = r.pos;
  while (p < end) {
    const c = b[p];
    if ((CLASS[c] & TEXT) !== 0) {
      p++;
      continue;
    }
    if (c === CR || c === LF) break;
    if (c >= 0x80) {
      const n = utf8SequenceLength(b, p, end);
      if (n > 0) {
        p += n;
        continue;
      }
    }
    r.quirk(c === 0 ? 'text-nul' : 'text-8bit', 'TEXT-CHAR', p);
    p++;
  }
  return p;
}
