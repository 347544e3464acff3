import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const rootDir = fileURLToPath(new URL('./', import.meta.url));
const packagesDir = `${rootDir}packages/`;

/**
 * Per-package vitest project. Imports of `@ae-ddsp/<name>` and `@ae-ddsp/<name>/<sub>`
 * resolve to the sibling package's TypeScript source, so tests never need a build.
 */
export function packageProject(name: string) {
  return defineProject({
    resolve: {
      alias: [
        { find: /^@ae-ddsp\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/$2/index.ts` },
        { find: /^@ae-ddsp\/testing$/, replacement: `${rootDir}internal/testing/src/index.ts` },
        { find: /^@ae-ddsp\/tfjs-gradients$/, replacement: `${rootDir}internal/tfjs-gradients/src/index.ts` },
        {
          find: /^@ae-ddsp\/kernel-registry$/,
          replacement: `${rootDir}internal/kernel-registry/src/index.ts`,
        },
        { find: /^@ae-ddsp\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      ],
    },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      // Numerical reference tests (float64 DFTs, central differences) take seconds each when
      // the projects run side by side on two cores: 30 s per test instead of vitest's 5 s.
      testTimeout: 30_000,
    },
  });
}
