import { describe, it, expect } from 'vitest';
import { rfcLines, parseBody } from './helpers.js';
import { listParts, findPart } from '../../src/util/parts.js';
import type { BodyStructure } from '../../src/model/body.js';

/** The part-number table of §6.4.5: rows whose first column is a bare part number. */
function table(rfc: string): [string, string][] {
  const lines = rfcLines(rfc);
  const start = lines.findIndex((l) => /^\s+HEADER\s+\(\[RFC.*header of the message\)/.test(l));
  const rows: [string, string][] = [];
  for (let i = start; i < lines.length && lines[i].trim() !== ''; i++) {
    const m = /^\s+(\d+(?:\.\d+)*)\s+(\S+)\s*$/.exec(lines[i]);
    if (m) rows.push([m[1], m[2]]);
  }
  return rows;
}

const ENV = '(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)';
const t = (sub: string) => `("TEXT" "${sub}" NIL NIL NIL "7BIT" 10 1)`;
const bin = (type: string, sub: string) => `("${type}" "${sub}" NIL NIL NIL "BASE64" 10)`;
const msg = (body: string) => `("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 100 ${ENV} ${body} 5)`;

// The complex message of RFC 3501 §6.4.5, as a BODYSTRUCTURE.
const EXAMPLE =
  `(${t('PLAIN')}${bin('APPLICATION', 'OCTET-STREAM')}` +
  `${msg(`(${t('PLAIN')}${bin('APPLICATION', 'OCTET-STREAM')} "MIXED")`)}` +
  `(${bin('IMAGE', 'GIF')}${msg(`(${t('PLAIN')}(${t('PLAIN')}${t('RICHTEXT')} "ALTERNATIVE") "MIXED")`)} "MIXED") "MIXED")`;

function typeOf(b: BodyStructure): string {
  return b.type === 'multipart' ? `MULTIPART/${b.subtype}` : `${b.mediaType}/${b.subtype}`;
}

describe('part numbers (RFC 3501 §6.4.5, RFC 9051 §6.4.5)', () => {
  for (const rfc of ['rfc3501', 'rfc9051']) {
    it(`${rfc}: the example's numbered parts`, () => {
      const rows = table(rfc);
      expect(rows).toHaveLength(12);
      expect(rows[0]).toEqual(['1', 'TEXT/PLAIN']);
      const got = listParts(parseBody(EXAMPLE, true)).map((p): [string, string] => [p.part, typeOf(p.body)]);
      expect(got).toEqual(rows);
    });
  }

  it('a single-part message: its body is part 1', () => {
    const b = parseBody(t('PLAIN'));
    expect(listParts(b).map((p) => p.part)).toEqual(['1']);
    expect(findPart(b, '1')).toBe(b);
  });

  it('a single-part body inside message/rfc822 part 3 is 3.1, not 3', () => {
    const b = parseBody(`(${t('PLAIN')}${t('HTML')}${msg(t('PLAIN'))} "MIXED")`);
    const parts = listParts(b);
    expect(parts.map((p) => [p.part, typeOf(p.body)])).toEqual([
      ['1', 'TEXT/PLAIN'], ['2', 'TEXT/HTML'], ['3', 'MESSAGE/RFC822'], ['3.1', 'TEXT/PLAIN'],
    ]);
    expect(parts[3].path).toEqual([3, 1]);
  });

  it('a single-part message/rfc822 message: 1, then 1.1', () => {
    const b = parseBody(msg(t('PLAIN')));
    expect(listParts(b).map((p) => p.part)).toEqual(['1', '1.1']);
  });

  it('findPart by string or path; missing parts are undefined', () => {
    const b = parseBody(EXAMPLE);
    expect(typeOf(findPart(b, '4.2.2.2') as BodyStructure)).toBe('TEXT/RICHTEXT');
    expect(typeOf(findPart(b, [4, 1]) as BodyStructure)).toBe('IMAGE/GIF');
    expect(findPart(b, '5')).toBeUndefined();
    expect(findPart(b, '3.3')).toBeUndefined();
  });
});
