// Every output format of the command on one capture with violations on
// both sides: the same findings in each, SARIF checked against a schema of
// SARIF 2.1.0, JUnit parsed as XML, GitHub annotations by their grammar.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cliEntry, imapwire } from './run.js';
import { CLEAN_STEPS, CONNECTION, put, sessionPcap, STEPS } from './fixtures.js';
import { tempDir } from './run.js';

let dir: string;
let faulty: string;
let clean: string;
let pcap: Uint8Array;

interface JsonFinding {
  file: string;
  rule: string;
  side: string;
  level: string;
  rfc: string;
  message: string;
  connection: string;
  direction: string;
  offset: number;
  quirk?: string;
  excerpt?: string;
  source?: { offset: number; length: number };
}

let findings: JsonFinding[];

beforeAll(async () => {
  cliEntry();
  dir = tempDir('formats');
  pcap = sessionPcap();
  faulty = put(dir, 'faulty.pcap', pcap);
  clean = put(dir, 'clean.pcap', sessionPcap(CLEAN_STEPS));
  const r = await imapwire(['validate', '--format', 'json', faulty]);
  expect(r.code).toBe(1);
  findings = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as JsonFinding);
}, 180_000);

describe('validate --format json', () => {
  it('one line per violation, on both sides, with rule, RFC, quirk and where', () => {
    // The fixture breaks nz-number twice and resp-text once (server), CRLF twice (client).
    expect(findings.map((f) => `${f.side} ${f.rule}`).sort()).toEqual([
      'client grammar/CRLF',
      'client grammar/CRLF',
      'server grammar/nz-number',
      'server grammar/nz-number',
      'server grammar/resp-text',
    ]);
    for (const f of findings) {
      expect(f.file).toBe(faulty);
      expect(f.connection).toBe(CONNECTION);
      expect(f.direction).toBe(f.side);
      expect(f.level).toBe('MUST');
      expect(f.rfc).toMatch(/^RFC \d+ §/);
      expect(f.source).toBeDefined();
    }
    expect(findings.find((f) => f.rule === 'grammar/nz-number')?.quirk).toBe('malformed-resp-text-code');
  });

  it('offsets point at the fault in its stream, sources at the packet in the file', () => {
    const server = STEPS.filter(([d]) => d === 'server').map(([, t]) => t).join('');
    for (const f of findings.filter((x) => x.rule === 'grammar/nz-number')) {
      expect(server.slice(f.offset, f.offset + 1)).toBe('0');
      // The packet in the file holds the frame's bytes.
      const bytes = Buffer.from(pcap.subarray(f.source!.offset, f.source!.offset + f.source!.length)).toString('latin1');
      expect(bytes).toContain('UIDNEXT 0');
    }
  });

  it('--side server leaves the client out; --allow drops an allowed quirk', async () => {
    const server = await imapwire(['validate', '--format', 'json', '--side', 'server', faulty]);
    expect(lines(server.stdout).map((l) => JSON.parse(l).side)).toEqual(['server', 'server', 'server']);
    const allowed = await imapwire(['validate', '--format', 'json', '--side', 'server', '--allow', 'malformed-resp-text-code,missing-text', faulty]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.length).toBe(0);
  });

  it('writes nothing for a clean capture', async () => {
    const r = await imapwire(['validate', '--format', 'json', clean]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
  });
});

describe('validate --format text', () => {
  it('a paragraph per finding and one summary sentence', async () => {
    const r = await imapwire(['validate', faulty]);
    expect(r.code).toBe(1);
    const text = r.stdout.toString();
    expect(text.match(/^\S.*: MUST grammar\//gm)?.length).toBe(5);
    expect(text.trim().split('\n').pop()).toBe('5 findings (server 3, client 2) in 1 connection.');
    expect((await imapwire(['validate', clean])).stdout.toString()).toBe('no findings in 1 connection.\n');
  });
});

describe('validate --format sarif', () => {
  const schema = JSON.parse(readFileSync(new URL('./sarif-2.1.0-subset.schema.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const check = ajv.compile(schema);

  it('is valid SARIF 2.1.0 with one result per finding, located by byte region in the input file', async () => {
    const r = await imapwire(['validate', '--format', 'sarif', faulty]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout.toString()) as {
      version: string;
      runs: { results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { byteOffset: number; byteLength: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(check(log), JSON.stringify(check.errors)).toBe(true);
    const run = log.runs[0]!;
    expect(run.results.map((x) => x.ruleId).sort()).toEqual(findings.map((f) => f.rule).sort());
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.level).toBe('error');
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uri).toBe(faulty.split('/').map(encodeURIComponent).join('/'));
      const f = findings.find((x) => x.source!.offset === loc.region.byteOffset && x.rule === res.ruleId);
      expect(f).toBeDefined();
      expect(loc.region.byteOffset + loc.region.byteLength).toBeLessThanOrEqual(pcap.length);
    }
  });

  it('is valid with no results too', async () => {
    const r = await imapwire(['validate', '--format', 'sarif', clean]);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout.toString()) as { runs: { results: unknown[] }[] };
    expect(check(log), JSON.stringify(check.errors)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('the schema refuses what SARIF refuses (a result without a message, a mixed region)', () => {
    const base = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r', message: { text: 'm' } }] }] };
    expect(check(base)).toBe(true);
    expect(check({ ...base, runs: [{ ...base.runs[0], results: [{ ruleId: 'r' }] }] })).toBe(false);
    const mixed = { physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 1, byteOffset: 0, byteLength: 1 } } };
    expect(check({ ...base, runs: [{ ...base.runs[0], results: [{ ruleId: 'r', message: { text: 'm' }, locations: [mixed] }] }] })).toBe(false);
  });
});

describe('validate --format junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

  it('well-formed XML: one test case per connection and direction, the failing one listing its findings', async () => {
    const r = await imapwire(['validate', '--format', 'junit', faulty]);
    expect(r.code).toBe(1);
    const xml = r.stdout.toString();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; testcase: { name: string; failure?: { message: string; '#text': string } }[] }[] } };
    const suite = doc.testsuites.testsuite[0]!;
    expect(suite.name).toBe(faulty);
    expect(suite.testcase.map((c) => c.name).sort()).toEqual([`${CONNECTION} client`, `${CONNECTION} server`]);
    const server = suite.testcase.find((c) => c.name.endsWith('server'))!;
    expect(server.failure?.message).toBe('3 findings, the first grammar/nz-number');
    expect(server.failure?.['#text'].split('\n').length).toBe(3);
    expect(doc.testsuites.failures).toBe('2');
  });

  it('passes every test case of a clean capture; --side server has one per connection', async () => {
    const r = await imapwire(['validate', '--format', 'junit', '--side', 'server', clean]);
    expect(r.code).toBe(0);
    const xml = r.stdout.toString();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure?: unknown }[] }[] } };
    expect(doc.testsuites.tests).toBe('1');
    expect(doc.testsuites.failures).toBe('0');
    expect(doc.testsuites.testsuite[0]!.testcase[0]!.failure).toBeUndefined();
  });
});

