/**
 * One import for every arbitrary of the AST, plus the byte-level helpers the
 * fuzz properties need: mutations of valid frames (bit flips, byte
 * replacements, inserts of wire-significant bytes, deletes, truncation,
 * splices of two frames), IMAP-flavoured noise, and chunkings.
 *
 * The AST arbitraries stay in their own files (responses.ts, fetch.ts,
 * commands.ts); they are re-exported here as namespaces because some names
 * (flagArb, imapValueArb) exist in more than one of them.
 */
import fc from 'fast-check';
import { concat, chunk } from '../bytes.js';

export { chunk };
import { serializeResponse } from '../../src/codec/parse-response.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import type { Response } from '../../src/model/response.js';
import type { Command } from '../../src/model/command.js';
import { responseArb } from './responses.js';
import { command } from './commands.js';

export * as responses from './responses.js';
export * as fetch from './fetch.js';
export * as commands from './commands.js';
export { responseArb, responseArbs } from './responses.js';
export { command as commandArb, commandArbitraries } from './commands.js';

const te = new TextEncoder();

/** Writer options a client may use; serialized commands come out in all these shapes. */
export const COMMAND_OPTION_SETS = [
  {},
  { literalPlus: true },
  { literalMinus: true },
  { utf8: true, binary: true },
  { capabilities: ['IMAP4rev2'] },
  { capabilities: ['IMAP4rev1', 'LITERAL+', 'UTF8=ACCEPT'] },
] as const;

/** A response with its canonical bytes. */
export const responseFrameArb: fc.Arbitrary<{ value: Response; bytes: Uint8Array }> = fc
  .tuple(responseArb, fc.boolean())
  .map(([value, utf8]) => ({ value, bytes: serializeResponse(value, { utf8 }) }));

/** A command with its bytes, written with one of the client option sets. */
export const commandFrameArb: fc.Arbitrary<{ value: Command; bytes: Uint8Array }> = fc
  .tuple(command, fc.constantFrom(...COMMAND_OPTION_SETS))
  .map(([value, o]) => ({ value, bytes: serializeCommand(value, o) }));

/** Bytes that mean something to the framer or the grammar. */
const SIGNIFICANT = ['{', '}', '(', ')', '[', ']', '<', '>', '"', '\\', ' ', '\r', '\n', '\r\n', '*', '+', '~', '%', '0', '9', '.', ':', ',',
  'NIL', '{0}\r\n', '{3}\r\n', '{1+}\r\n', '~{2}\r\n', '{99999}', '\x00', '\x80', '\xe9', '\xff', '4294967296', '18446744073709551616'];
const significantBytes = fc.constantFrom(...SIGNIFICANT.map((s) => (/[\x80-\xff]/.test(s) ? Uint8Array.from(s, (c) => c.charCodeAt(0)) : te.encode(s))));

/** One edit of a byte string. Positions are taken modulo the length at hand. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'splice'; at: number; from: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(significantBytes, fc.uint8Array({ minLength: 1, maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), from: fc.nat() }),
);


/** Apply one mutation; `other` is the second frame a splice takes its tail from. Never modifies its input. */
export function applyMutation(b: Uint8Array, m: Mutation, other: Uint8Array): Uint8Array {
  const at = m.at % (b.length + 1);
  switch (m.kind) {
    case 'flip':
    case 'set': {
      if (b.length === 0) return b;
      const out = b.slice();
      const i = m.at % b.length;
      out[i] = m.kind === 'flip' ? out[i] ^ (1 << m.bit) : m.byte;
      return out;
    }
    case 'insert':
      return concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    case 'delete':
      return concat([b.subarray(0, at), b.subarray(at + m.length)]);
    case 'truncate':
      return b.slice(0, at);
    case 'duplicate':
      return concat([b.subarray(0, at + m.length), b.subarray(at)]);
    case 'splice':
      return concat([b.subarray(0, at), other.subarray(m.from % (other.length + 1))]);
  }
}

export function applyMutations(b: Uint8Array, ms: readonly Mutation[], other: Uint8Array): Uint8Array {
  return ms.reduce((acc, m) => applyMutation(acc, m, other), b);
}

/** A valid frame from `frames`, then 1–4 mutations (splices take a second frame from `frames`). */
export function mutatedArb(frames: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(frames, frames, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([a, b, ms]) => applyMutations(a, ms, b));
}

/** Tokens that drive the framer and the session modes: literal headers, CRLFs, pausing commands, DONE, `*`. */
const NOISE_TOKENS = [
  'A1 ', '* ', '+ ', 'OK ', 'NO ', 'BAD ', 'BYE ', 'FETCH ', 'LIST ', 'SEARCH ', 'APPEND INBOX ', 'UID ', 'BODY[] ', 'BODY[1.2]<0> ',
  '(', ')', '[', ']', '"', '\\', ' ', '\r\n', '\n', '\r', 'NIL', '1', '42 ', '4294967295', '*', '1:*', '$',
  '{0}\r\n', '{3}\r\n', '{5+}\r\n', '{2-}\r\n', '~{4}\r\n', '{4000000000}\r\n', '{12}', '~{1+}\r\n',
  'A2 AUTHENTICATE PLAIN\r\n', 'A3 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n', 'A4 IDLE\r\n', 'DONE\r\n', '*\r\n', 'dGVzdA==\r\n',
  'A5 STARTTLS\r\n', 'A6 COMPRESS DEFLATE\r\n', 'A7 NOOP\r\n', '* 3 EXISTS\r\n', 'A8 OK [UIDNEXT 5] done\r\n',
  '* 1 FETCH (UID 7 FLAGS (\\Seen) BODY[] {3}\r\nabc)\r\n', '\x00', 'é',
];
const noiseToken = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NOISE_TOKENS.map((s) => te.encode(s))) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3 }) },
);

/** Arbitrary bytes: uniform, or built from wire-significant tokens. */
export const noiseArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.array(noiseToken, { maxLength: 40 }).map((ts) => concat(ts)),
);

/** Cut points for a chunking; `chunk(bytes, cuts)` splits at them (modulo length). */
export const cutsArb: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(fc.nat(), { maxLength: 12 }),
  fc.constant([-1] as number[]), // the marker for "one byte at a time"
);


/** `concat` taking its parts as arguments. */
export const concatBytes = (...parts: Uint8Array[]): Uint8Array => concat(parts);
