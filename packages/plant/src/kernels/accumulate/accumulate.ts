/**
 * Phase accumulation: φ[n] = frac(Σ_{m<n} increment[m]) in cycles (an exclusive running sum
 * wrapped to [0, 1)). On `cpu` the `AeAccumulate` kernel sums in float64, so a phase stays
 * exact over long renders; elsewhere a parallel (Hillis–Steele) scan of float32 additions
 * that wraps to [0, 1) after every step, so the error grows with log₂ N, not N. The gradient
 * (wrapping subtracts integers) is the exclusive reverse running sum of the upstream gradient.
 *
 * @example
 * ```ts
 * const phase = accumulate(tf.div(frequencyHz, sampleRate)); // cycles, [batch, samples]
 * ```
 * @module
 */
import { hasKernel } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ACCUMULATE_KERNEL } from '../kernel-names';
import { accumulateComposite } from './accumulate-composite';
import { ensureAccumulateKernel } from './accumulate-kernels';

/** Wrapped exclusive phase accumulation of `[batch, samples]` increments (cycles per sample). */
export function accumulate(increment: tf.Tensor2D): tf.Tensor2D {
  if (increment.rank !== 2)
    throw new Error(`accumulate: increment must be [batch, samples], got rank ${increment.rank}`);
  ensureAccumulateKernel();
  if (hasKernel(ACCUMULATE_KERNEL))
    return tf.engine().runKernel(ACCUMULATE_KERNEL, { increment }) as tf.Tensor2D;
  return accumulateComposite(increment);
}
