import { describe, it, expect } from 'vitest';
import { Framer, type FramerEvent } from '../../src/wire/framer.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { bytes, latin1, framesOf, errorsOf, run, summary } from './helpers.js';

describe('Framer: frames and literal spans', () => {
  it('frames a response with a literal and records the span (RFC 9051 §4.3)', () => {
    const input = '* 1 FETCH (BODY[] {3}\r\nabc)\r\n';
    const ev = run({ side: 'client' }, [input]);
    expect(ev).toHaveLength(1);
    const [f] = framesOf(ev);
    expect(latin1(f.bytes)).toBe(input);
    expect(f.offset).toBe(0);
    expect(f.literals).toEqual([{ start: 23, length: 3, mode: 'sync', binary: false }]);
    expect(latin1(f.bytes.subarray(23, 26))).toBe('abc');
    expect(f.warnings).toBeUndefined();
  });

  it('splits a stream into frames with stream offsets (RFC 9051 §2.2.2)', () => {
    const a = '* 2 EXISTS\r\n';
    const b = '* 1 FETCH (BODY[1] {2}\r\nxy BODY[2] ~{3}\r\n\x00\x01\x02)\r\n';
    const c = 'A1 OK done\r\n';
    const ev = run({ side: 'client' }, [a + b + c]);
    const fs = framesOf(ev);
    expect(fs.map((f) => latin1(f.bytes))).toEqual([a, b, c]);
    expect(fs.map((f) => f.offset)).toEqual([0, a.length, a.length + b.length]);
    expect(fs[1].literals).toEqual([
      { start: 24, length: 2, mode: 'sync', binary: false },
      { start: 41, length: 3, mode: 'sync', binary: true },
    ]);
    expect(Array.from(fs[1].bytes.subarray(41, 44))).toEqual([0, 1, 2]);
  });

  it('literal lengths count bytes, not characters: "€" is 3 bytes (RFC 9051 §4.3)', () => {
    const input = bytes('* 1 FETCH (BODY[] {6}\r\n€€)\r\n* 2 EXISTS\r\n');
    const one = framesOf(run({ side: 'client' }, [input]));
    expect(one).toHaveLength(2);
    expect(new TextDecoder().decode(one[0].bytes)).toBe('* 1 FETCH (BODY[] {6}\r\n€€)\r\n');
    expect(one[0].literals[0].length).toBe(6);
    // split in the middle of a '€'
    const split = framesOf(run({ side: 'client' }, [input.subarray(0, 25), input.subarray(25)]));
    expect(split.map((f) => latin1(f.bytes))).toEqual(one.map((f) => latin1(f.bytes)));
  });

  it('a literal holding CRLF and command-like bytes is data, not frames (RFC 9051 §4.3)', () => {
    const data = 'A2 LOGOUT\r\n* BYE\r\n{3}\r\n';
    const input = `* 1 FETCH (BODY[] {${data.length}}\r\n${data})\r\n`;
    expect(summary(run({ side: 'client' }, [input]))).toEqual([input]);
  });

  it('{0} literals and several literals in one line (RFC 9051 §4.3)', () => {
    const input = 'A1 LOGIN {0}\r\n {3}\r\nabc\r\n';
    const ev = run({ side: 'client' }, [input]);
    const [f] = framesOf(ev);
    expect(latin1(f.bytes)).toBe(input);
    expect(f.literals.map((l) => [l.start, l.length])).toEqual([[14, 0], [20, 3]]);
  });
});

