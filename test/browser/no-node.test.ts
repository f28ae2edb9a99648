/**
 * The core runs in browsers: every package entry point, bundled by esbuild
 * for the browser platform, imports no Node built-in (`node:*` or a bare
 * `fs`, `buffer`, ...). Only src/cli may use them, and it is no entry point.
 */
import { describe, it, expect } from 'vitest';
import { bundleForBrowser, entryPoints } from './bundle.js';

describe('no Node built-ins in the browser bundle', () => {
  const entries = entryPoints();

  it('the detector sees node: and bare built-in imports', async () => {
    const r = await bundleForBrowser({ contents: "import { readFileSync } from 'node:fs'; import { Buffer } from 'buffer'; export const x = [readFileSync, Buffer];" });
    expect(r.nodeImports.map((s) => s.split(' ')[0])).toEqual(['node:fs', 'buffer']);
  });

  for (const [sub, file] of Object.entries(entries)) {
    it(`entry point ${sub} (${file.slice(file.indexOf('src/'))})`, async () => {
      const r = await bundleForBrowser({ entry: file });
      expect(r.nodeImports).toEqual([]);
      expect(r.code.length).toBeGreaterThan(1000);
    });
  }
});
