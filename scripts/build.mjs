// Builds the package: ESM (dist/) and CommonJS (dist/cjs/, marked by its own
// package.json), each with declarations and source maps pointing at src/.
// A dual build rather than require(esm): engines says Node >= 20, and
// require() of ESM is unflagged only from 20.19 / 22.12; TypeScript's
// `module: node16` rejects require() of an ESM-only package in .cts files.
import { rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { bundleCli } from './bundle-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit' });
}
writeFileSync(join(root, 'dist', 'cjs', 'package.json'), '{\n  "type": "commonjs"\n}\n');

await bundleCli(join(root, 'dist'));
