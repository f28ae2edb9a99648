/**
 * One canonical example per response and response code: the bytes parse
 * (lenient and strict) to the value, and the value serializes to the bytes.
 */
import { describe, test, expect } from 'vitest';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { readGreeting } from '../../src/grammar/response.js';
import { Reader } from '../../src/wire/reader.js';
import { ImapParseError, ImapEncodeError } from '../../src/wire/errors.js';
import type { Response, ResponseOf, ResponseType } from '../../src/model/response.js';
import type { RespTextCode } from '../../src/model/resp-code.js';
import { SIMPLE_RESP_CODES } from '../../src/model/resp-code.js';

const te = new TextEncoder();
const u8 = (s: string) => te.encode(s);

function roundTrip(wire: string | Uint8Array, value: Response): void {
  const bytes = typeof wire === 'string' ? u8(wire) : wire;
  const warnings: string[] = [];
  expect(parseResponse(bytes, { onWarning: (w) => warnings.push(w.name) })).toEqual(value);
  expect(warnings).toEqual([]);
  expect(parseResponse(bytes, { strict: true })).toEqual(value);
  expect(serializeResponse(value)).toEqual(bytes);
}

const CODES: [string, RespTextCode][] = [
  ...SIMPLE_RESP_CODES.map((type): [string, RespTextCode] => [type, { type }]),
  ['BADCHARSET', { type: 'BADCHARSET' }],
  ['BADCHARSET (UTF-8 "X Y")', { type: 'BADCHARSET', charsets: ['UTF-8', 'X Y'] }],
  ['CAPABILITY IMAP4rev2 AUTH=PLAIN', { type: 'CAPABILITY', capabilities: ['IMAP4rev2', 'AUTH=PLAIN'] }],
  ['PERMANENTFLAGS ()', { type: 'PERMANENTFLAGS', flags: [] }],
  ['UIDNEXT 4392', { type: 'UIDNEXT', value: 4392 }],
  ['UIDVALIDITY 4294967295', { type: 'UIDVALIDITY', value: 4294967295 }],
  ['UNSEEN 12', { type: 'UNSEEN', value: 12 }],
  ['APPENDUID 38505 3955:3957,3960', { type: 'APPENDUID', uidValidity: 38505, uids: [[3955, 3957], 3960] }],
  ['COPYUID 38505 4:2 3956:3958', { type: 'COPYUID', uidValidity: 38505, source: [[4, 2]], destination: [[3956, 3958]] }],
  ['HIGHESTMODSEQ 9223372036854775807', { type: 'HIGHESTMODSEQ', value: 9223372036854775807n }],
  ['MODIFIED 7,9:*', { type: 'MODIFIED', set: [7, [9, '*']] }],
  ['MAILBOXID (F2212ea87-6097)', { type: 'MAILBOXID', id: 'F2212ea87-6097' }],
  ['REFERRAL IMAP://user;AUTH=*@SERVER2/SHARED/FOO imap://b/', { type: 'REFERRAL', urls: ['IMAP://user;AUTH=*@SERVER2/SHARED/FOO', 'imap://b/'] }],
  ['BADURL /INBOX;UIDVALIDITY=785799047/;UID=113330;section=1.5.9', { type: 'BADURL', url: '/INBOX;UIDVALIDITY=785799047/;UID=113330;section=1.5.9' }],
  ['METADATA LONGENTRIES 2199', { type: 'METADATA', kind: 'LONGENTRIES', value: 2199 }],
  ['METADATA MAXSIZE 1024', { type: 'METADATA', kind: 'MAXSIZE', value: 1024 }],
  ['METADATA TOOMANY', { type: 'METADATA', kind: 'TOOMANY' }],
  ['METADATA NOPRIVATE', { type: 'METADATA', kind: 'NOPRIVATE' }],
  ['X-GM-LABELS foo (bar) "baz"', { type: 'unknown', name: 'X-GM-LABELS', text: 'foo (bar) "baz"' }],
  ['XYZZY', { type: 'unknown', name: 'XYZZY' }],
];

