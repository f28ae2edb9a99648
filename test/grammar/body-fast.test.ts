import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Reader } from '../../src/wire/reader.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { readBody, kindOf } from '../../src/grammar/bodystructure.js';
import { fastSinglePart } from '../../src/grammar/body-fast.js';
import { bodyStructureArbOf } from '../arbitraries/fetch.js';
import type { BodyStructure } from '../../src/model/body.js';
import { writeBodyBytes, parseBodyW } from '../fetch/helpers.js';

import { expectAsGeneral, generalForm } from './fast-paths.js';

const enc = new TextEncoder();

/** Plain ASCII text, the words servers send included (a few quoted-specials to fall back on). */
const plain = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', ' ', '-', '=', '(', ')', '<'), maxLength: 10 }) },
  { weight: 6, arbitrary: fc.constantFrom('text', 'TEXT', 'plain', 'html', 'utf-8', 'charset', 'name', 'base64', '7BIT', 'image', 'application', 'pdf', 'attachment', 'inline', '') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '.', ' ', '-', '=', '(', ')', '{', '<', '"', '\\'), maxLength: 10 }) },
);
const nplain = fc.option(plain, { nil: null });
const paramsPlain = fc.option(fc.array(fc.tuple(plain, plain), { minLength: 1, maxLength: 3 }), { nil: null });
const plainPartArb: fc.Arbitrary<BodyStructure> = fc
  .tuple(
    fc.constantFrom('text', 'TEXT', 'application', 'IMAGE', 'message', 'Text'), plain, paramsPlain, nplain, nplain, plain,
    fc.oneof(fc.integer({ min: 0, max: 999999999 }), fc.constant(4294967295)), fc.integer({ min: 0, max: 999999999 }),
    fc.integer({ min: 0, max: 4 }), nplain, fc.option(fc.record({ type: plain, params: paramsPlain }), { nil: null }), nplain, nplain,
  )
  .map(([mediaType, subtype, params, id, description, encoding, size, lines, tail, md5, disposition, language, location]) => {
    const b: BodyStructure = kindOf(mediaType, subtype) === 'text'
      ? { type: 'text', mediaType, subtype, params, id, description, encoding, size, lines }
      : { type: 'basic', mediaType, subtype, params, id, description, encoding, size };
    if (tail >= 1) b.md5 = md5;
    if (tail >= 2) b.disposition = disposition;
    if (tail >= 3) b.language = language;
    if (tail >= 4) b.location = location;
    return b;
  });

/** A reading with its warnings as their names. */
function names(x: { value: unknown; warnings: { name: string }[] }): { value: unknown; warnings: string[] } {
  return { value: x.value, warnings: x.warnings.map((w) => w.name) };
}

/** Did the fast path take these bytes (as the first thing after the part's "(")? */
function takenFast(wire: Uint8Array): boolean {
  const r = new Reader(wire);
  r.open();
  return fastSinglePart(r, kindOf) !== undefined;
}

