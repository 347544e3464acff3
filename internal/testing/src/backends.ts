import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/**
 * The backends every kernel test suite runs against:
 * - `cpu`: tfjs-backend-cpu, where our own kernels are registered;
 * - `wasm`: tfjs-backend-wasm, which has none of our kernels, so the composite
 *   (tfjs-ops) fallback path runs there, exactly as it would on webgl.
 */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** One of {@link BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

/** Switch tfjs to `name` and wait until it is ready. */
export async function useBackend(name: BackendName): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`could not initialise tfjs backend "${name}"`);
  await tf.ready();
}

export { tf };
