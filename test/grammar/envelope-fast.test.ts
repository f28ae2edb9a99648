import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Reader } from '../../src/wire/reader.js';
import { Writer } from '../../src/wire/writer.js';
import { fastEnvelope, writeEnvelope } from '../../src/grammar/envelope.js';
import { readMsgAtt } from '../../src/grammar/fetch-response.js';
import { envelopeArb } from '../arbitraries/fetch.js';
import type { Address, AddressItem, Envelope } from '../../src/model/envelope.js';

import { expectAsGeneral, generalForm } from './fast-paths.js';

const enc = new TextEncoder();

/** Plain ASCII text (a few quoted-specials, so some envelopes fall back). */
const plain = fc.oneof(
  { weight: 40, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', ' ', '-', '@', '<', '>', '(', ')'), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '"', '\\', 'é', '{'), maxLength: 4 }) },
);
const nplain = fc.option(plain, { nil: null });
const address: fc.Arbitrary<Address> = fc.record({ name: nplain, adl: nplain, mailbox: plain, host: plain });
const item: fc.Arbitrary<AddressItem> = fc.oneof(
  { weight: 5, arbitrary: address },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('group' as const), name: plain, members: fc.array(address, { maxLength: 2 }) }) },
);
const list = fc.option(fc.array(item, { minLength: 1, maxLength: 3 }), { nil: null });
const plainEnvelope: fc.Arbitrary<Envelope> = fc
  .tuple(plain, nplain, list, fc.constantFrom(0, 1, 2), list, list, list, list, list, nplain, nplain)
  .map(([date, subject, from, same, sender, replyTo, to, cc, bcc, inReplyTo, messageId]) => ({
    date, subject, from, sender: same > 0 ? from : sender, replyTo: same > 1 ? from : replyTo, to, cc, bcc, inReplyTo, messageId,
  }));

function bytesOf(e: Envelope): Uint8Array {
  const w = new Writer({ side: 'server' });
  writeEnvelope(w, e);
  return w.toBytes();
}

/** The envelope as an ENVELOPE FETCH item reads it (the whole path, fast or not), with the quirks' names. */
function read(wire: Uint8Array, strict: boolean): { value: unknown; warnings: string[] } {
  const head = enc.encode('(ENVELOPE ');
  const all = new Uint8Array(head.length + wire.length + 1);
  all.set(head);
  all.set(wire, head.length);
  all[all.length - 1] = 0x29;
  const r = new Reader(all, { strict });
  const items = readMsgAtt(r);
  expect(r.atEnd()).toBe(true);
  return { value: items[0].value, warnings: (r.warnings ?? []).map((w) => w.name) };
}

function takenFast(wire: Uint8Array): boolean {
  return fastEnvelope(new Reader(wire)) !== undefined;
}

describe('envelope fast path', () => {
  it('gives exactly what the general path gives', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof(plainEnvelope, envelopeArb), fc.boolean(), (e, strict) => {
        if (e.date === null) return;
        let wire: Uint8Array;
        try {
          wire = bytesOf(e);
        } catch {
          return; // A value the writer refuses (a group marker as a member, say).
        }
        const general = generalForm(wire, e.date);
        if (general === undefined) return;
        expect(takenFast(general)).toBe(false);
        if (takenFast(wire)) fast++;
        // The general path, leniently (the extra space is a quirk).
        const b = read(general, false);
        expectAsGeneral(read, wire, b, strict);
      }),
      { numRuns: 500 },
    );
    expect(fast).toBeGreaterThan(30);
  });

  it('copies a repeated From list: equal values, no shared objects', () => {
    const from = '(("Alice" NIL "alice" "example.org"))';
    const wire = enc.encode(`("d" "s" ${from} ${from} ${from} NIL NIL NIL NIL "<id>")`);
    const e = fastEnvelope(new Reader(wire)) as Envelope;
    expect(e.sender).toEqual(e.from);
    expect(e.replyTo).toEqual(e.from);
    expect(e.sender).not.toBe(e.from);
    expect((e.sender as AddressItem[])[0]).not.toBe((e.from as AddressItem[])[0]);
  });

  it('reads a repeated From list again when reading it recorded a quirk', () => {
    const from = new Uint8Array([...enc.encode('(("a'), 0xff, ...enc.encode('" NIL "a" "x"))')]);
    const wire = new Uint8Array([...enc.encode('(ENVELOPE ("d" "s" '), ...from, 0x20, ...from, ...enc.encode(' NIL NIL NIL NIL NIL NIL))')]);
    const r = new Reader(wire);
    const items = readMsgAtt(r);
    expect((r.warnings ?? []).map((w) => w.name)).toEqual(['quoted-8bit', 'quoted-8bit']);
    const e = items[0].value as Envelope;
    expect(e.sender).toEqual(e.from);
  });

  it('folds groups as the general path does', () => {
    const wire = enc.encode('("d" NIL ((NIL NIL "team" NIL)("A" NIL "a" "x")(NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL)');
    expect(fastEnvelope(new Reader(wire))?.from).toEqual([{ type: 'group', name: 'team', members: [{ name: 'A', adl: null, mailbox: 'a', host: 'x' }] }]);
  });

  it('leaves quirks and unusual forms to the general path', () => {
    for (const wire of [
      '("d" "s" () NIL NIL NIL NIL NIL NIL NIL)', // empty address list
      '("d" "s" (("A" NIL "a" "x") ("B" NIL "b" "x")) NIL NIL NIL NIL NIL NIL NIL)', // space between addresses
      '("d" "s" (NIL) NIL NIL NIL NIL NIL NIL NIL)', // NIL address
      '("d" "s" NIL NIL NIL NIL NIL NIL NIL)', // nine fields
      '("d"  "s" NIL NIL NIL NIL NIL NIL NIL NIL)', // extra space
      '("d" "s" NIL NIL NIL NIL NIL NIL NIL NIL )', // space before ")"
    ]) expect(takenFast(enc.encode(wire))).toBe(false);
  });

  it('reads literals, escapes and 8-bit text with the Reader, inside the fast path', () => {
    const wire = enc.encode('("d" {1}\r\ns (("Dan \\"the man\\"" NIL "dan" "x")("Bob Ödegaard" NIL "bob" "x")) NIL NIL NIL NIL NIL NIL NIL)');
    const e = fastEnvelope(new Reader(wire));
    expect(e?.subject).toBe('s');
    expect(e?.from).toEqual([
      { name: 'Dan "the man"', adl: null, mailbox: 'dan', host: 'x' },
      { name: 'Bob Ödegaard', adl: null, mailbox: 'bob', host: 'x' },
    ]);
  });

  it('drops the quirks a string read inside the fast path recorded when it gives up later', () => {
    const wire = new Uint8Array([...enc.encode('(ENVELOPE ("d" "a'), 0xff, ...enc.encode('"  NIL NIL NIL NIL NIL NIL NIL NIL))')]);
    const r = new Reader(wire);
    readMsgAtt(r);
    expect((r.warnings ?? []).map((w) => w.name)).toEqual(['quoted-8bit', 'extra-space']);
  });

  it('keeps the nesting limit', () => {
    const wire = enc.encode('("d" "s" (("A" NIL "a" "x")) NIL NIL NIL NIL NIL NIL NIL)');
    expect(fastEnvelope(new Reader(wire, { maxDepth: 2 }))).toBeUndefined();
    expect(fastEnvelope(new Reader(wire, { maxDepth: 3 }))).toBeDefined();
  });
});
