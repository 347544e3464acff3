/**
 * The fused render: a whole plant as one `AePlantRender` kernel on the `cpu` backend,
 * evaluated by the fused engine ({@link FusedOps}: float64 loops with a reverse-mode tape),
 * with an `AePlantRenderGrad` kernel that runs the tape backwards. One kernel call instead of
 * hundreds of small tfjs ops is what makes rendering and its gradient fast on the cpu
 * backend. {@link renderFused} and {@link gradientFused} run the same engine without tfjs;
 * they are also the reference the tests differentiate by finite differences.
 *
 * @example
 * ```ts
 * const audio = renderFused(plant, u, 1, 16000); // Float64Array, no tfjs involved
 * ```
 * @module
 */
import { hasKernel, tapeRecording } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { PLANT_RENDER_KERNEL } from '../kernels/kernel-names';
import { type FusedRenderable, recordFused } from './fused-recording';
import { ensureFusedRenderKernels, type FusedRenderAttrs } from './fused-render-kernels';

/** Renders in float64 without tfjs: `normalised` is `[batch, P]` row-major; returns `[batch, samples]`. */
export function renderFused(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
): Float64Array {
  return recordFused(plant, normalised, batch, samples).output.values;
}

/** The gradient of Σ dy·render(normalised) with respect to `normalised`, in float64. */
export function gradientFused(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
  dy: ArrayLike<number>,
): Float64Array {
  const rec = recordFused(plant, normalised, batch, samples);
  rec.ops.backward(rec.output, Float64Array.from(dy));
  return rec.input.grad ?? new Float64Array(batch * plant.parameterCount);
}

/** Whether the fused render kernel is available on the active backend. */
export function hasFusedKernel(): boolean {
  ensureFusedRenderKernels();
  return hasKernel(PLANT_RENDER_KERNEL);
}

/** Renders `plant` with the fused kernel (differentiable through tfjs). */
export function fusedRender(plant: FusedRenderable, normalised: tf.Tensor2D, samples: number): tf.Tensor2D {
  ensureFusedRenderKernels();
  const attrs: FusedRenderAttrs = { plant, samples, keep: tapeRecording() };
  return tf
    .engine()
    .runKernel(
      PLANT_RENDER_KERNEL,
      { parameters: normalised },
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor2D;
}
