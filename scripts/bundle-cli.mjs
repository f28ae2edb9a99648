// Bundles the command: DIST/cli/main.js (the ESM build) and everything it
// imports into one file, DIST/cli/imapwire.mjs, which bin/imapwire.mjs
// loads. Node 20 resolves, reads and compiles each ES module on its own,
// and the ~100 modules of dist/ cost about 0.1 s of CPU at every start;
// one file costs a fraction of that. The bundle is made from the build
// itself, so the command runs exactly the code the library exports.
// Used by scripts/build.mjs and by the tests' own build (test/cli/run.ts).
import { join } from 'node:path';
import { build } from 'esbuild';

/** Writes DIST/cli/imapwire.mjs (and its source map) from DIST/cli/main.js. */
export async function bundleCli(dist, { sourcemap = true } = {}) {
  await build({
    entryPoints: [join(dist, 'cli', 'main.js')],
    outfile: join(dist, 'cli', 'imapwire.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: sourcemap ? 'linked' : false,
    logLevel: 'warning',
    banner: { js: '// The imapwire command, bundled from dist/cli/main.js by scripts/bundle-cli.mjs.' },
  });
}
