/** docs/checks.md has one row per rule of the registry, with its side, level and RFC, and every rule is checked by its family file. */
import { test, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, RULE_IDS } from '../../src/session/rules/registry.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RULES_DIR = join(ROOT, 'src', 'session', 'rules');

function rows(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(join(ROOT, 'docs', 'checks.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
    if (m === null) continue;
    out.set(m[1], m[2].split(' | ').map((c) => c.trim()));
  }
  return out;
}

test('every rule id has its row in docs/checks.md, and every row is a rule', () => {
  const docs = rows();
  expect([...docs.keys()].filter((id) => id !== 'grammar/<rule>').sort()).toEqual([...RULE_IDS].sort());
  expect(docs.has('grammar/<rule>')).toBe(true);
});

test('each row states the side, level and RFC of the registry, and an example', () => {
  for (const [id, cells] of rows()) {
    if (id === 'grammar/<rule>') continue;
    const info = RULES[id as keyof typeof RULES];
    expect(cells.slice(0, 3), id).toEqual([info.side, info.level, expect.stringContaining(info.rfc.split(' (')[0].split(' / ')[0])]);
    expect(cells[4]?.length ?? 0, id).toBeGreaterThan(3);
  }
});

test('every rule is reported by the family file the registry names, and nothing else is reported', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts'));
  const text = new Map(files.map((f) => [f.replace(/\.ts$/, ''), readFileSync(join(RULES_DIR, f), 'utf8')]));
  for (const id of RULE_IDS) {
    const src = text.get(RULES[id].family);
    expect(src, RULES[id].family).toBeDefined();
    expect(src!.includes(`'${id}'`), id).toBe(true);
  }
  const reported = new Set<string>();
  for (const [name, src] of text) {
    if (name === 'registry') continue;
    for (const m of src.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) if (/report|rule|cross/.test(src.slice(Math.max(0, (m.index ?? 0) - 60), m.index))) reported.add(m[1]);
  }
  expect([...reported].filter((id) => !(id in RULES))).toEqual([]);
});
