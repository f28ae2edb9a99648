// Exit status and stderr of the command for arguments, help and bad input
// (the contract: 0 clean, 1 findings, 2 could not do its job with one
// sentence on stderr and nothing on stdout).
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cliEntry, imapwire, oneSentence, ROOT, tempDir } from './run.js';
import { CLEAN_STEPS, put, sessionPcap } from './fixtures.js';

let dir: string;
let clean: string;
let faulty: string;

beforeAll(() => {
  cliEntry();
  dir = tempDir('args');
  clean = put(dir, 'clean.pcap', sessionPcap(CLEAN_STEPS));
  faulty = put(dir, 'faulty.pcap', sessionPcap());
}, 180_000);

describe('help', () => {
  it('imapwire --help lists every subcommand and exits 0', async () => {
    const r = await imapwire(['--help']);
    expect(r.code).toBe(0);
    for (const sub of ['parse', 'validate', 'stats']) expect(r.stdout.toString()).toContain(`  ${sub} `);
    expect(r.stderr).toBe('');
  });

  it.each([['parse'], ['validate'], ['stats']])('imapwire %s --help exits 0 and names its options', async (sub) => {
    const r = await imapwire([sub, '--help']);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toContain(`Usage: imapwire ${sub}`);
    for (const opt of ['--port', '--direction', '--format']) expect(text).toContain(opt);
    expect(r.stderr).toBe('');
  });

  it('validate --help names every format and option of its own', async () => {
    const text = (await imapwire(['validate', '--help'])).stdout.toString();
    for (const s of ['junit', 'sarif', 'github', '--side', '--allow', '--grammar']) expect(text).toContain(s);
  });

  it('the committed bin shim runs the build (node bin/imapwire.mjs --help)', async () => {
    // Lay out bin/ next to a dist/ that is the tests' build, as npm ci leaves it.
    const root = tempDir('shim');
    mkdirSync(join(root, 'bin'));
    cpSync(join(ROOT, 'bin', 'imapwire.mjs'), join(root, 'bin', 'imapwire.mjs'));
    symlinkSync(dirname(cliEntry()), join(root, 'dist'));
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'imapwire.mjs'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: imapwire SUBCOMMAND');
  });
});

describe('exit status', () => {
  it('0 for a clean capture, 1 when validate finds violations', async () => {
    expect((await imapwire(['validate', clean])).code).toBe(0);
    expect((await imapwire(['parse', clean])).code).toBe(0);
    expect((await imapwire(['stats', clean])).code).toBe(0);
    expect((await imapwire(['validate', faulty])).code).toBe(1);
  });

  it('parse and stats give 1 when some frame could not be read', async () => {
    expect((await imapwire(['parse', faulty])).code).toBe(1);
    expect((await imapwire(['stats', faulty])).code).toBe(1);
  });

  it('--side limits whose frames count', async () => {
    // The clean capture's client is clean too; the faulty one breaks both sides.
    expect((await imapwire(['validate', '--side', 'server', clean])).code).toBe(0);
    expect((await imapwire(['validate', '--side', 'client', faulty])).code).toBe(1);
  });

  it('reads standard input for -', async () => {
    const r = await imapwire(['stats', '--format', 'json', '-'], { stdin: sessionPcap(CLEAN_STEPS) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.toString()).connections).toBe(1);
  });
});

describe('status 2: one sentence on stderr, nothing on stdout', () => {
  const cases: [string, () => string[]][] = [
    ['no subcommand', () => []],
    ['an unknown subcommand', () => ['frobnicate', clean]],
    ['an unknown option', () => ['parse', '--bogus', clean]],
    ['an option without its value', () => ['validate', clean, '--format']],
    ['a value for a flag', () => ['parse', '--show-secrets=yes', clean]],
    ['a bad format', () => ['validate', '--format', 'xml', clean]],
    ['a parse format only validate has', () => ['parse', '--format', 'sarif', clean]],
    ['a bad side', () => ['validate', '--side', 'middle', clean]],
    ['a bad grammar', () => ['validate', '--grammar', 'imap5', clean]],
    ['an unknown quirk', () => ['validate', '--allow', 'no-such-quirk', clean]],
    ['a bad port', () => ['parse', '--port', '70000', clean]],
    ['a bad direction', () => ['parse', '--direction', 'up', clean]],
    ['no FILE', () => ['validate']],
    ['a missing file', () => ['parse', join(dir, 'missing.pcap')]],
    ['a directory', () => ['stats', dir]],
  ];
  it.each(cases)('%s', async (_name, args) => {
    const r = await imapwire(args());
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    oneSentence(r.stderr);
  });

  const inputs: [string, () => Uint8Array][] = [
    ['random bytes', () => new Uint8Array(randomBytes(8192))],
    ['an empty file', () => new Uint8Array(0)],
    ['a truncated pcap', () => sessionPcap(CLEAN_STEPS).subarray(0, 700)],
    ['a pcap header cut short', () => sessionPcap(CLEAN_STEPS).subarray(0, 10)],
    ['a bogus record length', () => pcapWithRecord(65535, 0x40000000, 100)],
    ['a 2^31 snap length and a record past the limit', () => pcapWithRecord(2 ** 31, 0x7fffffff, 100)],
    ['a pcap with no IMAP in it', () => pcapWithRecord(65535, 60, 60)],
    ['a pcap with no packets', () => pcapWithRecord(65535, -1, 0)],
  ];
  it.each(inputs)('%s', async (name, bytes) => {
    const p = put(dir, name.replace(/\W+/g, '-') + '.pcap', bytes());
    for (const sub of ['parse', 'validate', 'stats']) {
      const r = await imapwire([sub, '--format', 'json', p]);
      expect(r.code, `${sub}: ${r.stderr}`).toBe(2);
      const line = oneSentence(r.stderr);
      expect(line).toContain(p);
    }
  });

  it('a truncated capture still reports everything before the cut', async () => {
    const whole = sessionPcap(CLEAN_STEPS);
    const p = put(dir, 'cut.pcap', whole.subarray(0, whole.length - 30));
    const r = await imapwire(['parse', p]);
    expect(r.code).toBe(2);
    oneSentence(r.stderr);
    const records = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(records.filter((x) => x.type === 'command').length).toBe(3);
  });
});

/** A pcap header with the given snap length and one Ethernet record of `incl` bytes (-1: none) holding `data` bytes of zeros. */
function pcapWithRecord(snap: number, incl: number, data: number): Uint8Array {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(snap >>> 0, 16);
  head.writeUInt32LE(1, 20);
  if (incl < 0) return new Uint8Array(head);
  const rec = Buffer.alloc(16);
  rec.writeUInt32LE(1764600000, 0);
  rec.writeUInt32LE(incl >>> 0, 8);
  rec.writeUInt32LE(incl >>> 0, 12);
  return new Uint8Array(Buffer.concat([head, rec, Buffer.alloc(data)]));
}
