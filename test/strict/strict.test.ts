/**
 * Strict mode accepts exactly what the ABNF derives (issue 9 §1): the
 * per-construct corpus both ways, the decisions on ambiguous cases, the
 * grammar option and the decoder's switch to IMAP4rev2, and errors that
 * name their rule and RFC (§2).
 */
import { describe, test, expect } from 'vitest';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { ResponseDecoder } from '../../src/codec/response-decoder.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { VALID, INVALID } from './corpus.js';

const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function refusal(input: string, options = {}): ImapParseError {
  try {
    parseResponse(u8(input), options);
  } catch (e) {
    if (e instanceof ImapParseError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

function lenient(input: string): { value?: unknown; warnings: string[]; error?: ImapParseError } {
  const warnings: string[] = [];
  try {
    return { value: parseResponse(u8(input), { onWarning: (w) => warnings.push(w.name) }), warnings };
  } catch (e) {
    if (!(e instanceof ImapParseError)) throw e;
    return { warnings, error: e };
  }
}

describe('per-construct corpus', () => {
  for (const [what, frame] of VALID) {
    test(`valid ${what}: strict accepts, the default mode reads it without a warning, both the same`, () => {
      const strict = parseResponse(u8(frame), { strict: true });
      const l = lenient(frame);
      expect(l.error).toBeUndefined();
      expect(l.warnings).toEqual([]);
      expect(l.value).toEqual(strict);
      expect(parseResponse(serializeResponse(strict), { strict: true })).toEqual(strict);
    });
  }
  for (const [what, frame, rule] of INVALID) {
    test(`invalid ${what}: strict refuses naming ${rule}; the default mode gives a value with a warning, or one ImapParseError`, () => {
      const e = refusal(frame, { strict: true });
      expect(e.rule).toBe(rule);
      expect(e.rfc).toMatch(/^RFC \d+ §/);
      expect(e.message).toContain(e.rfc!);
      const l = lenient(frame);
      if (l.error === undefined) {
        expect(l.warnings.length).toBeGreaterThan(0);
        // Whatever the default mode returns serializes and reads back the same.
        expect(lenient(new TextDecoder('latin1').decode(serializeResponse(l.value as never))).value).toEqual(l.value);
      }
    });
  }
});

describe('known names in the wrong shape are refused in both modes (never type "unknown")', () => {
  for (const frame of ['* EXISTS\r\n', '* FETCH (UID 1)\r\n', '* -1 EXISTS\r\n', '* 1 SEARCH 2\r\n', '* 3 VANISHED 1\r\n', '* PREAUTH[CAPABILITY IMAP4rev1] x\r\n', '* 1 FETCH (BODY.PEEK[] "x")\r\n', '* 1 FETCH (BINARY "x")\r\n', '* 1 FETCH (BINARY.SIZE 5)\r\n']) {
    test(JSON.stringify(frame), () => {
      expect(lenient(frame).error).toBeInstanceOf(ImapParseError);
      expect(refusal(frame, { strict: true }).code).toBe('syntax');
    });
  }
});

describe('unknown names: code "unknown" in strict mode unless allowUnknown', () => {
  test('an unknown response', () => {
    expect(refusal('* XFOO 1\r\n', { strict: true }).code).toBe('unknown');
    expect(parseResponse('* XFOO 1\r\n', { strict: true, allowUnknown: true })).toMatchObject({ type: 'unknown', name: 'XFOO' });
    expect(parseResponse('* XFOO 1\r\n', { strict: true, allowUnknown: ['xfoo'] })).toMatchObject({ type: 'unknown', name: 'XFOO' });
    expect(refusal('* XFOO 1\r\n', { strict: true, allowUnknown: ['XBAR'] }).code).toBe('unknown');
    expect(lenient('* XFOO 1\r\n').warnings).toEqual(['unknown-response']);
  });
  test('an unknown FETCH item', () => {
    const frame = '* 123 FETCH (UNKNOWN 92285)\r\n';
    expect(refusal(frame, { strict: true }).code).toBe('unknown');
    expect(parseResponse(frame, { strict: true, allowUnknown: ['UNKNOWN'] })).toMatchObject({ type: 'FETCH', items: [{ type: 'unknown', name: 'UNKNOWN' }] });
    expect(lenient(frame).warnings).toEqual(['unknown-fetch-item']);
  });
  test('unknown response codes are derived by the generic resp-text-code alternative: accepted without a warning', () => {
    expect(parseResponse('* OK [XFOO bar] x\r\n', { strict: true })).toMatchObject({ code: { type: 'unknown', name: 'XFOO', text: 'bar' } });
    expect(lenient('* OK [XFOO bar] x\r\n').warnings).toEqual([]);
  });
});

describe('ambiguous cases, decided from the ABNF (both ways)', () => {
  test('a known code whose data does not fit its rule is refused, not read as the generic atom alternative (RFC 9051 §9 resp-text-code)', () => {
    for (const f of ['* OK [UIDNEXT 0] x\r\n', '* OK [COPYUID] x\r\n', '* OK [ALERT now] x\r\n']) {
      expect(refusal(f, { strict: true }).rule).toBeTruthy();
      expect(lenient(f)).toMatchObject({ warnings: ['malformed-resp-text-code'], value: { code: { type: 'unknown' } } });
    }
    expect(parseResponse('* OK [UIDNEXT 1] x\r\n', { strict: true })).toMatchObject({ code: { type: 'UIDNEXT', value: 1 } });
  });
  test('text that starts with "[" but holds no code is text (resp-text = ["[" resp-text-code "]" SP] [text], and "[" is a TEXT-CHAR)', () => {
    expect(parseResponse('* OK [not a code\r\n', { strict: true })).toEqual({ type: 'OK', text: '[not a code' });
    expect(parseResponse('* OK [ spaced] x\r\n', { strict: true })).toEqual({ type: 'OK', text: '[ spaced] x' });
    // A known code's name after "[" makes it that code, which must then close.
    expect(refusal('* OK [ALERT\r\n', { strict: true })).toBeInstanceOf(ImapParseError);
    expect(lenient('* OK [ALERT\r\n')).toMatchObject({ value: { text: '[ALERT' }, warnings: ['malformed-resp-text-code'] });
  });
  test('MESSAGE/RFC822 as a basic body is refused (RFC 9051 §9 body-type-basic: "MESSAGE subtype MUST NOT be RFC822 or GLOBAL")', () => {
    const f = '* 1 FETCH (BODY ("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 0))\r\n';
    const e = refusal(f, { strict: true });
    expect(e.expected).toBe('envelope');
    expect(lenient(f).warnings).toEqual(['body-message-basic']);
    expect(parseResponse('* 1 FETCH (BODY ("MESSAGE" "DELIVERY-STATUS" NIL NIL NIL "7BIT" 0))\r\n', { strict: true })).toMatchObject({ type: 'FETCH' });
  });
});

describe('grammar: imap4rev1 / imap4rev2', () => {
  test('an empty resp-text is valid IMAP4rev2, refused under imap4rev1, accepted when the grammar is not said', () => {
    for (const f of ['A9 OK \r\n', '* OK [UIDNEXT 4392] \r\n']) {
      expect(parseResponse(f, { strict: true })).toBeTruthy();
      expect(parseResponse(f, { strict: true, grammar: 'imap4rev2' })).toBeTruthy();
      expect(refusal(f, { strict: true, grammar: 'imap4rev1' }).rfc).toBe('RFC 3501 §9');
      expect(lenient(f).warnings).toEqual([]);
    }
    const warnings: string[] = [];
    parseResponse('A9 OK \r\n', { grammar: 'imap4rev1', onWarning: (w) => warnings.push(w.name) });
    expect(warnings).toEqual(['missing-text']);
  });
  test('an empty text is written as the IMAP4rev2 form', () => {
    expect(new TextDecoder().decode(serializeResponse({ type: 'tagged', tag: 'A1', status: 'OK', text: '' }))).toBe('A1 OK \r\n');
  });
  test('ResponseDecoder switches to imap4rev2 on "* ENABLED IMAP4rev2", and setGrammar sets it', () => {
    const d = new ResponseDecoder({ strict: true, grammar: 'imap4rev1' });
    const before = d.push(u8('A1 OK \r\n'));
    expect(before[0].type).toBe('error');
    const after = d.push(u8('* ENABLED IMAP4rev2\r\nA2 OK \r\n'));
    expect(after.map((e) => e.type)).toEqual(['response', 'response']);
    expect(d.grammar).toBe('imap4rev2');
    d.setGrammar('imap4rev1');
    expect(d.push(u8('A3 OK \r\n'))[0].type).toBe('error');
  });
  test('a CAPABILITY with IMAP4rev2 and no IMAP4rev1 is a rev2-only server', () => {
    const d = new ResponseDecoder({ strict: true, grammar: 'imap4rev1' });
    d.push(u8('* CAPABILITY IMAP4rev1 IMAP4rev2\r\n'));
    expect(d.grammar).toBe('imap4rev1');
    d.push(u8('* CAPABILITY IMAP4rev2\r\n'));
    expect(d.grammar).toBe('imap4rev2');
  });
});

describe('errors name their rule and RFC (issue 9 §2)', () => {
  test('A+1 OK: the tag is not "A"', () => {
    const e = refusal('A+1 OK x\r\n');
    expect(e.tag).toBeUndefined();
    expect(e.rule).toBe('tag');
    expect(e.found).toContain('A+1');
  });
  test('A1 OK[ALERT] done: SP is missing after OK', () => {
    const e = refusal('A1 OK[ALERT] done\r\n');
    expect(e.expected).toBe('SP after OK');
    expect(e.offset).toBe(5);
    expect(e.tag).toBe('A1');
  });
  test('a literal header {3} followed by a space is reported where it is, with its tag', () => {
    const e = refusal('* 1 FETCH (BODY[] {3} \r\nabc)\r\n');
    expect(e.offset).toBe(21);
    expect(e.tag).toBe('*');
    expect(e.expected).toBe('CRLF after the literal header');
    const t = refusal('A1 NO {3} \r\nabc)\r\n');
    expect(t).toBeInstanceOf(ImapParseError);
  });
  test('the message names the rule and the RFC', () => {
    expect(refusal('* 0 EXPUNGE\r\n').message).toBe('at byte 2 (tag *): expected nz-number (RFC 9051 §9), found "0 EXPUNGE\\r\\n"');
    expect(refusal('* STATUS a (UIDNEXT 0)\r\n', { strict: true }).message).toContain('in status-att-val (RFC 9051 §9; RFC 4466 §3)');
  });
  test('a MESSAGE/RFC822 part without its envelope says "expected envelope", not "expected SP"', () => {
    expect(refusal('* 1 FETCH (BODY ("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 0))\r\n', { strict: true }).expected).toBe('envelope');
  });
});

describe('Exchange: an untagged garbage line is one error event and decoding goes on', () => {
  test('Server Unavailable. 15', () => {
    const d = new ResponseDecoder();
    const ev = [...d.push(u8('* 1 EXISTS\r\nServer Unavailable. 15\r\n* 2 EXISTS\r\n')), ...d.end()];
    expect(ev.map((e) => e.type)).toEqual(['response', 'error', 'response']);
    expect(ev[2]).toMatchObject({ response: { type: 'EXISTS', count: 2 } });
  });
});
