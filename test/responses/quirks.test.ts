/**
 * Lenient quirks: each holds the literal bytes a real server sent; lenient
 * mode reads the value and reports the quirk by name, strict mode refuses.
 */
import { describe, test, expect } from 'vitest';
import { parseResponse } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';
import type { Response } from '../../src/model/response.js';

function lenient(input: Uint8Array | string): { value: Response; warnings: string[] } {
  const warnings: string[] = [];
  const value = parseResponse(input, { onWarning: (w) => warnings.push(w.name) });
  return { value, warnings };
}

const CASES: [name: string, input: string | Uint8Array, value: Response, warning: string][] = [
  ['trailing space: STATUS', '* STATUS INBOX (MESSAGES 3) \r\n', { type: 'STATUS', mailbox: 'INBOX', items: [{ type: 'MESSAGES', value: 3 }] }, 'trailing-space'],
  ['trailing space: CAPABILITY', '* CAPABILITY IMAP4rev1 IDLE \r\n', { type: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IDLE'] }, 'trailing-space'],
  ['trailing space: SEARCH', '* SEARCH 2 3 6 \r\n', { type: 'SEARCH', ids: [2, 3, 6] }, 'trailing-space'],
  ['trailing space: empty SEARCH', '* SEARCH \r\n', { type: 'SEARCH', ids: [] }, 'trailing-space'],
  ['two spaces after "*"', '*  OK ready\r\n', { type: 'OK', text: 'ready' }, 'double-space'],
  ['two spaces after "*" before data', '*  5 EXISTS\r\n', { type: 'EXISTS', count: 5 }, 'double-space'],
  ['space before ")"', '* FLAGS (\\Seen \\Deleted )\r\n', { type: 'FLAGS', flags: ['\\Seen', '\\Deleted'] }, 'space-before-paren'],
  ['space before ")" in STATUS', '* STATUS INBOX (MESSAGES 3 )\r\n', { type: 'STATUS', mailbox: 'INBOX', items: [{ type: 'MESSAGES', value: 3 }] }, 'space-before-paren'],
  ['text missing after [code]', '* OK [UIDNEXT 5]\r\n', { type: 'OK', code: { type: 'UIDNEXT', value: 5 }, text: '' }, 'missing-text'],
  ['text missing after [code], tagged', 'A1 OK [READ-WRITE]\r\n', { type: 'tagged', tag: 'A1', status: 'OK', code: { type: 'READ-WRITE' }, text: '' }, 'missing-text'],
  ['text missing altogether', 'A1 OK\r\n', { type: 'tagged', tag: 'A1', status: 'OK', text: '' }, 'missing-text'],
  ['bare "+"', '+\r\n', { type: 'continue', text: '' }, 'bare-continuation'],
  [
    '8-bit non-UTF-8 byte in a quoted string',
    Uint8Array.from([...new TextEncoder().encode('* LIST () "/" "caf'), 0xe9, ...new TextEncoder().encode('"\r\n')]),
    { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'caf\udce9' },
    'quoted-8bit',
  ],
  [
    'keyword holding "]" in PERMANENTFLAGS',
    '* OK [PERMANENTFLAGS (\\Seen Junk] \\*)] Limited\r\n',
    // No valid IMAP form holds "]" in a flag: the keyword is dropped from the value (quirk table).
    { type: 'OK', code: { type: 'PERMANENTFLAGS', flags: ['\\Seen', '\\*'] }, text: 'Limited' },
    'flag-bracket',
  ],
  ['lone LF line ending', '* 3 EXISTS\n', { type: 'EXISTS', count: 3 }, 'lone-lf'],
  ['lone LF after a literal header', '* LIST () "/" {3}\nfoo\r\n', { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'foo' }, 'lone-lf'],
  ['no space after [code]', '* OK [ALERT]Careful\r\n', { type: 'OK', code: { type: 'ALERT' }, text: 'Careful' }, 'code-without-space'],
  ['space between THREAD lists', '* THREAD (1)(2 (3)(4)) (5)\r\n', { type: 'THREAD', threads: [{ ids: [1], children: [] }, { ids: [2], children: [{ ids: [3], children: [] }, { ids: [4], children: [] }] }, { ids: [5], children: [] }] }, 'thread-space'],
  ['one nested THREAD list', '* THREAD (1 (2))\r\n', { type: 'THREAD', threads: [{ ids: [1], children: [{ ids: [2], children: [] }] }] }, 'thread-single-nested'],
  ['space between NAMESPACE descriptors', '* NAMESPACE (("" "/") ("#shared/" "/")) NIL NIL\r\n', { type: 'NAMESPACE', personal: [{ prefix: '', delimiter: '/' }, { prefix: '#shared/', delimiter: '/' }], other: null, shared: null }, 'namespace-space'],
  ['"*" in a uid-set', 'A1 OK [COPYUID 7 1:* 5:9] done\r\n', { type: 'tagged', tag: 'A1', status: 'OK', code: { type: 'COPYUID', uidValidity: 7, source: [[1, '*']], destination: [[5, 9]] }, text: 'done' }, 'uid-set-star'],
  ['8-bit byte in text', Uint8Array.from([...new TextEncoder().encode('* OK caf'), 0xe9, 13, 10]), { type: 'OK', text: 'caf\udce9' }, 'text-8bit'],
];

describe('lenient quirks', () => {
  for (const [name, input, value, warning] of CASES) {
    test(`${name}: lenient reads it and warns "${warning}"`, () => {
      const r = lenient(input);
      expect(r.value).toEqual(value);
      expect(r.warnings).toContain(warning);
    });
    test(`${name}: strict refuses it`, () => {
      expect(() => parseResponse(input, { strict: true })).toThrow(ImapParseError);
    });
  }
});

test('warnings carry stream offsets', () => {
  const offsets: number[] = [];
  parseResponse('* SEARCH 2 3 \r\n', { onWarning: (w) => offsets.push(w.offset) });
  expect(offsets).toEqual([12]);
});

test('the canonical forms of the same responses raise no warning', () => {
  for (const s of ['* STATUS INBOX (MESSAGES 3)\r\n', '* OK [UIDNEXT 5] Predicted\r\n', '+ \r\n', '* FLAGS (\\Seen \\Deleted)\r\n', '* 3 EXISTS\r\n']) {
    const r = lenient(s);
    expect(r.warnings, s).toEqual([]);
    expect(parseResponse(s, { strict: true })).toEqual(r.value);
  }
});