describe('Framer: zero copy', () => {
  it('a frame inside one chunk is a view of that chunk (same .buffer)', () => {
    const chunk = bytes('* 1 EXISTS\r\n* 1 FETCH (BODY[] {3}\r\nabc)\r\n');
    const f = new Framer({ side: 'client' });
    const fs = framesOf(f.push(chunk));
    expect(fs).toHaveLength(2);
    for (const fr of fs) expect(fr.bytes.buffer).toBe(chunk.buffer);
    expect(fs[1].bytes.byteOffset).toBe(chunk.byteOffset + 12);
    expect(f.stats.copied).toBe(0);
  });

  it('a frame spanning chunks is copied into its own buffer', () => {
    const input = bytes('* 1 FETCH (BODY[] {3}\r\nabc)\r\n');
    const a = input.slice(0, 10);
    const b = input.slice(10);
    const f = new Framer({ side: 'client' });
    expect(f.push(a)).toEqual([]);
    expect(f.bufferedBytes).toBe(10);
    const [fr] = framesOf(f.push(b));
    expect(latin1(fr.bytes)).toBe(latin1(input));
    expect(fr.bytes.buffer).not.toBe(a.buffer);
    expect(fr.bytes.buffer).not.toBe(b.buffer);
    expect(f.stats.copied).toBe(input.length);
    expect(f.bufferedBytes).toBe(0);
  });

  it('a chunk reused by the caller does not change a frame already returned', () => {
    const f = new Framer({ side: 'client' });
    const buf = bytes('* 1 EXI');
    f.push(buf);
    const [fr] = framesOf(f.push(bytes('STS\r\n')));
    buf.fill(0x41);
    expect(latin1(fr.bytes)).toBe('* 1 EXISTS\r\n');
  });
});

describe('Framer: status responses are text on the client side (RFC 9051 §7.1, §9 resp-text)', () => {
  it('"* OK [ALERT] quota at {5}" is one line; the next bytes are the next frame', () => {
    const ev = run({ side: 'client' }, ['* OK [ALERT] quota at {5}\r\n* 2 EXISTS\r\n']);
    expect(summary(ev)).toEqual(['* OK [ALERT] quota at {5}\r\n', '* 2 EXISTS\r\n']);
    expect(framesOf(ev)[0].literals).toEqual([]);
  });

  it('"A1 NO ... {12}" is one line', () => {
    const ev = run({ side: 'client' }, ['A1 NO message too big {12}\r\nA2 OK x\r\n']);
    expect(summary(ev)).toEqual(['A1 NO message too big {12}\r\n', 'A2 OK x\r\n']);
  });

  it('"+ ... {3}" is one line', () => {
    const ev = run({ side: 'client' }, ['+ go ahead {3}\r\n* 1 RECENT\r\n']);
    expect(summary(ev)).toEqual(['+ go ahead {3}\r\n', '* 1 RECENT\r\n']);
  });

  it('BAD, BYE, PREAUTH, lower case and "*  OK" (two spaces) are status lines too', () => {
    const lines = ['* BAD {1}\r\n', '* BYE {1}\r\n', '* PREAUTH {1}\r\n', 'a1 ok {1}\r\n', '*  OK {1}\r\n', 'A1 BAD\r\n'];
    expect(summary(run({ side: 'client' }, [lines.join('')]))).toEqual(lines);
  });

  it('a tag of any length keeps a status response one line (RFC 9051 §9 tag)', () => {
    const tag = 'T'.repeat(60);
    const ev = run({ side: 'client' }, [`${tag} NO too big {12}\r\n* 3 EXISTS\r\n`]);
    expect(summary(ev)).toEqual([`${tag} NO too big {12}\r\n`, '* 3 EXISTS\r\n']);
  });

  it('other responses ending in {n} announce a literal', () => {
    const input = '* OKAY {3}\r\nabc\r\n* 1 FETCH (X {1}\r\n)\r\n';
    expect(summary(run({ side: 'client' }, [input]))).toEqual(['* OKAY {3}\r\nabc\r\n', '* 1 FETCH (X {1}\r\n)\r\n']);
  });

  it('the same bytes on the server side are a command with a literal (RFC 9051 §2.2.1)', () => {
    const f = new Framer({ side: 'server' });
    const ev = f.push(bytes('A1 NO x {3}\r\n'));
    expect(ev).toEqual([{ type: 'literal', tag: 'A1', length: 3, mode: 'sync', binary: false, offset: 13 }]);
  });
});

