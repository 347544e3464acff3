/**
 * The AE-DDSP seed scaffold's toy synth, reproduced exactly for like-for-like comparisons:
 * `seed-sine` is sin(2π·frequency·t) on the seed's time axis t = linspace(0, n/sr, n)
 * (so t[i] = i·(n/sr)/(n − 1), not i/sr), and `seed-shaper` is
 * tanh(cutoff/2000 · x)·(1 − res).
 *
 * @example
 * ```ts
 * const patch = seedStubPatch(); // seed-sine → seed-shaper
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { FREQUENCY } from './common-parameters';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** The seed's `cutoff`, Hz (it only scales the tanh drive: cutoff / 2000). */
export const SEED_CUTOFF = defineParameter({
  name: 'cutoff',
  unit: 'Hz',
  min: 20,
  max: 8000,
  default: 2000,
  mapping: { kind: 'log' },
  description: 'The seed toy synth drive: tanh(cutoff/2000 · x).',
});

/** The seed's `res`: output scale (1 − res). */
export const SEED_RES = defineParameter({
  name: 'res',
  unit: 'level',
  min: 0,
  max: 1,
  default: 0.5,
  mapping: { kind: 'linear' },
  description: 'The seed toy synth output scale 1 − res.',
});

/**
 * torch.linspace(0, total/sampleRate, total) from index `first` on, `count` values (the whole
 * axis by default; a block of it when a long render streams).
 */
export function seedTimes(total: number, sampleRate: number, first = 0, count = total): Float32Array {
  const t = new Float32Array(count);
  const end = total / sampleRate;
  for (let k = 0; k < count; k++) {
    const i = first + k;
    t[k] = total === 1 ? 0 : (i * end) / (total - 1);
  }
  return t;
}

/** The seed scaffold's sine (`seed-sine`). */
export const seedSineModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'seed-sine',
  description: "The seed scaffold's sine: sin(2π·frequency·t), t = linspace(0, n/sr, n).",
  inputs: [],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({}),
  parameters: () => [FREQUENCY],
  render<S>(ops: SignalOps<S>, { params }: ModuleArgs<S>) {
    const t = ops.curve(seedTimes(ops.totalSamples, ops.sampleRate, ops.firstSample, ops.samples), 1);
    return { out: ops.sin(ops.mul(ops.mul(params['frequency']!, ops.constant(2 * Math.PI)), t)) };
  },
});

/** The seed scaffold's "fake filter" (`seed-shaper`). */
export const seedShaperModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'seed-shaper',
  description: "The seed scaffold's fake filter: tanh(cutoff/2000 · x)·(1 − res).",
  inputs: ['in'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: Object.freeze({}),
  parameters: () => [SEED_CUTOFF, SEED_RES],
  render<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>) {
    const drive = ops.div(params['cutoff']!, ops.constant(2000));
    return {
      out: ops.mul(ops.tanh(ops.mul(drive, inputs['in']!)), ops.sub(ops.constant(1), params['res']!)),
    };
  },
});
