/**
 * The serializers refuse bad calls loudly: an unknown `type` or a missing
 * or ill-typed field is an ImapEncodeError naming it, never a TypeError
 * and never bytes that mean something else. Property: any value either
 * serializes to bytes that parse back to it (fields the model does not
 * have are ignored) or throws ImapEncodeError.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { command } from '../arbitraries/commands.js';
import { responseArb } from '../arbitraries/responses.js';
import { serializeCommand, encodeCommand } from '../../src/codec/encode-command.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { toCommand } from '../../src/codec/command-input.js';
import { ImapEncodeError } from '../../src/wire/errors.js';
import type { Command } from '../../src/model/command.js';
import type { Response } from '../../src/model/response.js';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImapEncodeError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

const cmd = (v: unknown) => () => serializeCommand(v as Command);
const resp = (v: unknown) => () => serializeResponse(v as Response);

describe('commands: the message names the type or the field', () => {
  test('an unknown type (it used to write "A7 \\r\\n")', () => {
    expect(refusal(cmd({ tag: 'A7', type: 'select', mailbox: 'INBOX' }))).toBe(
      'select command: type: expected a command type (NOOP, LOGIN, SELECT, FETCH, ... or unknown), found the string "select"',
    );
    expect(refusal(cmd({ tag: 'A7' }))).toMatch(/^command: type: .* found nothing \(missing\)$/);
    expect(refusal(() => encodeCommand({ tag: 'A7', type: 'NOPE' } as unknown as Command))).toMatch(/^NOPE command: type: /);
  });

  test('a missing or ill-typed field', () => {
    expect(refusal(cmd({ tag: 'A1', type: 'SELECT' }))).toBe('SELECT command: mailbox: expected a string, found nothing (missing)');
    expect(refusal(cmd({ tag: 'A1', type: 'LOGIN', userid: 'u', password: 5 }))).toBe('LOGIN command: password: expected a string, found number 5');
    expect(refusal(cmd({ tag: 'A1', type: 'FETCH', uid: 'yes', set: [1], items: 'ALL' }))).toMatch(/^FETCH command: uid: expected true or false/);
    expect(refusal(cmd({ tag: 'A1', type: 'STORE', uid: false, set: [1], action: 'toggle', silent: false, flags: [] }))).toMatch(/^STORE command: action: /);
    expect(refusal(cmd({ tag: 'A1', type: 'STORE', uid: false, set: [1], action: 'add', silent: false, flags: '\\Seen' }))).toMatch(/^STORE command: flags: expected an array of strings/);
    expect(refusal(cmd({ tag: 'A1', type: 'FETCH', uid: false, set: [[1, 2, 3]], items: 'ALL' }))).toMatch(/^FETCH command: set\[0\]: expected a number, "\*" or a \[from, to\] pair/);
    expect(refusal(cmd({ tag: 'A1', type: 'SEARCH', uid: false, criteria: [{ type: 'NOT', key: { type: 'OR', left: { type: 'ALL' }, right: { type: 'SINCE', date: { year: 2026, month: '1', day: 1 } } } }] })))
      .toBe('SEARCH command: criteria[0].key.right.date.month: expected a number, found the string "1"');
    expect(refusal(cmd({ tag: 'A1', type: 'FETCH', uid: false, set: [1], items: [{ type: 'BODY[]', peek: true, section: { part: [1, 'x'] } }] })))
      .toBe('FETCH command: items[0].section.part: expected a number, found the string "x"');
    expect(refusal(cmd({ tag: 'A1', type: 'APPEND', mailbox: 'INBOX', messages: [{ data: { type: 'literal', data: 'text', binary: false } }] })))
      .toBe('APPEND command: messages[0].data.data: expected a Uint8Array, found the string "text"');
    expect(refusal(cmd({ tag: 'A1', type: 'SETQUOTA', root: '', limits: [{ resource: 'STORAGE', limit: 5 }] }))).toBe('SETQUOTA command: limits[0].limit: expected a bigint, found number 5');
    expect(refusal(cmd({ type: 'NOOP' }))).toMatch(/^NOOP command: tag: /);
    expect(refusal(cmd(null))).toMatch(/command/);
    expect(refusal(cmd('A1 NOOP'))).toMatch(/command/);
  });

  test('fields the model does not have are ignored', () => {
    expect(new TextDecoder().decode(serializeCommand({ tag: 'A1', type: 'NOOP', mailbox: 'x', junk: [1] } as unknown as Command))).toBe('A1 NOOP\r\n');
  });
});

describe('responses: the message names the type or the field', () => {
  test('an unknown type, a missing or ill-typed field', () => {
    expect(refusal(resp({ type: 'exists', count: 3 }))).toMatch(/^exists response: type: expected a response type/);
    expect(refusal(resp({ type: 'EXISTS', count: '3' }))).toBe('EXISTS response: count: expected a number, found the string "3"');
    expect(refusal(resp({ type: 'tagged', tag: 'A1', status: 'MAYBE', text: '' }))).toMatch(/^tagged response: status: /);
    expect(refusal(resp({ type: 'OK', code: { type: 'UIDNEXT', value: 5n }, text: 'x' }))).toBe('OK response: code.value: expected a number, found bigint 5n');
    expect(refusal(resp({ type: 'OK' }))).toBe('OK response: text: expected a string, found nothing (missing)');
    expect(refusal(resp({ type: 'FETCH', seq: 1, items: [{ type: 'UID', value: 4 }, { type: 'MODSEQ', value: 4 }] }))).toBe('FETCH response: items[1].value: expected a bigint, found number 4');
    const env = { date: null, subject: null, from: [{ name: null, adl: null, mailbox: 5, host: null }], sender: null, replyTo: null, to: null, cc: null, bcc: null, inReplyTo: null, messageId: null };
    expect(refusal(resp({ type: 'FETCH', seq: 1, items: [{ type: 'ENVELOPE', value: env }] }))).toBe('FETCH response: items[0].value.from[0].mailbox: expected a string or null, found number 5');
    const part = { type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: null, id: null, description: null, encoding: '7BIT', size: 1, lines: '1' };
    expect(refusal(resp({ type: 'FETCH', seq: 1, items: [{ type: 'BODYSTRUCTURE', value: { type: 'multipart', subtype: 'MIXED', parts: [part] } }] })))
      .toBe('FETCH response: items[0].value.parts[0].lines: expected a number or null, found the string "1"');
    expect(refusal(resp({ type: 'LIST', attributes: [], delimiter: '/' }))).toBe('LIST response: mailbox: expected a string, found nothing (missing)');
    expect(refusal(resp(undefined))).toMatch(/^response: /);
  });
});

// ---- the property ---------------------------------------------------------

type Op = 'delete' | 'replace' | 'extra';

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}

/** Copy `v` with one change somewhere along `steps`: a field deleted, replaced by `junk`, or `junk` added. */
function mutate(v: unknown, steps: readonly number[], op: Op, junk: unknown): unknown {
  if (!isContainer(v)) return junk;
  const keys = Object.keys(v);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...v] : { ...v };
  const c = copy as Record<string, unknown>;
  if (keys.length === 0 || (steps.length <= 1 && op === 'extra')) {
    if (Array.isArray(copy)) copy.push(junk);
    else c[`junk${steps[0] ?? 0}`] = junk;
    return copy;
  }
  const k = keys[(steps[0] ?? 0) % keys.length];
  if (steps.length <= 1) {
    if (op === 'delete') {
      if (Array.isArray(copy)) copy.splice(Number(k), 1);
      else delete c[k];
    } else c[k] = junk;
    return copy;
  }
  c[k] = mutate(c[k], steps.slice(1), op, junk);
  return copy;
}

