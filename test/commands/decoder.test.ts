import { describe, expect, test } from 'vitest';
import { CommandDecoder, type CommandDecoderEvent } from '../../src/codec/command-decoder.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { bytes, text, decodeAll } from './helpers.js';

const commands = (evs: CommandDecoderEvent[]) => evs.filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.command : null));
const errors = (evs: CommandDecoderEvent[]) => evs.filter((e) => e.type === 'error');

describe('literals', () => {
  test('a synchronizing literal waits for acceptLiteral, then the command follows', () => {
    const d = new CommandDecoder();
    expect(d.push(bytes('A1 LOGIN {4}\r\n'))).toEqual([{ type: 'literal', tag: 'A1', length: 4, mode: 'sync', binary: false }]);
    expect(d.awaitingLiteral).toBe(true);
    // Bytes that arrive before the decision are held, not read as commands.
    expect(d.push(bytes('fred {3}\r\n'))).toEqual([]);
    expect(d.acceptLiteral()).toEqual([{ type: 'literal', tag: 'A1', length: 3, mode: 'sync', binary: false }]);
    expect(d.push(bytes('pwd\r\nA2 NOOP\r\n'))).toEqual([]);
    expect(d.acceptLiteral()).toEqual([
      { type: 'command', command: { tag: 'A1', type: 'LOGIN', userid: 'fred', password: 'pwd' } },
      { type: 'command', command: { tag: 'A2', type: 'NOOP' } },
    ]);
  });

  test('a rejected literal drops its command; no literal bytes are read as commands', () => {
    const d = new CommandDecoder({ authenticated: true });
    const evs = d.push(bytes('A1 APPEND INBOX {99999}\r\n'));
    expect(evs).toEqual([{ type: 'literal', tag: 'A1', length: 99999, mode: 'sync', binary: false }]);
    // The client did not get "+": what it sends next is a new command.
    expect(d.push(bytes('A2 NOOP\r\n'))).toEqual([]);
    expect(d.rejectLiteral()).toEqual([{ type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });

  test('LITERAL+: a non-synchronizing literal of any size needs no decision', () => {
    const big = 'x'.repeat(10000);
    const evs = decodeAll([bytes(`A1 APPEND INBOX {${big.length}+}\r\n${big}\r\n`)], { capabilities: ['LITERAL+'], authenticated: true });
    expect(evs.length).toBe(1);
    const c = commands(evs)[0];
    expect(c?.type === 'APPEND' && c.messages[0].data.type === 'literal' && c.messages[0].data.data.length).toBe(10000);
  });

  test('LITERAL-: a non-synchronizing literal over 4096 bytes is an error, its bytes are skipped, the next command is read', () => {
    const big = 'A9 NOOP\r\n'.repeat(600); // looks like commands: must not be read as such
    const evs = decodeAll([bytes(`A1 APPEND INBOX {${big.length}+}\r\n${big}\r\nA2 NOOP\r\n`)], { capabilities: ['IMAP4rev2'], authenticated: true });
    expect(errors(evs).length).toBe(1);
    expect(errors(evs)[0]).toMatchObject({ type: 'error', tag: 'A1' });
    expect((errors(evs)[0] as { error: ImapParseError }).error.code).toBe('literal-too-large');
    expect(commands(evs)).toEqual([{ tag: 'A2', type: 'NOOP' }]);
  });

  test('LITERAL-: 4096 bytes non-synchronizing is fine', () => {
    const data = 'y'.repeat(4096);
    const evs = decodeAll([bytes(`A1 LOGIN fred {4096+}\r\n${data}\r\n`)], { capabilities: ['IMAP4rev2'], authenticated: true });
    expect(commands(evs)).toEqual([{ tag: 'A1', type: 'LOGIN', userid: 'fred', password: data }]);
  });

  test('before authentication lines and literals are limited more', () => {
    const d = new CommandDecoder({ maxLineLengthBeforeAuth: 100 });
    const evs = d.push(bytes(`A1 LOGIN ${'u'.repeat(200)} p\r\nA2 NOOP\r\n`));
    expect(errors(evs).map((e) => (e.type === 'error' ? e.error.code : ''))).toEqual(['line-too-long']);
    expect(commands(evs)).toEqual([{ tag: 'A2', type: 'NOOP' }]);
    d.authenticated = true;
    expect(commands(d.push(bytes(`A3 SELECT ${'m'.repeat(200)}\r\n`)))).toEqual([{ tag: 'A3', type: 'SELECT', mailbox: 'm'.repeat(200) }]);
  });
});

describe('AUTHENTICATE', () => {
  const plain = 'AGZyZWQAdGlnZXI='; // \0fred\0tiger
  const plainBytes = new TextEncoder().encode('\0fred\0tiger');

  test('PLAIN without an initial response: command, challenge, response, end', () => {
    const d = new CommandDecoder();
    // The client's response may even arrive in the same chunk: it is held until the server's "+".
    const evs = d.push(bytes(`A1 AUTHENTICATE PLAIN\r\n${plain}\r\n`));
    expect(evs).toEqual([{ type: 'command', command: { tag: 'A1', type: 'AUTHENTICATE', mechanism: 'PLAIN' } }]);
    expect(d.paused).toBe(true);
    expect(d.startAuthenticate()).toEqual([{ type: 'sasl', data: plainBytes }]);
    expect(d.paused).toBe(true);
    expect(d.endAuthenticate()).toEqual([]);
    d.authenticated = true;
    expect(d.push(bytes('A2 SELECT INBOX\r\n'))).toEqual([{ type: 'command', command: { tag: 'A2', type: 'SELECT', mailbox: 'INBOX' } }]);
  });

  test('PLAIN with an initial response (SASL-IR): the server ends the exchange at once', () => {
    const d = new CommandDecoder();
    const evs = d.push(bytes(`A1 AUTHENTICATE PLAIN ${plain}\r\nA2 NOOP\r\n`));
    expect(evs).toEqual([{ type: 'command', command: { tag: 'A1', type: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: plainBytes } }]);
    expect(d.endAuthenticate()).toEqual([{ type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });

  test('an empty initial response "=" and an empty SASL line', () => {
    const d = new CommandDecoder();
    expect(commands(d.push(bytes('A1 AUTHENTICATE EXTERNAL =\r\n')))).toEqual([
      { tag: 'A1', type: 'AUTHENTICATE', mechanism: 'EXTERNAL', initialResponse: new Uint8Array(0) },
    ]);
    d.startAuthenticate();
    expect(d.push(bytes('\r\n'))).toEqual([{ type: 'sasl', data: new Uint8Array(0) }]);
  });

  test('multi-step exchange and cancel', () => {
    const d = new CommandDecoder();
    d.push(bytes('A1 AUTHENTICATE SCRAM-SHA-256\r\n'));
    expect(d.startAuthenticate()).toEqual([]);
    expect(d.push(bytes('YWJj\r\n'))).toEqual([{ type: 'sasl', data: bytes('abc') }]);
    d.startAuthenticate();
    expect(d.push(bytes('*\r\nA2 NOOP\r\n'))).toEqual([{ type: 'sasl-cancel' }, { type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });

  test('bad base64 is an error with the AUTHENTICATE tag and ends the exchange', () => {
    const d = new CommandDecoder({ strict: true });
    d.push(bytes('A1 AUTHENTICATE PLAIN\r\n'));
    d.startAuthenticate();
    const evs = d.push(bytes('not base64!\r\nA2 NOOP\r\n'));
    expect(evs[0]).toMatchObject({ type: 'error', tag: 'A1' });
    expect(commands(evs)).toEqual([{ tag: 'A2', type: 'NOOP' }]);
  });

  test('a refused AUTHENTICATE (no "+") resumes commands', () => {
    const d = new CommandDecoder();
    d.push(bytes('A1 AUTHENTICATE X-UNKNOWN\r\nA2 NOOP\r\n'));
    expect(d.resume()).toEqual([{ type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });
});

describe('IDLE', () => {
  test('IDLE, "+ idling", DONE, then commands', () => {
    const d = new CommandDecoder({ authenticated: true });
    expect(d.push(bytes('A1 IDLE\r\nDONE\r\nA2 NOOP\r\n'))).toEqual([{ type: 'command', command: { tag: 'A1', type: 'IDLE' } }]);
    expect(d.startIdle()).toEqual([{ type: 'done' }, { type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });

  test('a line other than DONE is an error with the IDLE tag and ends IDLE (as Dovecot does)', () => {
    const d = new CommandDecoder({ authenticated: true });
    d.push(bytes('A1 IDLE\r\n'));
    d.startIdle();
    const evs = d.push(bytes('A2 NOOP\r\nA3 LOGOUT\r\n'));
    expect(evs[0]).toMatchObject({ type: 'error', tag: 'A1' });
    expect((evs[0] as { error: ImapParseError }).error.expected).toContain('DONE');
    // Commands again: LOGOUT works.
    expect(evs.slice(1)).toEqual([{ type: 'command', command: { tag: 'A3', type: 'LOGOUT' } }]);
    expect(d.paused).toBe(false);
  });

  test('after an IDLE ended by a bad line, DONE is no longer special', () => {
    const d = new CommandDecoder({ authenticated: true });
    d.push(bytes('A1 IDLE\r\n'));
    d.startIdle();
    const evs = d.push(bytes('garbage\r\nDONE\r\n'));
    expect(evs.map((e) => e.type)).toEqual(['error', 'error']);
    expect(evs[0]).toMatchObject({ tag: 'A1' });
  });

  test('a literal during IDLE is refused without reading its bytes, and ends IDLE', () => {
    const d = new CommandDecoder({ authenticated: true });
    d.push(bytes('A1 IDLE\r\n'));
    d.startIdle();
    const evs = d.push(bytes('x {5}\r\nA2 NOOP\r\n'));
    expect(evs).toMatchObject([{ type: 'error', tag: 'A1' }, { type: 'command', command: { tag: 'A2', type: 'NOOP' } }]);
  });

  test('IDLE again after an IDLE ended by a bad line', () => {
    const d = new CommandDecoder({ authenticated: true });
    d.push(bytes('A1 IDLE\r\n'));
    d.startIdle();
    d.push(bytes('nope\r\n'));
    expect(d.push(bytes('A2 IDLE\r\n'))).toEqual([{ type: 'command', command: { tag: 'A2', type: 'IDLE' } }]);
    d.startIdle();
    expect(d.push(bytes('DONE\r\n'))).toEqual([{ type: 'done' }]);
  });
});

describe('push() takes bytes or a string', () => {
  test('a string chunk is its UTF-8 bytes, split anywhere', () => {
    const d = new CommandDecoder({ authenticated: true });
    expect(d.push('a1 SELECT "Entw')).toEqual([]);
    expect(d.push('ürfe"\r\n')).toEqual([{ type: 'command', command: { tag: 'a1', type: 'SELECT', mailbox: 'Entwürfe' } }]);
  });
  test('anything else is a TypeError, not silence', () => {
    const d = new CommandDecoder();
    for (const bad of [123, null, undefined, {}, [97, 13, 10], new ArrayBuffer(3)]) {
      expect(() => d.push(bad as unknown as Uint8Array)).toThrow(TypeError);
    }
    expect(d.push('a1 NOOP\r\n')).toHaveLength(1);
  });
});

describe('streams', () => {
  test('pipelined commands in one chunk come out in order', () => {
    const evs = decodeAll([bytes('a1 NOOP\r\na2 SELECT INBOX\r\na3 FETCH 1:* (FLAGS)\r\na4 LOGOUT\r\n')], { authenticated: true });
    expect(commands(evs).map((c) => c?.tag)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  test('byte-at-a-time input gives the same commands', () => {
    const input = bytes('a1 LOGIN {4+}\r\nfred "x y"\r\na2 APPEND INBOX (\\Seen) {3+}\r\nabc\r\na3 NOOP\r\n');
    const whole = decodeAll([input]);
    const bytewise = decodeAll(Array.from(input, (b) => Uint8Array.of(b)));
    expect(bytewise).toEqual(whole);
    expect(commands(whole).length).toBe(3);
  });

  test('10,000 good commands and 1 bad one: 10,000 commands and 1 error with its tag', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10000; i++) {
      if (i === 5000) parts.push('BAD1 FETCH 1:* (FLAGS\r\n');
      parts.push(`t${i} UID FETCH ${i + 1} (UID FLAGS)\r\n`);
    }
    const all = bytes(parts.join(''));
    const chunks: Uint8Array[] = [];
    for (let o = 0; o < all.length; o += 4093) chunks.push(all.subarray(o, o + 4093));
    const evs = decodeAll(chunks, { authenticated: true });
    expect(commands(evs).length).toBe(10000);
    expect(errors(evs).length).toBe(1);
    expect(errors(evs)[0]).toMatchObject({ type: 'error', tag: 'BAD1' });
    expect(evs.findIndex((e) => e.type === 'error')).toBe(5000);
  });

  test('an unfinished command at end() is an incomplete error', () => {
    const d = new CommandDecoder();
    d.push(bytes('a1 NOO'));
    const evs = d.end();
    expect(evs.length).toBe(1);
    expect(evs[0].type === 'error' && evs[0].error.code).toBe('incomplete');
  });

  test('warnings from lenient parsing are reported with the command', () => {
    const evs = decodeAll([bytes('a1 NOOP \r\n')]);
    expect(evs[0]).toMatchObject({ type: 'command', warnings: [{ name: 'trailing-space' }] });
  });
});

describe('hostile nesting', () => {
  test('1,000,000 NOT is a too-deep error, not a stack overflow', () => {
    const s = 'a SEARCH ' + 'NOT '.repeat(1_000_000) + 'ALL\r\n';
    expect(() => parseCommand(s)).toThrow(ImapParseError);
    try {
      parseCommand(s);
    } catch (e) {
      expect((e as ImapParseError).code).toBe('too-deep');
      expect((e as ImapParseError).tag).toBe('a');
    }
  });
  test('1,000,000 "(" and OR chains are too-deep errors', () => {
    for (const s of ['a SEARCH ' + '('.repeat(1_000_000) + 'ALL\r\n', 'a SEARCH ' + 'OR ALL '.repeat(1_000_000) + 'ALL\r\n', 'a XFOO ' + '('.repeat(1_000_000) + '\r\n']) {
      let err: unknown;
      try {
        parseCommand(s);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImapParseError);
      expect((err as ImapParseError).code).toBe('too-deep');
    }
  });
  test('the decoder turns deep nesting into an error event and goes on', () => {
    const s = 'a SEARCH ' + 'NOT '.repeat(10000) + 'ALL\r\nb NOOP\r\n';
    const evs = decodeAll([bytes(s)], { authenticated: true });
    expect(evs.map((e) => e.type)).toEqual(['error', 'command']);
  });
});

describe('unknown commands', () => {
  test('are kept with generic arguments and serialize back', () => {
    expect(parseCommand('a1 XPIG-LATIN foo (1 "two" BODY[1.2]) NIL\r\n')).toEqual({
      tag: 'a1', type: 'unknown', name: 'XPIG-LATIN',
      args: [{ type: 'atom', value: 'foo' }, { type: 'list', items: [{ type: 'number', value: 1n }, { type: 'string', value: 'two' }, { type: 'atom', value: 'BODY[1.2]' }] }, { type: 'nil' }],
    });
    expect(parseCommand('a2 UID XFOO 1:5\r\n')).toEqual({ tag: 'a2', type: 'unknown', name: 'UID', args: [{ type: 'atom', value: 'XFOO' }, { type: 'atom', value: '1:5' }] });
  });
  test('a known command with bad arguments is an error carrying the tag', () => {
    let err: unknown;
    try {
      parseCommand('x9 FETCH abc\r\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImapParseError);
    expect((err as ImapParseError).tag).toBe('x9');
    expect(text(bytes('ok'))).toBe('ok');
  });
});

describe('CommandDecoder holds a bounded amount while paused', () => {
  test('drops what a client sends past maxFrameSize before the server answers IDLE', () => {
    const d = new CommandDecoder({ authenticated: true, maxFrameSize: 1000 });
    const first = d.push(new TextEncoder().encode('A1 IDLE\r\n'));
    expect(first.map((e) => e.type)).toEqual(['command']);
    const flood = new TextEncoder().encode('A2 NOOP\r\n'.repeat(200));
    const evs = d.push(flood);
    const errors = evs.filter((e) => e.type === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].type === 'error' && errors[0].error.code).toBe('frame-too-large');
    // What was held after the drop stays under the limit and is released in order.
    const released = d.resume();
    expect(released.every((e) => e.type === 'command')).toBe(true);
    expect(released.length).toBeLessThan(1000 / 9 + 1);
  });
});

describe('parseCommand reports tolerances through onWarning', () => {
  test('a trailing space before CRLF is a warning in lenient mode, an error in strict mode', () => {
    const seen: string[] = [];
    expect(parseCommand('A1 NOOP \r\n', { onWarning: (w) => seen.push(w.name) })).toEqual({ tag: 'A1', type: 'NOOP' });
    expect(seen).toEqual(['trailing-space']);
    expect(() => parseCommand('A1 NOOP \r\n', { strict: true })).toThrow(ImapParseError);
  });
});
