import { describe, it, expect } from 'vitest';
import { parseItems, parseItemsW, writeItems, latin1, text, bytes } from './helpers.js';
import { Reader } from '../../src/wire/reader.js';
import { Writer } from '../../src/wire/writer.js';
import { readMsgAtt, writeMsgAtt } from '../../src/grammar/fetch-response.js';
import * as envelopeGrammar from '../../src/grammar/envelope.js';
import { ImapParseError, ImapEncodeError } from '../../src/wire/errors.js';
import { fetchItem, type FetchItem } from '../../src/model/fetch.js';

/** Strict parse, and the canonical bytes come back unchanged. */
function same(wire: string): FetchItem[] {
  const items = parseItems(wire, true);
  expect(latin1(writeItems(items))).toBe(wire);
  return items;
}

describe('FETCH items', () => {
  it('UID / FLAGS / INTERNALDATE / RFC822.SIZE (the cheap line)', () => {
    expect(same('(UID 4827313 FLAGS (\\Seen $Forwarded) INTERNALDATE "07-Feb-2024 09:05:00 +0100" RFC822.SIZE 44827)')).toEqual([
      { type: 'UID', value: 4827313 },
      { type: 'FLAGS', value: ['\\Seen', '$Forwarded'] },
      { type: 'INTERNALDATE', value: { year: 2024, month: 2, day: 7, hour: 9, minute: 5, second: 0, zone: '+0100' } },
      { type: 'RFC822.SIZE', value: 44827 },
    ]);
  });

  it('empty FLAGS', () => {
    expect(same('(FLAGS ())')).toEqual([{ type: 'FLAGS', value: [] }]);
  });

  it('RFC822.SIZE as number64 (RFC 9051) beyond uint32', () => {
    expect(same('(RFC822.SIZE 8589934592)')).toEqual([{ type: 'RFC822.SIZE', value: 8589934592 }]);
    expect(() => parseItems('(RFC822.SIZE 9007199254740993)')).toThrow(ImapParseError);
  });

  it('item names are case-insensitive', () => {
    expect(parseItems('(uid 5 Flags (\\Seen) rfc822.size 3)', true)).toEqual([
      { type: 'UID', value: 5 }, { type: 'FLAGS', value: ['\\Seen'] }, { type: 'RFC822.SIZE', value: 3 },
    ]);
  });

  it('RFC822, RFC822.HEADER, RFC822.TEXT: literal, quoted and NIL', () => {
    const items = parseItems('(RFC822 {5}\r\nHello RFC822.HEADER "Subject: x\r\n" RFC822.TEXT NIL)'.replace('"Subject: x\r\n"', '{12}\r\nSubject: x\r\n'), true);
    expect(items.map((i) => i.type)).toEqual(['RFC822', 'RFC822.HEADER', 'RFC822.TEXT']);
    expect(text(items[0].value as Uint8Array)).toBe('Hello');
    expect(text(items[1].value as Uint8Array)).toBe('Subject: x\r\n');
    expect(items[2].value).toBeNull();
    expect(same('(RFC822 {5}\r\nHello RFC822.TEXT NIL)')).toHaveLength(2);
    // A quoted string is read too; message data is always written back as a literal.
    expect(latin1(writeItems(parseItems('(RFC822.TEXT "abc")', true)))).toBe('(RFC822.TEXT {3}\r\nabc)');
  });

  it('BODY[section]<origin> with HEADER.FIELDS, MIME and a partial', () => {
    const items = same('(BODY[HEADER.FIELDS (DATE FROM)] {5}\r\nDate: BODY[1.2.MIME] NIL BODY[]<1024> {3}\r\nabc BODY[3.TEXT]<0> {0}\r\n)');
    expect(items[0]).toMatchObject({ type: 'BODY[]', section: { part: [], text: { type: 'HEADER.FIELDS', fields: ['DATE', 'FROM'] } } });
    expect(items[1]).toEqual({ type: 'BODY[]', section: { part: [1, 2], text: { type: 'MIME' } }, value: null });
    expect(items[2]).toMatchObject({ type: 'BODY[]', section: { part: [] }, origin: 1024 });
    expect(text(items[2].value as Uint8Array)).toBe('abc');
    expect(items[3]).toMatchObject({ section: { part: [3], text: { type: 'TEXT' } }, origin: 0 });
    expect((items[3].value as Uint8Array).length).toBe(0);
    expect('origin' in items[1]).toBe(false);
  });

  it('BINARY[part] as literal8, as a literal, as NIL; BINARY.SIZE', () => {
    const wire = '(BINARY[1.2] ~{3}\r\na\x00b BINARY[] {2}\r\nhi BINARY[3]<10> NIL BINARY.SIZE[1.2] 3)';
    const items = parseItems(wire, true);
    expect(items[0]).toMatchObject({ type: 'BINARY[]', part: [1, 2], literal8: true });
    expect(Array.from(items[0].value as Uint8Array)).toEqual([0x61, 0, 0x62]);
    expect(items[1]).toMatchObject({ type: 'BINARY[]', part: [] });
    expect('literal8' in items[1]).toBe(false);
    expect(items[2]).toEqual({ type: 'BINARY[]', part: [3], origin: 10, value: null });
    expect(items[3]).toEqual({ type: 'BINARY.SIZE', part: [1, 2], value: 3 });
    expect(latin1(writeItems(items))).toBe(wire);
  });

  it('BINARY data holding NUL is written as literal8 even without the flag', () => {
    expect(latin1(writeItems([{ type: 'BINARY[]', part: [1], value: Uint8Array.of(0) }]))).toBe('(BINARY[1] ~{1}\r\n\x00)');
  });

  it('BINARY takes no section text', () => {
    expect(() => parseItems('(BINARY[1.TEXT] NIL)')).toThrow(ImapParseError);
  });

  it('MODSEQ, EMAILID, THREADID, SAVEDATE, PREVIEW', () => {
    expect(same('(MODSEQ (624140003) EMAILID (M6d99ac3275bb4e) THREADID NIL SAVEDATE "17-Jul-1996 02:44:25 -0700" PREVIEW "Hi there")')).toEqual([
      { type: 'MODSEQ', value: 624140003n },
      { type: 'EMAILID', value: 'M6d99ac3275bb4e' },
      { type: 'THREADID', value: null },
      { type: 'SAVEDATE', value: { year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zone: '-0700' } },
      { type: 'PREVIEW', value: 'Hi there' },
    ]);
    expect(same('(SAVEDATE NIL PREVIEW NIL)')).toEqual([{ type: 'SAVEDATE', value: null }, { type: 'PREVIEW', value: null }]);
    expect(() => parseItems('(EMAILID (a.b))')).toThrow(ImapParseError);
    expect(() => writeItems([{ type: 'EMAILID', value: 'a b' }])).toThrow(ImapEncodeError);
  });

  it('Gmail X-GM-MSGID, X-GM-THRID, X-GM-LABELS', () => {
    const items = same('(X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334865 X-GM-LABELS (\\Inbox \\Sent Important "Muy Importante" "NIL"))');
    expect(items).toEqual([
      { type: 'X-GM-THRID', value: 1278455344230334865n },
      { type: 'X-GM-MSGID', value: 1278455344230334865n },
      { type: 'X-GM-LABELS', value: ['\\Inbox', '\\Sent', 'Important', 'Muy Importante', 'NIL'] },
    ]);
    expect(same('(X-GM-LABELS ())')).toEqual([{ type: 'X-GM-LABELS', value: [] }]);
  });

  it('unknown items are kept generically and written back unchanged', () => {
    const wire = '(X-FOO (1 "two" NIL (x3)) UID 9 X-BAR[1.2] ~{2}\r\nab X-SNIPPET "text")';
    const items = same(wire);
    expect(items[0]).toEqual({
      type: 'unknown', name: 'X-FOO',
      value: { type: 'list', items: [{ type: 'number', value: 1n }, { type: 'string', value: 'two' }, { type: 'nil' }, { type: 'list', items: [{ type: 'atom', value: 'x3' }] }] },
    });
    expect(items[1]).toEqual({ type: 'UID', value: 9 });
    expect(items[2]).toMatchObject({ type: 'unknown', name: 'X-BAR[1.2]', value: { type: 'binary' } });
    expect(items[3]).toEqual({ type: 'unknown', name: 'X-SNIPPET', value: { type: 'string', value: 'text' } });
  });

  it('fetchItem finds an item by type', () => {
    const items = parseItems('(UID 3 FLAGS (\\Seen))');
    expect(fetchItem(items, 'FLAGS')?.value).toEqual(['\\Seen']);
    expect(fetchItem(items, 'MODSEQ')).toBeUndefined();
  });

  it('errors are ImapParseError with the offset', () => {
    const cases: [string, number][] = [['(UID x)', 5], ['(UID 1 FLAGS)', 12], ['(BODY[1] {5}\r\nab)', 17], ['(MODSEQ 5)', 8], ['(UID 1', 6]];
    for (const [wire, offset] of cases) {
      const e = (() => { try { parseItems(wire); } catch (err) { return err; } return undefined; })();
      expect(e, wire).toBeInstanceOf(ImapParseError);
      expect((e as ImapParseError).offset, wire).toBe(offset);
    }
  });

  it('strict mode refuses an empty list', () => {
    expect(() => parseItems('()', true)).toThrow(ImapParseError);
  });
});

