import { describe, it, expect } from 'vitest';
import { Writer, isAtom, isAstringAtom, type Fragment } from '../../src/wire/writer.js';
import { ImapEncodeError } from '../../src/wire/errors.js';
import { bytes, concat, latin1 } from './helpers.js';

const out = (w: Writer) => latin1(w.toBytes());
const enc = (f: (w: Writer) => unknown, opts = {}) => {
  const w = new Writer(opts);
  f(w);
  return out(w);
};

describe('Writer: atoms and numbers (RFC 9051 §4.1, §4.2)', () => {
  it('atom: writes 1*ATOM-CHAR and refuses any other ASCII (RFC 9051 §4.1)', () => {
    expect(enc((w) => w.atom('FETCH'))).toBe('FETCH');
    for (const bad of ['', 'a b', 'a(b', 'x]', 'a\r\n', '{5}', '"', '%', '*', 'é b']) {
      expect(() => new Writer().atom(bad), JSON.stringify(bad)).toThrow(ImapEncodeError);
    }
    expect(isAtom('\\Seen')).toBe(false);
    // 8-bit atoms, as lenient reading takes them from servers, write back as their bytes.
    expect([...new Writer().atom('é\udce9').toBytes()]).toEqual([0xc3, 0xa9, 0xe9]);
    expect(isAstringAtom('INBOX]')).toBe(true);
    expect(isAtom('INBOX]')).toBe(false);
  });

  it('number: 0..4294967295 only (RFC 9051 §4.2)', () => {
    expect(enc((w) => w.number(0).sp().number(4294967295))).toBe('0 4294967295');
    for (const bad of [-1, 1.5, 4294967296, NaN, Infinity]) expect(() => new Writer().number(bad)).toThrow(ImapEncodeError);
    expect(() => new Writer().nzNumber(0)).toThrow(ImapEncodeError);
  });

  it('number64: a bigint up to 2^63-1 (RFC 9051 §4.2)', () => {
    expect(enc((w) => w.number64((1n << 63n) - 1n).sp().number64(5))).toBe('9223372036854775807 5');
    expect(() => new Writer().number64(1n << 63n)).toThrow(ImapEncodeError);
    expect(() => new Writer().number64(-1n)).toThrow(ImapEncodeError);
    expect(() => new Writer().number64(0.5)).toThrow(ImapEncodeError);
  });
});

describe('Writer: strings (RFC 9051 §4.3)', () => {
  it('quoted: escapes only \\" and \\\\ (RFC 9051 §4.3)', () => {
    expect(enc((w) => w.string('a"b\\c d'))).toBe('"a\\"b\\\\c d"');
    expect(enc((w) => w.quoted(bytes('a"b\\c')))).toBe('"a\\"b\\\\c"');
    expect(enc((w) => w.string(''))).toBe('""');
  });

  it('string: CR, LF and NUL force a literal (RFC 9051 §4.3)', () => {
    expect(enc((w) => w.string('a\r\nb'))).toBe('{4}\r\na\r\nb');
    expect(enc((w) => w.string(Uint8Array.of(0x61, 0)))).toBe('{2}\r\na\x00');
  });

  it('string: 8-bit goes quoted only when UTF8=ACCEPT and it is valid UTF-8 (RFC 6855, RFC 9051 §4.3)', () => {
    expect(new TextDecoder().decode(new Writer().string('€').toBytes())).toBe('{3}\r\n€');
    expect(new TextDecoder().decode(new Writer({ utf8: true }).string('€').toBytes())).toBe('"€"');
    expect(enc((w) => w.string(Uint8Array.of(0xe9)), { utf8: true })).toBe('{1}\r\n\xe9');
    expect(enc((w) => w.string('\udce9'), { utf8: true })).toBe('{1}\r\n\xe9');
  });

  it('string: longer than maxQuoted goes as a literal (RFC 9051 §4.3)', () => {
    expect(enc((w) => w.string('abcd'), { maxQuoted: 3 })).toBe('{4}\r\nabcd');
    expect(enc((w) => w.string('abc'), { maxQuoted: 3 })).toBe('"abc"');
    expect(enc((w) => w.string('x'.repeat(1025)))).toBe(`{1025}\r\n${'x'.repeat(1025)}`);
  });

  it('literal: {n} on the client by default, {n+} under LITERAL+ (RFC 7888 §3)', () => {
    expect(enc((w) => w.literal(bytes('abc')))).toBe('{3}\r\nabc');
    expect(enc((w) => w.literal(bytes('abc')), { literalPlus: true })).toBe('{3+}\r\nabc');
  });

  it('literal: LITERAL- allows {n+} up to 4096 bytes only (RFC 7888 §5)', () => {
    const at = (n: number) => latin1(new Writer({ literalMinus: true }).literal(new Uint8Array(n)).toBytes()).split('\r\n')[0];
    expect(at(4096)).toBe('{4096+}');
    expect(at(4097)).toBe('{4097}');
  });

  it('literal: a server never writes {n+} (RFC 9051 §9 literal in responses)', () => {
    const w = new Writer({ side: 'server', literalPlus: true });
    w.literal(bytes('ab'));
    expect(out(w)).toBe('{2}\r\nab');
  });

  it('literal8: ~{n} for data holding NUL when BINARY is on and the grammar allows it (RFC 3516 §4.3, RFC 4466)', () => {
    const data = Uint8Array.of(1, 0, 2);
    expect(enc((w) => w.string(data, true), { binary: true })).toBe('~{3}\r\n\x01\x00\x02');
    expect(enc((w) => w.string(data, false), { binary: true })).toBe('{3}\r\n\x01\x00\x02');
    expect(enc((w) => w.string(data, true))).toBe('{3}\r\n\x01\x00\x02');
    expect(enc((w) => w.nstring(data, true), { binary: true, literalPlus: true })).toBe('~{3+}\r\n\x01\x00\x02');
  });

  it('astring: an atom when it can be, else a string (RFC 9051 §9)', () => {
    expect(enc((w) => w.astring('INBOX]'))).toBe('INBOX]');
    expect(enc((w) => w.astring(bytes('a.b')))).toBe('a.b');
    expect(enc((w) => w.astring('a b'))).toBe('"a b"');
    expect(enc((w) => w.astring(''))).toBe('""');
    expect(enc((w) => w.astring(new Uint8Array(0)))).toBe('""');
    expect(enc((w) => w.astring('{5}'))).toBe('"{5}"');
    expect(enc((w) => w.astring('NIL'))).toBe('NIL');
  });

  it('nstring: NIL for null, and the string "NIL" quoted (RFC 9051 §4.5)', () => {
    expect(enc((w) => w.nstring(null))).toBe('NIL');
    expect(enc((w) => w.nstring('NIL'))).toBe('"NIL"');
  });

  it('text: refuses CR, LF and NUL; passes UTF-8 and escaped bytes through (RFC 9051 §9 text)', () => {
    expect(new TextDecoder().decode(new Writer().text('Grüße {5}').toBytes())).toBe('Grüße {5}');
    expect(enc((w) => w.text('a\udcff'))).toBe('a\xff');
    for (const bad of ['a\rb', 'a\nb', 'a\x00']) expect(() => new Writer().text(bad)).toThrow(ImapEncodeError);
  });
});

