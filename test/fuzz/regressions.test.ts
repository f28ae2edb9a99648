/**
 * Regressions: bugs the fuzzers found in src/, each kept as the property
 * that must hold, with the exact bytes that broke it. A bug still open
 * would be written as `test.fails` here; none is open now.
 */
import { test, expect } from 'vitest';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Lenient mode keeps an 8-bit byte of an atom as a lone surrogate (U+DC80..),
// but Writer.atom refuses it, so a value parseResponse/parseCommand returns
// cannot be serialized: the round trip parse → serialize → parse breaks.
for (const wire of ['* \x80YRIGHTS a\r\n', '* 1 \x80XISTS\r\n', '* OK [\x80LERT] x\r\n', '* \xf0\x9f\x98\x80!AA\r\n']) {
  test(`8-bit unknown names survive serialize: response ${JSON.stringify(wire)}`, () => {
    const v = parseResponse(latin1(wire));
    expect(parseResponse(serializeResponse(v))).toEqual(v);
  });
}
test('8-bit unknown names survive serialize: command "A \\x80UTHENTICATE PLAIN"', () => {
  const v = parseCommand(latin1('A \x80UTHENTICATE PLAIN\r\n'));
  expect(parseCommand(serializeCommand(v))).toEqual(v);
});
for (const wire of ['A XA \x80\r\n', '@ #\xf0\x90\x80\x80a\r\n']) {
  test(`generic atom values with 8-bit bytes survive serialize: command ${JSON.stringify(wire)}`, () => {
    const v = parseCommand(latin1(wire));
    expect(parseCommand(serializeCommand(v))).toEqual(v);
  });
}

// The unknown-response reader takes the name as an atom and keeps the rest
// of the line without requiring a SP after the name. In strict mode
// (where an atom stops at an 8-bit byte) `* C\x80ABILITY` parses as
// { name: 'C', rest: '\x80ABILITY' }, which serializeResponse refuses
// ("rest must not continue its name"). Strict mode should refuse the frame.
for (const [wire, strict] of [['* C\x80ABILITY\r\n', true], ['* 1 X\xe9\r\n', true]] as const) {
  test(`unknown response without SP after its name: ${JSON.stringify(wire)} strict=${strict}`, () => {
    let v;
    try {
      v = parseResponse(latin1(wire), { strict });
    } catch {
      return; // refusing it is fine
    }
    expect(parseResponse(serializeResponse(v))).toEqual(v);
  });
}

// An unknown FETCH attribute name with an unclosed "[" runs on across a
// SP to the next "]": `A FETCH 1 (X-A[ X-B[1])` parses to a fetch-att
// named "X-A[ X-B[1]", which serializeCommand refuses ("cannot be written
// as an atom"). The reader should stop the name at SP (and refuse it).
test('unknown FETCH att name does not swallow a SP: "A FETCH 1 (X-A[ X-B[1])"', () => {
  let v;
  try {
    v = parseCommand(latin1('A FETCH 1 (X-A[ X-B[1])\r\n'));
  } catch {
    return;
  }
  expect(parseCommand(serializeCommand(v))).toEqual(v);
});

// The search reader takes any atom as an extension key, including the
// known word CHARSET out of place: `A SEARCH ALL CHARSET US-ASCII` parses
// to criteria [ALL, extension CHARSET, extension US-ASCII], which
// serializeCommand refuses ("CHARSET is a known search key, not an extension").
test('CHARSET after a search key is refused or written back: "A SEARCH ALL CHARSET US-ASCII"', () => {
  let v;
  try {
    v = parseCommand(latin1('A SEARCH ALL CHARSET US-ASCII\r\n'));
  } catch {
    return;
  }
  expect(parseCommand(serializeCommand(v))).toEqual(v);
});

// While the framer skips the data of a refused literal it holds nothing
// (stats.copied stays 0, memory does not grow), but `bufferedBytes`
// ("bytes held for the unfinished frame") counts the skipped bytes:
// after `* 1 FETCH (BODY[] {5000}\r\n` over maxLiteralSize 1000 and 3000
// bytes of data, ResponseDecoder.bufferedBytes is 3026, not 0.
test('bufferedBytes is 0 while a refused literal is skipped', async () => {
  const { ResponseDecoder } = await import('../../src/codec/response-decoder.js');
  const d = new ResponseDecoder({ maxLiteralSize: 1000 });
  d.push(latin1('* 1 FETCH (BODY[] {5000}\r\n'));
  d.push(latin1('x'.repeat(3000)));
  expect(d.bufferedBytes).toBe(0);
});

// A date-time day of "00" is what the grammar allows (2DIGIT); it was read
// but the writer refused it (day 0 is out of range 1..31).
test('date-time day 00 reads and writes back', () => {
  const wire = '* 1 FETCH (INTERNALDATE "00-Jan-1970 00:00:00 +0000")\r\n';
  const v = parseResponse(wire, { strict: true });
  expect(new TextDecoder().decode(serializeResponse(v))).toBe(wire);
});

