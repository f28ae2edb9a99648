/**
 * examples/client.mjs (docs/client.md, the session client) against the test Dovecot:
 * bundled with esbuild so `imapwire` is this tree's source, run as a user
 * runs it, as `carol` (a password holding a space, `"` and `\`), and it must
 * exit 0 after every step; a refused LOGIN must exit 1 naming the step.
 *
 * Skipped outside CI (with a message) where Dovecot cannot run; with
 * CI=true that is an error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startDovecot, stopDovecot, cannotRunReason, dovecotLog, type DovecotServer } from './server.js';
import { ROOT } from '../browser/bundle.js';

const reason = cannotRunReason();
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`the session client example cannot run in CI: ${reason}`);
  console.warn(`[realserver] session client example test SKIPPED: ${reason}`);
}

const T = 120_000;
const EXAMPLE = join(ROOT, 'examples', 'client.mjs');

describe('examples/client.mjs', () => {
  it('stays within 60 lines', () => {
    expect(readFileSync(EXAMPLE, 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(60);
  });
});

describe.skipIf(reason !== undefined)('examples/client.mjs against Dovecot', () => {
  let server: DovecotServer;
  let dir: string;
  let script: string;

  beforeAll(async () => {
    server = await startDovecot();
    dir = mkdtempSync(join(tmpdir(), 'imapwire-session-client-'));
    script = join(dir, 'client.mjs');
    await build({
      entryPoints: [EXAMPLE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
      alias: { imapwire: join(ROOT, 'src', 'index.ts') },
    });
  }, T);

  afterAll(() => {
    if (server !== undefined) stopDovecot(server);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [script], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
      });
    });
  }

  it('runs every step as carol and exits 0', async () => {
    const r = await run({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(server.port), IMAP_USER: 'carol', IMAP_PASSWORD: 'c a"r\\ol' });
    const why = `exit ${r.code}\n${r.stdout}\n${r.stderr}\n${dovecotLog(server)}`;
    expect(r.code, why).toBe(0);
    const steps = r.stdout.split('\n').filter((l) => l.startsWith('ok ')).map((l) => l.replace(/^ok \d+ - ([^:]+):.*$/, '$1'));
    expect(steps, why).toEqual([
      'greeting', 'LOGIN', 'LIST', 'APPEND (synchronizing literal)', 'SELECT', 'FETCH ENVELOPE BODYSTRUCTURE', 'FETCH BODY.PEEK[1]', 'IDLE/DONE', 'LOGOUT',
    ]);
    expect(r.stdout).toContain('subject "Grüße"');
    expect(r.stdout).toContain('"Hello from the session client.');
    expect(r.stdout).toContain('all 9 steps succeeded');
  }, T);

  it('exits 1 naming the step when LOGIN is refused', async () => {
    const r = await run({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(server.port), IMAP_USER: 'carol', IMAP_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^step 2 failed: LOGIN: A1: NO /);
  }, T);
});
