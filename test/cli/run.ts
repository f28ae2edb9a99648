/**
 * Runs the built `imapwire` command as a child process. The command is
 * compiled once (tsc into a temporary directory named after a hash of the
 * sources) and reused by every test file and run until the sources change.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function sourceHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) h.update(p.slice(ROOT.length)).update(readFileSync(p));
    }
  };
  walk(join(ROOT, 'src'));
  h.update(readFileSync(join(ROOT, 'tsconfig.json')));
  h.update(readFileSync(join(ROOT, 'scripts', 'bundle-cli.mjs')));
  return h.digest('hex').slice(0, 16);
}

let built: string | undefined;

/** The path of the built entry script (compiles on first use). */
export function cliEntry(): string {
  if (built !== undefined) return built;
  const dir = join(tmpdir(), `imapwire-cli-${sourceHash()}`);
  const entry = join(dir, 'imapwire.mjs');
  if (!existsSync(entry)) {
    const work = `${dir}.${process.pid}.${Date.now()}`;
    mkdirSync(work, { recursive: true });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json'), '--outDir', work, '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false'], { stdio: 'pipe' });
    copyFileSync(join(ROOT, 'package.json'), join(work, 'package.json'));
    // Bundled as scripts/build.mjs does it, so the tests run what bin/imapwire.mjs runs.
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { bundleCli } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'bundle-cli.mjs')).href)}; await bundleCli(${JSON.stringify(work)}, { sourcemap: false });`], { stdio: 'pipe' });
    writeFileSync(join(work, 'imapwire.mjs'), "import { start } from './cli/imapwire.mjs'; start();\n");
    try {
      renameSync(work, dir);
    } catch {
      // Another test file built it at the same time: use theirs.
      rmSync(work, { recursive: true, force: true });
    }
  }
  built = entry;
  return entry;
}

/** What a run gave. */
export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `imapwire ARGS…` (the built command), feeding `stdin` if given.
 *
 * @example
 * const r = await imapwire(['--help']); // r.code === 0
 */
export function imapwire(args: readonly string[], options: { stdin?: Uint8Array | string; env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  const entry = cliEntry();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

/** A fresh temporary directory for a test's files. */
export function tempDir(name: string): string {
  const d = join(tmpdir(), `imapwire-cli-test-${name}-${process.pid}`);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}

/** Asserts the shape of an exit-2 error: exactly one line, `imapwire: ` and a sentence, no stack. */
export function oneSentence(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}: ${JSON.stringify(stderr)}`);
  const line = lines[0]!;
  if (!/^imapwire: .+[.!?]$/.test(line)) throw new Error(`not one sentence: ${JSON.stringify(line)}`);
  if (/\bat .+:\d+:\d+\)?$|Error:/.test(line)) throw new Error(`looks like a stack trace: ${JSON.stringify(line)}`);
  return line;
}
