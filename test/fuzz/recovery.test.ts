/**
 * Property 5: recovery. A stream of N good frames with one bad frame
 * inserted anywhere, cut anywhere, yields exactly the N good values (equal
 * to the one-shot parse of each, in order) and exactly one error event at
 * the bad frame's place — for both decoders. Bad frames of every kind the
 * decoders must resynchronize after: a syntax error (fixed or a mutated
 * one-line frame that fails to parse), a line over maxLineLength, a
 * literal over maxLiteralSize (its bytes, which look like commands and
 * responses, are skipped unread), a frame over maxFrameSize, and, for
 * commands, a synchronizing literal the server rejects (the command is
 * dropped; no error event, one literal event).
 */
import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { responseFrameArb, commandFrameArb, cutsArb, chunk, concatBytes, mutationArb, applyMutations } from '../arbitraries/index.js';
import { fuzzParams, TIMEOUT, decodeResponses, decodeCommands, te, type ServerPolicy } from './helpers.js';

/** Payload that would be frames if it were read as frames. */
const DECOY = '* 1 EXISTS\r\nA1 NOOP\r\n{5}\r\n* OK x\r\nA2 LOGOUT\r\n';
const LIMIT = 1000;
const decoy = (n: number): string => DECOY.repeat(Math.ceil(n / DECOY.length)).slice(0, n);

/** A one-line frame without literal headers that does not parse (strict or lenient). */
function badLine(parse: (b: Uint8Array) => unknown, frames: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(frames, frames, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
    .map(([a, b, ms]) => {
      let m = applyMutations(a, ms, b);
      // One line: drop every CR/LF, braces and tildes, then end with CRLF.
      m = m.filter((c) => c !== 0x0d && c !== 0x0a && c !== 0x7b && c !== 0x7d && c !== 0x7e);
      return concatBytes(m, te.encode('\r\n'));
    })
    .filter((m) => {
      try {
        parse(m);
        return false;
      } catch {
        return true;
      }
    });
}

const goodResponses = fc.array(responseFrameArb.map((f) => f.bytes).filter((b) => b.length < LIMIT / 2), { minLength: 0, maxLength: 6 });
const badResponse = fc.oneof(
  fc.constantFrom('* 1 FETCH (UID x)\r\n', 'A1 MAYBE fine\r\n', '* 0 EXPUNGE\r\n', '*\r\n', '\r\n', ' \r\n', '* LIST (\\Noselect "/" foo\r\n').map((s) => te.encode(s)),
  badLine(parseResponse, responseFrameArb.map((f) => f.bytes)),
  fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }).map((n) => te.encode(`* 1 FETCH (RFC822.TEXT "${'x'.repeat(n)}")\r\n`)), // line too long
  fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }).map((n) => te.encode(`* 1 FETCH (BODY[] {${n}}\r\n${decoy(n)})\r\n`)), // literal too large
  fc.integer({ min: 3, max: 6 }).map((k) => te.encode(`* 1 FETCH (BODY[1] {${LIMIT - 100}}\r\n${decoy(LIMIT - 100)} BODY[2] {${LIMIT - 100}}\r\n${decoy(LIMIT - 100)}`.repeat(1) + ` BODY[3] {${k * 100}}\r\n${decoy(k * 100)})\r\n`)), // frame too large
);

test('ResponseDecoder: N good frames and one bad one → N equal values and one error, at its place', () => {
  fc.assert(
    fc.property(goodResponses, fc.nat(), badResponse, cutsArb, (good, at, bad, cuts) => {
      const k = at % (good.length + 1);
      const input = concatBytes(...good.slice(0, k), bad, ...good.slice(k));
      const { events } = decodeResponses(chunk(input, cuts), { maxLineLength: LIMIT, maxLiteralSize: LIMIT, maxFrameSize: 2 * LIMIT });
      expect(events.map((e) => e.type)).toEqual([...good.slice(0, k).map(() => 'response'), 'error', ...good.slice(k).map(() => 'response')]);
      expect(events.filter((e) => e.type === 'response').map((e) => (e.type === 'response' ? e.response : null))).toEqual(good.map((g) => parseResponse(g)));
    }),
    fuzzParams(1000),
  );
}, TIMEOUT);

const BAD_TAG = 'BADBADBAD'; // longer than any generated tag
const goodCommands = fc.array(commandFrameArb.map((f) => f.bytes).filter((b) => b.length < LIMIT / 2), { minLength: 0, maxLength: 6 });
const badCommand = fc.oneof(
  fc.constantFrom(`${BAD_TAG} FETCH\r\n`, `${BAD_TAG} LOGIN\r\n`, `${BAD_TAG} SELECT "unterminated\r\n`, '\r\n', `${BAD_TAG}\r\n`, `${BAD_TAG} UID\r\n`).map((s) => ({ bytes: te.encode(s), rejected: false })),
  badLine(parseCommand, commandFrameArb.map((f) => f.bytes)).map((bytes) => ({ bytes, rejected: false })),
  fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }).map((n) => ({ bytes: te.encode(`${BAD_TAG} SEARCH TEXT "${'x'.repeat(n)}"\r\n`), rejected: false })), // line too long
  fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }).map((n) => ({ bytes: te.encode(`${BAD_TAG} APPEND INBOX {${n}+}\r\n${decoy(n)}\r\n`), rejected: false })), // literal too large
  fc.integer({ min: 0, max: LIMIT }).map((n) => ({ bytes: te.encode(`${BAD_TAG} APPEND INBOX {${n}}\r\n`), rejected: true })), // rejected: the client sends no data
  fc.integer({ min: LIMIT + 1, max: 1e9 }).map((n) => ({ bytes: te.encode(`${BAD_TAG} APPEND INBOX {${n}}\r\n`), rejected: false })), // sync literal over the limit: refused at once
);

/** Accept every literal but the bad command's; after a pausing command, read commands again. */
const REJECT_BAD: ServerPolicy = { literal: (tag) => (tag === BAD_TAG ? 'reject' : 'accept'), paused: () => 'resume' };

test('CommandDecoder: N good commands and one bad one → N equal commands and one error (or one rejected literal), in order', () => {
  fc.assert(
    fc.property(goodCommands, fc.nat(), badCommand, cutsArb, (good, at, bad, cuts) => {
      const k = at % (good.length + 1);
      const input = concatBytes(...good.slice(0, k), bad.bytes, ...good.slice(k));
      const { events } = decodeCommands(
        chunk(input, cuts),
        { authenticated: true, capabilities: ['LITERAL+'], maxLineLength: LIMIT, maxLiteralSize: LIMIT },
        REJECT_BAD,
      );
      const badEvents = events.filter((e) => (e.type === 'literal' && e.tag === BAD_TAG) || e.type === 'error');
      expect(badEvents.map((e) => e.type)).toEqual([bad.rejected ? 'literal' : 'error']);
      const commands = events.filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.command : null));
      expect(commands).toEqual(good.map((g) => parseCommand(g)));
      // The bad frame's event sits between the commands before it and those after.
      const order = events.filter((e) => e.type === 'command' || badEvents.includes(e)).map((e) => e.type);
      expect(order.indexOf(badEvents[0].type)).toBe(k);
    }),
    fuzzParams(1000),
  );
}, TIMEOUT);
