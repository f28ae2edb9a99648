/**
 * Extracts the server lines ("S: ...") of the RFC examples in
 * test/rfc/ (or $IMAPWIRE_RFC_DIR) as response frames:
 *
 * - page breaks (form feed, "[Page N]" footers, "RFC NNNN ..." headers) are dropped;
 * - an S: line goes on in following lines that are indented deeper and carry
 *   no "S:" / "C:" prefix (RFC line wrapping; joined with one space, none
 *   after "(");
 * - a line ending in a literal header `{n}` takes the following S: lines as
 *   the literal's data (CRLF after each) and the header is rewritten with the
 *   real byte count, since the RFC counts do not always match the text.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RFC_DIR as PROJECT_RFC_DIR } from '../rfc.js';

export const RFC_DIR = process.env.IMAPWIRE_RFC_DIR ?? PROJECT_RFC_DIR;

export interface ServerExample {
  /** e.g. 'rfc9051' */
  rfc: string;
  /** 1-based line number of the S: line in the RFC text. */
  line: number;
  /** The response frame, CRLF included. */
  frame: string;
}

const PAGE_FOOTER = /\[Page \d+\]\s*$/;
const PAGE_HEADER = /^RFC \d{4} .*\d{4}\s*$/;
const PREFIX = /^(\s*)([SC]):(?: (.*)|$)/;

function cleanLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    let s = raw[i].replace(/\r$/, '');
    if (s.includes('\f')) s = s.replace(/\f/g, '');
    if (PAGE_FOOTER.test(s) || PAGE_HEADER.test(s)) continue;
    out.push({ text: s, line: i + 1 });
  }
  // Page breaks leave a run of blank lines inside examples; squeeze runs
  // that sit between two prefixed lines of the same transcript.
  return out;
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

/** All S: frames of one RFC file. */
export function extractServerExamples(rfc: string): ServerExample[] {
  const path = join(RFC_DIR, `${rfc}.txt`);
  if (!existsSync(path)) throw new Error(`missing ${path}`);
  const lines = cleanLines(readFileSync(path, 'latin1'));
  const out: ServerExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const m = PREFIX.exec(lines[i].text);
    if (m === null || m[2] !== 'S') {
      i++;
      continue;
    }
    const startLine = lines[i].line;
    const ind = indentOf(lines[i].text);
    let body = (m[3] ?? '').trim();
    i++;
    // Wrapped continuation lines.
    while (i < lines.length) {
      const t = lines[i].text;
      if (t.trim() === '' || PREFIX.test(t) || indentOf(t) <= ind) break;
      // A break right after "(" joins without a space.
      body += (body.endsWith('(') ? '' : ' ') + t.trim();
      i++;
    }
    let frame = '';
    // Literals: take following S: lines as data.
    for (;;) {
      const lit = /\{(\d+)\}$/.exec(body);
      if (lit === null || /^(\+|\S+ (OK|NO|BAD|BYE|PREAUTH)\b)/i.test(body)) break;
      const want = Number(lit[1]);
      let data = '';
      while (i < lines.length && data.length < want) {
        const d = PREFIX.exec(lines[i].text);
        if (d === null || d[2] !== 'S') break;
        data += (d[3] ?? '').trim() + '\r\n';
        i++;
      }
      frame += body.slice(0, lit.index) + `{${data.length}}\r\n` + data;
      const next = i < lines.length ? PREFIX.exec(lines[i].text) : null;
      if (next === null || next[2] !== 'S') {
        body = '';
        break;
      }
      body = (next[3] ?? '').trim();
      i++;
    }
    out.push({ rfc, line: startLine, frame: frame + body + '\r\n' });
  }
  return out;
}

/** The RFCs whose examples hold IMAP server responses. */
export const EXAMPLE_RFCS = [
  'rfc3501', 'rfc9051', 'rfc2087', 'rfc2177', 'rfc2342', 'rfc2971', 'rfc3348', 'rfc3502', 'rfc3691', 'rfc4314',
  'rfc4315', 'rfc4466', 'rfc4469', 'rfc4731', 'rfc4959', 'rfc4978', 'rfc5161', 'rfc5182', 'rfc5256', 'rfc5258',
  'rfc5464', 'rfc5530', 'rfc5819', 'rfc6154', 'rfc6851', 'rfc7162', 'rfc7888', 'rfc7889', 'rfc8438',
  'rfc8474', 'rfc9208',
];
