import { describe, it, expect } from 'vitest';
import { Reader } from '../../src/wire/reader.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { bytes, concat, latin1, parseError } from './helpers.js';

const r = (s: string | Uint8Array, strict = false) => new Reader(typeof s === 'string' ? bytes(s) : s, { strict });
const names = (rd: Reader) => (rd.warnings ?? []).map((w) => w.name);

describe('SP and CRLF', () => {
  it('SP: exactly one space (RFC 9051 §9, RFC 5234 App. B.1)', () => {
    const rd = r('  x');
    rd.sp();
    expect(rd.pos).toBe(1);
    rd.sp();
    expect(rd.pos).toBe(2);
    const e = parseError(() => rd.sp());
    expect(e.expected).toBe('SP');
    expect(e.found).toBe('"x"');
    expect(e.offset).toBe(2);
  });

  it('SP: end of input is reported as such (RFC 9051 §9)', () => {
    const e = parseError(() => r('').sp());
    expect(e.found).toBe('end of input');
    expect(e.offset).toBe(0);
  });

  it('CRLF: ends the frame; bytes after it are an error (RFC 9051 §2.2)', () => {
    const rd = r('\r\n');
    rd.crlf();
    expect(rd.atEnd()).toBe(true);
    const e = parseError(() => r('\r\nX').crlf());
    expect(e.expected).toBe('end of frame');
    expect(e.offset).toBe(2);
  });

  it('CRLF: a lone LF is a lenient warning and a strict error (RFC 9051 §2.2)', () => {
    const rd = r('\n');
    rd.crlf();
    expect(rd.atEnd()).toBe(true);
    expect(names(rd)).toEqual(['lone-lf']);
    expect(parseError(() => r('\n', true).crlf()).expected).toBe('CRLF');
  });

  it('CRLF: a trailing space is a lenient warning and a strict error (RFC 9051 §9)', () => {
    const rd = r('  \r\n');
    rd.crlf();
    expect(names(rd)).toEqual(['trailing-space']);
    const e = parseError(() => r(' \r\n', true).crlf());
    expect(e.offset).toBe(0);
  });

  it('CRLF: a lone CR is refused (RFC 9051 §2.2)', () => {
    expect(parseError(() => r('\rX').crlf()).expected).toBe('CRLF');
  });
});

describe('atom (RFC 9051 §4.1)', () => {
  it('atom: reads 1*ATOM-CHAR (RFC 9051 §4.1)', () => {
    const rd = r('FETCH rest');
    expect(rd.atom()).toBe('FETCH');
    expect(rd.pos).toBe(5);
  });

  it('atom: stops at every atom-special ( ) { SP CTL % * " \\ ] (RFC 9051 §9)', () => {
    for (const special of ['(', ')', '{', ' ', '\x01', '\x7f', '%', '*', '"', '\\', ']', '\r', '\n']) {
      const rd = r(`ab${special}cd`);
      expect(rd.atom(), JSON.stringify(special)).toBe('ab');
      expect(rd.pos).toBe(2);
    }
  });

  it('atom: keeps other punctuation such as + - . / [ } ~ (RFC 9051 §9)', () => {
    expect(r('a+b-c./[x}~ ').atom()).toBe('a+b-c./[x}~');
  });

  it('atom: empty is an error (RFC 9051 §4.1)', () => {
    const e = parseError(() => r('(x').atom());
    expect(e.expected).toBe('atom');
    expect(e.found).toBe('"(x"');
    expect(e.offset).toBe(0);
  });

  it('atom: 8-bit bytes are a lenient warning and a strict error (RFC 9051 §9)', () => {
    const data = concat('caf', [0xe9], ' x');
    const rd = r(data);
    expect(rd.atom()).toBe('caf\udce9');
    expect(names(rd)).toEqual(['8bit-atom']);
    expect(rd.warnings![0].offset).toBe(3);
    const strict = r(data, true);
    expect(strict.atom()).toBe('caf');
    expect(strict.pos).toBe(3);
  });
});