describe('resp-text-code', () => {
  for (const [wire, code] of CODES) {
    test(`[${wire}]`, () => {
      roundTrip(`A1 NO [${wire}] text here\r\n`, { type: 'tagged', tag: 'A1', status: 'NO', code, text: 'text here' });
    });
  }
  test('codes are case-insensitive', () => {
    expect(parseResponse('* ok [uidnext 5] x\r\n')).toEqual({ type: 'OK', code: { type: 'UIDNEXT', value: 5 }, text: 'x' });
  });
  test('a known code with malformed data: generic in lenient mode, an error in strict mode', () => {
    const names: string[] = [];
    expect(parseResponse('* OK [UIDNEXT soon] x\r\n', { onWarning: (w) => names.push(w.name) })).toEqual({
      type: 'OK', code: { type: 'unknown', name: 'UIDNEXT', text: 'soon' }, text: 'x',
    });
    expect(names).toEqual(['malformed-resp-text-code']);
    expect(() => parseResponse('* OK [UIDNEXT soon] x\r\n', { strict: true })).toThrow(ImapParseError);
    expect(() => parseResponse('* OK [ALERT now] x\r\n', { strict: true })).toThrow(ImapParseError);
  });
  test('unwritable code data is an ImapEncodeError', () => {
    expect(() => serializeResponse({ type: 'OK', code: { type: 'unknown', name: 'X', text: 'a]b' }, text: 'x' })).toThrow(ImapEncodeError);
    expect(() => serializeResponse({ type: 'OK', code: { type: 'REFERRAL', urls: [] }, text: 'x' })).toThrow(ImapEncodeError);
    expect(() => serializeResponse({ type: 'OK', code: { type: 'UIDNEXT', value: 0 }, text: 'x' })).toThrow(ImapEncodeError);
    expect(() => serializeResponse({ type: 'OK', text: 'a\r\nb' })).toThrow(ImapEncodeError);
  });
});

