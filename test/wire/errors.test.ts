import { describe, it, expect } from 'vitest';
import { Reader } from '../../src/wire/reader.js';
import { tokenize, type Token } from '../../src/wire/tokens.js';
import { ImapParseError, ImapEncodeError } from '../../src/wire/errors.js';
import { Framer } from '../../src/wire/framer.js';
import { bytes, concat, parseError, errorsOf } from './helpers.js';

type Tree = string | Tree[];
const generic = (r: Reader): Tree => (r.peek() === 0x28 ? r.list(generic) : r.atom());

describe('hostile nesting (RFC 9051 §4.4)', () => {
  const parens = new Uint8Array(1_000_000).fill(0x28);

  it('1,000,000 "(" through list(): "too-deep" at the default maxDepth 256, never RangeError', () => {
    const r = new Reader(parens);
    expect(r.maxDepth).toBe(256);
    const e = parseError(() => r.list(generic));
    expect(e.code).toBe('too-deep');
    expect(e.offset).toBe(256);
    expect(e.expected).toBe('at most 256 nested lists');
    expect(e.found.startsWith('"((((')).toBe(true);
  });

  it('1,000,000 "(" through open() in a loop: "too-deep"', () => {
    const r = new Reader(parens, { maxDepth: 1000 });
    const e = parseError(() => {
      for (;;) r.open();
    });
    expect(e.code).toBe('too-deep');
    expect(e.offset).toBe(1000);
    expect(r.depth).toBe(1000);
  });

  it('tokenize() on 1,000,000 "(" gives 1,000,000 tokens without blowing up', () => {
    const toks = tokenize(parens);
    expect(toks).toHaveLength(1_000_000);
    expect(toks[999_999]).toEqual({ type: '(', offset: 999_999 });
  });

  it('tokenize() on 500,000 "(" then 500,000 ")" is balanced and flat', () => {
    const b = new Uint8Array(1_000_000).fill(0x28, 0, 500_000).fill(0x29, 500_000);
    const toks = tokenize(b);
    expect(toks.filter((t) => t.type === ')')).toHaveLength(500_000);
  });
});

describe('tokenize (RFC 9051 §4)', () => {
  const kinds = (ts: Token[]) => ts.map((t) => ('value' in t && typeof t.value === 'string' ? `${t.type}:${t.value}` : t.type));

  it('splits a response into generic tokens with offsets', () => {
    const ts = tokenize(bytes('* 1 FETCH (UID 7 BODY[] {3}\r\nabc FLAGS NIL "q\\"")\r\n'), 100);
    expect(kinds(ts)).toEqual([
      'atom:*', 'sp', 'number:1', 'sp', 'atom:FETCH', 'sp', '(', 'atom:UID', 'sp', 'number:7', 'sp',
      'atom:BODY', '[', ']', 'sp', 'literal', 'sp', 'atom:FLAGS', 'sp', 'nil', 'sp', 'quoted:q"', ')', 'crlf',
    ]);
    expect(ts[0].offset).toBe(100);
    const lit = ts.find((t) => t.type === 'literal');
    expect(lit && lit.type === 'literal' && new TextDecoder().decode(lit.value)).toBe('abc');
  });

  it('status responses end in a text token (RFC 9051 §9 resp-text)', () => {
    expect(kinds(tokenize(bytes('A1 OK [READ-WRITE] done (really) {5}\r\n')))).toEqual([
      'atom:A1', 'sp', 'atom:OK', 'sp', '[', 'atom:READ-WRITE', ']', 'sp', 'text:done (really) {5}', 'crlf',
    ]);
    expect(kinds(tokenize(bytes('+ go on\r\n')))).toEqual(['atom:+', 'sp', 'text:go on', 'crlf']);
  });

  it('literal8 tokens are binary', () => {
    const ts = tokenize(concat('* 1 FETCH (BINARY[] ~{2}\r\n', [0, 0xff], ')\r\n'));
    const lit = ts.find((t) => t.type === 'literal');
    expect(lit).toMatchObject({ type: 'literal', binary: true });
  });

  it('bytes that fit no token are an ImapParseError with the offset', () => {
    const e = parseError(() => tokenize(concat('* 1 ', [1], '\r\n'), 50));
    expect(e.offset).toBe(54);
    expect(e.expected).toBe('a token');
    expect(e.found).toBe('"\\x01\\r\\n"');
    expect(parseError(() => tokenize(bytes('* 1 "abc'))).offset).toBe(8);
    expect(parseError(() => tokenize(bytes('* 1 {5}\r\nab'))).code).toBe('incomplete');
  });
});

