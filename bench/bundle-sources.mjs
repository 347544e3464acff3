// Loads TypeScript sources of the workspace for a benchmark: bundles `contents` (an entry
// module's text) with esbuild, resolving @ae-ddsp/* to their src/ like the tests do, with one
// tfjs instance for everything. For benchmarks that reuse the test-support cases.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const sources = (name) =>
  ['testing', 'tfjs-gradients', 'kernel-registry'].includes(name)
    ? join(root, 'internal', name, 'src', 'index.ts')
    : join(root, 'packages', name, 'src', 'index.ts');

/** The bundled module of `contents` (paths relative to the repository root). */
export async function importSources(contents) {
  const out = mkdtempSync(join(here, '.bundle-'));
  try {
    const bundle = join(out, 'entry.cjs');
    await build({
      stdin: { contents, resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'error',
      plugins: [
        {
          name: 'workspace-sources',
          setup(b) {
            b.onResolve({ filter: /^@ae-ddsp\/[a-z-]+$/ }, (args) => ({ path: sources(args.path.slice(9)) }));
          },
        },
      ],
    });
    return createRequire(import.meta.url)(bundle);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
