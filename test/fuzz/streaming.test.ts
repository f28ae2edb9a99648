/**
 * Property 4: streaming equals one-shot for any chunking, both directions.
 *
 * - Valid streams: the decoder's values, for frames cut at random points
 *   (or one byte at a time), equal parseResponse / parseCommand of each
 *   frame, in order.
 * - Any stream (valid, mutated and garbage frames mixed): the events for
 *   a random chunking equal the events for the whole input as one chunk —
 *   values, and errors by code, offset, tag and expectation. (The server
 *   policy here never flips `authenticated`: limits change "at once", so
 *   frames the framer has already scanned in a bigger chunk were checked
 *   against the old limits — chunking-dependent by design.)
 */
import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { responseFrameArb, commandFrameArb, mutatedArb, noiseArb, cutsArb, chunk, concatBytes } from '../arbitraries/index.js';
import { fuzzParams, TIMEOUT, decodeResponses, decodeCommands, eventView, policyFrom } from './helpers.js';

test('ResponseDecoder over any chunking of valid frames gives parseResponse of each frame', () => {
  fc.assert(
    fc.property(fc.array(responseFrameArb, { minLength: 1, maxLength: 8 }), cutsArb, (frames, cuts) => {
      const { events } = decodeResponses(chunk(concatBytes(...frames.map((f) => f.bytes)), cuts));
      expect(events.map((e) => (e.type === 'response' ? e.response : eventView(e)))).toEqual(frames.map((f) => parseResponse(f.bytes)));
    }),
    fuzzParams(1500),
  );
}, TIMEOUT);

test('CommandDecoder over any chunking of valid frames gives parseCommand of each frame (literals accepted)', () => {
  fc.assert(
    fc.property(fc.array(commandFrameArb, { minLength: 1, maxLength: 8 }), cutsArb, (frames, cuts) => {
      const { events } = decodeCommands(chunk(concatBytes(...frames.map((f) => f.bytes)), cuts), { authenticated: true, capabilities: ['LITERAL+'] });
      const commands = events.filter((e) => e.type !== 'literal').map((e) => (e.type === 'command' ? e.command : eventView(e)));
      expect(commands).toEqual(frames.map((f) => parseCommand(f.bytes)));
    }),
    fuzzParams(1500),
  );
}, TIMEOUT);

const mixed = (frames: fc.Arbitrary<Uint8Array>) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: frames }, { weight: 2, arbitrary: mutatedArb(frames) }, { weight: 1, arbitrary: noiseArb }), { minLength: 1, maxLength: 6 }).map((xs) => concatBytes(...xs));

test('ResponseDecoder: any stream, random chunking → the same events as one chunk', () => {
  fc.assert(
    fc.property(mixed(responseFrameArb.map((f) => f.bytes)), cutsArb, fc.boolean(), (input, cuts, strict) => {
      const whole = decodeResponses([input], { strict }).events.map(eventView);
      const split = decodeResponses(chunk(input, cuts), { strict }).events.map(eventView);
      expect(split).toEqual(whole);
    }),
    fuzzParams(1500),
  );
}, TIMEOUT);

test('CommandDecoder: any stream, random chunking, same server decisions → the same events as one chunk', () => {
  fc.assert(
    fc.property(mixed(commandFrameArb.map((f) => f.bytes)), cutsArb, fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (input, cuts, strict, choices) => {
      const opts = { strict, capabilities: ['IMAP4rev2'] };
      const whole = decodeCommands([input], opts, policyFrom(choices, false)).events.map(eventView);
      const split = decodeCommands(chunk(input, cuts), opts, policyFrom(choices, false)).events.map(eventView);
      expect(split).toEqual(whole);
    }),
    fuzzParams(1500),
  );
}, TIMEOUT);
