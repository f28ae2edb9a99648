import { describe, it, expect } from 'vitest';
import { parseItemsW, parseBodyW, writeItems, writeBodyBytes, latin1 } from './helpers.js';
import { ImapParseError } from '../../src/wire/errors.js';
import type { FetchItem } from '../../src/model/fetch.js';
import type { BodyStructure } from '../../src/model/body.js';

interface Case {
  name: string;
  /** The quirk names lenient mode must report. */
  warnings: string[];
  input: string;
  /** What lenient mode writes back (the input itself when omitted). */
  out?: string;
  check: (v: BodyStructure) => void;
}

const T = '"text" "plain" ("charset" "us-ascii") NIL NIL "7bit"';

const BODY_CASES: Case[] = [
  {
    name: 'negative octets (-1)', warnings: ['body-number-negative'],
    input: '("application" "octet-stream" NIL NIL NIL "base64" -1)',
    check: (b) => expect(b).toMatchObject({ type: 'basic', size: -1 }),
  },
  {
    name: 'octets beyond 32 bits', warnings: ['body-number-64'],
    input: '("video" "mp4" NIL NIL NIL "base64" 6442450944)',
    check: (b) => expect(b).toMatchObject({ type: 'basic', size: 6442450944 }),
  },
  {
    name: 'NIL lines', warnings: ['body-number-nil'],
    input: `(${T} 120 NIL)`,
    check: (b) => expect(b).toMatchObject({ type: 'text', size: 120, lines: null }),
  },
  {
    name: 'NIL octets', warnings: ['body-number-nil'],
    input: '("image" "png" NIL NIL NIL "base64" NIL)',
    check: (b) => expect(b).toMatchObject({ type: 'basic', size: null }),
  },
  {
    name: 'disposition as a bare string', warnings: ['body-dsp-bare'],
    input: '("application" "pdf" ("name" "a.pdf") NIL NIL "base64" 4096 NIL "attachment" NIL)',
    check: (b) => expect(b).toMatchObject({ md5: null, disposition: { type: 'attachment', params: null, bare: true }, language: null }),
  },
  {
    name: 'disposition (NIL NIL)', warnings: ['body-dsp-nil'],
    input: `(${T} 10 1 NIL (NIL NIL) NIL NIL)`,
    check: (b) => expect(b).toMatchObject({ disposition: { type: null, params: null }, location: null }),
  },
  {
    name: 'parameter with a NIL value ("boundary" NIL)', warnings: ['body-param-nil'],
    input: `((${T} 10 1) "mixed" ("boundary" NIL) NIL NIL NIL)`,
    check: (b) => expect(b).toMatchObject({ type: 'multipart', params: [['boundary', null]] }),
  },
  {
    name: 'empty parameter list ()', warnings: ['body-param-empty'],
    input: '("text" "plain" () NIL NIL "7bit" 0 0)',
    check: (b) => expect(b).toMatchObject({ type: 'text', params: [] }),
  },
  {
    name: 'multipart with NIL in place of its children (Yahoo style)', warnings: ['body-mpart-nil'],
    input: '(NIL "alternative" ("boundary" "----=_Part_1") NIL NIL)',
    // No part: a multipart has no valid form for it, so it is read as a basic MULTIPART part (quirk table).
    out: '("MULTIPART" "alternative" ("boundary" "----=_Part_1") NIL NIL "7BIT" 0 NIL NIL NIL)',
    check: (b) => expect(b).toEqual({
      type: 'basic', mediaType: 'MULTIPART', subtype: 'alternative', params: [['boundary', '----=_Part_1']], id: null, description: null,
      encoding: '7BIT', size: 0, md5: null, disposition: null, language: null,
    }),
  },
  {
    name: 'space between the bodies of a multipart', warnings: ['body-mpart-space'],
    input: `((${T} 10 1) (${T} 20 2) "mixed")`,
    out: `((${T} 10 1)(${T} 20 2) "mixed")`,
    check: (b) => expect(b).toMatchObject({ type: 'multipart', subtype: 'mixed' }),
  },
  {
    name: 'NIL encoding', warnings: ['body-enc-nil'],
    input: '("application" "octet-stream" NIL NIL NIL NIL 12)',
    check: (b) => expect(b).toMatchObject({ encoding: null, size: 12 }),
  },
  {
    name: 'message/rfc822 without envelope, body and lines', warnings: ['body-message-basic'],
    input: '("message" "rfc822" NIL NIL NIL "7bit" 5120 NIL ("attachment" NIL) NIL NIL)',
    check: (b) => expect(b).toMatchObject({ type: 'basic', mediaType: 'message', subtype: 'rfc822', size: 5120 }),
  },
  {
    name: 'two spaces between fields', warnings: ['extra-space'],
    input: '("text"  "plain" NIL NIL NIL "7bit" 1 1)',
    out: '("text" "plain" NIL NIL NIL "7bit" 1 1)',
    check: (b) => expect(b).toMatchObject({ type: 'text', subtype: 'plain' }),
  },
  {
    name: 'space before the closing paren', warnings: ['space-before-paren'],
    input: '("text" "plain" NIL NIL NIL "7bit" 1 1 )',
    out: '("text" "plain" NIL NIL NIL "7bit" 1 1)',
    check: (b) => expect(b).toMatchObject({ lines: 1 }),
  },
  {
    name: 'an atom as extension data', warnings: ['body-extension-generic'],
    input: `(${T} 10 1 NIL NIL NIL NIL X-FOO)`,
    check: (b) => expect(b).toMatchObject({ extensions: [{ type: 'atom', value: 'X-FOO' }] }),
  },
  {
    name: 'empty address list in a nested envelope', warnings: ['env-address-empty'],
    input: `("message" "rfc822" NIL NIL NIL "7bit" 100 (NIL "s" () NIL NIL NIL NIL NIL NIL NIL) (${T} 10 1) 5)`,
    check: (b) => expect(b).toMatchObject({ type: 'message', envelope: { from: [] } }),
  },
];