describe('Framer: line ends (RFC 9051 §2.2)', () => {
  it('a lone LF is accepted in lenient mode with the warning "lone-lf"', () => {
    const ev = run({ side: 'client' }, ['* 1 EXISTS\n* 2 EXISTS\r\n']);
    const fs = framesOf(ev);
    expect(fs.map((f) => latin1(f.bytes))).toEqual(['* 1 EXISTS\n', '* 2 EXISTS\r\n']);
    expect(fs[0].warnings).toEqual(['lone-lf']);
    expect(fs[1].warnings).toBeUndefined();
    expect(errorsOf(ev)).toEqual([]);
  });

  it('a lone LF after a literal header is accepted in lenient mode', () => {
    const [f] = framesOf(run({ side: 'client' }, ['* 1 FETCH (BODY[] {2}\nab)\r\n']));
    expect(f.literals[0]).toMatchObject({ start: 22, length: 2 });
    expect(f.warnings).toEqual(['lone-lf']);
  });

  it('a lone LF is an error in strict mode; the next frame is still read', () => {
    const ev = run({ side: 'client', strict: true }, ['* 1 EXISTS\n* 2 EXISTS\r\n']);
    expect(summary(ev)).toEqual(['!syntax', '* 2 EXISTS\r\n']);
    const e = errorsOf(ev)[0];
    expect(e.offset).toBe(10);
    expect(e.expected).toBe('CRLF');
    expect(e.tag).toBe('*');
  });

  it('a CR without LF does not end a line', () => {
    expect(summary(run({ side: 'client' }, ['* OK a\rb\r\n']))).toEqual(['* OK a\rb\r\n']);
  });
});

