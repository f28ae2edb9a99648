import { describe, test, expect } from 'vitest';
import { concat, chunk } from '../bytes.js';
import fc from 'fast-check';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { ResponseDecoder, type ResponseDecoderEvent } from '../../src/codec/response-decoder.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { responseArb, responseArbs } from '../arbitraries/responses.js';

const runs = { numRuns: 150 };

describe('round trip per response type', () => {
  for (const [name, arb] of Object.entries(responseArbs)) {
    test(`${name}: parse(serialize(x)) deep-equals x, serialize is a fixed point`, () => {
      fc.assert(
        fc.property(arb, (x) => {
          const b = serializeResponse(x);
          const v = parseResponse(b);
          expect(v).toEqual(x);
          expect(serializeResponse(v)).toEqual(b);
        }),
        runs,
      );
    });
  }
});

test('strict mode reads what lenient reads when lenient applied no tolerance', () => {
  fc.assert(
    fc.property(responseArb, (x) => {
      const b = serializeResponse(x);
      const warnings: string[] = [];
      const v = parseResponse(b, { onWarning: (w) => warnings.push(w.name) });
      if (warnings.length === 0) expect(parseResponse(b, { strict: true })).toEqual(v);
      else expect(() => parseResponse(b, { strict: true })).toThrow(ImapParseError);
    }),
    runs,
  );
});

function decodeAll(chunks: Uint8Array[]): ResponseDecoderEvent[] {
  const d = new ResponseDecoder();
  const out: ResponseDecoderEvent[] = [];
  for (const c of chunks) out.push(...d.push(c));
  out.push(...d.end());
  return out;
}



test('ResponseDecoder over any chunking gives the one-shot values', () => {
  fc.assert(
    fc.property(fc.array(responseArb, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (xs, cuts) => {
      const frames = xs.map((x) => serializeResponse(x));
      const events = decodeAll(chunk(concat(frames), cuts));
      expect(events.map((e) => (e.type === 'response' ? e.response : e.type === 'error' ? e.error : e))).toEqual(frames.map((f) => parseResponse(f)));
    }),
    runs,
  );
});

test('ResponseDecoder one byte at a time', () => {
  fc.assert(
    fc.property(fc.array(responseArb, { minLength: 1, maxLength: 3 }), (xs) => {
      const all = concat(xs.map((x) => serializeResponse(x)));
      const chunks = Array.from(all, (_, i) => all.subarray(i, i + 1));
      expect(decodeAll(chunks).map((e) => (e.type === 'response' ? e.response : e))).toEqual(xs.map((x) => parseResponse(serializeResponse(x))));
    }),
    { numRuns: 40 },
  );
});

const BAD_FRAMES = ['* 1 FETCH (UID x)\r\n', 'A1 MAYBE fine\r\n', '* LIST (\\Noselect "/" foo\r\n', '* 0 EXPUNGE\r\n', '* STATUS INBOX (MESSAGES)\r\n', '*\r\n'];

test('recovery: N good frames and one bad give N responses and one error, in wire order', () => {
  fc.assert(
    fc.property(fc.array(responseArb, { minLength: 1, maxLength: 5 }), fc.nat(), fc.constantFrom(...BAD_FRAMES), fc.array(fc.nat(), { maxLength: 6 }), (xs, at, bad, cuts) => {
      const frames = xs.map((x) => serializeResponse(x));
      const k = at % (frames.length + 1);
      const all = [...frames.slice(0, k), new TextEncoder().encode(bad), ...frames.slice(k)];
      const events = decodeAll(chunk(concat(all), cuts));
      expect(events.length).toBe(frames.length + 1);
      expect(events[k].type).toBe('error');
      const rest = events.filter((e) => e.type === 'response').map((e) => (e.type === 'response' ? e.response : null));
      expect(rest).toEqual(frames.map((f) => parseResponse(f)));
    }),
    runs,
  );
});

test('parseResponse throws only ImapParseError, whatever the bytes', () => {
  const alphabet = fc.constantFrom(...'* A1OKNOBADFETCHLIST(){}[]"\\\r\n0123456789~+:,.%'.split('').map((c) => c.charCodeAt(0)), 0, 0xe9, 0xff);
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 60 }), fc.boolean(), (codes, strict) => {
      try {
        parseResponse(Uint8Array.from(codes), { strict });
      } catch (e) {
        expect(e).toBeInstanceOf(ImapParseError);
      }
    }),
    { numRuns: 2000 },
  );
});

test('parseResponse throws only ImapParseError on mutated valid responses', () => {
  fc.assert(
    fc.property(responseArb, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (x, at, byte, strict) => {
      const b = serializeResponse(x).slice();
      b[at % b.length] = byte;
      try {
        parseResponse(b, { strict });
      } catch (e) {
        expect(e).toBeInstanceOf(ImapParseError);
      }
      // Truncated input is refused as incomplete or a syntax error, never a crash.
      expect(() => parseResponse(b.subarray(0, at % b.length), { strict })).toThrow(ImapParseError);
    }),
    runs,
  );
});
