/**
 * Property 1: generate → serialize → parse equals the value, for every
 * command and every response of the AST (arbitraries from
 * test/arbitraries/), with every writer option set; and serializing the
 * parsed value again gives the same bytes (the output is canonical).
 */
import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import { responseArb, commandArb, COMMAND_OPTION_SETS } from '../arbitraries/index.js';
import { fuzzParams, TIMEOUT } from './helpers.js';

test('responses: parseResponse(serializeResponse(x)) deep-equals x, and re-serializes to the same bytes', () => {
  fc.assert(
    fc.property(responseArb, fc.boolean(), (x, utf8) => {
      const b = serializeResponse(x, { utf8 });
      const v = parseResponse(b);
      expect(v).toEqual(x);
      expect(serializeResponse(v, { utf8 })).toEqual(b);
    }),
    fuzzParams(3000),
  );
}, TIMEOUT);

test('commands: parseCommand(serializeCommand(x, o)) deep-equals x for every writer option set', () => {
  fc.assert(
    fc.property(commandArb, fc.constantFrom(...COMMAND_OPTION_SETS), (x, o) => {
      const b = serializeCommand(x, o);
      const v = parseCommand(b);
      expect(v).toEqual(x);
      expect(serializeCommand(v, o)).toEqual(b);
    }),
    fuzzParams(3000),
  );
}, TIMEOUT);