describe('Framer: limits and resynchronization', () => {
  it('line too long: "line-too-long", then the next frame', () => {
    const long = `A1 ${'x'.repeat(40)}\r\n`;
    const ev = run({ side: 'client', maxLineLength: 20 }, [long + 'A2 OK\r\n']);
    expect(summary(ev)).toEqual(['!line-too-long', 'A2 OK\r\n']);
    const e = errorsOf(ev)[0];
    expect(e).toBeInstanceOf(ImapParseError);
    expect(e.tag).toBe('A1');
    expect(framesOf(ev)[0].offset).toBe(long.length);
  });

  it('line too long is reported before the line ends, and the rest is skipped', () => {
    const f = new Framer({ side: 'client', maxLineLength: 20 });
    const first = f.push(bytes(`* ${'y'.repeat(30)}`));
    expect(summary(first)).toEqual(['!line-too-long']);
    expect(f.push(bytes('y'.repeat(1000)))).toEqual([]);
    expect(summary(f.push(bytes('yy\r\n* 1 EXISTS\r\n')))).toEqual(['* 1 EXISTS\r\n']);
    expect(f.end()).toEqual([]);
  });

  it('a line of exactly maxLineLength bytes (CRLF not counted) is fine', () => {
    const line = 'A1 ' + 'x'.repeat(17);
    expect(summary(run({ side: 'client', maxLineLength: 20 }, [line + '\r\n']))).toEqual([line + '\r\n']);
    const chunks = [line, '\r', '\n'];
    expect(summary(run({ side: 'client', maxLineLength: 20 }, chunks))).toEqual([line + '\r\n']);
  });

  it('a too-long line that announces a literal: the literal bytes are skipped, not parsed', () => {
    const data = 'A9 NOOP\r\nA8 NOOP\r\n';
    const input = `* 1 FETCH (BODY[] ${'z'.repeat(40)} {${data.length}}\r\n${data})\r\n* 2 EXISTS\r\n`;
    const ev = run({ side: 'client', maxLineLength: 30 }, [input]);
    expect(summary(ev)).toEqual(['!line-too-long', '* 2 EXISTS\r\n']);
    // the same, one byte at a time
    const bytewise = [...bytes(input)].map((c) => Uint8Array.of(c));
    expect(summary(run({ side: 'client', maxLineLength: 30 }, bytewise))).toEqual(['!line-too-long', '* 2 EXISTS\r\n']);
  });

  it('literal too large: "literal-too-large", the announced bytes are skipped (client side)', () => {
    const data = '* 5 EXISTS\r\n'.repeat(20); // 240 bytes that look like responses
    const input = `* 1 FETCH (BODY[] {${data.length}}\r\n${data})\r\n* 3 EXISTS\r\n`;
    const ev = run({ side: 'client', maxLiteralSize: 100 }, [input]);
    expect(summary(ev)).toEqual(['!literal-too-large', '* 3 EXISTS\r\n']);
    const e = errorsOf(ev)[0];
    expect(e.tag).toBe('*');
    expect(e.offset).toBe(input.indexOf('\r\n') + 2);
    expect(e.found).toBe('{240}');
  });

  it('literal too large, fed in small chunks: same result', () => {
    const data = 'A1 NOOP\r\n'.repeat(30);
    const input = bytes(`* 1 FETCH (BODY[] {${data.length}}\r\n${data})\r\n* 3 EXISTS\r\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < input.length; i += 7) chunks.push(input.subarray(i, i + 7));
    expect(summary(run({ side: 'client', maxLiteralSize: 100 }, chunks))).toEqual(['!literal-too-large', '* 3 EXISTS\r\n']);
  });

  it('frame too large: "frame-too-large", the rest of the frame (its literals) is skipped', () => {
    const lit = 'A2 NOOP\r\n'.repeat(6); // 54 bytes
    const input = `* 1 FETCH (BODY[1] {54}\r\n${lit} BODY[2] {54}\r\n${lit} BODY[3] {54}\r\n${lit})\r\n* 9 EXISTS\r\n`;
    const ev = run({ side: 'client', maxFrameSize: 120 }, [input]);
    expect(summary(ev)).toEqual(['!frame-too-large', '* 9 EXISTS\r\n']);
    expect(errorsOf(ev)[0].tag).toBe('*');
  });

  it('frame too large counts the last line too', () => {
    const input = `* 1 FETCH (BODY[] {50}\r\n${'q'.repeat(50)} ${'X'.repeat(60)})\r\n* 9 EXISTS\r\n`;
    const ev = run({ side: 'client', maxFrameSize: 100 }, [input]);
    expect(summary(ev)).toEqual(['!frame-too-large', '* 9 EXISTS\r\n']);
  });

  it('server side: a too-large synchronizing literal is refused; the client sends no data, so the next bytes are a command', () => {
    const ev = run({ side: 'server', maxLiteralSize: 100 }, ['A1 APPEND INBOX {200}\r\nA2 NOOP\r\n']);
    expect(summary(ev)).toEqual(['!literal-too-large', 'A2 NOOP\r\n']);
    expect(errorsOf(ev)[0].tag).toBe('A1');
  });

  it('server side: a too-large non-synchronizing literal is skipped', () => {
    const data = 'A3 DELETE INBOX\r\n'.repeat(10);
    const ev = run({ side: 'server', maxLiteralSize: 100 }, [`A1 APPEND INBOX {${data.length}+}\r\n${data}\r\nA2 NOOP\r\n`]);
    expect(summary(ev)).toEqual(['!literal-too-large', 'A2 NOOP\r\n']);
  });

  it('server side defaults: a 64 KiB line limit', () => {
    const ev = run({ side: 'server' }, [`A1 ${'x'.repeat(70_000)}\r\nA2 NOOP\r\n`]);
    expect(summary(ev)).toEqual(['!line-too-long', 'A2 NOOP\r\n']);
  });

  it('an announced size alone allocates nothing and is bounded by the limit', () => {
    const f = new Framer({ side: 'client' });
    const ev = f.push(bytes('* 1 FETCH (BODY[] {99999999999999999999999}\r\n'));
    expect(summary(ev)).toEqual(['!literal-too-large']);
  });
});

describe('Framer: server side literals (RFC 9051 §4.3, §7.5; RFC 7888)', () => {
  it('a synchronizing literal emits a literal event and holds the data until acceptLiteral', () => {
    const f = new Framer({ side: 'server' });
    const ev = f.push(bytes('A1 APPEND INBOX {5}\r\n'));
    expect(ev).toEqual([{ type: 'literal', tag: 'A1', length: 5, mode: 'sync', binary: false, offset: 21 }]);
    expect(f.awaitingLiteral).toBe(true);
    expect(f.push(bytes('hello\r\nA2 NOOP\r\n'))).toEqual([]);
    const after = f.acceptLiteral();
    expect(summary(after)).toEqual(['A1 APPEND INBOX {5}\r\nhello\r\n', 'A2 NOOP\r\n']);
    const fs = framesOf(after);
    expect(fs[0].literals).toEqual([{ start: 21, length: 5, mode: 'sync', binary: false }]);
    expect(fs[1].offset).toBe(28);
    expect(f.awaitingLiteral).toBe(false);
  });

  it('data in the same chunk as the header waits too', () => {
    const f = new Framer({ side: 'server' });
    const ev = f.push(bytes('A1 APPEND INBOX ~{3}\r\nab\x00\r\n'));
    expect(ev).toEqual([{ type: 'literal', tag: 'A1', length: 3, mode: 'sync', binary: true, offset: 22 }]);
    const [fr] = framesOf(f.acceptLiteral());
    expect(Array.from(fr.bytes.subarray(22, 25))).toEqual([0x61, 0x62, 0]);
    expect(fr.literals[0].binary).toBe(true);
  });

  it('data pushed after acceptLiteral completes the frame', () => {
    const f = new Framer({ side: 'server' });
    f.push(bytes('A1 LOGIN {4}\r\n'));
    expect(f.acceptLiteral()).toEqual([]);
    expect(f.push(bytes('fred {4}\r\n'))).toEqual([{ type: 'literal', tag: 'A1', length: 4, mode: 'sync', binary: false, offset: 24 }]);
    expect(f.acceptLiteral()).toEqual([]);
    expect(summary(f.push(bytes('pass\r\n')))).toEqual(['A1 LOGIN {4}\r\nfred {4}\r\npass\r\n']);
  });

  it('rejectLiteral drops the command; what follows is the next command', () => {
    const f = new Framer({ side: 'server' });
    expect(f.push(bytes('A1 APPEND INBOX {5000}\r\nA2 NO'))).toHaveLength(1);
    const ev = f.rejectLiteral();
    expect(ev).toEqual([]);
    expect(f.awaitingLiteral).toBe(false);
    const next = f.push(bytes('OP\r\n'));
    expect(summary(next)).toEqual(['A2 NOOP\r\n']);
    expect(framesOf(next)[0].offset).toBe(24);
    expect(f.end()).toEqual([]);
  });

  it('rejectLiteral returns the commands that arrived while waiting', () => {
    const f = new Framer({ side: 'server' });
    f.push(bytes('A1 APPEND INBOX {5}\r\nA2 NOOP\r\nA3 NOOP\r\n'));
    expect(summary(f.rejectLiteral())).toEqual(['A2 NOOP\r\n', 'A3 NOOP\r\n']);
  });

  it('acceptLiteral / rejectLiteral do nothing when no literal waits', () => {
    const f = new Framer({ side: 'server' });
    expect(f.acceptLiteral()).toEqual([]);
    expect(f.rejectLiteral()).toEqual([]);
    expect(summary(f.push(bytes('A1 NOOP\r\n')))).toEqual(['A1 NOOP\r\n']);
  });

  it('a non-synchronizing {n+} does not pause (RFC 7888 §3)', () => {
    const f = new Framer({ side: 'server' });
    const ev = f.push(bytes('A1 APPEND INBOX {5+}\r\nhello\r\n'));
    expect(summary(ev)).toEqual(['A1 APPEND INBOX {5+}\r\nhello\r\n']);
    expect(framesOf(ev)[0].literals).toEqual([{ start: 22, length: 5, mode: 'plus', binary: false }]);
    expect(f.awaitingLiteral).toBe(false);
  });

  it('maxNonSyncLiteral 4096 (LITERAL-): {4096+} is fine, {5000+} is an error and its 5000 bytes are skipped (RFC 7888 §5)', () => {
    const ok = run({ side: 'server', maxNonSyncLiteral: 4096 }, [`A0 APPEND INBOX {4096+}\r\n${'a'.repeat(4096)}\r\n`]);
    expect(framesOf(ok)).toHaveLength(1);
    const data = 'A9 DELETE INBOX\r\n'.repeat(300).slice(0, 5000);
    const ev = run({ side: 'server', maxNonSyncLiteral: 4096 }, [`A1 APPEND INBOX {5000+}\r\n${data}\r\nA2 NOOP\r\n`]);
    expect(summary(ev)).toEqual(['!literal-too-large', 'A2 NOOP\r\n']);
    const e = errorsOf(ev)[0];
    expect(e.tag).toBe('A1');
    expect(e.code).toBe('literal-too-large');
  });

  it('maxNonSyncLiteral leaves synchronizing literals alone (RFC 7888 §5)', () => {
    const f = new Framer({ side: 'server', maxNonSyncLiteral: 4096 });
    expect(f.push(bytes('A1 APPEND INBOX {5000}\r\n'))[0]).toMatchObject({ type: 'literal', length: 5000 });
  });

  it('{n-} is read like {n+} in lenient mode with a warning, and refused in strict mode (RFC 7888 §5)', () => {
    const ev = run({ side: 'server' }, ['A1 APPEND INBOX {3-}\r\nabc\r\n']);
    const [f] = framesOf(ev);
    expect(f.literals[0].mode).toBe('minus');
    expect(f.warnings).toEqual(['literal-minus']);
    const strict = run({ side: 'server', strict: true }, ['A1 APPEND INBOX {9-}\r\nA3 NOOP\r\n\r\nA2 NOOP\r\n']);
    expect(summary(strict)).toEqual(['!syntax', 'A2 NOOP\r\n']);
    expect(errorsOf(strict)[0].tag).toBe('A1');
  });

  it('client side: {n-} is a literal too (lenient)', () => {
    const [f] = framesOf(run({ side: 'client' }, ['* 1 FETCH (X {2-}\r\nab)\r\n']));
    expect(f.literals[0]).toMatchObject({ mode: 'minus', length: 2 });
  });

  it('a client talking past an unanswered literal is cut off at maxFrameSize', () => {
    const f = new Framer({ side: 'server', maxFrameSize: 1000 });
    f.push(bytes('A1 APPEND INBOX {10}\r\n'));
    const ev = f.push(new Uint8Array(2000));
    expect(summary(ev)).toEqual(['!frame-too-large']);
    expect(errorsOf(ev)[0].tag).toBe('A1');
  });
});

describe('Framer: end of input', () => {
  const cases: [string, 'client' | 'server', string, string | undefined][] = [
    ['inside a line', 'client', 'A7 OK almost', 'A7'],
    ['inside a literal', 'client', '* 1 FETCH (BODY[] {10}\r\nabc', '*'],
    ['after a literal', 'client', '* 1 FETCH (BODY[] {3}\r\nabc', '*'],
    ['awaiting a literal decision', 'server', 'B2 APPEND INBOX {3}\r\n', 'B2'],
  ];
  for (const [name, side, input, tag] of cases) {
    it(`end() ${name} gives an "incomplete" error with the tag`, () => {
      const f = new Framer({ side });
      const first = f.push(bytes(input)).filter((e) => e.type !== 'literal');
      expect(first).toEqual([]);
      const ev = f.end();
      expect(ev).toHaveLength(1);
      const e = errorsOf(ev)[0];
      expect(e.code).toBe('incomplete');
      expect(e.tag).toBe(tag);
      expect(e.found).toBe('end of input');
      expect(e.offset).toBe(bytes(input).length);
      expect(f.end()).toEqual([]);
    });
  }

  it('end() between frames gives nothing', () => {
    const f = new Framer({ side: 'client' });
    f.push(bytes('* 1 EXISTS\r\n'));
    expect(f.end()).toEqual([]);
  });

  it('the framer is usable after end()', () => {
    const f = new Framer({ side: 'client' });
    f.push(bytes('* 1 EXI'));
    f.end();
    const ev: FramerEvent[] = f.push(bytes('* 2 EXISTS\r\n'));
    expect(summary(ev)).toEqual(['* 2 EXISTS\r\n']);
  });
});

describe('Framer: error tag', () => {
  it('errors carry the frame tag ("*" and "+" included), or undefined when there is none', () => {
    expect(errorsOf(run({ side: 'client', maxLineLength: 5 }, ['+ 0123456789\r\n']))[0].tag).toBe('+');
    expect(errorsOf(run({ side: 'server', maxLineLength: 5 }, ['Z9.x 0123456789\r\n']))[0].tag).toBe('Z9.x');
    expect(errorsOf(run({ side: 'server', maxLineLength: 5 }, ['(((((((((((\r\n']))[0].tag).toBeUndefined();
  });
});
