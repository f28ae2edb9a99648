/**
 * The helpers a client needs after FETCH: RFC 2047 encoded words, RFC 2045
 * transfer encodings, charsets, RFC 2231 parameters, parts by media type.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  decodeEncodedWords,
  decodeSubject,
  decodeAddressName,
  decodeCharset,
  decodeTransferEncoding,
  decodeBase64Body,
  decodeQuotedPrintable,
  decodePart,
  decodeTextPart,
  encodeBase64,
  getParam,
  partFilename,
  mediaType,
  findPartByType,
  findPartsByType,
  parseResponse,
  fetchItem,
  type BodyStructure,
  type Envelope,
} from '../../src/index.js';

const enc = new TextEncoder();
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

describe('decodeEncodedWords (RFC 2047)', () => {
  // RFC 2047 §8, the header examples.
  it.each([
    ['=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>', 'Keith Moore <moore@cs.utk.edu>'],
    ['=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=', 'Keld Jørn Simonsen'],
    ['=?ISO-8859-1?Q?Andr=E9?= Pirard', 'André Pirard'],
    ['=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=', 'If you can read this you understand the example.'],
    ['=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?=', 'Patrik Fältström'],
    ['(=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)', '(םולש ןב ילטפנ)'],
  ])('§8: %s', (input, want) => {
    expect(decodeEncodedWords(input)).toBe(want);
  });

  // RFC 2047 §8, the "displayed as" table: white space between adjacent words is not displayed.
  it.each([
    ['(=?ISO-8859-1?Q?a?=)', '(a)'],
    ['(=?ISO-8859-1?Q?a?= b)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)', '(ab)'],
    ['(=?ISO-8859-1?Q?a_b?=)', '(a b)'],
    ['(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)', '(a b)'],
  ])('§8 display: %s', (input, want) => {
    expect(decodeEncodedWords(input)).toBe(want);
  });

  it('a UTF-8 character split across two words comes out whole', () => {
    // "ü" is C3 BC: the first word ends after C3.
    expect(decodeEncodedWords('=?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BC=C3=9Fe?=')).toBe('Grüße');
    expect(decodeEncodedWords('=?utf-8?B?R3LD?= =?UTF-8?B?vMOfZQ==?=')).toBe('Grüße');
  });

  it('RFC 2231 §5 language suffix, lower-case encoding letter', () => {
    expect(decodeEncodedWords('=?US-ASCII*EN?q?Keith_Moore?=')).toBe('Keith Moore');
  });

  it('invalid words and unknown charsets stay as written; plain text is untouched', () => {
    for (const s of ['=?x-no-such-charset?Q?a?=', '=?UTF-8?B?###?=', '=?UTF-8?Q?a=ZZ?=', '=?UTF-8?X?a?=', 'a =? b ?= c', 'plain text']) {
      expect(decodeEncodedWords(s)).toBe(s);
    }
  });

  it('any UTF-8 text survives B and Q encoding, split into words anywhere', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(), (s, cut) => {
        const b = enc.encode(s);
        const at = b.length === 0 ? 0 : cut % (b.length + 1);
        const q = (x: Uint8Array) => [...x].map((c) => '=' + c.toString(16).toUpperCase().padStart(2, '0')).join('');
        const words = [b.subarray(0, at), b.subarray(at)].filter((x) => x.length > 0);
        expect(decodeEncodedWords(words.map((w) => `=?UTF-8?B?${encodeBase64(w)}?=`).join(' '))).toBe(s);
        expect(decodeEncodedWords(words.map((w) => `=?UTF-8?Q?${q(w)}?=`).join('\r\n '))).toBe(s);
      }),
    );
  });

  it('the envelope helpers decode the subject and display names of a parsed ENVELOPE', () => {
    const r = parseResponse(
      '* 1 FETCH (ENVELOPE ("Mon, 1 Dec 2026 10:00:00 +0000" "=?UTF-8?B?R3LDvMOfZQ==?= aus =?ISO-8859-1?Q?K=F6ln?=" (("=?ISO-8859-1?Q?B=F6rje?=" NIL "b" "example.org")) NIL NIL NIL NIL NIL NIL "<m@x>"))\r\n',
    );
    if (r.type !== 'FETCH') throw new Error('not a FETCH');
    const env = fetchItem(r.items, 'ENVELOPE')?.value as Envelope;
    expect(decodeSubject(env)).toBe('Grüße aus Köln');
    const from = env.from?.[0];
    expect(from !== undefined && !('type' in from) ? decodeAddressName(from) : undefined).toBe('Börje');
    expect(decodeSubject({ subject: null })).toBeNull();
  });
});

describe('transfer encodings (RFC 2045 §6)', () => {
  it('base64 bodies: line breaks and junk outside the alphabet ignored (§6.8)', () => {
    expect(text(decodeBase64Body(enc.encode('SGVs\r\nbG8=\r\n')))).toBe('Hello');
    expect(text(decodeBase64Body(enc.encode('SGVsbG8')))).toBe('Hello');
    expect(text(decodeBase64Body(enc.encode(' S G V s b G 8 = junk after padding')))).toBe('Hello');
    expect(text(decodeBase64Body(enc.encode('SGVsbG9')))).toBe('Hello'); // set leftover bits are dropped
  });

  it('base64 property: any bytes, encoded and wrapped at 76, decode back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const wrapped = (encodeBase64(b).match(/.{1,76}/g) ?? []).join('\r\n');
        expect(decodeBase64Body(enc.encode(wrapped))).toEqual(b);
      }),
    );
  });

  it('quoted-printable: =XX, soft line breaks, trailing padding dropped (§6.7)', () => {
    expect(text(decodeQuotedPrintable(enc.encode('Gr=C3=BC=\r\n=C3=9Fe')))).toBe('Grüße');
    expect(text(decodeQuotedPrintable(enc.encode('line one   \r\nline two\t\r\n')))).toBe('line one\r\nline two\r\n');
    expect(text(decodeQuotedPrintable(enc.encode('soft =  \r\nbreak')))).toBe('soft break');
    expect(text(decodeQuotedPrintable(enc.encode('lower =c3=a9 and bad =ZZ and end=')))).toBe('lower é and bad =ZZ and end');
    expect(text(decodeQuotedPrintable(enc.encode('a = b')))).toBe('a = b');
  });

  it('quoted-printable property: any bytes, every byte escaped, lines broken softly, decode back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 5 }), (b, cuts) => {
        const escaped = [...b].map((c) => '=' + c.toString(16).toUpperCase().padStart(2, '0'));
        for (const c of cuts) if (escaped.length > 0) escaped[c % escaped.length] += '=\r\n';
        expect(decodeQuotedPrintable(enc.encode(escaped.join('')))).toEqual(b);
      }),
    );
  });

  it('decodeTransferEncoding: names case-insensitive, identity encodings, null for unknown ones', () => {
    const b = enc.encode('x');
    expect(text(decodeTransferEncoding(enc.encode('eA=='), 'BASE64'))).toBe('x');
    expect(text(decodeTransferEncoding(enc.encode('=78'), 'Quoted-Printable'))).toBe('x');
    for (const e of ['7BIT', '8bit', 'binary', null]) expect(decodeTransferEncoding(b, e)).toBe(b);
    expect(decodeTransferEncoding(b, 'x-uuencode')).toBeNull();
  });

  it('decodeCharset: through TextDecoder, ascii/absent read as UTF-8, unknown labels null', () => {
    expect(decodeCharset(new Uint8Array([0x47, 0x72, 0xfc, 0xdf, 0x65]), 'ISO-8859-1')).toBe('Grüße');
    expect(decodeCharset(new Uint8Array([0xc3, 0xa9]), null)).toBe('é');
    expect(decodeCharset(new Uint8Array([0xc3, 0xa9]), 'us-ascii')).toBe('é');
    expect(decodeCharset(new Uint8Array([0xf3, 0xcf, 0xc2]), 'koi8-r')).toBe('Соб');
    expect(decodeCharset(new Uint8Array([0x61]), 'x-unknown')).toBeNull();
  });
});

describe('parameters (RFC 2231, RFC 2045 §5.1)', () => {
  it('names are case-insensitive; NIL and missing are null', () => {
    expect(getParam([['CHARSET', 'UTF-8']], 'charset')).toBe('UTF-8');
    expect(getParam([['charset', null]], 'Charset')).toBeNull();
    expect(getParam(null, 'charset')).toBeNull();
    expect(getParam([['name', 'a']], 'charset')).toBeNull();
  });

  // RFC 2231 §3 and §4, the examples.
  it('§4: an extended value in its charset and language', () => {
    expect(getParam([['title*', "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A"]], 'title')).toBe('This is ***fun***');
  });

  it('§3: continuations joined in order', () => {
    const p: [string, string][] = [
      ['URL*1', 'cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar'],
      ['URL*0', 'ftp://'],
    ];
    expect(getParam(p, 'url')).toBe('ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar');
  });

  it('§4.1: encoded and plain sections mixed', () => {
    const p: [string, string][] = [
      ['title*0*', "us-ascii'en'This%20is%20even%20more%20"],
      ['title*1*', '%2A%2A%2Afun%2A%2A%2A%20'],
      ['title*2', "isn't it!"],
    ];
    expect(getParam(p, 'TITLE')).toBe("This is even more ***fun*** isn't it!");
  });

  it('a UTF-8 file name split across sections (between the bytes of one character); a gap ends the value', () => {
    const p: [string, string][] = [
      ['FILENAME*0*', "UTF-8''%C3%9Cbersicht%C3"],
      ['FILENAME*1*', '%A4.pdf'],
      ['FILENAME*3*', 'ignored'],
      ['FILENAME', 'fallback.pdf'],
    ];
    expect(getParam(p, 'filename')).toBe('Übersichtä.pdf');
  });

  it('RFC 2047 words in a plain value (older mailers) are decoded', () => {
    expect(getParam([['NAME', '=?UTF-8?B?w5xiZXJzaWNodC5wZGY=?=']], 'name')).toBe('Übersicht.pdf');
  });
});

describe('parts by media type', () => {
  const r = parseResponse(
    '* 1 FETCH (BODYSTRUCTURE ((("TEXT" "PLAIN" ("CHARSET" "ISO-8859-1") NIL NIL "QUOTED-PRINTABLE" 9 1)("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "BASE64" 20 1) "ALTERNATIVE")' +
      '("IMAGE" "PNG" ("NAME" "a.png") NIL NIL "BASE64" 100 NIL ("ATTACHMENT" ("FILENAME*" "UTF-8\'\'%C3%A4.png")) NIL)' +
      '("APPLICATION" "PDF" ("NAME" "=?UTF-8?Q?=C3=9C.pdf?=") NIL NIL "BASE64" 100) "MIXED"))\r\n',
  );
  if (r.type !== 'FETCH') throw new Error('not a FETCH');
  const bs = fetchItem(r.items, 'BODYSTRUCTURE')?.value as BodyStructure;

  it('finds the first part of a type, case-insensitive, with wildcards', () => {
    expect(findPartByType(bs, 'text/plain')?.part).toBe('1.1');
    expect(findPartByType(bs, 'TEXT/HTML')?.part).toBe('1.2');
    expect(findPartByType(bs, 'multipart/alternative')?.part).toBe('1');
    expect(findPartsByType(bs, 'text/*').map((p) => p.part)).toEqual(['1.1', '1.2']);
    expect(findPartsByType(bs, 'image/*').map((p) => p.part)).toEqual(['2']);
    expect(findPartByType(bs, 'audio/ogg')).toBeUndefined();
    expect(mediaType(bs)).toBe('multipart/mixed');
  });

  it('file names from the disposition (RFC 2231) or the content type (RFC 2047)', () => {
    expect(partFilename(findPartByType(bs, 'image/png')!.body)).toBe('ä.png');
    expect(partFilename(findPartByType(bs, 'application/pdf')!.body)).toBe('Ü.pdf');
    expect(partFilename(findPartByType(bs, 'text/plain')!.body)).toBeNull();
  });

  it('decodeTextPart undoes the transfer encoding, then the charset', () => {
    const plain = findPartByType(bs, 'text/plain')!.body;
    expect(decodeTextPart(enc.encode('Gr=FC=DFe'), plain)).toBe('Grüße');
    const html = findPartByType(bs, 'text/html')!.body;
    expect(decodeTextPart(enc.encode(encodeBase64(enc.encode('<p>Grüße</p>'))), html)).toBe('<p>Grüße</p>');
    expect(text(decodePart(enc.encode('aGk='), findPartByType(bs, 'image/png')!.body))).toBe('hi');
  });
});
