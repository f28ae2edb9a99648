/**
 * The project's recorded sessions check clean, or each finding is one the
 * session really earns:
 *
 * - test/corpus/dovecot: real Dovecot captures (two streams each, put back
 *   in wire order by ./merge.ts);
 * - the §8 sample connections of RFC 3501 and RFC 9051 (from the S: / C:
 *   extractors, merged by line number; the SASL lines of RFC 9051 §8 are no
 *   commands for the extractor and are taken from the text here).
 */
import { describe, test, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeStreams } from './merge.js';
import { frameEvents, type WireItem } from './transcript.js';
import { checkEvents, ids } from './helpers.js';
import { extractServerExamples, RFC_DIR } from '../responses/rfc-examples.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'dovecot');
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function dovecot(name: string) {
  const items = mergeStreams(readFileSync(join(CORPUS, `${name}.client.imap`)), readFileSync(join(CORPUS, `${name}.server.imap`)));
  return checkEvents(frameEvents(items, { connection: name, info: { server: { address: '127.0.0.1', port: 143 } } }));
}

describe('Dovecot captures', () => {
  test('session: clean', () => {
    const { findings, checker } = dovecot('session');
    expect(ids(findings)).toEqual([]);
    expect(checker.summaries()[0].notChecked).toEqual([]);
    // The session reached the selected state and tracked its messages.
    expect(checker.tracker('session')!.state).toBe('logout');
  });

  test('interop: clean', () => {
    const { findings, checker } = dovecot('interop');
    expect(findings.map((f) => `${f.side}:${f.rule} ${f.tag ?? ''} ${f.quirk ?? ''} ${f.message}`)).toEqual([]);
    expect(checker.tracker('interop')!.state).toBe('logout');
    // The recording starts at the client's first command, after the greeting.
    expect(checker.summaries()[0].notChecked.join(' ')).toContain('begins after the greeting');
  });
});

/**
 * §8 of an RFC as wire items in the order of their lines: the server frames
 * from the S: extractor (literal counts made right); the client lines read
 * here (the C: extractor takes only commands, not SASL lines): a line
 * goes on in the deeper-indented lines after it, with a space after a
 * command and none inside base64.
 */
function section8(rfc: string, from: number, to: number): WireItem[] {
  const items: { line: number; item: WireItem }[] = [];
  for (const e of extractServerExamples(rfc)) {
    if (e.line < from || e.line >= to) continue;
    // The sample breaks the ENVELOPE's Cc list between two addresses "for
    // editorial clarity"; joined with a space, it would break address-list.
    const frame = e.frame.replace(') ("John Klensin"', ')("John Klensin"');
    items.push({ line: e.line, item: { dir: 'server', bytes: latin1(frame) } });
  }
  const text = readFileSync(join(RFC_DIR, `${rfc}.txt`), 'latin1').split('\n');
  for (let i = from; i < to; i++) {
    const m = /^(\s*)C:(.*)$/.exec(text[i - 1]);
    if (m === null) continue;
    let line = m[2].trim();
    for (let j = i; j < to && /^\s+\S/.test(text[j]) && !/^\s*[SC]:/.test(text[j]) && !text[j].includes('<'); j++) {
      line += (/^[A-Za-z0-9+/=]+$/.test(line) ? '' : ' ') + text[j].trim();
    }
    items.push({ line: i, item: { dir: 'client', bytes: utf8(line + '\r\n') } });
  }
  items.sort((a, b) => a.line - b.line);
  return items.map((x) => x.item);
}

describe('RFC sample connections (§8)', () => {
  test('RFC 3501 §8: only the SELECT that leaves out UIDNEXT and PERMANENTFLAGS', () => {
    // RFC 3501 §6.3.1 lists both as REQUIRED before the tagged OK; the
    // informative sample predates that list (RFC 2060 required neither).
    const { findings } = checkEvents(frameEvents(section8('rfc3501', 4431, 4487)));
    expect(ids(findings)).toEqual(['server:select-missing-response']);
    expect(findings[0].message).toContain('UIDNEXT, PERMANENTFLAGS');
  });

  test('RFC 9051 §8: only the SELECT that leaves out PERMANENTFLAGS and UIDNEXT', () => {
    // RFC 9051 §6.3.2 requires both ("REQUIRED OK untagged responses:
    // PERMANENTFLAGS, UIDNEXT, UIDVALIDITY"); the sample shows only UIDVALIDITY.
    const items = section8('rfc9051', 6202, 6267);
    const { findings, checker } = checkEvents(frameEvents(items));
    expect(ids(findings)).toEqual(['server:select-missing-response']);
    expect(findings[0].message).toContain('UIDNEXT, PERMANENTFLAGS');
    expect(findings[0].rfc).toBe('RFC 9051 §6.3.2');
    expect(checker.tracker('c1')!.version).toBe('imap4rev2');
  });
});
