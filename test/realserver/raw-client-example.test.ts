/**
 * examples/raw-client.mjs (docs/client.md, the raw codec) against the test Dovecot: the
 * example is bundled with esbuild (so `imapwire` is this tree's source, no
 * build needed), run as a user runs it, and must exit 0 after every step.
 *
 * Skipped outside CI (with a message) where Dovecot cannot run; with
 * CI=true that is an error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startDovecot, stopDovecot, cannotRunReason, dovecotLog, type DovecotServer } from './server.js';
import { ROOT } from '../browser/bundle.js';

const reason = cannotRunReason();
if (reason !== undefined) {
  if (process.env.CI === 'true') throw new Error(`the raw client example cannot run in CI: ${reason}`);
  console.warn(`[realserver] raw client example test SKIPPED: ${reason}`);
}

const T = 120_000;

describe.skipIf(reason !== undefined)('examples/raw-client.mjs against Dovecot', () => {
  let server: DovecotServer;
  let dir: string;
  let script: string;

  beforeAll(async () => {
    server = await startDovecot();
    dir = mkdtempSync(join(tmpdir(), 'imapwire-raw-client-'));
    script = join(dir, 'raw-client.mjs');
    await build({
      entryPoints: [join(ROOT, 'examples', 'raw-client.mjs')],
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

  function runClient(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [script], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
      });
    });
  }

  it('runs every step and exits 0, twice (an empty INBOX first, then one with mail)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await runClient({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(server.port), IMAP_USER: 'bob', IMAP_PASSWORD: 'bobpw' });
      const why = `exit ${r.code}\n${r.stdout}\n${r.stderr}\n${dovecotLog(server)}`;
      expect(r.code, why).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.map((l) => l.replace(/^ok \d+ - ([^:]+).*$/, '$1')), why).toEqual([
        'greeting',
        'LOGIN',
        'LIST',
        'SELECT',
        'FETCH',
        'find a part',
        'BODY.PEEK[1]',
        'APPEND',
        'IDLE/DONE',
        'LOGOUT',
        'all 10 steps succeeded',
      ]);
      expect(r.stdout).toContain('subject "Grüße from examples/raw-client.mjs"');
      expect(r.stdout).toContain('"Grüße, this is the plain part.');
    }
  }, T);

  it('exits 1 with the failing step on stderr when LOGIN is refused', async () => {
    const r = await runClient({ IMAP_HOST: '127.0.0.1', IMAP_PORT: String(server.port), IMAP_USER: 'bob', IMAP_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^step 2 failed: LOGIN: NO /);
  }, T);
});
