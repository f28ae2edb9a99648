import { describe, it, expect } from 'vitest';
import { parseItems, parseBody, parseEnvelope, writeItems, writeBodyBytes, writeEnvelopeBytes, latin1 } from './helpers.js';
import { listParts } from '../../src/util/parts.js';
import { ImapEncodeError } from '../../src/wire/errors.js';
import type { BodyStructure, BodyMultipart, BodyMessage } from '../../src/model/body.js';
import type { FetchItem } from '../../src/model/fetch.js';

// Shapes as real servers send them (values changed, syntax kept).
const GMAIL =
  '(BODYSTRUCTURE ((("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 1234 30 NIL NIL NIL)' +
  '("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 5678 90 NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "000000000000a1b2c3") NIL NIL)' +
  '("APPLICATION" "PDF" ("NAME" "report.pdf") "<f_lq1x2y3z0>" NIL "BASE64" 45678 NIL ("ATTACHMENT" ("FILENAME" "report.pdf")) NIL) ' +
  '"MIXED" ("BOUNDARY" "000000000000d4e5f6") NIL NIL) X-GM-THRID 1787334955409411306 X-GM-MSGID 1787334955409411306 X-GM-LABELS (\\Important \\Sent Work "Muy Importante") UID 81)';

const DOVECOT =
  '(UID 5 BODYSTRUCTURE (("text" "plain" ("charset" "utf-8" "format" "flowed") NIL NIL "7bit" 312 10 NIL NIL NIL NIL)' +
  '("application" "octet-stream" ("name*0*" "UTF-8\'\'%E2%82%AC%20rates%20" "name*1*" "2024.txt") NIL NIL "base64" 1024 NIL ' +
  '("attachment" ("filename*0*" "UTF-8\'\'%E2%82%AC%20rates%20" "filename*1*" "2024.txt" "size" "742")) NIL NIL) ' +
  '"mixed" ("boundary" "=_5c2b1e0f" "charset" "UTF-8") NIL NIL NIL) MODSEQ (7811) SAVEDATE "21-Mar-2024 10:00:01 +0000" EMAILID (M6d99ac3275bb4e))';

const EXCHANGE =
  '(BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 1510 39 NIL NIL NIL NIL)' +
  '("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 6020 151 NIL NIL NIL NIL) ' +
  '"alternative" ("boundary" "_000_DB7PR03MB4972_") NIL ("en-US") NIL) RFC822.SIZE 9211)';

const YAHOO =
  '(BODYSTRUCTURE ((("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 15 1 NIL NIL NIL)' +
  '("text" "html" ("charset" "UTF-8") NIL NIL "7bit" 411 8 NIL NIL NIL) "alternative" ("boundary" "----=_Part_42_1") NIL NIL)' +
  '("image" "jpeg" ("name" "IMG_0001.jpg") "<ii_k1>" NIL "base64" 283012 NIL ("inline" ("filename" "IMG_0001.jpg")) NIL) ' +
  '"related" ("boundary" "----=_Part_41_0" "type" "multipart/alternative") NIL NIL))';

function strictSame(wire: string): FetchItem[] {
  const items = parseItems(wire, true);
  expect(latin1(writeItems(items))).toBe(wire);
  return items;
}

function bs(items: FetchItem[]): BodyStructure {
  const it = items.find((i) => i.type === 'BODYSTRUCTURE');
  if (it?.type !== 'BODYSTRUCTURE') throw new Error('no BODYSTRUCTURE');
  return it.value;
}

