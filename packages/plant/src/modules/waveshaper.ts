/**
 * Waveshapers with a `drive` (input gain) and a `bias` (asymmetry; the output's static offset
 * at zero input is removed so bias adds even harmonics, not DC):
 * - `tanh`: tanh(z);
 * - `soft`: cubic soft clip 1.5z − 0.5z³ on [−1, 1], ±1 outside (continuous slope);
 * - `hard`: a smooth hard clip z / (1 + |z|^p)^(1/p) with p = {@link HARD_CLIP_SHARPNESS}, ≈ clamp(z, −1, 1) with nonzero gradients everywhere;
 *
 * where z = drive·x + bias, and y = shape(z) − shape(bias).
 *
 * @example
 * ```ts
 * const node = { id: 'shape', type: 'waveshaper', options: { shape: 'tanh' }, params: { drive: 2, bias: 0 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** Exponent p of the smooth hard clip. */
export const HARD_CLIP_SHARPNESS = 8;

/** Input gain before the curve. */
export const DRIVE = defineParameter({
  name: 'drive',
  unit: 'gain',
  min: 0.1,
  max: 20,
  default: 1,
  mapping: { kind: 'log' },
  description: 'Input gain before the curve.',
});

/** Offset added before the curve (asymmetry). */
export const BIAS = defineParameter({
  name: 'bias',
  unit: 'none',
  min: -1,
  max: 1,
  default: 0,
  mapping: { kind: 'linear' },
  description: 'Offset before the curve; makes the shaping asymmetric.',
});

/** Shapes of {@link waveshaperModule}. */
export const SHAPES = ['tanh', 'soft', 'hard'] as const;

function shape<S>(ops: SignalOps<S>, kind: string, z: S): S {
  if (kind === 'soft') {
    const c = ops.clamp(z, -1, 1);
    return ops.sub(ops.mul(c, ops.constant(1.5)), ops.mul(ops.pow(c, 3), ops.constant(0.5)));
  }
  if (kind === 'hard') {
    const p = HARD_CLIP_SHARPNESS;
    return ops.div(z, ops.pow(ops.add(ops.constant(1), ops.pow(ops.abs(z), p)), 1 / p));
  }
  return ops.tanh(z);
}

/** The waveshaper module (`waveshaper`). */
export const waveshaperModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'waveshaper',
  description: 'tanh / soft-clip / smooth hard-clip waveshaper with drive and bias.',
  inputs: ['in'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: Object.freeze({ shape: 'tanh' }),
  choices: Object.freeze({ shape: SHAPES }),
  parameters: () => [DRIVE, BIAS],
  render<S>(ops: SignalOps<S>, { inputs, params, options }: ModuleArgs<S>) {
    const kind = options['shape'] as string;
    const bias = params['bias']!;
    const z = ops.add(ops.mul(inputs['in']!, params['drive']!), bias);
    return { out: ops.sub(shape(ops, kind, z), shape(ops, kind, bias)) };
  },
});
