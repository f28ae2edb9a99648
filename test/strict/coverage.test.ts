/** docs/coverage.md is generated from test/strict/coverage.ts, and each row's examples hold. */
import { describe, test, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResponse } from '../../src/codec/parse-response.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { RESPONSES, CODES, ITEMS, renderCoverage } from './coverage.js';

const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('coverage table', () => {
  for (const row of [...RESPONSES, ...CODES, ...ITEMS]) {
    test(`${row.name}: strict accepts the valid example and refuses the invalid one`, () => {
      if (row.valid !== undefined) expect(parseResponse(u8(row.valid), { strict: true })).toBeTruthy();
      expect(() => parseResponse(u8(row.invalid!), { strict: true })).toThrow(ImapParseError);
    });
  }
  test('docs/coverage.md is generated from the table', () => {
    const path = join(import.meta.dirname, '..', '..', 'docs', 'coverage.md');
    const want = renderCoverage();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, want);
    expect(readFileSync(path, 'utf8')).toBe(want);
  });
});