describe('zero copy', () => {
  it('BODY[] and BINARY[] data are views into the frame', () => {
    const frame = bytes('(BODY[] {4}\r\nabcd BINARY[1] ~{2}\r\nxy)');
    const items = readMsgAtt(new Reader(frame));
    for (const it of items) {
      expect((it.value as Uint8Array).buffer).toBe(frame.buffer);
    }
  });

  it('the writer emits data as its own literal fragment, not a copy', () => {
    const data = bytes('0123456789');
    const w = new Writer({ side: 'server' });
    writeMsgAtt(w, [{ type: 'BODY[]', section: { part: [] }, value: data }]);
    const lit = w.fragments().find((f) => f.type === 'literal');
    expect(lit?.bytes).toBe(data);
  });
});

describe('nesting is bounded', () => {
  it('1,000,000 parens in BODYSTRUCTURE is ImapParseError(too-deep), not RangeError', () => {
    const wire = '(BODYSTRUCTURE ' + '('.repeat(1_000_000) + ')';
    let err: unknown;
    try { parseItems(wire); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ImapParseError);
    expect((err as ImapParseError).code).toBe('too-deep');
  });

  it('1,000,000 parens in an unknown item and in BODY are too-deep too; in an envelope a syntax error', () => {
    let env: unknown;
    try { parseItems('(ENVELOPE (NIL NIL ' + '('.repeat(1_000_000)); } catch (e) { env = e; }
    expect(env).toBeInstanceOf(ImapParseError);
    for (const wire of ['(X-FOO ' + '('.repeat(1_000_000), '(BODY ((' + '('.repeat(1_000_000)]) {
      let err: unknown;
      try { parseItems(wire); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ImapParseError);
      expect((err as ImapParseError).code).toBe('too-deep');
    }
  });

  it('a lower maxDepth applies', () => {
    const r = new Reader(bytes('(BODYSTRUCTURE ((("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed") "mixed"))'), { maxDepth: 3 });
    expect(() => readMsgAtt(r)).toThrow(/nested/);
  });

  it('warnings are not reported for canonical input', () => {
    expect(parseItemsW('(UID 1 FLAGS (\\Seen))').warnings).toEqual([]);
  });
});

