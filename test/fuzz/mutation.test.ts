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
import { parseCommand, readCommandFrame } from '../../src/codec/parse-command.js';
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

test('mutated responses: what parses re-serializes to bytes that parse to the same value', () => {
  const tally = { refused: 0, parsed: 0, lenientOnly: 0 };
  fc.assert(
    fc.property(mutatedResponses, fc.boolean(), (b, strict) => {
      let v: Response;
      let warned = false;
      try {
        v = parseResponse(b, { strict, onWarning: () => (warned = true) });
      } catch (e) {
        checkError(e);
        tally.refused++;
        return;
      }
      tally.parsed++;
      let s: Uint8Array;
      try {
        s = serializeResponse(v);
      } catch (e) {
        if (isEncodeError(e) && warned) {
          tally.lenientOnly++;
          return;
        }
        throw e;
      }
      const w = parseResponse(s);
      expect(w).toEqual(v);
      expect(serializeResponse(w)).toEqual(s);
    }),
    fuzzParams(4000),
  );
  // Not vacuous: mutants both parse and fail, and most parsed ones serialize.
  if (REPLAYING) return;
  expect(tally.parsed).toBeGreaterThan(0);
  expect(tally.refused).toBeGreaterThan(0);
  expect(tally.lenientOnly).toBeLessThan(tally.parsed / 2);
}, TIMEOUT);

test('mutated commands: what parses re-serializes to bytes that parse to the same value', () => {
  const tally = { refused: 0, parsed: 0, lenientOnly: 0 };
  fc.assert(
    fc.property(mutatedCommands, fc.boolean(), (b, strict) => {
      let v: Command;
      try {
        v = parseCommand(b, { strict });
      } catch (e) {
        checkError(e);
        tally.refused++;
        return;
      }
      tally.parsed++;
      const warned = !strict && (readCommandFrame(b, { strict }).warnings?.length ?? 0) > 0;
      let s: Uint8Array;
      try {
        s = serializeCommand(v);
      } catch (e) {
        if (isEncodeError(e) && warned) {
          tally.lenientOnly++;
          return;
        }
        throw e;
      }
      const w = parseCommand(s);
      expect(w).toEqual(v);
      expect(serializeCommand(w)).toEqual(s);
    }),
    fuzzParams(4000),
  );
  if (REPLAYING) return;
  expect(tally.parsed).toBeGreaterThan(0);
  expect(tally.refused).toBeGreaterThan(0);
  expect(tally.lenientOnly).toBeLessThan(tally.parsed / 2);
}, TIMEOUT);
