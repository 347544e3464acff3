/**
 * Seeded white noise, uniform in [−1, 1) times `gain`; filter it with a `biquad` or `ladder`
 * node for coloured noise. Each patch in a batch gets its own stream (seed + row).
 *
 * @example
 * ```ts
 * const node = { id: 'n', type: 'noise', options: { seed: 7 }, params: { gain: 0.1 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition, ModuleOptions } from './module-definition';
import { whiteNoise } from './random';

/** Output gain of the noise source (linear). */
export const NOISE_GAIN = defineParameter({
  name: 'gain',
  unit: 'gain',
  min: 0,
  max: 1,
  default: 0.1,
  mapping: { kind: 'curve', curve: 2 },
  description: 'Noise amplitude.',
});

/** The noise module (`noise`). */
export const noiseModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'noise',
  description: 'Seeded white noise in [−1, 1) times gain.',
  inputs: [],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ seed: 1 }),
  validateOptions(options: ModuleOptions) {
    const seed = options['seed'];
    if (!(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
      throw new Error(`option "seed" must be an integer in [0, 2^32), got ${String(seed)}`);
    }
  },
  parameters: () => [NOISE_GAIN],
  render<S>(ops: SignalOps<S>, { params, options }: ModuleArgs<S>) {
    const seed = options['seed'] as number;
    const noise = ops.curve(whiteNoise(seed, ops.batch, ops.samples, ops.firstSample), ops.batch);
    return { out: ops.mul(noise, params['gain']!) };
  },
});
