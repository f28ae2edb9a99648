import { describe, it, expect } from 'vitest';
import {
  rfcFetchExamples, rfcLines, rfcParenAfter, unfold, parseItems, parseBody, writeItems, writeBodyBytes, latin1, text, bytes,
} from './helpers.js';
import { readMsgAtt } from '../../src/grammar/fetch-response.js';
import { readBody } from '../../src/grammar/bodystructure.js';
import type { FetchItem } from '../../src/model/fetch.js';

// How many complete `* n FETCH (...)` examples each RFC holds (elided and
// literal-bearing ones aside): a drop means the extraction broke.
const EXPECTED: Record<string, number> = {
  rfc2060: 7, rfc3501: 10, rfc9051: 10, rfc7162: 69, rfc8474: 8, rfc4314: 6, rfc8438: 8,
};

describe('every complete FETCH example in the RFCs', () => {
  for (const [rfc, count] of Object.entries(EXPECTED)) {
    const examples = rfcFetchExamples(rfc);
    it(`${rfc}: ${count} examples extracted`, () => {
      expect(examples.length).toBe(count);
    });
    for (const e of examples) {
      it(`${rfc} line ${e.line}: strict parse, no unknown item, byte-identical re-serialization`, () => {
        const wire = unfold(e.msgAtt, readMsgAtt);
        const items = parseItems(wire, true);
        expect(items.length).toBeGreaterThan(0);
        for (const it of items) expect(it.type).not.toBe('unknown');
        expect(latin1(writeItems(items))).toBe(wire);
        expect(parseItems(writeItems(items), true)).toEqual(items);
      });
    }
  }
});

