/** esbuild bundles of the library for the browser, as a user's bundler would make them. */
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const BUILTIN = new Set(builtinModules);

/** The source file of each package entry point (`exports` mapped from dist/ back to src/). */
export function entryPoints(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const out: Record<string, string> = {};
  for (const [sub, target] of Object.entries(pkg.exports)) {
    if (sub === './package.json') continue;
    const t = target as { import: { default: string } };
    out[sub] = join(ROOT, t.import.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
  }
  return out;
}

/** A plugin that records every import of a Node built-in (`node:fs`, `fs`, `fs/promises`, ...) and keeps it out of the bundle. */
function nodeImportRecorder(found: string[]): Plugin {
  return {
    name: 'node-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
        if (args.path.startsWith('node:') || BUILTIN.has(bare) || BUILTIN.has(bare.split('/')[0])) {
          found.push(`${args.path} (imported by ${args.importer.replace(ROOT + '/', '')})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

/** Bundle for the browser platform; return the code and every Node built-in it imports. */
export async function bundleForBrowser(
  input: { entry: string } | { contents: string },
  format: 'esm' | 'iife' = 'esm',
  globalName?: string,
): Promise<{ code: string; nodeImports: string[] }> {
  const found: string[] = [];
  const result = await build({
    ...('entry' in input ? { entryPoints: [input.entry] } : { stdin: { contents: input.contents, resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    platform: 'browser',
    format,
    globalName,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [nodeImportRecorder(found)],
  });
  return { code: result.outputFiles[0].text, nodeImports: found };
}
