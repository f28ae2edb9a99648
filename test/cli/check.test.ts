/** `imapwire check`: exit status by level, the summary per connection, --rules / --skip, formats. */
import { describe, test, expect, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imapwire, tempDir, oneSentence, cliEntry } from './run.js';

const dir = tempDir('check');
const file = (name: string, lines: string[]): string => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};

const HEAD = [
  'S: * OK [CAPABILITY IMAP4rev1 LITERAL+] ready',
  'C: a1 LOGIN alice secret',
  'S: a1 OK Logged in',
  'C: s1 SELECT INBOX',
  'S: * FLAGS (\\Seen)',
  'S: * OK [PERMANENTFLAGS (\\Seen)] ok',
  'S: * 2 EXISTS',
  'S: * 0 RECENT',
  'S: * OK [UIDVALIDITY 9] ok',
  'S: * OK [UIDNEXT 3] ok',
  'S: s1 OK [READ-WRITE] done',
];
const END = ['C: z LOGOUT', 'S: * BYE bye', 'S: z OK bye'];

const clean = file('clean.txt', [...HEAD, ...END]);
const must = file('must.txt', [...HEAD, 'C: n1 NOOP', 'S: * 1 EXISTS', 'S: * 3 EXPUNGE', 'S: n1 OK done', ...END]);
const should = file('should.txt', [...HEAD, 'C: n1 NOOP', 'S: * 1 FETCH (FLAGS ($New))', 'S: n1 OK done', ...END]);

describe('imapwire check', () => {
  // Compiling the command once takes longer than one test may.
  beforeAll(() => {
    cliEntry();
  }, 300_000);

  test('a clean capture: exit 0 and a clean summary', async () => {
    const r = await imapwire(['check', clean]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('client: 0 findings; server: 0 findings');
  });

  test('MUST findings: exit 1, each blamed on the server, and the summary counts them', async () => {
    const r = await imapwire(['check', must]);
    expect(r.code).toBe(1);
    const text = r.stdout.toString();
    expect(text).toContain('MUST exists-decreased (RFC 9051 §5.2)');
    expect(text).toContain('MUST seq-above-count');
    expect(text).toContain('client: 0 findings; server: 2 MUST');
  });

  test('SHOULD findings are reported with exit 0, and fail with --level should', async () => {
    const r = await imapwire(['check', should]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('SHOULD flag-not-announced');
    expect(r.stdout.toString()).toContain('server: 1 SHOULD');
    expect((await imapwire(['check', '--level', 'should', should])).code).toBe(1);
  });

  test('--skip and --rules choose rules; an unknown id is exit 2 with one sentence', async () => {
    expect((await imapwire(['check', '--skip', 'exists-decreased,seq-above-count', must])).code).toBe(0);
    const only = await imapwire(['check', '--rules', 'seq-above-count', '--format', 'json', must]);
    expect(only.code).toBe(1);
    const lines = only.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { rule: string; side: string });
    expect(lines.map((l) => `${l.side}:${l.rule}`)).toEqual(['server:seq-above-count']);
    const bad = await imapwire(['check', '--skip', 'no-such-rule', must]);
    expect(bad.code).toBe(2);
    expect(oneSentence(bad.stderr)).toContain('no-such-rule');
  });

  test('the example captures of real clients check clean', async () => {
    const r = await imapwire(['check', 'examples/captures/mbsync.pcap', 'examples/captures/fetchmail.pcap']);
    expect(r.stdout.toString()).toContain('no findings');
    expect(r.code).toBe(0);
  });
});

describe('imapwire check --expect SCRIPT CAPTURE', () => {
  beforeAll(() => {
    cliEntry();
  }, 300_000);

  const script = (name: string, lines: string[]): string => file(name, lines);

  test('a script whose expectations the capture meets: exit 0', async () => {
    const s = script('good.script', [
      'S: * OK ...',
      'C: a1 LOGIN alice secret',
      'S: a1 OK',
      'C: s1 SELECT INBOX',
      'S: * $n EXISTS',
      'S: * FLAGS $',
      'S: s1 OK [READ-WRITE]',
      'C: z LOGOUT',
      'S: * BYE ...',
      'S: z OK',
    ]);
    const r = await imapwire(['check', '--expect', s, clean]);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toContain('no findings');
    expect(r.code).toBe(0);
  });

  test('a script that expects the wrong thing: exit 1, saying what differed', async () => {
    const s = script('bad.script', [
      'C: a1 LOGIN alice secret',
      'S: a1 OK',
      'C: s1 SELECT INBOX',
      'S: * 5 EXISTS',
      'S: ! * 0 RECENT',
      'S: s1 OK',
    ]);
    const r = await imapwire(['check', '--expect', s, '--format', 'json', clean]);
    expect(r.code).toBe(1);
    const found = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { rule: string; message: string; rfc: string });
    expect(found.map((f) => f.rule)).toEqual(['script/expectation', 'script/expectation']);
    expect(found[0].message).toContain('expected "S: * 5 EXISTS", got ');
    expect(found[0].message).toContain('"* 2 EXISTS"');
    expect(found[1].message).toContain('must not appear');
    expect(found[0].rfc).toMatch(/bad\.script:4$/);
  });

  test('a capture whose client sent other commands than the script: script/command', async () => {
    const s = script('other.script', ['C: a1 LOGIN alice secret', 'S: a1 OK', 'C: x1 NOOP', 'S: x1 OK']);
    const r = await imapwire(['check', '--expect', s, '--format', 'json', clean]);
    expect(r.code).toBe(1);
    const found = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { rule: string; side: string });
    expect(found.map((f) => `${f.side}:${f.rule}`)).toEqual(['client:script/command']);
  });

  test('an unreadable script is exit 2 with one sentence', async () => {
    const s = script('broken.script', ['X: what']);
    const r = await imapwire(['check', '--expect', s, clean]);
    expect(r.code).toBe(2);
    oneSentence(r.stderr);
  });
});