const junkArb = fc.oneof(
  fc.anything(),
  fc.constantFrom(undefined, null, 0, -1, 1.5, NaN, '', 'x', '1:*', true, 5n, [], {}, new Uint8Array([0, 13, 10]), [1, 2, 3], { type: 'unknown' }),
);
const mutation = fc.record({
  steps: fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 8 }),
  op: fc.constantFrom<Op>('delete', 'replace', 'extra'),
  junk: junkArb,
});

function serializesBackOrRefuses(write: () => Uint8Array, read: (b: Uint8Array) => unknown, original: () => unknown): void {
  let out: Uint8Array;
  try {
    out = write();
  } catch (e) {
    if (!(e instanceof ImapEncodeError)) throw e;
    return;
  }
  // Parsed back, every field the parser gives equals the value's (the value may carry extra ones).
  expect(original()).toMatchObject(read(out) as object);
}

describe('property: any value serializes to bytes that parse back to it, or throws ImapEncodeError', () => {
  test('mutated commands', () => {
    fc.assert(
      fc.property(command, mutation, (c, m) => {
        const v = mutate(c, m.steps, m.op, m.junk) as Command;
        serializesBackOrRefuses(() => serializeCommand(v), (b) => parseCommand(b), () => toCommand(v));
      }),
      { numRuns: 3000 },
    );
  });
  test('mutated responses', () => {
    fc.assert(
      fc.property(responseArb, mutation, (r, m) => {
        const v = mutate(r, m.steps, m.op, m.junk) as Response;
        serializesBackOrRefuses(() => serializeResponse(v), (b) => parseResponse(b), () => v);
      }),
      { numRuns: 3000 },
    );
  });
  test('anything at all', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withTypedArray: true, withNullPrototype: true }), (v) => {
        expect(() => serializeCommand(v as Command)).toThrow(ImapEncodeError);
        expect(() => serializeResponse(v as Response)).toThrow(ImapEncodeError);
      }),
      { numRuns: 1000 },
    );
  });
  test('objects with a known type and anything for the rest', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('NOOP', 'SELECT', 'FETCH', 'STORE', 'SEARCH', 'APPEND', 'LIST', 'unknown', 'EXISTS', 'FETCH', 'tagged', 'OK', 'LIST', 'STATUS'),
        fc.dictionary(fc.constantFrom('tag', 'mailbox', 'set', 'items', 'uid', 'flags', 'count', 'text', 'criteria', 'messages', 'status', 'name', 'args'), fc.anything({ withBigInt: true })),
        (type, fields) => {
          const v = { ...fields, type };
          serializesBackOrRefuses(() => serializeCommand(v as unknown as Command), (b) => parseCommand(b), () => toCommand(v as unknown as Command));
          serializesBackOrRefuses(() => serializeResponse(v as unknown as Response), (b) => parseResponse(b), () => v);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
