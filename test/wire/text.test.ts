import { describe, it, expect } from 'vitest';
import { Interner, decodeText, decodeAscii, decodeAsciiHashed, decodeTextHashed, hashStep, HASH_SEED, encodeText, isValidUtf8, printable, utf8SequenceLength } from '../../src/util/text.js';
import { bytes, latin1 } from './helpers.js';

describe('lossless text (surrogateescape)', () => {
  it('valid UTF-8 decodes as usual, short and long', () => {
    expect(decodeText(bytes('café €𝄞'))).toBe('café €𝄞');
    const long = 'é'.repeat(100);
    expect(decodeText(bytes(long))).toBe(long);
  });

  it('bytes outside valid UTF-8 become U+DC80..U+DCFF and come back', () => {
    const cases: number[][] = [
      [0x61, 0xe9], // Latin-1 é
      [0xc0, 0x80], // overlong NUL
      [0xed, 0xa0, 0x80], // UTF-8 encoded surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xe2, 0x82], // truncated €
      [0xff],
    ];
    for (const c of cases) {
      const b = Uint8Array.from(c);
      const s = decodeText(b);
      expect(latin1(encodeText(s)), c.join(',')).toBe(latin1(b));
    }
    expect(decodeText(Uint8Array.of(0x61, 0xe9))).toBe('a\udce9');
    expect(decodeText(Uint8Array.of(0xe2, 0x82))).toBe('\udce2\udc82');
    const longBad = new Uint8Array(200).fill(0x41);
    longBad[150] = 0xff;
    expect(latin1(encodeText(decodeText(longBad)))).toBe(latin1(longBad));
  });

  it('every length decodes to the same string, in and out of the cache, at any offset', () => {
    // Lengths across the short-string cache (24) and the explicit-argument
    // decode (40) limits; each string twice so the second comes from the cache.
    for (let n = 0; n <= 300; n += n < 64 ? 1 : 59) {
      let text = '';
      for (let k = 0; k < n; k++) text += String.fromCharCode(0x21 + ((k * 7 + n) % 94));
      const framed = bytes(`xy${text}z`);
      for (const round of [1, 2]) {
        expect(decodeText(framed, 2, 2 + n), `length ${n}, round ${round}`).toBe(text);
        expect(decodeAscii(framed, 2, 2 + n), `length ${n}, round ${round}`).toBe(text);
      }
      if (n > 0) {
        // One byte more or less, or another byte at the end, is another string.
        expect(decodeText(framed, 2, 1 + n)).toBe(text.slice(0, -1));
        expect(decodeText(framed, 1, 2 + n)).toBe('y' + text);
        const other = framed.slice();
        other[1 + n] ^= 1;
        expect(decodeText(other, 2, 2 + n)).toBe(text.slice(0, -1) + String.fromCharCode(text.charCodeAt(n - 1) ^ 1));
      }
      const high = bytes(`${text}é`);
      expect(decodeText(high), `length ${n} + é`).toBe(text + 'é');
    }
  });

  it('decodeAsciiHashed gives what decodeText gives, whatever hash it is handed', () => {
    const b = bytes('xx example.org Sender 12 <m1.2@example.org> a-rather-long-ascii-string-past-forty-bytes');
    for (const [s, e] of [[3, 14], [15, 24], [25, 43], [44, b.length], [3, 3]]) {
      let h = HASH_SEED;
      let i = s;
      for (; i + 4 <= e; i += 4) h = hashStep(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
      for (; i < e; i++) h = hashStep(h, b[i]);
      expect(decodeAsciiHashed(b, s, e, h)).toBe(decodeText(b, s, e));
      // A wrong hash only picks another slot: the bytes are still compared.
      expect(decodeAsciiHashed(b, s, e, h ^ 0x5a5a5a5a)).toBe(decodeText(b, s, e));
      expect(decodeAsciiHashed(b, s, e, 0)).toBe(latin1(b.subarray(s, e)));
    }
  });

  it('decodeTextHashed gives what decodeText gives at every length, hit or miss, whatever hash it is handed', () => {
    for (let n = 0; n <= 130; n++) {
      // Two texts of one length that differ only in their last byte.
      for (const last of ['.', '!']) {
        let text = '';
        for (let k = 0; k < n; k++) text += k === n - 1 ? last : String.fromCharCode(0x20 + ((k * 11 + n) % 95));
        const b = bytes(`x${text}\r\n`);
        let h = HASH_SEED;
        let i = 1;
        for (; i + 4 <= n + 1; i += 4) h = hashStep(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
        for (; i < n + 1; i++) h = hashStep(h, b[i]);
        // The second call is a hit; the constant hash makes both texts of a length share a slot.
        for (const hash of [h, h, 7, 7]) expect(decodeTextHashed(b, 1, n + 1, hash)).toBe(text);
      }
    }
  });

  it('decodeTextHashed compares the bytes of the array it is handed, at any byteOffset in its buffer', () => {
    // The caches compare four bytes at a time through one DataView per
    // buffer (wordView): an array that starts inside its buffer must be
    // read from its own first byte. Here the buffer's first bytes are the
    // text cached in the slot, and the array past them holds another text
    // of that length with the same (forced) hash.
    for (const n of [8, 20, 30, 60]) {
      const a = 'A'.repeat(n - 1) + '.';
      const b = 'B'.repeat(n - 1) + '!';
      const buf = bytes(a + b + '\r\n');
      expect(decodeTextHashed(buf, 0, n, 7)).toBe(a);
      const view = buf.subarray(n);
      expect(view.byteOffset).toBe(n);
      expect(decodeTextHashed(view, 0, n, 7), `length ${n}`).toBe(b);
      expect(decodeTextHashed(view, 0, n, 7), `length ${n}, a hit`).toBe(b);
    }
  });

  it('Interner.matchPrefix finds the word the bytes spell up to an end byte, one-byte words and words sharing their first bytes included', () => {
    const ends = new Uint8Array(256);
    for (const c of [0x20, 0x28, 0x29, 0x0d, 0x5d]) ends[c] = 1;
    const words = ['\\Draft', '\\Drafts', '\\Deleted', 'X', 'XY', 'OK', 'NO', 'B', 'BAD', 'BODY', 'BODYSTRUCTURE'];
    for (const fold of [false, true]) {
      const names = new Interner(words, fold);
      const at = (s: string, start = 0) => names.matchPrefix(bytes(s), start, s.length, ends);
      for (const w of words) {
        expect(at(`${w} x`)).toBe(w);
        expect(at(`${w}`)).toBe(w);
        expect(at(`${w}]`)).toBe(w);
        expect(at(`${w}z `)).toBeUndefined();
        expect(at(`  ${w})`, 2)).toBe(w);
        expect(at(`${w.toLowerCase()} `)).toBe(fold || w.toLowerCase() === w ? w : undefined);
      }
      expect(at('XZ ')).toBeUndefined();
      expect(at('')).toBeUndefined();
      expect(at('BODY[TEXT]')).toBeUndefined();
    }
  });

  it('encodeText: other lone surrogates become U+FFFD, pairs are UTF-8', () => {
    expect(Array.from(encodeText('\ud800'))).toEqual([0xef, 0xbf, 0xbd]);
    expect(Array.from(encodeText('\udc00'))).toEqual([0xef, 0xbf, 0xbd]);
    expect(Array.from(encodeText('\ud834\udd1e\udcff'))).toEqual([0xf0, 0x9d, 0x84, 0x9e, 0xff]);
    expect(Array.from(encodeText('ab'))).toEqual([0x61, 0x62]);
  });

  it('isValidUtf8 and utf8SequenceLength follow RFC 3629 §4', () => {
    expect(isValidUtf8(bytes('€𝄞'))).toBe(true);
    expect(isValidUtf8(Uint8Array.of(0xc0, 0x80))).toBe(false);
    expect(isValidUtf8(Uint8Array.of(0xe0, 0x80, 0x80))).toBe(false);
    expect(utf8SequenceLength(bytes('€'), 0, 3)).toBe(3);
    expect(utf8SequenceLength(bytes('€'), 0, 2)).toBe(0);
  });

  it('printable: quoted excerpt, escapes, truncation, end of input', () => {
    expect(printable(bytes('ab'), 0, 2)).toBe('"ab"');
    expect(printable(bytes('ab'), 2, 2)).toBe('end of input');
    expect(printable(Uint8Array.of(0x0d, 0x0a, 0x00, 0x80), 0, 4)).toBe('"\\r\\n\\x00\\x80"');
    expect(printable(bytes('x'.repeat(30)), 0, 30)).toBe(`"${'x'.repeat(24)}…"`);
  });
});