describe('number, number64, nz-number (RFC 9051 §4.2)', () => {
  it('number: 0 and 4294967295 are in range (RFC 9051 §4.2)', () => {
    expect(r('0').number()).toBe(0);
    expect(r('4294967295').number()).toBe(4294967295);
    expect(r('007 ').number()).toBe(7);
  });

  it('number: 4294967296 is out of uint32 range (RFC 9051 §4.2)', () => {
    const e = parseError(() => r('x 4294967296', false).number());
    expect(e.offset).toBe(0); // no digits at 0
    const rd = r('x 4294967296');
    rd.pos = 2;
    const e2 = parseError(() => rd.number());
    expect(e2.offset).toBe(2);
    expect(e2.expected).toContain('4294967295');
    expect(e2.code).toBe('syntax');
    expect(() => r('99999999999').number()).toThrow(ImapParseError);
  });

  it('number: leading zeros do not count against the range (RFC 9051 §4.2 number = 1*DIGIT)', () => {
    expect(r('00000000000042').number()).toBe(42);
    expect(r('004294967295').number()).toBe(4294967295);
    expect(() => r('004294967296').number()).toThrow(ImapParseError);
  });

  it('number: needs at least one digit (RFC 9051 §4.2)', () => {
    expect(parseError(() => r('-1').number()).expected).toBe('number');
  });

  it('number64: a bigint up to 2^63-1 (RFC 9051 §4.2)', () => {
    const v = r('9223372036854775807').number64();
    expect(typeof v).toBe('bigint');
    expect(v).toBe((1n << 63n) - 1n);
    expect(r('0').number64()).toBe(0n);
    expect(r('4294967296').number64()).toBe(4294967296n);
    expect(r('1234567890123456').number64()).toBe(1234567890123456n);
  });

  it('number64: 2^63 and 20-digit values are errors (RFC 9051 §4.2)', () => {
    expect(parseError(() => r('9223372036854775808').number64()).expected).toContain('9223372036854775807');
    expect(() => r('18446744073709551616').number64()).toThrow(ImapParseError);
    expect(r('00009223372036854775807').number64()).toBe((1n << 63n) - 1n);
  });

  it('nz-number: 1..4294967295, never 0 or a leading zero (RFC 9051 §9 nz-number = digit-nz *DIGIT)', () => {
    expect(r('1').nzNumber()).toBe(1);
    expect(r('4294967295').nzNumber()).toBe(4294967295);
    expect(parseError(() => r('0').nzNumber()).expected).toBe('nz-number');
    expect(() => r('01').nzNumber()).toThrow(ImapParseError);
    expect(() => r('4294967296').nzNumber()).toThrow(ImapParseError);
  });

  it('nz-number64: refuses 0 (RFC 9051 §9)', () => {
    expect(r('5000000000').nzNumber64()).toBe(5000000000n);
    expect(() => r('0').nzNumber64()).toThrow(ImapParseError);
  });
});