describe('RFC 3501 §8 / RFC 9051 §8 sample: fetch 12 full', () => {
  for (const [rfc, line, subject, msgid] of [
    ['rfc3501', 4447, 'IMAP4rev1 WG mtg summary and minutes', '<B27397-0100000@cac.washington.edu>'],
    ['rfc9051', 6233, 'IMAP4rev2 WG mtg summary and minutes', '<B27397-0100000@cac.washington.ed>'],
  ] as const) {
    it(rfc, () => {
      const e = rfcFetchExamples(rfc).find((x) => x.line === line);
      expect(e).toBeDefined();
      const items = parseItems(unfold(e!.msgAtt, readMsgAtt), true);
      expect(items.map((i) => i.type)).toEqual(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY']);
      expect(items[0]).toEqual({ type: 'FLAGS', value: ['\\Seen'] });
      expect(items[1]).toEqual({
        type: 'INTERNALDATE',
        value: { year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zone: '-0700' },
      });
      expect(items[2]).toEqual({ type: 'RFC822.SIZE', value: 4286 });
      const gray = { name: 'Terry Gray', adl: null, mailbox: 'gray', host: 'cac.washington.edu' };
      expect(items[3]).toEqual({
        type: 'ENVELOPE',
        value: {
          date: 'Wed, 17 Jul 1996 02:23:25 -0700 (PDT)',
          subject,
          from: [gray],
          sender: [gray],
          replyTo: [gray],
          to: [{ name: null, adl: null, mailbox: 'imap', host: 'cac.washington.edu' }],
          cc: [
            { name: null, adl: null, mailbox: 'minutes', host: 'CNRI.Reston.VA.US' },
            { name: 'John Klensin', adl: null, mailbox: 'KLENSIN', host: 'MIT.EDU' },
          ],
          bcc: null,
          inReplyTo: null,
          messageId: msgid,
        },
      });
      expect(items[4]).toEqual({
        type: 'BODY',
        value: {
          type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: [['CHARSET', 'US-ASCII']],
          id: null, description: null, encoding: '7BIT', size: 3028, lines: 92,
        },
      });
    });

    it(`${rfc}: BODY[HEADER] literal`, () => {
      const lines = rfcLines(rfc);
      const start = lines.findIndex((l) => /\* 12 FETCH \(BODY\[HEADER\] \{342\}/.test(l));
      expect(start).toBeGreaterThan(0);
      const header: string[] = [];
      for (let i = start + 1; !/^\s*S:\s*\)\s*$/.test(lines[i]); i++) header.push(lines[i].replace(/^\s*S: {0,4}/, ''));
      // The RFC's {342} does not match its own text; the literal uses the real byte count.
      const data = header.join('\r\n');
      const wire = `(BODY[HEADER] {${data.length}}\r\n${data})`;
      const items = parseItems(wire, true);
      expect(items).toHaveLength(1);
      const it0 = items[0] as Extract<FetchItem, { type: 'BODY[]' }>;
      expect(it0.type).toBe('BODY[]');
      expect(it0.section).toEqual({ part: [], text: { type: 'HEADER' } });
      expect(text(it0.value)).toMatch(/^Date: Wed, 17 Jul 1996 02:23:25 -0700 \(PDT\)\r\n/);
      expect(text(it0.value)).toMatch(/Content-Type: TEXT\/PLAIN; CHARSET=US-ASCII\r\n$/);
      expect(latin1(writeItems(items))).toBe(wire);
    });
  }
});

describe('RFC 9051 §4.5 NIL vs "NIL"', () => {
  const lines = rfcLines('rfc9051');
  const found = lines.filter((l) => /\* FETCH 1 \(BODY\[1\]/.test(l)).map((l) => l.slice(l.indexOf('(')).trim());
  it('both examples are there', () => expect(found).toEqual(['(BODY[1] NIL)', '(BODY[1] "NIL")']));
  it('NIL is null, "NIL" is the three bytes', () => {
    expect(parseItems(found[0], true)).toEqual([{ type: 'BODY[]', section: { part: [1] }, value: null }]);
    const v = parseItems(found[1], true)[0] as Extract<FetchItem, { type: 'BODY[]' }>;
    expect(text(v.value)).toBe('NIL');
  });
});

describe('RFC 3501 / 9051 §7.4.2 / §7.5.2 BODYSTRUCTURE examples', () => {
  for (const rfc of ['rfc3501', 'rfc9051']) {
    it(`${rfc}: simple text message`, () => {
      const s = rfcParenAfter(rfc, /simple text message of 48 lines/);
      expect(s).toBe('("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 2279 48)');
      const b = parseBody(s, true);
      expect(b).toEqual({
        type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: [['CHARSET', 'US-ASCII']],
        id: null, description: null, encoding: '7BIT', size: 2279, lines: 48,
      });
      expect(latin1(writeBodyBytes(b))).toBe(s);
    });
    it(`${rfc}: two-part message`, () => {
      const s = unfold(rfcParenAfter(rfc, /two.part message consisting/), readBody);
      const b = parseBody(s, true);
      expect(b.type).toBe('multipart');
      if (b.type !== 'multipart') return;
      expect(b.subtype).toBe('MIXED');
      expect(b.params).toBeUndefined();
      expect(b.parts).toHaveLength(2);
      expect(b.parts[1]).toEqual({
        type: 'text', mediaType: 'TEXT', subtype: 'PLAIN', params: [['CHARSET', 'US-ASCII'], ['NAME', 'cc.diff']],
        id: '<960723163407.20117h@cac.washington.edu>', description: 'Compiler diff', encoding: 'BASE64', size: 4554, lines: 73,
      });
      expect(latin1(writeBodyBytes(b))).toBe(s);
      expect(latin1(writeItems([{ type: 'BODYSTRUCTURE', value: b }]))).toBe(`(BODYSTRUCTURE ${s})`);
    });
  }
});

describe('RFC 8474 values', () => {
  it('EMAILID / THREADID / THREADID NIL', () => {
    const ex = rfcFetchExamples('rfc8474');
    expect(parseItems(ex[0].msgAtt, true)).toEqual([
      { type: 'EMAILID', value: 'M6d99ac3275bb4e' },
      { type: 'THREADID', value: 'T64b478a75b7ea9' },
    ]);
    const nil = ex.find((e) => e.msgAtt.includes('THREADID NIL'));
    expect(parseItems(nil!.msgAtt, true)[1]).toEqual({ type: 'THREADID', value: null });
  });
});

describe('RFC 7162 values', () => {
  it('MODSEQ is a bigint', () => {
    const ex = rfcFetchExamples('rfc7162');
    expect(parseItems(ex[0].msgAtt, true)).toEqual([
      { type: 'UID', value: 4 },
      { type: 'MODSEQ', value: 12121231000n },
    ]);
  });
  it('MODSEQ at the 63-bit limit, and over it', () => {
    expect(parseItems('(MODSEQ (9223372036854775807))', true)).toEqual([{ type: 'MODSEQ', value: 9223372036854775807n }]);
    expect(() => parseItems('(MODSEQ (9223372036854775808))', true)).toThrow(/number64/);
    expect(bytes('x')).toHaveLength(1);
  });
});