describe('real-server BODYSTRUCTUREs (strict, byte-identical)', () => {
  it('Gmail: alternative inside mixed, attachment, X-GM-*', () => {
    const items = strictSame(GMAIL);
    const b = bs(items) as BodyMultipart;
    expect(b.subtype).toBe('MIXED');
    expect(b.parts[0]).toMatchObject({ type: 'multipart', subtype: 'ALTERNATIVE', params: [['BOUNDARY', '000000000000a1b2c3']], disposition: null, language: null });
    expect(b.parts[1]).toMatchObject({
      type: 'basic', mediaType: 'APPLICATION', subtype: 'PDF', id: '<f_lq1x2y3z0>', md5: null,
      disposition: { type: 'ATTACHMENT', params: [['FILENAME', 'report.pdf']] }, language: null,
    });
    expect('location' in b.parts[1]).toBe(false);
    expect(listParts(b).map((p) => `${p.part} ${p.body.type === 'multipart' ? 'MULTIPART/' + p.body.subtype : p.body.mediaType + '/' + p.body.subtype}`))
      .toEqual(['1 MULTIPART/ALTERNATIVE', '1.1 TEXT/PLAIN', '1.2 TEXT/HTML', '2 APPLICATION/PDF']);
    expect(items.find((i) => i.type === 'X-GM-LABELS')?.value).toEqual(['\\Important', '\\Sent', 'Work', 'Muy Importante']);
    // A quoted system label reads as the same string; it is written back as a flag.
    expect(parseItems('(X-GM-LABELS ("\\\\Sent"))', true)).toEqual([{ type: 'X-GM-LABELS', value: ['\\Sent'] }]);
  });

  it('Dovecot: RFC 2231 continuations kept as ordered pairs, MODSEQ, SAVEDATE, EMAILID', () => {
    const items = strictSame(DOVECOT);
    const b = bs(items) as BodyMultipart;
    expect(b.parts[1]).toMatchObject({
      params: [['name*0*', "UTF-8''%E2%82%AC%20rates%20"], ['name*1*', '2024.txt']],
      disposition: { type: 'attachment', params: [['filename*0*', "UTF-8''%E2%82%AC%20rates%20"], ['filename*1*', '2024.txt'], ['size', '742']] },
      language: null, location: null,
    });
    expect(b).toMatchObject({ params: [['boundary', '=_5c2b1e0f'], ['charset', 'UTF-8']], disposition: null, language: null, location: null });
    expect(items.map((i) => i.type)).toEqual(['UID', 'BODYSTRUCTURE', 'MODSEQ', 'SAVEDATE', 'EMAILID']);
  });

  it('Exchange: language as a list', () => {
    const b = bs(strictSame(EXCHANGE)) as BodyMultipart;
    expect(b).toMatchObject({ subtype: 'alternative', disposition: null, language: ['en-US'], location: null });
  });

  it('Yahoo: related / alternative / inline image', () => {
    const b = bs(strictSame(YAHOO)) as BodyMultipart;
    expect(listParts(b).map((p) => p.part)).toEqual(['1', '1.1', '1.2', '2']);
    expect(b.parts[1]).toMatchObject({ disposition: { type: 'inline' }, size: 283012 });
  });

  it('duplicate parameter names are kept in order', () => {
    const s = '("text" "plain" ("charset" "us-ascii" "charset" "utf-8") NIL NIL "7bit" 1 1)';
    expect(parseBody(s, true)).toMatchObject({ params: [['charset', 'us-ascii'], ['charset', 'utf-8']] });
    expect(latin1(writeBodyBytes(parseBody(s, true)))).toBe(s);
  });

  it('location, further extension data and nested extension lists survive', () => {
    const s = '("text" "html" NIL NIL NIL "8bit" 10 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" NIL) ("en" "de") "http://x.example/a" 42 ("x" (NIL 7)) "y")';
    const b = parseBody(s, true);
    expect(b).toMatchObject({
      md5: 'Q2hlY2sgSW50ZWdyaXR5IQ==', disposition: { type: 'inline', params: null }, language: ['en', 'de'], location: 'http://x.example/a',
      extensions: [
        { type: 'number', value: 42n },
        { type: 'list', items: [{ type: 'string', value: 'x' }, { type: 'list', items: [{ type: 'nil' }, { type: 'number', value: 7n }] }] },
        { type: 'string', value: 'y' },
      ],
    });
    expect(latin1(writeBodyBytes(b))).toBe(s);
  });

  it('absent and NIL extension fields stay distinct', () => {
    for (const s of [
      '("text" "plain" NIL NIL NIL "7bit" 1 1)',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL)',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL)',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL)',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL)',
      '(("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed")',
      '(("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed" NIL)',
      '(("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed" NIL NIL NIL NIL)',
    ]) {
      expect(latin1(writeBodyBytes(parseBody(s, true)))).toBe(s);
    }
  });

  it('an absent field before a present one is written as NIL', () => {
    const b: BodyStructure = { type: 'basic', mediaType: 'image', subtype: 'png', params: null, id: null, description: null, encoding: 'base64', size: 3, location: 'cid:x' };
    expect(latin1(writeBodyBytes(b))).toBe('("image" "png" NIL NIL NIL "base64" 3 NIL NIL NIL "cid:x")');
  });

  it('media type case is kept and decides the kind case-insensitively; MESSAGE/GLOBAL is a message', () => {
    expect(parseBody('("Text" "Plain" NIL NIL NIL "7bit" 1 2)', true)).toMatchObject({ type: 'text', mediaType: 'Text', lines: 2 });
    expect(parseBody('("MESSAGE" "DELIVERY-STATUS" NIL NIL NIL "7BIT" 300)', true)).toMatchObject({ type: 'basic' });
    const g = parseBody('("message" "global" NIL NIL NIL "8bit" 50 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" NIL NIL NIL "8bit" 5 1) 3)', true);
    expect(g).toMatchObject({ type: 'message', subtype: 'global', lines: 3, body: { type: 'text' } });
  });

  it('a literal and an empty string where strings belong', () => {
    const s = '({4}\r\ntext "" NIL NIL NIL "7bit" 1 1)';
    expect(parseBody(s, true)).toMatchObject({ type: 'text', mediaType: 'text', subtype: '' });
  });
});