describe('ImapParseError fields', () => {
  it('offset, expected, found, tag, code, name and message', () => {
    const r = new Reader(bytes('A42 FETCH 1:x'), { offset: 10 });
    r.tag();
    r.sp();
    r.atom();
    r.sp();
    const e = parseError(() => r.sequenceSet());
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ImapParseError');
    expect(e.offset).toBe(22);
    expect(e.expected).toBe('number');
    expect(e.found).toBe('"x"');
    expect(e.tag).toBe('A42');
    expect(e.code).toBe('syntax');
    expect(e.rule).toBe('number');
    expect(e.rfc).toBe('RFC 9051 §9');
    expect(e.message).toBe('at byte 22 (tag A42): expected number (RFC 9051 §9), found "x"');
  });

  it('exact offsets for a few errors', () => {
    const at = (s: string, f: (r: Reader) => unknown) => parseError(() => f(new Reader(bytes(s)))).offset;
    expect(at('A1 LOGIN', (r) => { r.tag(); r.sp(); r.atom(); r.sp(); })).toBe(8);
    expect(at('(A B', (r) => r.list((x) => x.atom()))).toBe(4);
    expect(at('"ab\rc"', (r) => r.quoted())).toBe(3);
    expect(at('{3}\r\nab', (r) => r.literal())).toBe(7);
    expect(at('12345678901', (r) => r.number())).toBe(0);
    expect(at('abc', (r) => r.number())).toBe(0);
  });

  it('found is a printable excerpt: quoted, control bytes escaped, truncated with …', () => {
    const r = new Reader(concat([0, 0x0d, 0x0a, 0x09, 0x22, 0x5c, 0xc3, 0xa9], 'x'.repeat(40)));
    const e = parseError(() => r.atom());
    expect(e.found).toBe('"\\x00\\r\\n\\x09\\"\\\\\\xc3\\xa9' + 'x'.repeat(16) + '…"');
    expect(/^[\x20-\x7e…]+$/.test(e.found)).toBe(true);
    expect(e.expected.length).toBeGreaterThan(0);
  });

  it('every framer error has non-empty expected and found, and a printable found', () => {
    const cases: [ConstructorParameters<typeof Framer>[0], string][] = [
      [{ side: 'client', maxLineLength: 5 }, '* 1234567890\r\n'],
      [{ side: 'client', maxLiteralSize: 5 }, '* 1 FETCH (BODY[] {10}\r\n'],
      [{ side: 'client', maxFrameSize: 20 }, '* 1 FETCH (BODY[] {10}\r\n'],
      [{ side: 'client', strict: true }, '* 1 EXISTS\n'],
      [{ side: 'client' }, '* 1 EXI'],
    ];
    for (const [opts, input] of cases) {
      const f = new Framer(opts);
      const errs = errorsOf([...f.push(bytes(input)), ...f.end()]);
      expect(errs, input).toHaveLength(1);
      const e = errs[0];
      expect(e.expected.length).toBeGreaterThan(0);
      expect(e.found.length).toBeGreaterThan(0);
      expect(/^[\x20-\x7e…]+$/.test(e.found)).toBe(true);
      expect(e.tag).toBe('*');
    }
  });

  it('framer error offsets are stream offsets', () => {
    const f = new Framer({ side: 'client', maxLiteralSize: 5 });
    f.push(bytes('* 1 EXISTS\r\n'));
    const [e] = errorsOf(f.push(bytes('* 2 FETCH (BODY[] {10}\r\n')));
    expect(e.offset).toBe(12 + 24);
    const g = new Framer({ side: 'client', maxLineLength: 10 });
    const [e2] = errorsOf(g.push(bytes('* 1 EXISTS\r\n* 12345678901\r\n')));
    expect(e2.offset).toBe(12 + 14); // the LF that ended the long line
  });

  it('rebase moves the offset and fills a missing tag only', () => {
    const e = new ImapParseError({ offset: 3, expected: 'SP', found: '"x"' });
    expect(e.code).toBe('syntax');
    const m = e.rebase(100, 'A1');
    expect([m.offset, m.tag, m.expected, m.found]).toEqual([103, 'A1', 'SP', '"x"']);
    const t = new ImapParseError({ offset: 0, expected: 'a', found: 'b', tag: 'Z', code: 'too-deep' });
    expect(t.rebase(1, 'A1').tag).toBe('Z');
    expect(t.rebase(1).code).toBe('too-deep');
  });

  it('ImapEncodeError is an Error with its own name', () => {
    const e = new ImapEncodeError('nope');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ImapEncodeError');
  });
});