describe('lenient BODYSTRUCTURE quirks: lenient reads and warns, strict refuses', () => {
  for (const c of BODY_CASES) {
    it(c.name, () => {
      const { value, warnings } = parseBodyW(c.input);
      expect(warnings.map((w) => w.name)).toEqual(c.warnings);
      c.check(value);
      expect(latin1(writeBodyBytes(value))).toBe(c.out ?? c.input);
      // The representation survives its own serialization.
      expect(parseBodyW(writeBodyBytes(value)).value).toEqual(value);
      expect(() => parseBodyW(c.input, true)).toThrow(ImapParseError);
    });
  }
});

interface ItemCase {
  name: string;
  warnings: string[];
  input: string;
  out: string;
  items: FetchItem[];
}

const ITEM_CASES: ItemCase[] = [
  { name: 'empty msg-att ()', warnings: ['fetch-empty'], input: '()', out: '()', items: [] },
  { name: 'UID 0', warnings: ['uid-zero'], input: '(UID 0)', out: '(UID 0)', items: [{ type: 'UID', value: 0 }] },
  {
    name: 'two spaces between items', warnings: ['extra-space'], input: '(UID 7  FLAGS (\\Seen))', out: '(UID 7 FLAGS (\\Seen))',
    items: [{ type: 'UID', value: 7 }, { type: 'FLAGS', value: ['\\Seen'] }],
  },
  {
    name: 'space before the closing paren', warnings: ['space-before-paren'], input: '(UID 7 )', out: '(UID 7)',
    items: [{ type: 'UID', value: 7 }],
  },
  {
    name: 'spaces between addresses', warnings: ['env-address-space'],
    input: '(ENVELOPE (NIL NIL ((NIL NIL "a" "x.org") (NIL NIL "b" "x.org")) NIL NIL NIL NIL NIL NIL NIL))',
    out: '(ENVELOPE (NIL NIL ((NIL NIL "a" "x.org")(NIL NIL "b" "x.org")) NIL NIL NIL NIL NIL NIL NIL))',
    items: [{
      type: 'ENVELOPE',
      value: {
        date: null, subject: null, sender: null, replyTo: null, to: null, cc: null, bcc: null, inReplyTo: null, messageId: null,
        from: [{ name: null, adl: null, mailbox: 'a', host: 'x.org' }, { name: null, adl: null, mailbox: 'b', host: 'x.org' }],
      },
    }],
  },
];

describe('lenient msg-att quirks', () => {
  for (const c of ITEM_CASES) {
    it(c.name, () => {
      const { value, warnings } = parseItemsW(c.input);
      expect(warnings.map((w) => w.name)).toEqual(c.warnings);
      expect(value).toEqual(c.items);
      expect(latin1(writeItems(value))).toBe(c.out);
      expect(() => parseItemsW(c.input, true)).toThrow(ImapParseError);
    });
  }

  it('warnings carry the offset of the quirk', () => {
    const input = '("application" "octet-stream" NIL NIL NIL "base64" -1)';
    const { warnings } = parseBodyW(input);
    expect(warnings).toEqual([{ name: 'body-number-negative', offset: input.indexOf('-1') }]);
  });
});
