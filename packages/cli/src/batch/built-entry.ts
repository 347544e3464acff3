/**
 * Where the built entry points that run in other threads and processes live
 * (`dist/pool-thread.js`, `dist/queue-processor.js`): beside the running bundle, or, when
 * running from source (tests), in the package's `dist/`.
 * @module
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built entry `name` (e.g. `pool-thread.js`); throws when it is not built. */
export function builtEntry(name: string): string {
  const candidates = [new URL(`./${name}`, import.meta.url), new URL(`../../dist/${name}`, import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `${name} is missing beside ${fileURLToPath(import.meta.url)}: build @ae-ddsp/cli first ('npx turbo run build')`,
  );
}
