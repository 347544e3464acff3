// Records the pinned trainer trajectories (src/test-support/trajectory-cases.ts) into
// test/fixtures/trajectories.json, on the cpu backend. Run it only when a trajectory is
// meant to change: `node packages/trainer/scripts/record-trajectories.mjs`. It bundles the
// TypeScript sources with esbuild, resolving @ae-ddsp/* to their src/ like the tests do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const sources = (name) =>
  ['testing', 'tfjs-gradients', 'kernel-registry'].includes(name)
    ? join(root, 'internal', name, 'src', 'index.ts')
    : join(root, 'packages', name, 'src', 'index.ts');

// Bundled (tfjs included, so there is one instance of it) next to this script.
const out = mkdtempSync(join(here, '.bundle-'));
const entry = join(here, '..', 'src', 'test-support', 'trajectory-cases.ts');
try {
  const bundle = join(out, 'cases.cjs');
  await build({
    stdin: {
      contents: [
        "import * as tf from '@tensorflow/tfjs-core';",
        "export { version_cpu } from '@tensorflow/tfjs-backend-cpu';",
        `import { recordTrajectories } from ${JSON.stringify(entry)};`,
        "export async function record() { await tf.setBackend('cpu'); return recordTrajectories(); }",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
    plugins: [
      {
        name: 'workspace-sources',
        setup(b) {
          b.onResolve({ filter: /^@ae-ddsp\/[a-z-]+$/ }, (args) => ({ path: sources(args.path.slice(9)) }));
        },
      },
    ],
  });
  const { record } = createRequire(import.meta.url)(bundle);
  const file = join(here, '..', 'test', 'fixtures', 'trajectories.json');
  // One step per line: a changed trajectory shows up as a readable diff.
  const cases = Object.entries(await record()).map(
    ([name, steps]) =>
      `${JSON.stringify(name)}: [\n${steps.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}\n]`,
  );
  writeFileSync(file, `{\n${cases.join(',\n')}\n}\n`);
  console.log(`wrote ${file}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