describe('quoted (RFC 9051 §4.3)', () => {
  it('quoted: escapes only \\" and \\\\ (RFC 9051 §4.3)', () => {
    const rd = r('"a\\"b\\\\c" x');
    expect(latin1(rd.quoted())).toBe('a"b\\c');
    expect(rd.pos).toBe(9);
    expect(r('"a\\"b\\\\c"').quotedText()).toBe('a"b\\c');
  });

  it('quotedText: an escape, a UTF-8 char or a line end at any place of a string of any length', () => {
    // The scan reads four bytes at a time: put the unusual byte at every
    // offset of strings around that stride and the string cache's limit.
    for (let n = 1; n <= 30; n++) {
      for (let k = 0; k < n; k++) {
        const plain = 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, n);
        const rd = r(`"${plain}" x`);
        expect(rd.quotedText()).toBe(plain);
        expect(rd.pos).toBe(n + 2);
        const esc = plain.slice(0, k) + '\\"' + plain.slice(k + 1);
        const re = r(`"${esc}")`);
        expect(re.quotedText(), `escape at ${k} of ${n}`).toBe(plain.slice(0, k) + '"' + plain.slice(k + 1));
        expect(re.pos).toBe(esc.length + 2);
        const utf = plain.slice(0, k) + 'é' + plain.slice(k + 1);
        expect(r(`"${utf}"`, true).quotedText(), `é at ${k} of ${n}`).toBe(utf);
        const e = parseError(() => r(`"${plain.slice(0, k)}\r${plain.slice(k + 1)}"`).quotedText());
        expect(e.offset, `CR at ${k} of ${n}`).toBe(k + 1);
        expect(parseError(() => r(`"${plain.slice(0, k)}`).quotedText()).found).toBe('end of input');
      }
    }
  });

  it('quoted: a backslash before another char is a lenient warning and a strict error (RFC 9051 §9 quoted-specials)', () => {
    const rd = r('"a\\b"');
    expect(latin1(rd.quoted())).toBe('a\\b');
    expect(names(rd)).toEqual(['quoted-backslash']);
    const e = parseError(() => r('"a\\b"', true).quoted());
    expect(e.offset).toBe(3);
  });

  it('quoted: CR and LF are refused in both modes (RFC 9051 §9 QUOTED-CHAR)', () => {
    for (const strict of [false, true]) {
      expect(parseError(() => r('"a\rb"', strict).quoted()).offset).toBe(2);
      expect(parseError(() => r('"a\nb"', strict).quoted()).offset).toBe(2);
    }
  });

  it('quoted: an unterminated string is an error at the end (RFC 9051 §4.3)', () => {
    const e = parseError(() => r('"abc').quoted());
    expect(e.offset).toBe(4);
    expect(e.found).toBe('end of input');
  });

  it('quoted: valid UTF-8 is accepted in strict mode (RFC 9051 §9 QUOTED-CHAR / UTF8-2..4)', () => {
    const rd = r('"café €"', true);
    expect(rd.quotedText()).toBe('café €');
    expect(rd.warnings).toBeUndefined();
  });

  it('quoted: invalid 8-bit is kept with a warning in lenient mode and refused in strict (RFC 9051 §4.3)', () => {
    const data = concat('"caf', [0xe9], '"');
    const rd = r(data);
    expect(Array.from(rd.quoted())).toEqual([0x63, 0x61, 0x66, 0xe9]);
    expect(names(rd)).toEqual(['quoted-8bit']);
    expect(rd.warnings![0].offset).toBe(4);
    expect(r(data).quotedText()).toBe('caf\udce9');
    const e = parseError(() => r(data, true).quoted());
    expect(e.offset).toBe(4);
    expect(e.found).toBe('"\\xe9\\""');
  });

  it('quoted: NUL is a lenient warning and a strict error (RFC 9051 §9 CHAR)', () => {
    const data = concat('"a', [0], 'b"');
    const rd = r(data);
    expect(Array.from(rd.quoted())).toEqual([0x61, 0, 0x62]);
    expect(names(rd)).toEqual(['quoted-nul']);
    expect(() => r(data, true).quoted()).toThrow(ImapParseError);
  });

  it('quoted: without escapes the result is a view of the frame (RFC 9051 §4.3)', () => {
    const data = bytes('"hello"');
    const q = new Reader(data).quoted();
    expect(q.buffer).toBe(data.buffer);
    expect(q.byteOffset).toBe(1);
  });
});

