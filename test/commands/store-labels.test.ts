/**
 * Gmail's X-GM-LABELS STORE item (https://developers.google.com/gmail/imap/imap-extensions):
 * the same shape as STORE FLAGS (RFC 9051 §6.4.6), labels in place of
 * flags. The examples are the ones Gmail documents and the forms clients
 * send (system labels bare or quoted, names with spaces quoted).
 */
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import { ImapParseError } from '../../src/wire/errors.js';
import type { Command } from '../../src/model/command.js';
import { text } from './helpers.js';

describe('STORE X-GM-LABELS reads to the labels form', () => {
  const cases: [string, Command][] = [
    // Gmail's own example.
    ['a011 STORE 1 +X-GM-LABELS (foo)\r\n', { tag: 'a011', type: 'STORE', uid: false, set: [1], action: 'add', silent: false, labels: ['foo'] }],
    [
      'a012 UID STORE 4:7 -X-GM-LABELS.SILENT ("\\\\Inbox" "Muy Importante")\r\n',
      { tag: 'a012', type: 'STORE', uid: true, set: [[4, 7]], action: 'remove', silent: true, labels: ['\\Inbox', 'Muy Importante'] },
    ],
    [
      'a013 STORE 2 X-GM-LABELS (\\Important Work)\r\n',
      { tag: 'a013', type: 'STORE', uid: false, set: [2], action: 'set', silent: false, labels: ['\\Important', 'Work'] },
    ],
    // Setting no labels at all, and the bare (unparenthesized) form STORE FLAGS also has.
    ['a014 STORE 3 X-GM-LABELS ()\r\n', { tag: 'a014', type: 'STORE', uid: false, set: [3], action: 'set', silent: false, labels: [] }],
    ['a015 STORE 3 +x-gm-labels \\Starred "a b"\r\n', { tag: 'a015', type: 'STORE', uid: false, set: [3], action: 'add', silent: false, labels: ['\\Starred', 'a b'] }],
    [
      'a016 UID STORE 9 (UNCHANGEDSINCE 5) +X-GM-LABELS (x)\r\n',
      { tag: 'a016', type: 'STORE', uid: true, set: [9], modifiers: [{ type: 'UNCHANGEDSINCE', modSeq: 5n }], action: 'add', silent: false, labels: ['x'] },
    ],
  ];
  for (const [wire, value] of cases) {
    test(JSON.stringify(wire), () => {
      expect(parseCommand(wire)).toEqual(value);
      expect(parseCommand(wire, { strict: true })).toEqual(value);
      expect(parseCommand(serializeCommand(value))).toEqual(value);
    });
  }

  test('the canonical form: a parenthesized list, system labels bare, others as astrings', () => {
    const c: Command = { tag: 'a1', type: 'STORE', uid: true, set: [[1, '*']], action: 'add', silent: true, labels: ['\\Inbox', 'Work', 'a b', 'NIL', ''] };
    expect(text(serializeCommand(c))).toBe('a1 UID STORE 1:* +X-GM-LABELS.SILENT (\\Inbox Work "a b" "NIL" "")\r\n');
  });

  test('the FLAGS form is unchanged', () => {
    expect(parseCommand('a1 STORE 1 FLAGS.SILENT (\\Seen)\r\n')).toEqual({ tag: 'a1', type: 'STORE', uid: false, set: [1], action: 'set', silent: true, flags: ['\\Seen'] });
  });
});

describe('refused', () => {
  for (const wire of [
    'a1 STORE 1 +X-GM-LABEL (foo)\r\n', // not a store item
    'a1 STORE 1 +X-GM-LABELS.QUIET (foo)\r\n',
    'a1 STORE 1 +X-GM-LABELS (foo\r\n',
    'a1 STORE 1 +X-GM-LABELS\r\n',
    // flag-keyword is an atom (RFC 9051 §9): no system flag after KEYWORD.
    'a1 SEARCH KEYWORD \\Seen\r\n',
  ]) {
    test(JSON.stringify(wire), () => {
      expect(() => parseCommand(wire)).toThrow(ImapParseError);
      expect(() => parseCommand(wire, { strict: true })).toThrow(ImapParseError);
    });
  }
});
