import { describe, it, expect } from 'vitest';
import { Writer } from '../../src/index.js';

// Writers share a slab for their first bytes (see src/wire/writer.ts); these
// pin that interleaved writers and kept outputs never see each other's bytes.
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('Writer: shared slab', () => {
  it('interleaved writers keep their own bytes', () => {
    const a = new Writer();
    const b = new Writer();
    a.ascii('A1 NOOP');
    b.ascii('B1 LOGOUT');
    a.crlf();
    b.crlf();
    const c = new Writer();
    c.ascii('C1 CHECK\r\n');
    a.ascii('more');
    expect(text(a.toBytes())).toBe('A1 NOOP\r\nmore');
    expect(text(b.toBytes())).toBe('B1 LOGOUT\r\n');
    expect(text(c.toBytes())).toBe('C1 CHECK\r\n');
  });

  it('an output kept while thousands of writers follow stays intact', () => {
    const first = new Writer().ascii('* 1 FETCH (UID 1)\r\n').toBytes();
    const kept: [string, Uint8Array][] = [];
    for (let i = 0; i < 5000; i++) {
      const w = new Writer();
      w.ascii(`* ${i} EXISTS`).crlf();
      if (i % 7 === 0) w.ascii('x'.repeat(i % 900));
      const s = `* ${i} EXISTS\r\n` + (i % 7 === 0 ? 'x'.repeat(i % 900) : '');
      kept.push([s, w.toBytes()]);
    }
    expect(text(first)).toBe('* 1 FETCH (UID 1)\r\n');
    for (const [s, b] of kept) expect(text(b)).toBe(s);
  });

  it('a writer that keeps writing after toBytes() does not change what it returned', () => {
    const w = new Writer();
    w.ascii('abc');
    const out = w.toBytes();
    w.ascii('def');
    new Writer().ascii('zzz');
    expect(text(out)).toBe('abc');
    expect(text(w.toBytes())).toBe('abcdef');
  });

  it('numbers are written as digits', () => {
    const w = new Writer();
    w.number(0).sp().number(7).sp().number(4294967295).sp().number64(9007199254740991).sp().number64(123n);
    expect(text(w.toBytes())).toBe('0 7 4294967295 9007199254740991 123');
  });
});
