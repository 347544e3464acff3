import { defineConfig, type Options } from 'tsup';

/**
 * The one build every package shares: ESM + CJS + d.ts from the given entry points.
 * Peer and regular dependencies stay external, except tfjs-core's stock gradient
 * registrations (via the private `@ae-ddsp/tfjs-gradients`), which plain Node cannot load
 * from tfjs-core's ESM files and which are therefore bundled in, and the private kernel
 * registration helpers (`@ae-ddsp/kernel-registry`), bundled into each package with kernels.
 */
export function libraryBuild(entry: Record<string, string> = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    noExternal: [/^@ae-ddsp\/(tfjs-gradients|kernel-registry)$/, /^@tensorflow\/tfjs-core\/dist\//],
    ...extra,
  });
}
