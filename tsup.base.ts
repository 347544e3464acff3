import { defineConfig, type Options } from 'tsup';

/**
 * The one build every package shares: ESM + CJS + d.ts from the given entry points.
 * Peer and regular dependencies are kept external by tsup itself.
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
    ...extra,
  });
}
