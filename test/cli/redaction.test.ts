// Secrets (LOGIN passwords, AUTHENTICATE data in both directions) appear in
// no output of any subcommand or format unless --show-secrets is given —
// not in typed values, excerpts, `found` texts or messages.
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, imapwire, tempDir } from './run.js';
import { PASSWORD, put, SASL_CHALLENGE, SASL_IR, SASL_RESPONSE, SECRET_TEXTS, sessionPcap } from './fixtures.js';

let faulty: string;

const RUNS: string[][] = [
  ['parse'],
  ['parse', '--format', 'text'],
  ['validate'],
  ['validate', '--format', 'json'],
  ['validate', '--format', 'junit'],
  ['validate', '--format', 'sarif'],
  ['validate', '--format', 'github'],
  ['stats'],
  ['stats', '--format', 'json'],
];

beforeAll(() => {
  cliEntry();
  faulty = put(tempDir('redaction'), 'secrets.pcap', sessionPcap());
}, 180_000);

/** Every way a secret could be printed: as is, escaped for JSON or XML, or its pieces of 6 bytes and more. */
function leaks(output: string): string[] {
  const found: string[] = [];
  for (const s of SECRET_TEXTS) {
    for (let n = Math.min(s.length, 8); n <= s.length; n++) {
      // Any run of 8 or more bytes of a secret is a leak (a cut excerpt shows a prefix or suffix).
      for (let i = 0; i + n <= s.length; i += n === s.length ? 1 : 4) if (output.includes(s.slice(i, i + n))) found.push(s.slice(i, i + n));
      if (n === s.length) break;
    }
  }
  return [...new Set(found)];
}

describe('without --show-secrets', () => {
  it.each(RUNS)('%s %s %s: no secret byte run in stdout or stderr', async (...args) => {
    const r = await imapwire([...args.filter((a) => a !== undefined), faulty]);
    expect(r.code === 0 || r.code === 1).toBe(true);
    const all = r.stdout.toString('latin1') + r.stderr;
    expect(all.length).toBeGreaterThan(0);
    expect(leaks(all)).toEqual([]);
  });

  it('marks what it took out', async () => {
    const r = await imapwire(['parse', faulty]);
    const text = r.stdout.toString();
    expect(text).toContain('"password":"[redacted]"');
    expect(text).toContain('"initialResponse":"[redacted]"');
    expect(text).toContain('"line":"[redacted]"');
    expect(text).toContain('"text":"[redacted]"');
  });
});

describe('with --show-secrets', () => {
  it('parse keeps the password, the SASL lines both ways and the initial response', async () => {
    const r = await imapwire(['parse', '--show-secrets', faulty]);
    const text = r.stdout.toString();
    expect(text).toContain(PASSWORD);
    expect(text).toContain(SASL_CHALLENGE);
    // SASL lines and initial responses are bytes: base64 of the bytes on the wire.
    expect(text).toContain(Buffer.from(SASL_RESPONSE).toString('base64'));
    expect(text).toContain(SASL_IR.slice(0, 8));
  });

  it('validate shows the password in the excerpt of the frame it was in', async () => {
    const r = await imapwire(['validate', '--show-secrets', faulty]);
    expect(r.stdout.toString()).toContain(`LOGIN alice ${PASSWORD} `);
  });
});

describe('the leak detector', () => {
  it('finds a secret cut short and a secret whole', () => {
    expect(leaks(`found "a1 LOGIN alice ${PASSWORD.slice(0, 9)}…"`)).not.toEqual([]);
    expect(leaks(`x ${SASL_RESPONSE} y`)).not.toEqual([]);
    expect(leaks('a1 LOGIN alice [redacted]')).toEqual([]);
  });
});
