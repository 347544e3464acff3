/**
 * Time-varying all-pole filter y[n] = x[n] − Σ_{k=1..M} a_k[n]·y[n−k] (zero initial state),
 * differentiable in `x` and in every coefficient at every sample. On the `cpu` backend it is
 * our `AeAllPole` kernel, whose gradient is the exact adjoint recursion run backwards in
 * time (as torchlpc does): g[n] = dy[n] − Σ_k a_k[n+k]·g[n+k], ∂x = g, ∂a_k[n] = −g[n]·y[n−k].
 * Elsewhere it is a composite of tfjs ops: a parallel (Hillis–Steele) scan over the
 * companion-matrix affine maps, exact too, in ⌈log₂ N⌉ batched matrix products.
 *
 * @example
 * ```ts
 * const y = allPole(x, a); // x [batch, samples], a [batch, samples, order]
 * ```
 * @module
 */
import { hasKernel } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ALL_POLE_KERNEL } from '../kernel-names';
import { allPoleComposite } from './all-pole-composite';
import { ensureAllPoleKernels } from './all-pole-kernels';

/**
 * The time-varying all-pole filter on whatever backend is active: `x` `[batch, samples]`,
 * coefficients `a` `[batch, samples, order]` (a_1..a_M per sample, a_0 = 1 implied).
 */
export function allPole(x: tf.Tensor2D, a: tf.Tensor3D): tf.Tensor2D {
  if (x.rank !== 2) throw new Error(`allPole: x must be [batch, samples], got rank ${x.rank}`);
  if (a.rank !== 3 || a.shape[0] !== x.shape[0] || a.shape[1] !== x.shape[1] || a.shape[2] < 1) {
    throw new Error(
      `allPole: a must be [${x.shape[0]}, ${x.shape[1]}, order ≥ 1], got [${a.shape.join(', ')}]`,
    );
  }
  ensureAllPoleKernels();
  if (hasKernel(ALL_POLE_KERNEL)) return tf.engine().runKernel(ALL_POLE_KERNEL, { x, a }) as tf.Tensor2D;
  return allPoleComposite(x, a);
}