// The default mode drops NUL from text (quirk text-nul). A NUL before "[":
// `A OK \0[UIDNEXT 1] A` was read as the text "[UIDNEXT 1] A", which writes
// back as a UIDNEXT code and reparses as a different value.
test('a NUL before a resp-text-code: the code is read, the value writes back and reparses equal', () => {
  const warnings: string[] = [];
  const v = parseResponse('A OK \u0000[UIDNEXT 1] A\r\n', { onWarning: (w) => warnings.push(w.name) });
  expect(warnings).toEqual(['text-nul']);
  expect(v).toEqual({ type: 'tagged', tag: 'A', status: 'OK', code: { type: 'UIDNEXT', value: 1 }, text: 'A' });
  expect(parseResponse(serializeResponse(v))).toEqual(v);
  expect(() => parseResponse('A OK \u0000[UIDNEXT 1] A\r\n', { strict: true })).toThrow(/TEXT-CHAR/);
});

// An unknown FETCH item's <partial> took any byte up to ">", NUL included,
// and the writer then refused the name it had read without a warning.
test('an unknown FETCH item with a NUL in its <partial> is refused, not read', () => {
  expect(() => parseCommand('AA FETCH 1 (XINARY[1]<\u00000.1> ENVELOPE)\r\n')).toThrow(/">"/);
  const v = parseCommand('AA FETCH 1 (XINARY[1]<0.10> ENVELOPE)\r\n');
  expect(parseCommand(serializeCommand(v))).toEqual(v);
});

// A BADCHARSET charset read leniently from an atom with an 8-bit byte was
// written back as a literal, which ends a status response's line: the
// bytes reparsed as a response cut short followed by another one.
test('a BADCHARSET charset with an 8-bit byte writes back as the atom it was read from', () => {
  const wire = latin1('A OK [BADCHARSET (\x80AA)] A!A\r\n');
  const warnings: string[] = [];
  const v = parseResponse(wire, { onWarning: (w) => warnings.push(w.name) });
  expect(warnings.length).toBeGreaterThan(0);
  expect(serializeResponse(v)).toEqual(wire);
  expect(parseResponse(serializeResponse(v))).toEqual(v);
  // A charset that is neither an atom nor quotable cannot be written at all.
  expect(() => serializeResponse({ type: 'tagged', tag: 'A', status: 'NO', code: { type: 'BADCHARSET', charsets: ['a\r\nb'] }, text: 'x' })).toThrow(/BADCHARSET/);
});

// `+ [AA éA]Aé`: the default mode reads the code AA (8-bit bytes in its
// text, no SP after "]": two quirks), strict mode read the whole as text,
// which then wrote back as bytes the default mode reads as the code. Strict
// mode must refuse what the default mode reads only with a quirk.
test('a code the default mode reads with a quirk is refused in strict mode, not read as text', () => {
  const wire = new TextEncoder().encode('+ [AA \u00e9A]A\u00e9\r\n');
  const v = parseResponse(wire);
  expect(v).toMatchObject({ type: 'continue', code: { type: 'unknown', name: 'AA' } });
  expect(parseResponse(serializeResponse(v))).toEqual(v);
  expect(() => parseResponse(wire, { strict: true })).toThrow(/TEXT-CHAR|SP/);
  // Text that the default mode does not read as a code stays text in both.
  expect(parseResponse('+ [no code here\r\n', { strict: true })).toEqual(parseResponse('+ [no code here\r\n'));
});

// Text that starts with "[" and holds no code (a NUL inside the code's
// name) read as text without its NUL (quirk text-nul), which then wrote
// back as a valid code: `[REFERRAL\0AA AAA] AAA` came back as the code
// REFERRALAA. The default mode now reads such text as its written form
// reads (RFC 9051 §9 resp-text; §4.3: NUL is no TEXT-CHAR).
for (const wire of ['AAAA OK [REFERRAL\0AA AAA AAAAAAAA] AAA\r\n', '* OK [UIDNEXT\0 5] x\r\n', '+ [A\0B] c\r\n']) {
  test(`text with a NUL that reads as a code once the NUL is dropped: ${JSON.stringify(wire)}`, () => {
    const v = parseResponse(latin1(wire));
    expect(parseResponse(serializeResponse(v))).toEqual(v);
    expect(() => parseResponse(latin1(wire), { strict: true })).toThrow();
  });
}

// Text with 8-bit bytes around a NUL: the NUL was dropped after decoding,
// so F0 00 9F 98 80 read as four undecodable bytes, and the text wrote
// back without the NUL as F0 9F 98 80, which reads as one character
// (U+1F600). The text is now what its bytes read as without the NUL
// (quirk text-nul), the same as its written form.
for (const wire of ['A OK A\xf0\0\x9f\x98\x80A!!A!!!A\r\n', '* BYE \xc3\0\xa9t\xc3\0\r\n']) {
  test(`text whose bytes decode differently once a NUL is dropped: ${JSON.stringify(wire)}`, () => {
    const v = parseResponse(latin1(wire));
    expect(parseResponse(serializeResponse(v))).toEqual(v);
    expect(() => parseResponse(latin1(wire), { strict: true })).toThrow();
  });
}