/** A message/rfc822 part wrapping `inner`, `n` levels deep. */
function nested(n: number, leaf: string): string {
  const env = '("Mon, 1 Jan 2024 00:00:00 +0000" "fwd" (("A" NIL "a" "x.example")) NIL NIL NIL NIL NIL NIL "<id@x>")';
  let s = leaf;
  for (let i = 0; i < n; i++) s = `("message" "rfc822" NIL NIL NIL "7bit" ${100 + i} ${env} ${s} ${i + 1})`;
  return s;
}

describe('message/rfc822 nesting', () => {
  it('3 deep inside multiparts, with part numbers', () => {
    const leaf = '(("text" "plain" NIL NIL NIL "7bit" 5 1)("application" "zip" NIL NIL NIL "base64" 9) "mixed")';
    const s = `(("text" "plain" NIL NIL NIL "7bit" 1 1)${nested(3, leaf)} "mixed")`;
    const b = parseBody(s, true);
    expect(latin1(writeBodyBytes(b))).toBe(s);
    expect(listParts(b).map((p) => p.part)).toEqual(['1', '2', '2.1', '2.1.1', '2.1.1.1', '2.1.1.2']);
    const m = (b as BodyMultipart).parts[1] as BodyMessage;
    expect(m.envelope.from).toEqual([{ name: 'A', adl: null, mailbox: 'a', host: 'x.example' }]);
    expect(m.lines).toBe(3);
  });

  it('100 levels parse (default maxDepth 256) and round-trip', () => {
    const s = nested(100, '("text" "plain" NIL NIL NIL "7bit" 5 1)');
    const items = parseItems(`(BODYSTRUCTURE ${s})`, true);
    expect(latin1(writeItems(items))).toBe(`(BODYSTRUCTURE ${s})`);
    const parts = listParts(bs(items));
    expect(parts).toHaveLength(101);
    expect(parts[100].part).toBe(Array(101).fill('1').join('.'));
  });

  it('300 levels exceed maxDepth: too-deep', () => {
    expect(() => parseBody(nested(300, '("text" "plain" NIL NIL NIL "7bit" 5 1)'))).toThrow(expect.objectContaining({ code: 'too-deep' }));
  });
});

