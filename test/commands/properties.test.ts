import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { command, commandArbitraries, searchKey, fetchAtt, anyString, tag } from '../arbitraries/commands.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand, encodeCommand } from '../../src/codec/encode-command.js';
import { Reader } from '../../src/wire/reader.js';
import { Writer } from '../../src/wire/writer.js';
import { readSearchKey, writeSearchKey } from '../../src/grammar/search.js';
import { readFetchAtt, writeFetchAtt } from '../../src/grammar/fetch-command.js';
import { frameAll, decodeAll, concat, bytes } from './helpers.js';
import type { Command } from '../../src/model/command.js';

const OPTION_SETS = [
  {},
  { literalPlus: true },
  { literalMinus: true },
  { utf8: true, binary: true },
  { capabilities: ['IMAP4rev2'] },
  { capabilities: ['IMAP4rev1', 'LITERAL+', 'UTF8=ACCEPT'] },
];

describe('round trip: parseCommand(serializeCommand(x)) deep-equals x', () => {
  for (const [name, arb] of Object.entries(commandArbitraries)) {
    test(name, () => {
      fc.assert(
        fc.property(arb, fc.constantFrom(...OPTION_SETS), (c, o) => {
          expect(parseCommand(serializeCommand(c, o))).toEqual(c);
        }),
        { numRuns: 150 },
      );
    });
  }
  test('parse is also stable in strict mode for canonical output', () => {
    fc.assert(
      fc.property(commandArbitraries.FETCH, (c) => {
        expect(parseCommand(serializeCommand(c), { strict: true })).toEqual(c);
      }),
      { numRuns: 100 },
    );
  });
});

describe('grammar pieces round trip on their own', () => {
  test('search-key', () => {
    fc.assert(
      fc.property(searchKey, (k) => {
        const w = new Writer({ literalPlus: true });
        writeSearchKey(w, k);
        w.crlf();
        const r = new Reader(w.toBytes());
        expect(readSearchKey(r)).toEqual(k);
        r.crlf();
      }),
    );
  });
  test('fetch-att', () => {
    fc.assert(
      fc.property(fetchAtt, (a) => {
        const w = new Writer();
        writeFetchAtt(w, a);
        const r = new Reader(w.toBytes());
        expect(readFetchAtt(r)).toEqual(a);
        expect(r.atEnd()).toBe(true);
      }),
    );
  });
});

describe('fragments', () => {
  test('concatenated fragments equal serializeCommand with the same options', () => {
    fc.assert(
      fc.property(command, fc.constantFrom(...OPTION_SETS), (c, o) => {
        const frags = encodeCommand(c, o);
        expect(concat(frags.map((f) => f.bytes))).toEqual(serializeCommand(c, o));
        // Lines and literals alternate, and only literals end a line with a header.
        for (let i = 0; i < frags.length; i++) {
          if (frags[i].type === 'literal') expect(frags[i - 1]?.type).toBe('line');
        }
      }),
      { numRuns: 300 },
    );
  });
  test('sync literals only without LITERAL+; LITERAL- keeps large literals sync', () => {
    const big = new Uint8Array(5000).fill(0x61);
    const small = new Uint8Array(10).fill(0x62);
    const c: Command = {
      tag: 'A1', type: 'APPEND', mailbox: 'INBOX',
      messages: [{ data: { type: 'literal', data: big, binary: false } }, { data: { type: 'literal', data: small, binary: false } }],
    };
    const modes = (o: object) => encodeCommand(c, o).filter((f) => f.type === 'literal').map((f) => (f.type === 'literal' ? f.mode : ''));
    expect(modes({})).toEqual(['sync', 'sync']);
    expect(modes({ capabilities: ['IMAP4rev2'] })).toEqual(['sync', 'nonsync']);
    expect(modes({ capabilities: ['LITERAL+'] })).toEqual(['nonsync', 'nonsync']);
  });
});

describe('no injection', () => {
  test('every serialized command frames to exactly one frame that parses back equal', () => {
    fc.assert(
      fc.property(command, fc.constantFrom(...OPTION_SETS), (c, o) => {
        const evs = frameAll(serializeCommand(c, o));
        const frames = evs.filter((e) => e.type === 'frame');
        expect(evs.filter((e) => e.type === 'error')).toEqual([]);
        expect(frames.length).toBe(1);
        expect(parseCommand(frames[0].type === 'frame' ? frames[0].frame.bytes : new Uint8Array())).toEqual(c);
      }),
      { numRuns: 400 },
    );
  });
  test('hostile LOGIN strings stay one command through the decoder', () => {
    fc.assert(
      fc.property(tag, anyString, anyString, (t, user, pass) => {
        const c: Command = { tag: t, type: 'LOGIN', userid: user + '\r\nX1 LOGOUT\r\n', password: pass + ' {5}' };
        const evs = decodeAll([serializeCommand(c, { literalPlus: true })], { capabilities: ['LITERAL+'] });
        expect(evs).toEqual([{ type: 'command', command: c }]);
      }),
    );
  });
  test('a mailbox ending in {5} is not a literal header', () => {
    const c: Command = { tag: 'A1', type: 'SELECT', mailbox: 'x {5}' };
    const s = new TextDecoder().decode(serializeCommand(c));
    expect(s).toBe('A1 SELECT "x {5}"\r\n');
    expect(frameAll(bytes(s)).length).toBe(1);
  });
});