describe('literal and literal8 (RFC 9051 §4.3, RFC 4466, RFC 3516, RFC 7888)', () => {
  it('literal: {n} counts bytes, not characters (RFC 9051 §4.3)', () => {
    // '€' is 3 bytes: "€ab€" is 4 characters and 8 bytes.
    const data = bytes('{8}\r\n€ab€ rest');
    const rd2 = new Reader(data);
    const lit = rd2.literal();
    expect(new TextDecoder().decode(lit)).toBe('€ab€');
    expect(lit.length).toBe(8);
    expect(rd2.pos).toBe(13);
    expect(lit.buffer).toBe(data.buffer);
    expect(new TextDecoder().decode(new Reader(bytes('{4}\r\n€ab€')).literal())).toBe('€a');
  });

  it('literal: data may hold CR, LF, quotes and braces (RFC 9051 §4.3)', () => {
    const rd = r('{9}\r\na\r\n"{1}\r\n)');
    expect(latin1(rd.literal())).toBe('a\r\n"{1}\r\n');
    expect(rd.peek()).toBe(0x29);
  });

  it('literal: {0} is empty (RFC 9051 §4.3)', () => {
    const rd = r('{0}\r\n)');
    expect(rd.literal().length).toBe(0);
    expect(rd.pos).toBe(5);
  });

  it('literal: CRLF must follow the header (RFC 9051 §4.3)', () => {
    const e = parseError(() => r('{3}abc').literal());
    expect(e.offset).toBe(3);
    expect(e.expected).toBe('CRLF after the literal header');
    expect(parseError(() => r('{}\r\n').literal()).offset).toBe(1);
    expect(parseError(() => r('{3x}\r\nabc').literal()).offset).toBe(2);
  });

  it('literal: fewer data bytes than announced is "incomplete" (RFC 9051 §4.3)', () => {
    const e = parseError(() => r('{10}\r\nabc').literal());
    expect(e.code).toBe('incomplete');
    expect(e.offset).toBe(9);
  });

  it('literal: a lone LF after the header is a lenient warning and a strict error (RFC 9051 §4.3)', () => {
    const rd = r('{2}\nab');
    expect(latin1(rd.literal())).toBe('ab');
    expect(names(rd)).toEqual(['lone-lf']);
    expect(() => r('{2}\nab', true).literal()).toThrow(ImapParseError);
  });

  it('literal: {n+} is LITERAL+ and read in both modes (RFC 7888 §3, §8)', () => {
    for (const strict of [false, true]) {
      const rd = r('{3+}\r\nabc', strict);
      expect(latin1(rd.literal())).toBe('abc');
      expect(rd.warnings).toBeUndefined();
    }
  });

  it('literal: {n-} is read in lenient mode only, with a warning (RFC 7888 §5)', () => {
    const rd = r('{3-}\r\nabc');
    expect(latin1(rd.literal())).toBe('abc');
    expect(names(rd)).toEqual(['literal-minus']);
    const e = parseError(() => r('{3-}\r\nabc', true).literal());
    expect(e.offset).toBe(2);
  });

  it('literal8: ~{n} may hold NUL (RFC 4466 §4, RFC 3516 §4.2)', () => {
    const data = concat('~{4}\r\n', [0, 1, 0, 0xff], ')');
    const rd = new Reader(data);
    const v = rd.literal8();
    expect(Array.from(v)).toEqual([0, 1, 0, 0xff]);
    expect(v.buffer).toBe(data.buffer);
    expect(rd.peek()).toBe(0x29);
    expect(latin1(r('~{2+}\r\nab').literal8())).toBe('ab');
  });

  it('literal8: needs the "~" and literal needs no "~" (RFC 4466 §4)', () => {
    expect(parseError(() => r('{2}\r\nab').literal8()).expected).toBe('literal8');
    expect(parseError(() => r('~{2}\r\nab').literal()).expected).toBe('literal');
  });

  it('literal: a 20-digit length is refused, never a huge allocation (RFC 9051 §9 number64)', () => {
    expect(() => r('{99999999999999999999}\r\n').literal()).toThrow(ImapParseError);
    expect(parseError(() => r('{9999999999999999999}\r\nab').literal()).code).toBe('incomplete');
  });
});

