/**
 * Command examples EXTRACTED from the RFC texts: every `C: ` line that
 * starts a command (tag SP name), with literal continuations joined. An
 * example's literal count is kept when it matches the data lines that
 * follow; RFC examples often miscount (e.g. RFC 3501's `{310}`), so the
 * split that comes closest is taken and the count is rewritten to the
 * real byte length.
 */
import { readFileSync } from 'node:fs';
import { RFC_DIR } from '../rfc.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export { RFC_DIR };

export const RFC_FILES = [
  'rfc9051', 'rfc3501', 'rfc4466', 'rfc7888', 'rfc2971', 'rfc5161', 'rfc4978', 'rfc4959', 'rfc5258', 'rfc5819', 'rfc6154',
  'rfc3502', 'rfc6855', 'rfc4469', 'rfc2177', 'rfc9208', 'rfc4314', 'rfc5464', 'rfc3691', 'rfc4315', 'rfc4731', 'rfc5182',
  'rfc5256', 'rfc6851', 'rfc7162', 'rfc8474', 'rfc3516', 'rfc5530', 'rfc2342', 'rfc7889', 'rfc8438',
];

export interface RfcExample {
  rfc: string;
  /** 1-based line number of the command's first line. */
  line: number;
  /** The command as wire text (CRLF line ends, literals included). */
  wire: string;
}

const CMD = /^[^\s*+(){%"\\]+ [A-Za-z][A-Za-z0-9.-]*(\s|$)/;
const LIT = /\{(\d+)(\+?)\}$/;

export function extractExamples(rfc: string): RfcExample[] {
  const raw = readFileSync(join(RFC_DIR, rfc + '.txt'), 'utf8').replace(/^\uFEFF/, '').split('\n');
  // Client lines in order: `C:` lines, and the indented lines after one
  // (wrapped arguments or literal data printed without a prefix).
  const lines: { text: string; no: number; cont: boolean }[] = [];
  let col = -1;
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i].replace(/\r$/, '');
    const m = /^(\s*(?:Example:\s*)?)C:(?: (.*))?$/.exec(l);
    if (m) {
      col = m[1].length;
      lines.push({ text: (m[2] ?? '').trimEnd(), no: i + 1, cont: false });
      continue;
    }
    if (/^\s*S:/.test(l)) {
      // Only literal data (after "+ Ready") goes on unprefixed after a server line.
      const last = lines[lines.length - 1];
      if (last === undefined || !LIT.test(last.text)) col = -1;
      continue;
    }
    const indent = l.length - l.trimStart().length;
    if (col >= 0 && l.trim() !== '' && indent >= col && !/^\s*S:/.test(l) && !/\[Page \d+\]/.test(l)) {
      lines.push({ text: l.trim(), no: i + 1, cont: true });
      continue;
    }
    col = -1;
  }
  const out: RfcExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (first.cont || !CMD.test(first.text)) {
      i++;
      continue;
    }
    let wire = '';
    let cur = first.text;
    i++;
    for (;;) {
      // Wrapped arguments: indented lines join the command with one space.
      while (!LIT.test(cur) && i < lines.length && lines[i].cont) cur += ' ' + lines[i++].text;
      const m = LIT.exec(cur);
      if (!m) {
        wire += cur + '\r\n';
        break;
      }
      const n = Number(m[1]);
      let data = '';
      const next = lines[i];
      if (next !== undefined && n > 0 && n <= Buffer.byteLength(next.text) && n < Buffer.byteLength(next.text) + 2) {
        // The literal sits inside the next line ("FRED FOOBAR {7}"): split it there.
        const b = Buffer.from(next.text);
        data = b.subarray(0, n).toString();
        cur = b.subarray(n).toString();
        i++;
      } else {
        // Otherwise take the run of following lines whose length comes closest to n.
        let best = -1;
        let bestDiff = Infinity;
        let total = 0;
        for (let k = 0; i + k < lines.length && k < 400; k++) {
          total += Buffer.byteLength(lines[i + k].text) + 2;
          const d = Math.abs(total - n);
          if (d < bestDiff) {
            bestDiff = d;
            best = k;
          }
          if (total > n + 200) break;
        }
        if (n > 0 && best >= 0) {
          data = lines.slice(i, i + best + 1).map((l) => l.text + '\r\n').join('');
          i += best + 1;
        }
        const after = lines[i];
        if (after === undefined || (!after.cont && CMD.test(after.text))) {
          // The data took the command's own CRLF: give it back.
          if (data.endsWith('\r\n')) data = data.slice(0, -2);
          cur = '';
        } else {
          cur = after.text;
          i++;
        }
      }
      const len = Buffer.byteLength(data);
      wire = wire + (m.input.slice(0, m.index) + `{${len}${m[2]}}` + '\r\n' + data);
    }
    out.push({ rfc, line: first.no, wire });
  }
  return out;
}

export function allExamples(): RfcExample[] {
  return RFC_FILES.flatMap(extractExamples);
}
