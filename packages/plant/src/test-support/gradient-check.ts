import '@ae-ddsp/tfjs-gradients';
/**
 * Gradient checks of a plant: the float64 central finite difference of L(u) = Σ w·render(u)
 * in normalised space against (1) the fused engine's own reverse pass (float64, no tfjs),
 * (2) tfjs gradients through the fused render kernel (float32), (3) tfjs gradients through
 * the tensor engine on cpu (our kernels) and (4) on wasm (composite paths).
 * @module
 */
import { centralDifference, tf, useBackend } from '@ae-ddsp/testing';
import { gradientFused, renderFused } from '../fused/fused-render';
import type { Patch } from '../graph/patch';
import { SynthPlant } from '../plant/synth-plant';
import { uniformArray } from './random';

/** Worst error of each path relative to the largest finite-difference component. */
export interface GradientReport {
  /** Parameter names. */
  readonly names: readonly string[];
  /** The finite-difference gradient. */
  readonly reference: Float64Array;
  /** Worst |g − fd| / max|fd| per path. */
  readonly errors: Readonly<Record<'fused' | 'fusedKernel' | 'tensorCpu' | 'tensorWasm', number>>;
}

function worst(a: ArrayLike<number>, b: Float64Array): number {
  const scale = Math.max(...b.map(Math.abs), 1e-12);
  let e = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / scale;
    if (Number.isNaN(d)) return Number.NaN; // a NaN anywhere is the worst error
    if (d > e) e = d;
  }
  return e;
}

/** Checks every parameter of `patch` at normalised point `u` (default: the patch's values). */
export async function checkGradients(
  patch: Patch,
  sampleRate: number,
  samples: number,
  u?: ArrayLike<number>,
  step = 1e-6,
): Promise<GradientReport> {
  const plant = new SynthPlant(patch, { sampleRate });
  const point = Float64Array.from(u ?? plant.initialNormalised());
  const w = uniformArray(samples, 7);
  const loss = (p: Float64Array) => renderFused(plant, p, 1, samples).reduce((s, v, i) => s + v * w[i]!, 0);
  const reference = centralDifference(loss, point, step);
  const fusedFloat64 = gradientFused(plant, point, 1, samples, w);
  const wT = () => tf.tensor2d(Float32Array.from(w), [1, samples]);
  const viaTf = (p: SynthPlant) => {
    const x = tf.tensor2d(Float32Array.from(point), [1, point.length]);
    const weights = wT();
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(p.render(v as tf.Tensor2D, samples), weights)))(x);
    const values = g.dataSync().slice();
    tf.dispose([x, weights, g]);
    return values;
  };
  await useBackend('cpu');
  const fusedKernel = viaTf(plant);
  const tensorPlant = new SynthPlant(patch, { sampleRate, engine: 'tensor' });
  const tensorCpu = viaTf(tensorPlant);
  await useBackend('wasm');
  const tensorWasm = viaTf(tensorPlant);
  await useBackend('cpu');
  return {
    names: plant.parameterNames,
    reference,
    errors: {
      fused: worst(fusedFloat64, reference),
      fusedKernel: worst(fusedKernel, reference),
      tensorCpu: worst(tensorCpu, reference),
      tensorWasm: worst(tensorWasm, reference),
    },
  };
}
