/**
 * The quirk registry (src/grammar/quirks.ts) against the code: every
 * example parses in the default mode with exactly its warning, is refused
 * in strict mode naming a rule and an RFC, is accepted in strict mode when
 * allowed, and its value serializes to bytes that parse back to it.
 */
import { describe, test, expect } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QUIRKS, QUIRK_BY_ID, UNKNOWN_NAMES } from '../../src/grammar/quirks.js';
import { parseResponse, serializeResponse } from '../../src/codec/parse-response.js';
import { parseCommand } from '../../src/codec/parse-command.js';
import { serializeCommand } from '../../src/codec/encode-command.js';
import { ImapParseError } from '../../src/wire/errors.js';
import { renderQuirks } from './render.js';

const root = join(import.meta.dirname, '..', '..');

/** Example strings hold one byte per char code (bytes above 0x7f included). */
export function exampleBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function parse(side: 'server' | 'client', b: Uint8Array, options: { strict?: boolean; allowQuirks?: string[]; onWarning?: (w: { name: string }) => void }): unknown {
  return side === 'server' ? parseResponse(b, options) : parseCommand(b, options);
}

function serialize(side: 'server' | 'client', v: unknown): Uint8Array {
  return side === 'server' ? serializeResponse(v as never) : serializeCommand(v as never);
}

describe('quirk registry', () => {
  test('ids are unique', () => {
    expect(QUIRK_BY_ID.size).toBe(QUIRKS.length);
  });

  for (const q of QUIRKS) {
    describe(q.id, () => {
      const bytes = exampleBytes(q.example);
      test('the default mode reads the example with exactly this warning', () => {
        const names: string[] = [];
        parse(q.side, bytes, { onWarning: (w) => names.push(w.name) });
        expect(names).toEqual([q.id]);
      });
      test('strict mode refuses it, naming a rule and an RFC', () => {
        let err: unknown;
        try {
          parse(q.side, bytes, { strict: true });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ImapParseError);
        const e = err as ImapParseError;
        expect(e.rule).toBeTruthy();
        expect(e.rfc).toMatch(/^RFC \d+ §/);
        expect(e.message).toContain(e.rfc!);
      });
      test('strict mode accepts it when allowQuirks lists it, with the same value', () => {
        const lenient = parse(q.side, bytes, {});
        expect(parse(q.side, bytes, { strict: true, allowQuirks: [q.id] })).toEqual(lenient);
      });
      test('its value serializes and parses back to the same value', () => {
        const value = parse(q.side, bytes, {});
        const again = serialize(q.side, value);
        expect(parse(q.side, again, {})).toEqual(value);
      });
    });
  }

  test('every warning id the source records is in the registry', () => {
    const ids = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (f.name.endsWith('.ts') && !f.name.startsWith('quirks')) {
          for (const m of readFileSync(p, 'utf8').matchAll(/quirk\(\s*'([a-z0-9-]+)'/g)) ids.add(m[1]);
        }
      }
    };
    walk(join(root, 'src'));
    expect(ids.size).toBeGreaterThan(20);
    const unknown = new Set<string>(UNKNOWN_NAMES.map((u) => u.id));
    expect([...ids].filter((id) => !QUIRK_BY_ID.has(id) && !unknown.has(id))).toEqual([]);
  });

  test('docs/quirks.md is generated from the registry', () => {
    const path = join(root, 'docs', 'quirks.md');
    const want = renderQuirks();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, want);
    expect(readFileSync(path, 'utf8')).toBe(want);
  });
});
