import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fetchItemsArb, fetchItemArb, envelopeArb, bodyStructureArb } from '../arbitraries/fetch.js';
import { parseItems, parseBody, parseEnvelope, writeItems, writeBodyBytes, writeEnvelopeBytes, latin1 } from './helpers.js';

describe('round trips (fast-check)', () => {
  it('writeMsgAtt → readMsgAtt (strict and lenient) deep-equals', () => {
    fc.assert(fc.property(fetchItemsArb, (items) => {
      const b = writeItems(items);
      expect(parseItems(b, true)).toEqual(items);
      expect(parseItems(b, false)).toEqual(items);
    }), { numRuns: 400 });
  });

  it('canonical bytes round-trip: write(read(write(x))) === write(x)', () => {
    fc.assert(fc.property(fetchItemsArb, (items) => {
      const b = writeItems(items);
      expect(latin1(writeItems(parseItems(b, true)))).toBe(latin1(b));
    }), { numRuns: 300 });
  });

  it('single items: each kind survives', () => {
    fc.assert(fc.property(fetchItemArb, (item) => {
      expect(parseItems(writeItems([item]), true)).toEqual([item]);
    }), { numRuns: 400 });
  });

  it('envelope round trip', () => {
    fc.assert(fc.property(envelopeArb, (e) => {
      const b = writeEnvelopeBytes(e);
      expect(parseEnvelope(b, true)).toEqual(e);
      expect(latin1(writeEnvelopeBytes(parseEnvelope(b, true)))).toBe(latin1(b));
    }), { numRuns: 300 });
  });

  it('body structure round trip', () => {
    fc.assert(fc.property(bodyStructureArb, (s) => {
      const b = writeBodyBytes(s);
      expect(parseBody(b, true)).toEqual(s);
      expect(latin1(writeBodyBytes(parseBody(b, true)))).toBe(latin1(b));
    }), { numRuns: 300 });
  });

  it('message data is a view of the input, not a copy', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 50 }), (data) => {
      const wire = writeItems([{ type: 'BODY[]', section: { part: [] }, value: data }]);
      const it0 = parseItems(wire)[0];
      if (it0.type !== 'BODY[]' || it0.value === null) throw new Error('expected data');
      expect(it0.value.buffer).toBe(wire.buffer);
      expect(it0.value).toEqual(data);
    }), { numRuns: 50 });
  });
});