const DATA: [string, Response][] = [
  ['* OK IMAP4rev2 server ready\r\n', { type: 'OK', text: 'IMAP4rev2 server ready' }],
  ['* BAD [PARSE] what?\r\n', { type: 'BAD', code: { type: 'PARSE' }, text: 'what?' }],
  ['* BYE Autologout; idle for too long\r\n', { type: 'BYE', text: 'Autologout; idle for too long' }],
  ['A2 BAD command unknown\r\n', { type: 'tagged', tag: 'A2', status: 'BAD', text: 'command unknown' }],
  ['+ \r\n', { type: 'continue', text: '' }],
  ['+ [ALERT] go on\r\n', { type: 'continue', code: { type: 'ALERT' }, text: 'go on' }],
  ['* FLAGS ()\r\n', { type: 'FLAGS', flags: [] }],
  ['* LIST (\\HasNoChildren \\Marked) NIL INBOX\r\n', { type: 'LIST', attributes: ['\\HasNoChildren', '\\Marked'], delimiter: null, mailbox: 'INBOX' }],
  ['* LIST () "\\\\" "a b"\r\n', { type: 'LIST', attributes: [], delimiter: '\\', mailbox: 'a b' }],
  ['* LIST () "/" {4}\r\na\r\nb\r\n', { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'a\r\nb' }],
  [
    '* LIST () "/" Foo ("CHILDINFO" ("SUBSCRIBED" "X") "X-EXT" (1 "two" NIL))\r\n',
    {
      type: 'LIST', attributes: [], delimiter: '/', mailbox: 'Foo',
      extended: [
        { type: 'CHILDINFO', options: ['SUBSCRIBED', 'X'] },
        { type: 'unknown', tag: 'X-EXT', value: { type: 'list', items: [{ type: 'number', value: 1n }, { type: 'string', value: 'two' }, { type: 'nil' }] } },
      ],
    },
  ],
  ['* LIST () "/" Foo ()\r\n', { type: 'LIST', attributes: [], delimiter: '/', mailbox: 'Foo', extended: [] }],
  ['* STATUS INBOX ()\r\n', { type: 'STATUS', mailbox: 'INBOX', items: [] }],
  [
    '* STATUS INBOX (RECENT 1 UIDVALIDITY 9 UNSEEN 2 APPENDLIMIT NIL X-FOO (a 1))\r\n',
    {
      type: 'STATUS', mailbox: 'INBOX',
      items: [
        { type: 'RECENT', value: 1 }, { type: 'UIDVALIDITY', value: 9 }, { type: 'UNSEEN', value: 2 }, { type: 'APPENDLIMIT', value: null },
        { type: 'unknown', name: 'X-FOO', value: { type: 'list', items: [{ type: 'atom', value: 'a' }, { type: 'number', value: 1n }] } },
      ],
    },
  ],
  ['* SEARCH\r\n', { type: 'SEARCH', ids: [] }],
  ['* SORT 5 3 (MODSEQ 17)\r\n', { type: 'SORT', ids: [5, 3], modseq: 17n }],
  ['* ESEARCH\r\n', { type: 'ESEARCH', uid: false, items: [] }],
  ['* ESEARCH (TAG "A1") UID PARTIAL (1:10 5,7)\r\n', { type: 'ESEARCH', tag: 'A1', uid: true, items: [{ type: 'unknown', name: 'PARTIAL', value: { type: 'list', items: [{ type: 'atom', value: '1:10' }, { type: 'atom', value: '5,7' }] } }] }],
  ['* THREAD\r\n', { type: 'THREAD', threads: [] }],
  ['* THREAD ((3)(5))\r\n', { type: 'THREAD', threads: [{ ids: [], children: [{ ids: [3], children: [] }, { ids: [5], children: [] }] }] }],
  ['* 0 EXISTS\r\n', { type: 'EXISTS', count: 0 }],
  ['* VANISHED 1:5\r\n', { type: 'VANISHED', earlier: false, uids: [[1, 5]] }],
  ['* NAMESPACE NIL NIL (("" "."))\r\n', { type: 'NAMESPACE', personal: null, other: null, shared: [{ prefix: '', delimiter: '.' }] }],
  ['* ID ()\r\n', { type: 'ID', params: [] }],
  ['* ID ("name" NIL)\r\n', { type: 'ID', params: [['name', null]] }],
  ['* QUOTA "" ()\r\n', { type: 'QUOTA', root: '', resources: [] }],
  ['* QUOTA "" (STORAGE 9223372036854775807 9223372036854775807 MESSAGE 1 2)\r\n', { type: 'QUOTA', root: '', resources: [{ name: 'STORAGE', usage: 9223372036854775807n, limit: 9223372036854775807n }, { name: 'MESSAGE', usage: 1n, limit: 2n }] }],
  ['* QUOTAROOT INBOX\r\n', { type: 'QUOTAROOT', mailbox: 'INBOX', roots: [] }],
  ['* ACL INBOX\r\n', { type: 'ACL', mailbox: 'INBOX', entries: [] }],
  ['* LISTRIGHTS ~/Mail/saved smith la r swicdkxte\r\n', { type: 'LISTRIGHTS', mailbox: '~/Mail/saved', identifier: 'smith', required: 'la', optional: ['r', 'swicdkxte'] }],
  ['* METADATA INBOX /shared/comment /private/comment\r\n', { type: 'METADATA', mailbox: 'INBOX', entries: ['/shared/comment', '/private/comment'] }],
  ['* METADATA INBOX (/shared/comment NIL /private/x ~{3}\r\na\x00b)\r\n', { type: 'METADATA', mailbox: 'INBOX', values: [{ entry: '/shared/comment', value: null }, { entry: '/private/x', value: Uint8Array.of(0x61, 0, 0x62) }] }],
];

/** No ABNF derives these: the default mode warns, strict mode refuses (code `unknown` for names) unless allowed. */
const WARNED: [wire: string, value: Response, warning: string, allow: { allowUnknown?: string[]; allowQuirks?: string[] }][] = [
  ['* CAPABILITY\r\n', { type: 'CAPABILITY', capabilities: [] }, 'capability-no-imap4', { allowQuirks: ['capability-no-imap4'] }],
  ['* XFOO\r\n', { type: 'unknown', name: 'XFOO', rest: new Uint8Array(0) }, 'unknown-response', { allowUnknown: ['xfoo'] }],
  ['* XFOO  two  spaces (kept {3}\r\nabc) \r\n', { type: 'unknown', name: 'XFOO', rest: u8('  two  spaces (kept {3}\r\nabc) ') }, 'unknown-response', { allowUnknown: ['XFOO'] }],
  ['* 3 XBAR (1 2)\r\n', { type: 'unknown', seq: 3, name: 'XBAR', rest: u8(' (1 2)') }, 'unknown-response', { allowUnknown: ['XBAR'] }],
];

