import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readNamespaceDescr, readNamespaceDescrGeneral } from '../../src/grammar/namespace.js';
import { readStatusResponse } from '../../src/grammar/status.js';
import { readEsearchResponse } from '../../src/grammar/esearch.js';
import { readCapabilityList } from '../../src/grammar/capability.js';
import { Reader } from '../../src/wire/reader.js';

import { mutated, outcome } from './fast-paths.js';

const enc = new TextEncoder();

describe('namespace-descr fast path', () => {
  const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '.', '/', ' ', '#', '"', '\\', 'é'), maxLength: 8 });
  const descr = fc
    .tuple(plain, fc.constantFrom('"/"', '"."', 'NIL', '"\\\\"', '"ab"', '""'), fc.constantFrom('', ' "X-EXT" ("a")', ' "X" ("a" "b")'))
    .map(([prefix, delim, ext]) => enc.encode(`("${prefix}" ${delim}${ext})\r\n`));

  it('gives what the general path gives (value, warnings, cursor, errors)', () => {
    let taken = 0;
    fc.assert(
      fc.property(descr.chain(mutated), fc.boolean(), fc.integer({ min: 0, max: 2 }), (wire, strict, maxDepth) => {
        const options = { strict, maxDepth };
        const fast = outcome(wire, readNamespaceDescr, options);
        expect(fast).toEqual(outcome(wire, readNamespaceDescrGeneral, options));
        if (typeof fast === 'object' && fast !== null && 'value' in fast) taken++;
      }),
      { numRuns: 2000 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});

describe('item names matched in the bytes', () => {
  const read = (s: string, f: (r: Reader) => unknown) => {
    const r = new Reader(enc.encode(s));
    return f(r);
  };

  it('STATUS and ESEARCH item names are read in any case, as the names they spell', () => {
    expect(read(' INBOX (messages 3 UidNext 9 size 12 x-foo 1)\r\n', readStatusResponse)).toEqual({
      type: 'STATUS',
      mailbox: 'INBOX',
      items: [{ type: 'MESSAGES', value: 3 }, { type: 'UIDNEXT', value: 9 }, { type: 'SIZE', value: 12n }, { type: 'unknown', name: 'x-foo', value: { type: 'number', value: 1n } }],
    });
    expect(read(' (TAG "A1") UID min 2 Count 5 MODSEQX 3\r\n', readEsearchResponse)).toEqual({
      type: 'ESEARCH',
      uid: true,
      items: [{ type: 'MIN', value: 2 }, { type: 'COUNT', value: 5 }, { type: 'unknown', name: 'MODSEQX', value: { type: 'number', value: 3n } }],
      tag: 'A1',
    });
  });

  it('ESEARCH tags in every form read alike (the plain quoted one is scanned apart)', () => {
    const tagOf = (s: string, strict = false) => {
      const r = new Reader(enc.encode(` (TAG ${s}) COUNT 1\r\n`), { strict });
      const v = readEsearchResponse(r);
      return { tag: v.tag, items: v.items, warnings: (r.warnings ?? []).map((w) => w.name) };
    };
    const plain = tagOf('"A1"');
    expect(plain).toEqual({ tag: 'A1', items: [{ type: 'COUNT', value: 1 }], warnings: [] });
    expect(tagOf('A1')).toEqual(plain);
    expect(tagOf('{2}\r\nA1')).toEqual(plain);
    expect(tagOf('"a\\"b"').tag).toBe('a"b');
    expect(tagOf('"A1" ').warnings).toEqual(['space-before-paren']);
    expect(() => tagOf('"A1" ', true)).toThrow(/"\)"/);
    expect(() => tagOf('"A1\r\n')).toThrow();
    const lower = new Reader(enc.encode(' (tag "A1") count 1\r\n'));
    expect(readEsearchResponse(lower)).toEqual({ type: 'ESEARCH', uid: false, items: [{ type: 'COUNT', value: 1 }], tag: 'A1' });
    const deep = new Reader(enc.encode(' (TAG "A1") COUNT 1\r\n'), { maxDepth: 0 });
    expect(() => readEsearchResponse(deep)).toThrow(/nested/);
  });

  it('a known name not followed by a space is read the general way (and refused where the grammar refuses it)', () => {
    expect(() => read(' INBOX (MESSAGES)\r\n', readStatusResponse)).toThrow(/SP/);
    expect(() => read(' MIN\r\n', readEsearchResponse)).toThrow(/SP/);
  });
});

describe('capability lists kept by their bytes', () => {
  it('a list that differs from a kept one in any byte reads as its own atoms', () => {
    const atom = fc.string({ unit: fc.constantFrom('A', 'U', 'T', 'H', '=', '1', '-', 'x'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 40 }), fc.nat(), fc.constantFrom('B', '2', '_'), (caps, at, c) => {
        const line = ' ' + caps.join(' ');
        const k = 1 + (at % (line.length - 1));
        const other = line[k] === ' ' ? line : line.slice(0, k) + c + line.slice(k + 1);
        for (const l of [line, other, line]) {
          const r = new Reader(enc.encode(l + '\r\n'));
          expect(readCapabilityList(r)).toEqual(l.slice(1).split(' '));
          expect(r.pos).toBe(l.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