describe('ENVELOPE groups (RFC 5322 group syntax kept)', () => {
  const env = (to: string) => `(NIL "s" NIL NIL NIL ${to} NIL NIL NIL NIL)`;

  it('a group with members, between plain addresses', () => {
    const to = '((NIL NIL "a" "x.org")(NIL NIL "team" NIL)("Bo" NIL "bo" "x.org")(NIL NIL "cy" "y.org")(NIL NIL NIL NIL)(NIL NIL "z" "x.org"))';
    const e = parseEnvelope(env(to), true);
    expect(e.to).toEqual([
      { name: null, adl: null, mailbox: 'a', host: 'x.org' },
      { type: 'group', name: 'team', members: [{ name: 'Bo', adl: null, mailbox: 'bo', host: 'x.org' }, { name: null, adl: null, mailbox: 'cy', host: 'y.org' }] },
      { name: null, adl: null, mailbox: 'z', host: 'x.org' },
    ]);
    expect(latin1(writeEnvelopeBytes(e))).toBe(env(to));
  });

  it('undisclosed-recipients:; (empty group)', () => {
    const to = '((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))';
    const e = parseEnvelope(env(to), true);
    expect(e.to).toEqual([{ type: 'group', name: 'undisclosed-recipients', members: [] }]);
    expect(latin1(writeEnvelopeBytes(e))).toBe(env(to));
  });

  it('unmatched markers stay plain addresses, byte for byte', () => {
    for (const to of [
      '((NIL NIL "team" NIL)(NIL NIL "a" "x.org"))',
      '((NIL NIL "a" "x.org")(NIL NIL NIL NIL))',
      '((NIL NIL "g1" NIL)(NIL NIL "g2" NIL)(NIL NIL NIL NIL))',
      '(("Name" NIL "local" NIL))',
    ]) {
      const e = parseEnvelope(env(to), true);
      expect(latin1(writeEnvelopeBytes(e))).toBe(env(to));
    }
    const e = parseEnvelope(env('((NIL NIL "g1" NIL)(NIL NIL "g2" NIL)(NIL NIL NIL NIL))'), true);
    expect(e.to).toEqual([
      { name: null, adl: null, mailbox: 'g1', host: null },
      { type: 'group', name: 'g2', members: [] },
    ]);
  });

  it('a marker inside a group cannot be written', () => {
    const e = parseEnvelope(env('((NIL NIL "g" NIL)(NIL NIL NIL NIL))'), true);
    const g = e.to![0];
    if (!('type' in g)) throw new Error('expected a group');
    g.members.push({ name: null, adl: null, mailbox: null, host: null });
    expect(() => writeEnvelopeBytes(e)).toThrow(ImapEncodeError);
  });

  it('8-bit and encoded-word subjects come back byte-identical', () => {
    const subj = new Uint8Array([0x22, 0x43, 0x61, 0x66, 0xe9, 0x22]); // "Café" in Latin-1
    const head = new TextEncoder().encode('(NIL ');
    const tail = new TextEncoder().encode(' NIL NIL NIL NIL NIL NIL NIL NIL)');
    const wire = new Uint8Array([...head, ...subj, ...tail]);
    const e = parseEnvelope(wire);
    expect(e.subject).toBe('Caf\udce9');
    expect(latin1(writeEnvelopeBytes(e))).toBe('(NIL {4}\r\nCaf\xe9 NIL NIL NIL NIL NIL NIL NIL NIL)');
    expect(parseEnvelope(writeEnvelopeBytes(e))).toEqual(e);
    const q = '(NIL "=?UTF-8?Q?Caf=C3=A9?=" NIL NIL NIL NIL NIL NIL NIL NIL)';
    expect(latin1(writeEnvelopeBytes(parseEnvelope(q, true)))).toBe(q);
  });
});
