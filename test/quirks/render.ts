/** Renders docs/quirks.md from the quirk registry (`UPDATE_DOCS=1 npx vitest run test/quirks` writes it). */
import { QUIRKS, UNKNOWN_NAMES } from '../../src/grammar/quirks.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function bytesOf(example: string): string {
  let out = '';
  for (const ch of example) {
    const c = ch.charCodeAt(0);
    if (c === 0x0d) out += '\\r';
    else if (c === 0x0a) out += '\\n';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

export function renderQuirks(): string {
  const lines: string[] = [
    '# Quirks',
    '',
    '<!-- Generated from src/grammar/quirks.ts by test/quirks/render.ts: do not edit by hand.',
    '     Regenerate with: UPDATE_DOCS=1 npx vitest run test/quirks -->',
    '',
    'Each row is one deviation from the grammar that the default mode tolerates.',
    'It then records a warning whose `name` is the id below. Strict mode refuses the',
    'frame unless the id is listed in `allowQuirks`, so a CI job can accept one known',
    'server bug and still catch every other. "Writes" says what `serializeResponse`',
    '(or `serializeCommand`) writes for the parsed value: every value the default mode',
    'returns serializes and parses back to the same value.',
    '',
    'Example bytes: `\\r`, `\\n` and `\\xNN` stand for single bytes.',
    '',
  ];
  for (const side of ['server', 'client'] as const) {
    lines.push(side === 'server' ? '## Sent by servers (responses)' : '## Sent by clients (commands)', '');
    lines.push('| id | tolerates | rule broken | seen from | example | writes |', '|---|---|---|---|---|---|');
    for (const q of QUIRKS.filter((x) => x.side === side)) {
      const seen = q.seenFrom.length === 0 ? '—' : q.seenFrom.map((s) => (s.evidence.startsWith('http') ? `${s.who} ([evidence](${s.evidence}))` : `${s.who} (${s.evidence})`)).join('; ');
      lines.push(`| \`${q.id}\` | ${cell(q.tolerates)} | \`${q.rule}\` (${q.rfc}) | ${cell(seen)} | \`${cell(bytesOf(q.example))}\` | ${cell(q.writes)} |`);
    }
    lines.push('');
  }
  lines.push('## Names no grammar here derives', '');
  lines.push(
    'Not quirks but the same mechanism: the default mode keeps them generic with this',
    'warning; strict mode refuses them with error code `unknown` unless `allowUnknown`',
    'is `true` or lists the name.',
    '',
    '| id | what | example |',
    '|---|---|---|',
  );
  for (const u of UNKNOWN_NAMES) lines.push(`| \`${u.id}\` | ${cell(u.tolerates)} | \`${cell(bytesOf(u.example))}\` |`);
  lines.push('');
  return lines.join('\n');
}
