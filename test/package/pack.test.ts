/**
 * The published package, as a user gets it: `npm pack` (which runs
 * `prepack`, the build) in a staging copy of the repository, the tarball
 * installed offline into a fresh project, then every `exports` subpath
 * imported from ESM and required from CommonJS, in JavaScript and in
 * TypeScript under `module: nodenext` (.ts, .mts, .cts), `node16` and
 * `bundler`. publint and @arethetypeswrong/cli check the same tarball.
 *
 * The staging copy keeps the repository's own dist/ untouched while other
 * tests run.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const T = 180_000;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  exports: Record<string, unknown>;
};
/** The code subpaths ('imapwire', 'imapwire/capture', ...), from `exports`. */
const SUBPATHS = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));

let work: string;
let tarball: string;
let project: string;
let files: string[];

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${err.stdout ?? ''}\n${err.stderr ?? ''}\n${err.message}`);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'imapwire-pack-'));
  const stage = join(work, 'stage');
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.cjs.json', 'scripts', 'src', 'bin', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    cpSync(join(ROOT, f), join(stage, f), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const out = run('npm', ['pack', '--json', '--pack-destination', work], stage);
  const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0].filename);
  files = info[0].files.map((f) => f.path);

  project = join(work, 'project');
  cpSync(join(ROOT, 'test', 'package', 'fixture'), project, { recursive: true });
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
}, T);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds compiled code for both formats, declarations, README, LICENSE, CHANGELOG', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']) {
      expect(files).toContain(f);
    }
    expect(readFileSync(join(project, 'node_modules', 'imapwire', 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('holds no tests, benchmarks or examples', () => {
    const bad = files.filter((f) => /^(test|bench|examples|docs|scripts)\//.test(f) || /\.test\.[cm]?[jt]s$/.test(f));
    expect(bad).toEqual([]);
  });

  it('ships every source a source map points to', () => {
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const m of maps) {
      const map = JSON.parse(readFileSync(join(project, 'node_modules', 'imapwire', m), 'utf8')) as { sources: string[] };
      for (const s of map.sources) {
        const rel = join(dirname(m), s).replace(/\\/g, '/');
        if (!files.includes(rel)) missing.push(`${m} -> ${rel}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every subpath works from import and from require() in JavaScript, with the same names', () => {
    const out = run(process.execPath, ['check.mjs', ...SUBPATHS], project);
    const result = JSON.parse(out) as Record<string, { esm: string[]; cjs: string[] }>;
    expect(Object.keys(result)).toEqual(SUBPATHS);
    for (const s of SUBPATHS) {
      expect(result[s].esm.length, s).toBeGreaterThan(0);
      expect(result[s].cjs, s).toEqual(result[s].esm);
    }
    // The root entry really decodes, both ways.
    expect(run(process.execPath, ['use.cjs'], project).trim()).toBe('EXISTS 3');
    expect(run(process.execPath, ['use.mjs'], project).trim()).toBe('EXISTS 3');
  });

  const settings: [string, string[]][] = [
    ['tsconfig.nodenext.json', ['dist-nodenext/use-ts.js', 'dist-nodenext/use-mts.mjs', 'dist-nodenext/use-cts.cjs']],
    ['tsconfig.node16.json', ['dist-node16/use-ts.js', 'dist-node16/use-mts.mjs', 'dist-node16/use-cts.cjs']],
    ['tsconfig.bundler.json', []],
  ];
  for (const [config, outputs] of settings) {
    it(`TypeScript resolves the types with ${config} (and the output runs)`, () => {
      // Each subpath must resolve to real types (an `any` would let the
      // ts-expect-error lines in the fixtures go unused, which is an error).
      // nodenext also checks the declarations themselves (skipLibCheck off);
      // node16 and bundler skip that, to keep the test short.
      const sub = SUBPATHS.filter((s) => s !== pkg.name);
      writeFileSync(join(project, 'subpaths.ts'), sub.map((s, i) => `import * as m${i} from '${s}';\nexport const k${i}: string[] = Object.keys(m${i});\n`).join('') + 'export {};\n');
      run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], project);
      for (const o of outputs) expect(run(process.execPath, [o], project).trim(), o).toBe('EXISTS 3');
    }, T);
  }

  it('the installed package runs its command: `imapwire` from node_modules/.bin', () => {
    const out = run(join(project, 'node_modules', '.bin', 'imapwire'), ['--help'], project);
    expect(out).toMatch(/^Usage: imapwire SUBCOMMAND/m);
    expect(files).toContain('bin/imapwire.mjs');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/cli/imapwire.mjs');
  });

  it('publint finds nothing, strict', () => {
    const out = run(join(BIN, 'publint'), ['run', tarball, '--strict'], ROOT);
    expect(out).toMatch(/All good/);
  }, T);

  it('arethetypeswrong finds no problem (node16 from CJS and ESM, bundler)', () => {
    // node10 resolution has no subpath exports; the profile leaves it out.
    const out = run(join(BIN, 'attw'), [tarball, '--profile', 'node16', '--format', 'json'], ROOT);
    const report = JSON.parse(out) as { problems?: Record<string, { resolutionKind?: string }[]> };
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((p) => p.resolutionKind !== 'node10');
    expect(problems).toEqual([]);
    // attw exits non-zero on any problem the profile does not ignore (run() throws then).
    expect(run(join(BIN, 'attw'), [tarball, '--profile', 'node16'], ROOT)).toMatch(/ignoring resolutions: 'node10'/);
  }, T);
});
