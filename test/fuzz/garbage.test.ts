/**
 * Property 3: arbitrary bytes into both decoders, in arbitrary chunkings,
 * strict or lenient, with random (small) limits: only values or
 * ImapParseError events come out, nothing is thrown, nothing hangs (the
 * driver bounds the number of decisions and vitest the time), and after
 * end() nothing is left buffered. The CommandDecoder driver answers every
 * literal event with accept or reject and every pause (after
 * AUTHENTICATE / IDLE / STARTTLS / COMPRESS, and after each SASL line)
 * with one of startAuthenticate / endAuthenticate / startIdle / resume,
 * chosen by fast-check, sometimes flipping `authenticated` on the way.
 * The one-shot parsers get the same bytes and throw only ImapParseError.
 */
import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { noiseArb, mutatedArb, responseFrameArb, commandFrameArb, cutsArb, chunk, concatBytes } from '../arbitraries/index.js';
import { fuzzParams, TIMEOUT, checkError, decodeResponses, decodeCommands, policyFrom } from './helpers.js';

const limits = fc.record(
  {
    maxLineLength: fc.integer({ min: 1, max: 200 }),
    maxLiteralSize: fc.integer({ min: 0, max: 200 }),
    maxFrameSize: fc.integer({ min: 1, max: 400 }),
    maxDepth: fc.integer({ min: 0, max: 8 }),
  },
  { requiredKeys: [] },
);

/** Garbage, or a stream of valid and mutated frames glued to garbage. */
const inputArb = fc.oneof(
  noiseArb,
  fc
    .array(fc.oneof(noiseArb, responseFrameArb.map((f) => f.bytes), mutatedArb(responseFrameArb.map((f) => f.bytes))), { maxLength: 5 })
    .map((xs) => concatBytes(...xs)),
  fc
    .array(fc.oneof(noiseArb, commandFrameArb.map((f) => f.bytes), mutatedArb(commandFrameArb.map((f) => f.bytes))), { maxLength: 5 })
    .map((xs) => concatBytes(...xs)),
);

test('ResponseDecoder: any bytes, any chunking → responses or ImapParseError events only; nothing left buffered', () => {
  fc.assert(
    fc.property(inputArb, cutsArb, fc.boolean(), limits, (input, cuts, strict, lim) => {
      const { events, buffered } = decodeResponses(chunk(input, cuts), { strict, ...lim });
      for (const e of events) {
        if (e.type === 'error') checkError(e.error);
        else expect(e.type).toBe('response');
      }
      expect(buffered).toBe(0);
      try {
        parseResponse(input, { strict });
      } catch (e) {
        checkError(e);
      }
    }),
    fuzzParams(3000),
  );
}, TIMEOUT);

const CAPS = [undefined, ['LITERAL+'], ['IMAP4rev2'], ['LITERAL-'], []];

test('CommandDecoder: any bytes, any chunking, any server decisions → known events only, no throw, no hang', () => {
  fc.assert(
    fc.property(
      inputArb, cutsArb, fc.boolean(), limits, fc.array(fc.nat(), { maxLength: 20 }), fc.constantFrom(...CAPS), fc.boolean(),
      (input, cuts, strict, lim, choices, capabilities, authenticated) => {
        const { events, decoder } = decodeCommands(chunk(input, cuts), { strict, capabilities, authenticated, ...lim }, policyFrom(choices));
        for (const e of events) {
          if (e.type === 'error') checkError(e.error);
          else expect(['command', 'literal', 'sasl', 'sasl-cancel', 'done']).toContain(e.type);
          if (e.type === 'sasl') expect(e.data).toBeInstanceOf(Uint8Array);
        }
        expect(decoder.paused).toBe(false);
        expect(decoder.awaitingLiteral).toBe(false);
        try {
          parseCommand(input, { strict });
        } catch (e) {
          checkError(e);
        }
      },
    ),
    fuzzParams(3000),
  );
}, TIMEOUT);
