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
  // A text too long for the short-string cache, read while a decoder has
  // a window open (nearly always: the text runs to the frame's CRLF): a
  // slice of the window, with no hash to compute and no cache to compare.
  if (windowOpen && end - start > WINDOW_MIN + 2) {
    const q = asciiTextEnd(b, start, end);
    // NUL or an 8-bit byte: the slow path's, without scanning again here.
    if (q !== end && b[q] !== CR && b[q] !== LF) return readTextSlow(r);
    if (q - start > WINDOW_MIN) {
      r.pos = q;
      return windowText(b, start, q);
    }
  }
  let p = start;
  let h = HASH_SEED;
  const v = wordView(b);
  const o = b.byteOffset;
  // hashStep written out: a call to an imported function costs a binding
  // check per step in optimized code.
  while (p + 4 <= end) {
    const x = v.getInt32(o + p, true);
    if (!textChars4(x)) break;
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

/**
 * Whether the four bytes of `x` are all TEXT-CHARs, the bytes 0x01-0x7F
 * but CR and LF: no high bit set and no byte 0, CR or LF (each found with
 * the has-a-zero-byte test on the word XOR that byte).
 */
function textChars4(x: number): boolean {
  const cr = x ^ 0x0d0d0d0d;
  const lf = x ^ 0x0a0a0a0a;
  return ((x | (((x - 0x01010101) & ~x) | ((cr - 0x01010101) & ~cr) | ((lf - 0x01010101) & ~lf))) & 0x80808080) === 0;
}

/** The end of the TEXT-CHARs from `start` (before `end`): the first byte that is NUL, CR, LF or 8-bit. */
function asciiTextEnd(b: Uint8Array, start: number, end: number): number {
  const v = wordView(b);
  const o = b.byteOffset;
  let p = start;
  while (p + 4 <= end) {
    const x = v.getInt32(o + p, true);
    if (!textChars4(x)) break;
    p += 4;
  }
  while (p < end && (CLASS[b[p]] & TEXT) !== 0) p++;
  return p;
}

// A decoder reads many texts out of one chunk. Instead of decoding each
// one (a cache lookup, or a call into TextDecoder for a text not seen
// lately), it decodes an ASCII window of the chunk once and cuts texts out
// of it. V8 makes a cut of 13 or more characters a view of the window
// string, so a text the caller keeps keeps its window alive: a window is
// at most WINDOW bytes (never the whole chunk), which bounds what a kept
// text holds. Windows exist only between openTextWindow and
// closeTextWindow, while a decoder is inside one push: the chunk's bytes
// do not change under it then, but the caller may reuse them afterwards.
// A window starts at SMALL_WINDOW bytes and doubles up to WINDOW while
// each text lies close after the last window (a run of status responses);
// a text far from the last one (one completion after a chunk of message
// data) gets a small window again, so what it holds stays small.
const WINDOW = 2048;
const SMALL_WINDOW = 256;
let winSize = SMALL_WINDOW;
/** Texts up to this long come from the caches of recent texts instead (a hit allocates nothing); the fixed ones servers repeat ("Logging out") are short, the long ones carry timings and names. */
const WINDOW_MIN = 32;
let windowOpen = false;
let winBytes: Uint8Array | undefined;
let winStart = 0;
let winEnd = 0;
let winStr = '';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Let {@link readText} cut texts out of ASCII windows of the bytes it
 * reads, until {@link closeTextWindow}. The caller promises that those
 * bytes do not change in between. Internal to imapwire's decoders.
 *
 * @example
 * openTextWindow();
 * try { framer.push(chunk); } finally { closeTextWindow(); }
 *
 * @internal
 */
export function openTextWindow(): void {
  windowOpen = true;
}

/**
 * End what {@link openTextWindow} began: the window is let go (texts
 * already cut out of it stay as they are).
 *
 * @example
 * closeTextWindow();
 *
 * @internal
 */
export function closeTextWindow(): void {
  windowOpen = false;
  winBytes = undefined;
  winStr = '';
  winSize = SMALL_WINDOW;
}

/** `b[start, end)`, ASCII TEXT-CHARs, as a cut of the window that holds it (a new window if none does). */
function windowText(b: Uint8Array, start: number, end: number): string {
  if (b !== winBytes || start < winStart || end > winEnd) {
    winSize = b === winBytes && start >= winEnd && start - winEnd < winSize ? Math.min(winSize * 2, WINDOW) : SMALL_WINDOW;
    let stop = Math.min(b.length, Math.max(end, start + winSize));
    let s = decodeWindow(b, start, stop);
    if (s.length !== stop - start) {
      // An 8-bit byte after the text: the window ends before it (offsets
      // in the string must be byte offsets).
      stop = end;
      while (stop < b.length && stop - start < winSize && b[stop] < 0x80) stop++;
      s = decodeWindow(b, start, stop);
    }
    winBytes = b;
    winStart = start;
    winEnd = stop;
    winStr = s;
  }
  return winStr.slice(start - winStart, end - winStart);
}

/** The bytes as UTF-8 ('' when they are not: the caller sees the length differ). */
function decodeWindow(b: Uint8Array, start: number, stop: number): string {
  try {
    return utf8.decode(b.subarray(start, stop));
  } catch {
    return '';
  }
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
