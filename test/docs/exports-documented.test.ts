/**
 * Every symbol the package exports (each entry point of package.json
 * `exports`) has a TSDoc comment with an `@example`. (`npm run docs`
 * checks the same with typedoc's validation, members included.)
 */
import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { entryPoints, ROOT } from '../browser/bundle.js';

function undocumented(files: string[]): Record<string, string[]> {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out: Record<string, string[]> = {};
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`cannot read ${file}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${file} is not a module`);
    const missing: string[] = [];
    for (const exp of checker.getExportsOfModule(moduleSymbol)) {
      const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      const decls = target.getDeclarations() ?? [];
      const hasExample = decls.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example') || hasExampleOnStatement(d));
      const hasDoc = target.getDocumentationComment(checker).length > 0;
      if (!hasDoc) missing.push(`${exp.name}: no doc comment`);
      else if (!hasExample) missing.push(`${exp.name}: no @example`);
    }
    out[file.slice(ROOT.length + 1)] = missing;
  }
  return out;
}

/** A `const` export keeps its comment on the variable statement. */
function hasExampleOnStatement(d: ts.Declaration): boolean {
  const stmt = ts.isVariableDeclaration(d) ? d.parent.parent : undefined;
  return stmt !== undefined && ts.getJSDocTags(stmt).some((t) => t.tagName.text === 'example');
}

describe('exported symbols are documented', () => {
  const files = Object.values(entryPoints());

  it('each export of each entry point has a doc comment with an @example', () => {
    const result = undocumented(files);
    for (const [file, missing] of Object.entries(result)) expect(missing, file).toEqual([]);
  }, 60_000);

  it('the check sees an undocumented export', () => {
    const fixture = `${ROOT}/test/docs/fixtures/undocumented.ts`;
    expect(undocumented([fixture])['test/docs/fixtures/undocumented.ts'].sort()).toEqual(['bare: no doc comment', 'noExample: no @example']);
  }, 60_000);
});
