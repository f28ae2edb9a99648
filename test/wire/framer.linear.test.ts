import { describe, it, expect } from 'vitest';
import { Framer, type Frame, type FramerOptions } from '../../src/wire/framer.js';
import { bytes, concat } from './helpers.js';

/** A FETCH response whose literal is `size` bytes of command-like, multi-byte data. */
function bigFrame(size: number): Uint8Array {
  const pattern = bytes('A1 NOOP\r\n{5}\r\n€ * 1 EXISTS\r\n');
  const data = new Uint8Array(size);
  for (let o = 0; o < size; o += pattern.length) data.set(pattern.subarray(0, Math.min(pattern.length, size - o)), o);
  return concat(`* 1 FETCH (BODY[] {${size}}\r\n`, data, ')\r\n');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Feed `input` one byte at a time through a single reused 1-byte buffer. */
function bytewise(options: FramerOptions, input: Uint8Array): { frames: Frame[]; errors: number; framer: Framer } {
  const f = new Framer(options);
  const one = new Uint8Array(1);
  const frames: Frame[] = [];
  let errors = 0;
  for (let i = 0; i < input.length; i++) {
    one[0] = input[i];
    const ev = f.push(one);
    if (ev.length > 0) {
      for (const e of ev) {
        if (e.type === 'frame') frames.push(e.frame);
        else errors++;
      }
    }
  }
  errors += f.end().length;
  return { frames, errors, framer: f };
}

function oneChunk(options: FramerOptions, input: Uint8Array): Frame[] {
  const f = new Framer(options);
  const out: Frame[] = [];
  for (const e of f.push(input)) if (e.type === 'frame') out.push(e.frame);
  return out;
}

describe('Framer: linear work when fed one byte at a time', () => {
  it('a 10 MB literal, 10M push calls: scanned ≤ 1.01×, copied ≤ 3×, same frame as one chunk', () => {
    const input = bigFrame(10 * 1024 * 1024);
    const { frames, errors, framer } = bytewise({ side: 'client' }, input);
    expect(errors).toBe(0);
    expect(frames).toHaveLength(1);
    expect(framer.stats.scanned).toBeGreaterThanOrEqual(input.length);
    expect(framer.stats.scanned).toBeLessThanOrEqual(1.01 * input.length);
    expect(framer.stats.copied).toBeLessThanOrEqual(3 * input.length);
    const whole = oneChunk({ side: 'client' }, input);
    expect(whole).toHaveLength(1);
    expect(frames[0].literals).toEqual(whole[0].literals);
    expect(sameBytes(frames[0].bytes, whole[0].bytes)).toBe(true);
    expect(sameBytes(frames[0].bytes, input)).toBe(true);
  }, 30_000);

  it('doubling the literal doubles the work (counts, not time)', () => {
    const small = bytewise({ side: 'client' }, bigFrame(1_000_000)).framer.stats;
    const large = bytewise({ side: 'client' }, bigFrame(2_000_000)).framer.stats;
    const scanRatio = large.scanned / small.scanned;
    const copyRatio = large.copied / small.copied;
    expect(scanRatio).toBeGreaterThan(1.98);
    expect(scanRatio).toBeLessThan(2.02);
    expect(copyRatio).toBeGreaterThan(1.7);
    expect(copyRatio).toBeLessThan(2.3);
  }, 20_000);

  it('a 1 MB line (maxLineLength raised) fed one byte at a time: scanned and copied are linear', () => {
    const line = (n: number) => concat('A1 SEARCH UID ', bytes('1,'.repeat(n / 2)), '1\r\n');
    const opts: FramerOptions = { side: 'server', maxLineLength: 4 * 1024 * 1024 };
    const input1 = line(1024 * 1024);
    const r1 = bytewise(opts, input1);
    expect(r1.errors).toBe(0);
    expect(r1.frames).toHaveLength(1);
    expect(sameBytes(r1.frames[0].bytes, input1)).toBe(true);
    const s1 = r1.framer.stats;
    expect(s1.scanned).toBeLessThanOrEqual(1.01 * input1.length);
    expect(s1.copied).toBeLessThanOrEqual(3 * input1.length);
    const s2 = bytewise(opts, line(2 * 1024 * 1024)).framer.stats;
    expect(s2.scanned / s1.scanned).toBeGreaterThan(1.98);
    expect(s2.scanned / s1.scanned).toBeLessThan(2.02);
    expect(s2.copied / s1.copied).toBeLessThan(2.3);
  }, 20_000);

  it('a server-side synchronizing literal of 1 MB, accepted, then fed one byte at a time: linear', () => {
    const size = 1024 * 1024;
    const head = bytes(`A1 APPEND INBOX {${size}}\r\n`);
    const f = new Framer({ side: 'server' });
    const one = new Uint8Array(1);
    let literalEvents = 0;
    for (const c of head) {
      one[0] = c;
      literalEvents += f.push(one).length;
    }
    expect(literalEvents).toBe(1);
    expect(f.acceptLiteral()).toEqual([]);
    one[0] = 0x78;
    for (let i = 0; i < size; i++) f.push(one);
    let frames = 0;
    for (const c of bytes('\r\n')) {
      one[0] = c;
      frames += f.push(one).length;
    }
    expect(frames).toBe(1);
    const total = head.length + size + 2;
    expect(f.stats.scanned).toBeLessThanOrEqual(1.01 * total);
    expect(f.stats.copied).toBeLessThanOrEqual(3 * total);
  }, 20_000);

  it('an oversized literal that is skipped costs a scan, never a copy', () => {
    const input = bigFrame(2_000_000);
    const f = new Framer({ side: 'client', maxLiteralSize: 1000 });
    const one = new Uint8Array(1);
    let errors = 0;
    for (let i = 0; i < input.length; i++) {
      one[0] = input[i];
      for (const e of f.push(one)) if (e.type === 'error') errors++;
    }
    expect(errors).toBe(1);
    expect(f.stats.scanned).toBeLessThanOrEqual(1.01 * input.length);
    expect(f.stats.copied).toBeLessThan(1000);
    expect(f.bufferedBytes).toBe(0);
  }, 20_000);
});