describe('string, astring, nstring, NIL (RFC 9051 §4.3, §4.5, §9)', () => {
  it('string: quoted or literal, never an atom (RFC 9051 §4.3)', () => {
    expect(latin1(r('"ab"').string())).toBe('ab');
    expect(latin1(r('{2}\r\nab').string())).toBe('ab');
    expect(r('{3}\r\n€').stringText()).toBe('€');
    const e = parseError(() => r('ab').string());
    expect(e.expected).toBe('string');
    expect(() => r('~{2}\r\nab').string()).toThrow(ImapParseError);
    expect(() => r('ab').stringText()).toThrow(ImapParseError);
  });

  it('astring: 1*ASTRING-CHAR (atom chars and "]") or a string (RFC 9051 §9)', () => {
    const rd = r('INBOX] x');
    expect(latin1(rd.astring())).toBe('INBOX]');
    expect(rd.pos).toBe(6);
    expect(r('"a b"').astringText()).toBe('a b');
    expect(r('{3}\r\na b').astringText()).toBe('a b');
    expect(r('NIL').astringText()).toBe('NIL');
    expect(parseError(() => r('(x').astring()).expected).toBe('astring');
    expect(() => r(' ').astringText()).toThrow(ImapParseError);
  });

  it('astring: 8-bit is a lenient warning and a strict stop (RFC 9051 §9)', () => {
    const data = concat('a', [0xe9], ' ');
    const rd = r(data);
    expect(rd.astringText()).toBe('a\udce9');
    expect(names(rd)).toEqual(['8bit-atom']);
    const strict = r(data, true);
    expect(latin1(strict.astring())).toBe('a');
  });

  it('NIL: case-insensitive (RFC 9051 §4.5)', () => {
    for (const w of ['NIL', 'nil', 'Nil', 'nIl']) {
      const rd = r(`${w} x`);
      expect(rd.peekNil()).toBe(true);
      expect(rd.nil()).toBeNull();
      expect(rd.pos).toBe(3);
    }
    expect(r('NILS').peekNil()).toBe(false);
    expect(parseError(() => r('NILS').nil()).expected).toBe('NIL');
    expect(parseError(() => r('NI').nil()).expected).toBe('NIL');
  });

  it('nstring: NIL (any case) or a string; "NIL" quoted is a string (RFC 9051 §4.5, §9)', () => {
    expect(r('nil').nstring()).toBeNull();
    expect(r('NIL)').nstringText()).toBeNull();
    expect(latin1(r('"NIL"').nstring()!)).toBe('NIL');
    expect(r('{3}\r\nNIL').nstringText()).toBe('NIL');
    expect(parseError(() => r('NILS').nstring()).expected).toBe('nstring');
    expect(() => r('abc').nstringText()).toThrow(ImapParseError);
  });
});

