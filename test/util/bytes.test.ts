import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexOfLf, indexOfNul, wordsOf } from '../../src/util/bytes.js';
import { ResponseDecoder } from '../../src/index.js';

// The NUL check behind the literal-nul quirk (RFC 9051 §4.3: CHAR8 excludes NUL).
describe('indexOfNul', () => {
  it('finds the first NUL exactly where indexOf(0) does, at any alignment and range', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.nat(7),
        fc.nat(300),
        fc.nat(300),
        (data, shift, a, b) => {
          // Shifted copies put the range at every offset modulo the word size.
          const buf = new Uint8Array(data.length + shift);
          buf.set(data, shift);
          const view = buf.subarray(shift);
          const start = Math.min(a, view.length);
          const end = Math.max(start, Math.min(b, view.length));
          const want = view.subarray(start, end).indexOf(0);
          expect(indexOfNul(view, start, end)).toBe(want < 0 ? -1 : start + want);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('sees a NUL in every byte of every word of a long run, and none in NUL-free bytes', () => {
    const bytes = new Uint8Array(4096).fill(0x80);
    expect(indexOfNul(bytes)).toBe(-1);
    for (const v of [0x01, 0x7f, 0xff, 0x80]) {
      bytes.fill(v);
      expect(indexOfNul(bytes, 3)).toBe(-1);
    }
    for (let at = 0; at < 200; at++) {
      bytes.fill(0x41);
      bytes[at] = 0;
      bytes[at + 300] = 0;
      expect(indexOfNul(bytes)).toBe(at);
      expect(indexOfNul(bytes, at + 1)).toBe(at + 300);
    }
  });
});

describe('literal-nul through the response decoder (RFC 9051 §4.3)', () => {
  it('warns at the NUL of a long literal, wherever it lies, and strict mode refuses it', () => {
    for (const at of [0, 1, 63, 64, 65, 1000, 4095]) {
      const body = new Uint8Array(4096).fill(0x61);
      body[at] = 0;
      const head = new TextEncoder().encode(`* 1 FETCH (BODY[] {${body.length}}\r\n`);
      const frame = new Uint8Array([...head, ...body, 0x29, 0x0d, 0x0a]);
      const [ev] = new ResponseDecoder().push(frame);
      expect(ev.type).toBe('response');
      expect(ev.type === 'response' && ev.warnings).toEqual([{ name: 'literal-nul', offset: head.length + at }]);
      const [strict] = new ResponseDecoder({ strict: true }).push(frame);
      expect(strict.type === 'error' && strict.error.offset).toBe(head.length + at);
    }
  });
});

describe('indexOfLf (the framer line-end scan)', () => {
  it('finds each LF exactly where indexOf(LF) does, at any alignment, from any position', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0x0a, 0x0d, 0x41, 0x00, 0xff, 0x8a, 0x0b, 0x09), { maxLength: 400 }), fc.nat(7), fc.nat(80), fc.nat(60), (symbols, shift, after, plain) => {
        // Runs of plain bytes between the symbols, so the word loop runs long.
        const data = symbols.flatMap((c, i) => [c, ...new Array<number>((i * 7 + plain) % 61).fill(0x41)]);
        // The view sits inside its buffer, after plain bytes and before LFs that are not its own.
        const buf = new Uint8Array(shift + data.length + after).fill(0x0a);
        buf.fill(0x41, 0, shift);
        buf.set(data, shift);
        const view = buf.subarray(shift, shift + data.length);
        const { words, a0 } = wordsOf(view);
        for (let from = 0; from <= view.length; from++) {
          expect(indexOfLf(view, words, a0, from)).toBe(view.indexOf(0x0a, from));
        }
        // With no word view every byte is looked at, with the same answers.
        for (let from = 0; from <= view.length; from += 7) expect(indexOfLf(view, new Uint32Array(0), 0, from)).toBe(view.indexOf(0x0a, from));
      }),
      { numRuns: 500 },
    );
  });
});