describe('responses', () => {
  for (const [wire, value] of DATA) {
    test(JSON.stringify(wire), () => roundTrip(wire, value));
  }
  for (const [wire, value, warning, allow] of WARNED) {
    test(`${JSON.stringify(wire)}: warns ${warning}, strict refuses unless allowed`, () => {
      const warnings: string[] = [];
      expect(parseResponse(wire, { onWarning: (w) => warnings.push(w.name) })).toEqual(value);
      expect(warnings).toEqual([warning]);
      expect(() => parseResponse(wire, { strict: true })).toThrow(ImapParseError);
      expect(parseResponse(wire, { strict: true, ...allow })).toEqual(value);
      expect(serializeResponse(value)).toEqual(u8(wire));
    });
  }
  test('response names are case-insensitive', () => {
    expect(parseResponse('* 3 exists\r\n')).toEqual({ type: 'EXISTS', count: 3 });
    expect(parseResponse('a1 ok done\r\n')).toEqual({ type: 'tagged', tag: 'a1', status: 'OK', text: 'done' });
  });
  test('status words and code names in any case, and words that only start like them', () => {
    expect(parseResponse('A1 Bad x\r\n')).toEqual({ type: 'tagged', tag: 'A1', status: 'BAD', text: 'x' });
    expect(parseResponse('A1 NO [read-write] x\r\n')).toEqual({ type: 'tagged', tag: 'A1', status: 'NO', code: { type: 'READ-WRITE' }, text: 'x' });
    expect(() => parseResponse('A1 OKAY x\r\n')).toThrow(ImapParseError);
    expect(() => parseResponse('A1 BADX x\r\n')).toThrow(ImapParseError);
    // A name that extends a known code's name is another (unknown) code.
    expect(parseResponse('* OK [UIDNEXTS 5] x\r\n')).toEqual({ type: 'OK', code: { type: 'unknown', name: 'UIDNEXTS', text: '5' }, text: 'x' });
    expect(parseResponse('* OK [Read-OnlyX] x\r\n')).toEqual({ type: 'OK', code: { type: 'unknown', name: 'Read-OnlyX' }, text: 'x' });
    // 8-bit bytes glued to a known name make an 8-bit atom (lenient), not the known code.
    const b = Uint8Array.from([...u8('* OK [ALERT'), 0xe9, ...u8('] x\r\n')]);
    expect(parseResponse(b)).toEqual({ type: 'OK', code: { type: 'unknown', name: 'ALERT\udce9' }, text: 'x' });
    expect(serializeResponse(parseResponse(b))).toEqual(b);
  });
  test('a flag list read again is the same value in a new array, and a list that warned warns again', () => {
    const names = (wire: string, opts = {}) => {
      const w: string[] = [];
      const v = parseResponse(wire, { ...opts, onWarning: (x) => w.push(x.name) });
      return { v, w };
    };
    const a = names('* FLAGS (\\Answered \\Seen $Label1 $Checked)\r\n');
    const b = names('* FLAGS (\\Answered \\Seen $Label1 $Checked)\r\n');
    expect(b.v).toEqual({ type: 'FLAGS', flags: ['\\Answered', '\\Seen', '$Label1', '$Checked'] });
    expect(b.v).toEqual(a.v);
    (a.v as { flags: string[] }).flags.push('x');
    expect(names('* FLAGS (\\Answered \\Seen $Label1 $Checked)\r\n').v).toEqual(b.v);
    // "\\*" is kept in PERMANENTFLAGS, dropped (with a quirk) from FLAGS, in either order.
    for (let k = 0; k < 2; k++) {
      expect(names('* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n')).toEqual({ v: { type: 'OK', code: { type: 'PERMANENTFLAGS', flags: ['\\Seen', '\\*'] }, text: 'x' }, w: [] });
      expect(names('* FLAGS (\\Seen \\*)\r\n')).toEqual({ v: { type: 'FLAGS', flags: ['\\Seen'] }, w: ['greenmail-flags-star'] });
      expect(() => parseResponse('* FLAGS (\\Seen \\*)\r\n', { strict: true })).toThrow(ImapParseError);
    }
    // A list read with a quirk in the default mode is refused in strict mode the next time too.
    for (let k = 0; k < 2; k++) {
      expect(names('* FLAGS (\\Seen $Junk )\r\n').w.length).toBeGreaterThan(0);
      expect(() => parseResponse('* FLAGS (\\Seen $Junk )\r\n', { strict: true })).toThrow(ImapParseError);
    }
    // A list too deep for maxDepth is refused even when its bytes were read before.
    names('* FLAGS (\\Deleted)\r\n');
    expect(() => parseResponse('* FLAGS (\\Deleted)\r\n', { maxDepth: 0 })).toThrow(ImapParseError);
  });
  test('unknown responses keep 8-bit bytes exactly', () => {
    const b = Uint8Array.from([...u8('* XFOO '), 0xff, 0xe9, ...u8(' "'), 0x80, ...u8('"\r\n')]);
    expect(serializeResponse(parseResponse(b))).toEqual(b);
  });
  test('refusals', () => {
    for (const bad of ['* 0 FETCH (UID 1)\r\n', '* 0 EXPUNGE\r\n', 'A1 YES\r\n', '* LIST () "/"\r\n', '* STATUS INBOX\r\n', '* ESEARCH ALL $\r\n', '* THREAD ()\r\n', '* NAMESPACE ()\r\n NIL NIL', '* VANISHED $\r\n', '* SEARCH 0\r\n', '* 4294967296 EXISTS\r\n', '', '* OK', '* OK a\r\n* OK b\r\n']) {
      expect(() => parseResponse(bad), JSON.stringify(bad)).toThrow(ImapParseError);
    }
  });
  test('errors carry the offset, what was expected and the tag', () => {
    try {
      parseResponse('A7 OK done\r\n* 1 FETCH (UID x)\r\n'.slice(12));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImapParseError);
      const err = e as ImapParseError;
      expect(err.offset).toBe(15);
      expect(err.tag).toBe('*');
    }
  });
  test('hostile THREAD nesting is an error, never a stack overflow', () => {
    const deep = '* THREAD ' + '(1 '.repeat(100000) + ')'.repeat(100000) + '\r\n';
    expect(() => parseResponse(deep)).toThrow(ImapParseError);
    const e = (() => { try { parseResponse('* THREAD ' + '(1 (2)'.repeat(10) + ')'.repeat(10) + '\r\n', { maxDepth: 5 }); } catch (x) { return x as ImapParseError; } return null; })();
    expect(e?.code).toBe('too-deep');
  });
  test('limits are options', () => {
    expect(() => parseResponse('* SEARCH 1 2 3 4 5 6 7 8 9\r\n', { maxLineLength: 10 })).toThrow(ImapParseError);
    expect(() => parseResponse('* LIST () "/" {10}\r\n0123456789\r\n', { maxLiteralSize: 5 })).toThrow(ImapParseError);
  });
});

describe('greeting', () => {
  for (const s of ['* OK ready\r\n', '* PREAUTH hi\r\n', '* BYE go away\r\n']) {
    test(s.trim(), () => {
      const r = new Reader(u8(s));
      expect(['OK', 'PREAUTH', 'BYE']).toContain(readGreeting(r).type);
    });
  }
  test('anything else is not a greeting', () => {
    expect(() => readGreeting(new Reader(u8('* NO nope\r\n')))).toThrow(ImapParseError);
    expect(() => readGreeting(new Reader(u8('A1 OK x\r\n')))).toThrow(ImapParseError);
  });
});

describe('ResponseOf', () => {
  test('narrows to variants whose type is a union', () => {
    const r = parseResponse('* LSUB () "/" INBOX\r\n');
    const pick = <T extends ResponseType>(v: Response, t: T): ResponseOf<T> | undefined => (v.type === t ? (v as ResponseOf<T>) : undefined);
    const l = pick(r, 'LSUB');
    expect(l?.mailbox).toBe('INBOX');
    expect(pick(r, 'LIST')).toBeUndefined();
  });
});