describe('Writer: lists and sequence sets (RFC 9051 §4.4, §4.1.1)', () => {
  it('list: "(" items separated by SP ")" (RFC 9051 §4.4)', () => {
    expect(enc((w) => w.list(['\\Seen', 'a b'], (x, v) => x.astring(v)))).toBe('("\\\\Seen" "a b")'); // "\\" is no ASTRING-CHAR: quoted, escaped
    expect(enc((w) => w.list([], () => undefined))).toBe('()');
  });

  it('sequence-set: numbers, ranges, "*" and "$" (RFC 9051 §4.1.1, RFC 5182)', () => {
    expect(enc((w) => w.sequenceSet([1, [3, 5], [7, '*'], '*', [4, 2]]))).toBe('1,3:5,7:*,*,4:2');
    expect(enc((w) => w.sequenceSet('$'))).toBe('$');
    expect(() => new Writer().sequenceSet([])).toThrow(ImapEncodeError);
    expect(() => new Writer().sequenceSet([0])).toThrow(ImapEncodeError);
  });
});

describe('Writer: fragments (RFC 9051 §4.3, §7.5)', () => {
  it('splits at literals; a literal fragment is a view of the data, with its mode', () => {
    const data = bytes('pass\r\nword');
    const w = new Writer();
    w.ascii('A1 LOGIN ').astring('fred').sp().astring(data).crlf();
    const frags: Fragment[] = w.fragments();
    expect(frags.map((f) => f.type)).toEqual(['line', 'literal', 'line']);
    expect(latin1(frags[0].bytes)).toBe('A1 LOGIN fred {10}\r\n');
    expect(frags[1]).toMatchObject({ type: 'literal', mode: 'sync', binary: false });
    expect(frags[1].bytes).toBe(data);
    expect(latin1(frags[2].bytes)).toBe('\r\n');
    expect(out(w)).toBe('A1 LOGIN fred {10}\r\npass\r\nword\r\n');
    expect(w.length).toBe(w.toBytes().length);
  });

  it('fragments survive the buffer growing after them', () => {
    const w = new Writer();
    w.ascii('A1 X ').literal(bytes('ab'));
    const first = w.fragments()[0];
    const before = latin1(first.bytes);
    w.ascii('y'.repeat(5000)).crlf();
    expect(latin1(w.fragments()[0].bytes)).toBe(before);
    expect(latin1(first.bytes)).toBe(before);
    expect(w.toBytes().length).toBe(before.length + 2 + 5002);
  });

  it('toBytes() without literals is the written bytes', () => {
    const w = new Writer();
    w.ascii('A1 NOOP').crlf();
    expect(out(w)).toBe('A1 NOOP\r\n');
    expect(w.fragments()).toHaveLength(1);
    expect(latin1(concat(...w.fragments().map((f) => f.bytes)))).toBe('A1 NOOP\r\n');
  });
});
