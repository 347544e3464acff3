// Counts each package's public API: the names exported from packages/<name>/src/index.ts
// (and from src/<sub>/index.ts for each subpath export `./<sub>` in its package.json), without those whose declaration is tagged `@internal` (typedoc leaves those out too).
// Usage: node scripts/api-surface.mjs [--list]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const list = process.argv.includes('--list');

/** Whether the JSDoc of `declaration` (or of its variable statement) has an `@internal` tag. */
function isInternal(declaration) {
  const nodes = [declaration];
  if (ts.isVariableDeclaration(declaration)) nodes.push(declaration.parent.parent);
  return nodes.some((node) => ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal'));
}

let total = 0;
const entries = [];
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const folder = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  for (const key of Object.keys(manifest.exports ?? { '.': '' })) {
    if (key === './package.json') continue;
    const sub = key === '.' ? '' : key.slice(2);
    const index = join(folder, 'src', sub, 'index.ts');
    if (existsSync(index)) entries.push({ name: sub ? `${name}/${sub}` : name, index });
  }
}
for (const { name, index } of entries) {
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) continue;
  const publicNames = [];
  const internalNames = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const internal = (target.declarations ?? []).some(isInternal);
    (internal ? internalNames : publicNames).push(symbol.name);
  }
  total += publicNames.length;
  console.log(`${name}: ${publicNames.length} public, ${internalNames.length} @internal`);
  if (list)
    console.log(`  public: ${publicNames.sort().join(', ')}\n  internal: ${internalNames.sort().join(', ')}`);
}
console.log(`total: ${total} public`);