describe('parenthesized lists (RFC 9051 §4.4)', () => {
  const atomList = (rd: Reader) => rd.list((x) => x.atom());

  it('list: "(" [item *(SP item)] ")" (RFC 9051 §4.4)', () => {
    const rd = r('(A B C) x');
    expect(atomList(rd)).toEqual(['A', 'B', 'C']);
    expect(rd.pos).toBe(7);
    expect(rd.depth).toBe(0);
    expect(atomList(r('()'))).toEqual([]);
  });

  it('list: nesting (RFC 9051 §4.4)', () => {
    type Tree = string | Tree[];
    const any = (x: Reader): Tree => (x.peek() === 0x28 ? x.list(any) : x.atom());
    expect(any(r('(A (B (C D)) ())'))).toEqual(['A', ['B', ['C', 'D']], []]);
  });

  it('list: an empty list refused when allowEmpty is false (RFC 9051 §4.4)', () => {
    expect(parseError(() => r('()').list((x) => x.atom(), false)).expected).toBe('a list element');
  });

  it('list: a space before ")" is a lenient warning and a strict error (RFC 9051 §4.4)', () => {
    const rd = r('(A B )');
    expect(atomList(rd)).toEqual(['A', 'B']);
    expect(names(rd)).toEqual(['space-before-paren']);
    expect(() => atomList(r('(A B )', true))).toThrow(ImapParseError);
  });

  it('list: missing ")" and missing "(" are errors (RFC 9051 §4.4)', () => {
    const e = parseError(() => atomList(r('(A B')));
    expect(e.offset).toBe(4);
    expect(e.found).toBe('end of input');
    expect(parseError(() => atomList(r('A'))).expected).toBe('"("');
    expect(() => atomList(r('(A  B)'))).toThrow(ImapParseError);
  });

  it('list: nesting deeper than maxDepth is "too-deep" (RFC 9051 §4.4)', () => {
    type Tree = string | Tree[];
    const any = (x: Reader): Tree => (x.peek() === 0x28 ? x.list(any) : x.atom());
    expect(any(new Reader(bytes('((A))'), { maxDepth: 2 }))).toEqual([['A']]);
    const e = parseError(() => any(new Reader(bytes('(((A)))'), { maxDepth: 2 })));
    expect(e.code).toBe('too-deep');
    expect(e.offset).toBe(2);
  });
});

describe('text and tag (RFC 9051 §9, §2.2.1)', () => {
  it('text: 1*TEXT-CHAR up to the line end, CRLF not consumed (RFC 9051 §9)', () => {
    const rd = r('Hello (world) "x" {5} \r\n');
    expect(rd.text()).toBe('Hello (world) "x" {5} ');
    expect(rd.peek()).toBe(0x0d);
    expect(parseError(() => r('\r\n').text()).expected).toBe('text');
  });

  it('text: UTF-8 is read in strict mode; invalid 8-bit and NUL are lenient warnings (RFC 9051 §9)', () => {
    expect(r('Grüße €\r\n', true).text()).toBe('Grüße €');
    const data = concat('a', [0xff], 'b', [0], 'c\r\n');
    const rd = r(data);
    // NUL cannot be written back as text: the value goes without it (quirk table, text-nul).
    expect(rd.text()).toBe('a\udcffbc');
    expect(names(rd)).toEqual(['text-8bit', 'text-nul']);
    expect(rd.warnings!.map((w) => w.offset)).toEqual([1, 3]);
    expect(parseError(() => r(data, true).text()).offset).toBe(1);
  });

  it('text: a recurring or long text reads the same as the first time; an odd byte anywhere takes the checking path', () => {
    const long = 'Fetch completed (0.001 + 0.000 + 0.002 secs). '.repeat(3);
    for (const t of ['Logging out', 'Fetch completed (0.001 + 0.000 secs).', long]) {
      for (let k = 0; k < 2; k++) {
        const rd = r(`${t}\r\n`);
        expect(rd.text()).toBe(t);
        expect(rd.pos).toBe(t.length);
        expect(rd.warnings).toBeUndefined();
      }
    }
    // NUL and an 8-bit byte past the first bytes: warnings as before, the NUL dropped.
    const odd = concat('Fetch completed (0.001 + 0.000 secs).', [0], ' and', [0xe9], '\r\n');
    const rd = r(odd);
    expect(rd.text()).toBe('Fetch completed (0.001 + 0.000 secs). and\udce9');
    expect(names(rd)).toEqual(['text-nul', 'text-8bit']);
    expect(parseError(() => r(odd, true).text()).offset).toBe(37);
    // Each byte the word scan must stop at, at every place in a word.
    for (let k = 1; k < 12; k++) {
      for (const c of [0x00, 0x0d, 0x0a, 0x7f, 0x80, 0xff]) {
        const data = Uint8Array.from(bytes('abcdefghijklmnop\r\n'));
        data[k] = c;
        const rd = r(data);
        const t = rd.text();
        const stop = c === 0x0d || c === 0x0a ? k : 16;
        expect(rd.pos, `${c} at ${k}`).toBe(stop);
        const want = c === 0 ? latin1(data.subarray(0, k)) + latin1(data.subarray(k + 1, 16)) : c >= 0x80 ? latin1(data.subarray(0, k)) + String.fromCharCode(0xdc00 + c) + latin1(data.subarray(k + 1, 16)) : latin1(data.subarray(0, stop));
        expect(t, `${c} at ${k}`).toBe(want);
        expect(rd.warnings?.length ?? 0, `${c} at ${k}`).toBe(c === 0 || c >= 0x80 ? 1 : 0);
      }
    }
    // The frame's end stops the text when no line end comes first.
    const tail = new Reader(bytes('A1 OK Done\r\nMORE'));
    tail.end = 10;
    tail.pos = 6;
    expect(tail.text()).toBe('Done');
  });

  it('tag: 1*<ASTRING-CHAR except "+"> and remembered for errors (RFC 9051 §9, §2.2.1)', () => {
    const rd = r('A001 NOOP');
    expect(rd.tag()).toBe('A001');
    expect(rd.tagValue).toBe('A001');
    rd.sp();
    const e = parseError(() => rd.number());
    expect(e.tag).toBe('A001');
    expect(r('a]b c').tag()).toBe('a]b');
    // "+" inside the word: not the tag "A" (issue: "A+1 OK" reported the tag as A).
    const plusErr = parseError(() => r('A+1 OK').tag());
    expect(plusErr.tag).toBeUndefined();
    expect(plusErr.rule).toBe('tag');
    expect(plusErr.found).toContain('A+1');
    expect(parseError(() => r('+ x').tag()).expected).toBe('tag');
    expect(() => r('(x').tag()).toThrow(ImapParseError);
    expect(() => r('*').tag()).toThrow(ImapParseError);
  });
});

