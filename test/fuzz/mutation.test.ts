/**
 * Property 2: parse → serialize → parse is stable on MUTATED valid frames
 * (bit flips, byte replacements, inserts of wire-significant bytes,
 * deletes, duplications, truncation, splices of two frames). When the
 * mutant still parses, its value serializes, the bytes parse to the same
 * value, and those bytes are a fixed point of serialize ∘ parse. When it
 * does not parse, the only thing thrown is an ImapParseError. Both modes.
 *
 * One allowance: a value that lenient mode read by applying a tolerance
 * (it reported a warning: NUL in text, 8-bit bytes in an atom ...) may
 * hold something no canonical frame can carry, and the writer refuses it
 * with ImapEncodeError. Those inputs are counted, not failed; every
 * warning-free parse (and every strict parse) must serialize; the bugs
 * this property found are pinned in regressions.test.ts.
 */
import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import { responseFrameArb, commandFrameArb, mutatedArb } from '../arbitraries/index.js';
import { fuzzParams, TIMEOUT, checkError, REPLAYING } from './helpers.js';
import type { Response } from '../../src/model/response.js';
import type { Command } from '../../src/model/command.js';

const mutatedResponses = mutatedArb(responseFrameArb.map((f) => f.bytes));
const mutatedCommands = mutatedArb(commandFrameArb.map((f) => f.bytes));

function isEncodeError(e: unknown): boolean {
  return e instanceof Error && e.name === 'ImapEncodeError';
}

/**
 * The property for one direction: `parse` with an `onWarning` option and
 * its `serialize`. Counts how mutants fared so the test can show it is not
 * vacuous.
 */
function stableUnderMutation<T>(
  mutants: fc.Arbitrary<Uint8Array>,
  parse: (b: Uint8Array, options: { strict?: boolean; onWarning?: () => void }) => T,
  serialize: (v: T) => Uint8Array,
): void {
  const tally = { refused: 0, parsed: 0, lenientOnly: 0 };
  fc.assert(
    fc.property(mutants, fc.boolean(), (b, strict) => {
      let v: T;
      let warned = false;
      try {
        v = parse(b, { strict, onWarning: () => (warned = true) });
      } catch (e) {
        checkError(e);
        tally.refused++;
        return;
      }
      tally.parsed++;
      let s: Uint8Array;
      try {
        s = serialize(v);
      } catch (e) {
        if (isEncodeError(e) && warned) {
          tally.lenientOnly++;
          return;
        }
        throw e;
      }
      const w = parse(s, {});
      expect(w).toEqual(v);
      expect(serialize(w)).toEqual(s);
    }),
    fuzzParams(4000),
  );
  // Not vacuous: mutants both parse and fail, and most parsed ones serialize.
  if (REPLAYING) return;
  expect(tally.parsed).toBeGreaterThan(0);
  expect(tally.refused).toBeGreaterThan(0);
  expect(tally.lenientOnly).toBeLessThan(tally.parsed / 2);
}

test('mutated responses: what parses re-serializes to bytes that parse to the same value', () => {
  stableUnderMutation<Response>(mutatedResponses, parseResponse, serializeResponse);
}, TIMEOUT);

test('mutated commands: what parses re-serializes to bytes that parse to the same value', () => {
  stableUnderMutation<Command>(mutatedCommands, parseCommand, serializeCommand);
}, TIMEOUT);
