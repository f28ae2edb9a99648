import { describe, it, expect } from 'vitest';
import { Reader } from '../../src/wire/reader.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { readAddress, readAddressList, readEnvelope } from '../../src/grammar/envelope.js';

const enc = new TextEncoder();

function reader(s: string, options: ConstructorParameters<typeof Reader>[1] = {}): Reader {
  return new Reader(enc.encode(s), options);
}

/** Read one address; the reader must stop right after it. */
function address(s: string, options: ConstructorParameters<typeof Reader>[1] = {}) {
  const r = reader(s, options);
  const a = readAddress(r);
  expect(r.pos).toBe(s.length);
  return { a, warnings: r.warnings ?? [] };
}

describe('readAddress: addresses read before', () => {
  it('gives equal values in a new object each time', () => {
    const wire = '("Cache Tester" NIL "cache" "example.net")';
    const first = address(wire).a;
    const second = address(wire).a;
    expect(second).toEqual({ name: 'Cache Tester', adl: null, mailbox: 'cache', host: 'example.net' });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    // A caller changing what it got does not change what the next read gives.
    second.name = 'changed';
    expect(address(wire).a.name).toBe('Cache Tester');
  });

  it('tells apart addresses that differ in one byte', () => {
    const a = address('("Ann" NIL "ann" "example.net")').a;
    const b = address('("Ann" NIL "ann" "example.nut")').a;
    expect(a.host).toBe('example.net');
    expect(b.host).toBe('example.nut');
    expect(address('("Ann" NIL "ann" "example.net")').a.host).toBe('example.net');
  });

  it('reads a ")" inside a quoted name whole, every time', () => {
    const wire = '("Smith (Work)" NIL "smith" "example.net")';
    for (let i = 0; i < 3; i++) expect(address(wire).a).toEqual({ name: 'Smith (Work)', adl: null, mailbox: 'smith', host: 'example.net' });
  });

  it('records a quirk again on the second read, and strict mode still refuses it', () => {
    const wire = '("Spacy"  NIL "spacy" "example.net")';
    for (let i = 0; i < 2; i++) expect(address(wire).warnings.map((w) => w.name)).toEqual(['extra-space']);
    expect(() => address(wire, { strict: true })).toThrow(ImapParseError);
  });

  it('a quirk-free address read leniently is read the same in strict mode', () => {
    const wire = '("Strict Reader" NIL "strict" "example.net")';
    const lenient = address(wire).a;
    expect(address(wire, { strict: true })).toEqual({ a: lenient, warnings: [] });
  });

  it('keeps the nesting limit: a known address past maxDepth is still too deep', () => {
    const wire = '("Deep" NIL "deep" "example.net")';
    address(wire);
    const r = reader('(' + wire + ')', { maxDepth: 1 });
    r.open();
    expect(() => readAddress(r)).toThrow(expect.objectContaining({ code: 'too-deep' }));
  });

  it('reads a literal inside an address through the general path', () => {
    const wire = '({5}\r\nA)b)c NIL "lit" "example.net")';
    for (let i = 0; i < 2; i++) expect(address(wire).a).toEqual({ name: 'A)b)c', adl: null, mailbox: 'lit', host: 'example.net' });
  });

  it('an error stays an error after the same address read well', () => {
    address('("Bad" NIL "bad" "example.net")');
    const r = reader('("Bad" NIL "bad" "example.net"');
    expect(() => readAddress(r)).toThrow(ImapParseError);
  });

  it('address lists and envelopes of recurring senders read as before', () => {
    const from = '(("Alice" NIL "alice" "example.org")("Bob" NIL "bob" "example.org"))';
    const r = reader(from);
    const list = readAddressList(r);
    expect(readAddressList(reader(from))).toEqual(list);
    const env = `("d" "s" ${from} ${from} ${from} (("Alice" NIL "alice" "example.org")) NIL NIL NIL "<id>")`;
    const e1 = readEnvelope(reader(env));
    const e2 = readEnvelope(reader(env));
    expect(e2).toEqual(e1);
    expect(e2.to).toEqual([{ name: 'Alice', adl: null, mailbox: 'alice', host: 'example.org' }]);
  });
});