describe('sequence-set (RFC 9051 §4.1.1, §9; RFC 5182)', () => {
  it('sequence-set: numbers, ranges and "*" (RFC 9051 §4.1.1)', () => {
    expect(r('1:*').sequenceSet()).toEqual([[1, '*']]);
    expect(r('*').sequenceSet()).toEqual(['*']);
    expect(r('2,4:7,9,12:* x').sequenceSet()).toEqual([2, [4, 7], 9, [12, '*']]);
    expect(r('*:4').sequenceSet()).toEqual([['*', 4]]);
    expect(r('4294967295').sequenceSet()).toEqual([4294967295]);
  });

  it('sequence-set: a range keeps the order it was written in (RFC 9051 §9 seq-range)', () => {
    expect(r('4:2').sequenceSet()).toEqual([[4, 2]]);
  });

  it('sequence-set: "$" is the saved search result (RFC 5182 §2.1, RFC 9051 §9)', () => {
    const rd = r('$ x');
    expect(rd.sequenceSet()).toBe('$');
    expect(rd.pos).toBe(1);
  });

  it('sequence-set: 0, a trailing comma and an open range are errors (RFC 9051 §9)', () => {
    expect(parseError(() => r('0').sequenceSet()).expected).toBe('nz-number');
    expect(parseError(() => r('1,').sequenceSet()).offset).toBe(2);
    expect(parseError(() => r('1:').sequenceSet()).offset).toBe(2);
    expect(() => r('1:0').sequenceSet()).toThrow(ImapParseError);
    expect(() => r('').sequenceSet()).toThrow(ImapParseError);
  });
});

describe('reader errors carry the stream offset', () => {
  it('offset option shifts error offsets (RFC 9051 §9)', () => {
    const rd = new Reader(bytes('A1 x'), { offset: 1000 });
    rd.tag();
    rd.sp();
    const e = parseError(() => rd.number());
    expect(e.offset).toBe(1003);
    expect(e.tag).toBe('A1');
  });
});