describe('date-time day forms (RFC 9051 §9 date-day-fixed)', () => {
  it('reads " 7" and "07" alike; writes "07", the form Dovecot sends', () => {
    const spaced = parseItems('(INTERNALDATE " 7-Feb-2024 09:05:00 +0100")', true);
    const zero = parseItems('(INTERNALDATE "07-Feb-2024 09:05:00 +0100")', true);
    expect(spaced).toEqual(zero);
    expect(latin1(writeItems(spaced))).toBe('(INTERNALDATE "07-Feb-2024 09:05:00 +0100")');
  });
});

describe('ENVELOPE sender and reply-to repeating from (RFC 9051 §7.5.2)', () => {
  it('read as equal values that are not the same objects', () => {
    const env = '(ENVELOPE (NIL "s" (("A" NIL "a" "x.org")) (("A" NIL "a" "x.org")) (("A" NIL "a" "x.org")) NIL NIL NIL NIL NIL))';
    const [item] = parseItems(env, true);
    expect(item.type).toBe('ENVELOPE');
    if (item.type !== 'ENVELOPE') return;
    const { from, sender, replyTo } = item.value;
    expect(sender).toEqual(from);
    expect(replyTo).toEqual(from);
    expect(sender).not.toBe(from);
    expect(sender?.[0]).not.toBe(from?.[0]);
    expect(replyTo?.[0]).not.toBe(sender?.[0]);
    expect(latin1(writeItems([item]))).toBe(env);
  });

  it('report a lenient quirk in each list that has it', () => {
    const warned: string[] = [];
    const r = new Reader(bytes('(NIL NIL (("A" NIL "a" "x.org") ) (("A" NIL "a" "x.org") ) NIL NIL NIL NIL NIL NIL)'));
    const { readEnvelope } = envelopeGrammar;
    readEnvelope(r);
    for (const w of r.warnings ?? []) warned.push(w.name);
    expect(warned.filter((n) => n === 'space-before-paren').length).toBe(2);
  });
});