describe('validate --format github', () => {
  it('one ::error workflow command per finding, properties and data escaped, then a summary', async () => {
    const r = await imapwire(['validate', '--format', 'github', faulty]);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    const commands = out.filter((l) => l.startsWith('::'));
    expect(commands.length).toBe(5);
    for (const c of commands) {
      const m = /^::error file=([^,:]+),title=([^,:]+)::(.+)$/.exec(c);
      expect(m, c).not.toBeNull();
      expect(decodeURIComponent(m![1]!)).toBe(faulty);
      expect(m![3]).not.toMatch(/[\r\n]/);
    }
    expect(out[out.length - 1]).toBe('imapwire: 5 findings (server 3, client 2) in 1 connection.');
  });
});

describe('parse', () => {
  it('JSON lines: every command and response in wire order with connection, direction, offset and time', async () => {
    const r = await imapwire(['parse', faulty]);
    const records = lines(r.stdout).map((l) => JSON.parse(l) as { type: string; direction?: string; offset?: number; time?: number; command?: { type: string }; response?: { type: string; items?: { value?: string }[] } });
    expect(records[0]!.type).toBe('open');
    const commands = records.filter((x) => x.type === 'command').map((x) => x.command!.type);
    expect(commands).toEqual(['LOGIN', 'AUTHENTICATE', 'AUTHENTICATE', 'SELECT', 'FETCH', 'LOGOUT']);
    expect(records.filter((x) => x.type === 'error').length).toBe(1);
    for (const x of records.filter((y) => y.type === 'command' || y.type === 'response')) {
      expect(typeof x.offset).toBe('number');
      expect(typeof x.time).toBe('number');
    }
    // Literals as base64 in JSON.
    const fetch = records.find((x) => x.response?.type === 'FETCH')!;
    expect(Buffer.from(fetch.response!.items![0]!.value!, 'base64').toString()).toBe('hello world');
  });

  it('text: one line per record, literals by size', async () => {
    const r = await imapwire(['parse', '--format', 'text', faulty]);
    const out = lines(r.stdout);
    expect(out.some((l) => l.includes('S@') && l.includes('* FETCH') && l.includes('‹11 bytes›'))).toBe(true);
    expect(out.some((l) => / C@0 a1 LOGIN userid="alice"/.test(l))).toBe(true);
    expect(out.join('\n')).not.toContain('hello world');
  });

  it('64-bit numbers are strings in JSON', async () => {
    const p = put(dir, 'modseq.pcap', sessionPcap([
      ['server', '* OK ready\r\n'],
      ['client', 'a1 SELECT INBOX (CONDSTORE)\r\n'],
      ['server', '* OK [HIGHESTMODSEQ 9223372036854775807] max\r\na1 OK done\r\n'],
    ]));
    const r = await imapwire(['parse', p]);
    expect(r.stdout.toString()).toContain('"9223372036854775807"');
  });
});

describe('stats', () => {
  it('counts connections, frames per type, bytes, literal bytes, time span and errors', async () => {
    const r = await imapwire(['stats', '--format', 'json', faulty]);
    const s = JSON.parse(r.stdout.toString()) as Record<string, unknown> & { commands: Record<string, number>; responses: Record<string, number>; bytes: Record<string, number>; literalBytes: Record<string, number>; firstTime: number; lastTime: number };
    expect(s.connections).toBe(1);
    expect(s.commands).toEqual({ AUTHENTICATE: 2, LOGIN: 1, SELECT: 1, FETCH: 1, LOGOUT: 1 });
    expect(s.responses.tagged).toBe(7);
    expect(s.literalBytes).toEqual({ client: 0, server: 11 });
    const sent = (d: string): number => STEPS.filter(([x]) => x === d).reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
    expect(s.bytes).toEqual({ client: sent('client'), server: sent('server') });
    expect(s.errors).toBe(1);
    expect(s.lastTime).toBeGreaterThan(s.firstTime);
    const text = (await imapwire(['stats', faulty])).stdout.toString();
    expect(text).toMatch(/^connections\s+1 /m);
    expect(text).toMatch(/^literal bytes\s+client 0, server 11$/m);
  });
});

function lines(b: Buffer): string[] {
  return b.toString().split('\n').filter((l) => l !== '');
}
