/**
 * The invariant the `validate` command relies on to parse each frame once:
 * with no allow lists and no `grammar` option, strict mode refuses a frame
 * exactly when the default mode either refuses it or records at least one
 * warning.
 */
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { QUIRKS, UNKNOWN_NAMES } from '../../src/grammar/quirks.js';
import { responseArb } from '../arbitraries/index.js';
import { VALID, INVALID } from './corpus.js';

const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** 'refused' or 'accepted' for strict; for lenient also 'warned'. */
function outcome(b: Uint8Array, strict: boolean): 'refused' | 'accepted' | 'warned' {
  let warned = false;
  try {
    parseResponse(b, { strict, onWarning: () => (warned = true) });
  } catch (e) {
    if (!(e instanceof ImapParseError)) throw e;
    return 'refused';
  }
  return warned ? 'warned' : 'accepted';
}

function holds(b: Uint8Array): void {
  const strict = outcome(b, true);
  const lenient = outcome(b, false);
  expect(strict === 'refused', `${JSON.stringify(new TextDecoder('latin1').decode(b))}: strict ${strict}, default ${lenient}`).toBe(lenient !== 'accepted');
}

/** One byte replaced, inserted or removed: frames that break one rule, often a quirk's. */
const mutationArb = fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(0x20, 0x29, 0x28, 0x5d, 0x5b, 0x30, 0x2d, 0x0a, 0x00, 0xe9, 0x2a, 0x5c, 0x22, 0x2b, 0x7b));

function mutate(b: Uint8Array, [at, op, byte]: [number, string, number]): Uint8Array {
  const k = b.length === 0 ? 0 : at % b.length;
  const out = Array.from(b);
  if (op === 'replace') out[k] = byte;
  else if (op === 'insert') out.splice(k, 0, byte);
  else out.splice(k, 1);
  return Uint8Array.from(out);
}

describe('strict refuses exactly what the default mode refuses or warns about', () => {
  test('every quirk example, every corpus frame', () => {
    for (const q of QUIRKS) if (q.side === 'server') holds(u8(q.example));
    for (const u of UNKNOWN_NAMES) holds(u8(u.example));
    for (const [, f] of VALID) holds(u8(f));
    for (const [, f] of INVALID) holds(u8(f));
  });
  test('serialized values and one-byte mutations of them (fast-check)', () => {
    fc.assert(
      fc.property(responseArb, mutationArb, (value, m) => {
        const b = serializeResponse(value);
        holds(b);
        holds(mutate(b, m));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
  test('one-byte mutations of the quirk examples and the corpus (fast-check)', () => {
    const frames = [...QUIRKS.filter((q) => q.side === 'server').map((q) => q.example), ...VALID.map(([, f]) => f), ...INVALID.map(([, f]) => f)].map(u8);
    fc.assert(
      fc.property(fc.constantFrom(...frames), mutationArb, (b, m) => holds(mutate(b, m))),
      { numRuns: 2000 },
    );
  }, 60_000);
});