describe('body structure fast path', () => {
  it('gives exactly what the general path gives, for every single part it takes', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.oneof(plainPartArb, bodyStructureArbOf(1)), fc.boolean(), (body, strict) => {
        if (body.type === 'multipart' || body.type === 'message') return;
        const wire = writeBodyBytes(body);
        const general = generalForm(wire, body.mediaType);
        if (general === undefined) return;
        expect(takenFast(general)).toBe(false);
        if (takenFast(wire)) fast++;
        // The general path, leniently (the extra space is a quirk).
        const b = names(parseBodyW(general, false));
        expectAsGeneral((w, s) => names(parseBodyW(w, s)), wire, b, strict);
      }),
      { numRuns: 600 },
    );
    // The property means something only if the fast path took a good share of the parts.
    expect(fast).toBeGreaterThan(30);
  });

  it('takes the common forms, extension tails of every length included', () => {
    const forms = [
      '("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 31 1)',
      '("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "FORMAT" "flowed") NIL NIL "QUOTED-PRINTABLE" 1200 20 NIL)',
      '("text" "html" ("charset" "utf-8") "<id@x>" "desc" "7bit" 22 1 "md5sum" NIL)',
      '("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 4106 NIL ("attachment" ("filename" "report.pdf")) NIL NIL)',
      '("image" "png" NIL NIL NIL "base64" 276 NIL ("inline" NIL) "en" "http://x/")',
    ];
    for (const f of forms) {
      expect(takenFast(enc.encode(f))).toBe(true);
      const general = generalForm(enc.encode(f), JSON.parse(f.slice(1, f.indexOf('"', 2) + 1)) as string) as Uint8Array;
      expect(parseBodyW(f, true).value).toEqual(parseBodyW(general).value);
    }
  });

  it('leaves quirks to the general path, which records them', () => {
    const cases: [string, string][] = [
      ['("text" "plain" ("charset" NIL) NIL NIL "7bit" 1 1)', 'body-param-nil'],
      ['("text"  "plain" NIL NIL NIL "7bit" 1 1)', 'extra-space'],
      ['("text" "plain" NIL NIL NIL "7bit" 1 1 )', 'space-before-paren'],
      ['("text" "plain" NIL NIL NIL NIL 1 1)', 'body-enc-nil'],
      ['("text" "plain" NIL NIL NIL "7bit" NIL 1)', 'body-number-nil'],
      ['("text" "plain" NIL NIL NIL "7bit" -1 1)', 'body-number-negative'],
      ['("text" "plain" () NIL NIL "7bit" 1 1)', 'body-param-empty'],
      ['("image" "png" NIL NIL NIL "base64" 1 NIL "attachment")', 'body-dsp-bare'],
    ];
    for (const [wire, quirk] of cases) {
      expect(takenFast(enc.encode(wire))).toBe(false);
      expect(parseBodyW(wire).warnings.map((w) => w.name)).toContain(quirk);
      expect(() => parseBodyW(wire, true)).toThrow(ImapParseError);
    }
  });

  it('reads literals, escapes and 8-bit text with the Reader, inside the fast path', () => {
    const cases: [string, string | null][] = [
      ['("text" "plain" NIL {3}\r\nabc NIL "7bit" 1 1)', 'abc'],
      ['("text" "plain" NIL "a\\"b" NIL "7bit" 1 1)', 'a"b'],
      ['("text" "plain" NIL "Grüße" NIL "7bit" 1 1)', 'Grüße'],
    ];
    for (const [wire, id] of cases) {
      expect(takenFast(enc.encode(wire))).toBe(true);
      expect(parseBodyW(wire, true).value).toMatchObject({ type: 'text', id });
    }
  });

  it('drops the quirks a string read inside the fast path recorded when it gives up later', () => {
    // Invalid UTF-8 in the description (a quirk), then an extra space, where the fast path gives up.
    const wire = new Uint8Array([...enc.encode('("text" "plain" NIL NIL "a'), 0xff, ...enc.encode('"  "7bit" 1 1)')]);
    const { warnings } = parseBodyW(wire);
    expect(warnings.map((w) => w.name)).toEqual(['quoted-8bit', 'extra-space']);
  });

  it('leaves message parts and extensions to the general path', () => {
    for (const wire of [
      '("message" "rfc822" NIL NIL NIL "7bit" 10 ("d" "s" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" NIL NIL NIL "7bit" 1 1) 1)',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL NIL NIL "x")',
      '("text" "plain" NIL NIL NIL "7bit" 1 1 NIL NIL ("en" "de"))',
      '("text" "plain" NIL NIL NIL "7bit" 4294967296 1)',
    ]) {
      expect(takenFast(enc.encode(wire))).toBe(false);
      expect(() => readBody(new Reader(enc.encode(wire)))).not.toThrow();
    }
  });

  it('keeps the nesting limit: a parameter list past maxDepth is too deep', () => {
    const wire = enc.encode('("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 1 1)');
    expect(() => readBody(new Reader(wire, { maxDepth: 1 }))).toThrow(expect.objectContaining({ code: 'too-deep' }));
    expect(readBody(new Reader(wire, { maxDepth: 2 }))).toMatchObject({ type: 'text', params: [['charset', 'utf-8']] });
  });
});
