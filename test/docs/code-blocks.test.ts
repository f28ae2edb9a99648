/**
 * Every ```ts block of README.md and docs/*.md type-checks against the
 * library's source, as its own ES module, in strict mode.
 *
 * A block may leave out its imports: each name the package exports is
 * imported from 'imapwire' unless the block declares or imports it itself.
 * It may also use the free names of PRELUDE below (a socket, the chunk it
 * gave, the user's own handlers) without declaring them; anything else
 * must be declared in the block.
 */
import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../browser/bundle.js';
import * as api from '../../src/index.js';

/** Free names the docs may use: the I/O and the application code around the codec. */
const PRELUDE: Record<string, string> = {
  socket: "declare const socket: import('node:net').Socket;",
  chunk: 'declare const chunk: Uint8Array;',
  handle: 'declare function handle(...values: unknown[]): void;',
  execute: "declare function execute(command: import('imapwire').Command): void;",
  continuation: 'declare function continuation(): Promise<void>;',
  log: 'declare function log(message: string): void;',
};

interface Block {
  file: string;
  line: number;
  code: string;
}

function blocks(): Block[] {
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const out: Block[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```ts\s*$/.test(lines[i])) continue;
      const start = i + 1;
      let j = start;
      while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
      out.push({ file, line: start + 1, code: lines.slice(start, j).join('\n') });
      i = j;
    }
  }
  return out;
}

/** The source the compiler sees: implicit imports and prelude names first, on one line, so block lines keep their numbers + 1. */
function wrap(code: string): string {
  const declared = (name: string) =>
    new RegExp(`\\b(const|let|var|function|class|interface|type|enum)\\s+${name}\\b|import\\s[^;]*\\b${name}\\b[^;]*from`).test(code);
  const runtime = Object.keys(api).filter((n) => !declared(n));
  const head = [
    runtime.length > 0 ? `import { ${runtime.join(', ')} } from 'imapwire';` : '',
    ...Object.entries(PRELUDE)
      .filter(([n]) => !declared(n) && new RegExp(`\\b${n}\\b`).test(code))
      .map(([, d]) => d),
  ].join(' ');
  // Type-only exports are not in `api`: a block names the types it uses in its own imports.
  return `${head}\n${code}\nexport {};\n`;
}

describe('code blocks in README.md and docs/*.md type-check', () => {
  const all = blocks();

  it('there are blocks to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it('each block compiles (strict, module nodenext)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imapwire-docs-'));
    try {
      const names = all.map((b, i) => {
        const name = join(dir, `${b.file.replace(/[/.]/g, '_')}_${i}.mts`);
        writeFileSync(name, wrap(b.code));
        return name;
      });
      const program = ts.createProgram(names, {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.asynciterable.d.ts'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        paths: { imapwire: [join(ROOT, 'src', 'index.ts')], 'imapwire/*': [join(ROOT, 'src', '*', 'index.ts')] },
      });
      const problems: string[] = [];
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const at = d.file === undefined ? -1 : names.indexOf(d.file.fileName);
        const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        if (at < 0) {
          problems.push(`${d.file?.fileName ?? '(global)'}: ${msg}`);
          continue;
        }
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        problems.push(`${all[at].file}:${all[at].line + line - 1}: ${msg}`);
      }
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
