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
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, makeFloat32, readFloat32 } from './backend-access';

/** Kernel name: input `{increment}` `[batch, samples]`, output the wrapped phase. */
export const ACCUMULATE_KERNEL = 'AeAccumulate';

/** Writes the wrapped exclusive running sum of each row of `increment` into `out`. */
export function accumulateForward(
  increment: ArrayLike<number>,
  batch: number,
  samples: number,
  out: Float32Array | Float64Array,
): void {
  for (let b = 0; b < batch; b++) {
    let acc = 0;
    for (let n = 0; n < samples; n++) {
      const i = b * samples + n;
      out[i] = acc;
      acc += increment[i]!;
      acc -= Math.floor(acc);
    }
  }
}

const kernel: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs['increment'] as tf.TensorInfo;
  const [batch, samples] = x.shape as [number, number];
  const out = new Float32Array(batch * samples);
  accumulateForward(readFloat32(backend, x), batch, samples, out);
  return makeFloat32(backend, [batch, samples], out);
};

let registered = false;

/** Registers `AeAccumulate` (cpu) and its gradient, once. */
export function ensureAccumulateKernel(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(ACCUMULATE_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: ACCUMULATE_KERNEL, backendName: 'cpu', kernelFunc: kernel });
  }
  if (tf.getGradient(ACCUMULATE_KERNEL) == null) {
    tf.registerGradient({
      kernelName: ACCUMULATE_KERNEL,
      gradFunc: (dys) => {
        const dy = (Array.isArray(dys) ? dys[0]! : dys) as tf.Tensor2D;
        return { increment: () => tf.cumsum(dy, 1, true, true) };
      },
    });
  }
}

/** Wrapped exclusive phase accumulation of `[batch, samples]` increments (cycles per sample). */
export function accumulate(increment: tf.Tensor2D): tf.Tensor2D {
  if (increment.rank !== 2)
    throw new Error(`accumulate: increment must be [batch, samples], got rank ${increment.rank}`);
  ensureAccumulateKernel();
  if (hasKernel(ACCUMULATE_KERNEL))
    return tf.engine().runKernel(ACCUMULATE_KERNEL, { increment }) as tf.Tensor2D;
  return accumulateComposite(increment);
}

/** The composite path: a wrapped parallel prefix sum with tfjs ops (floor has a zero gradient). */
export function accumulateComposite(increment: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = increment.shape;
    const wrap = (x: tf.Tensor2D): tf.Tensor2D => tf.sub(x, tf.floor(x));
    let x = wrap(tf.concat([tf.zeros([batch, 1]), tf.slice(increment, [0, 0], [batch, samples - 1])], 1));
    for (let d = 1; d < samples; d *= 2) {
      x = wrap(tf.add(x, tf.concat([tf.zeros([batch, d]), tf.slice(x, [0, 0], [batch, samples - d])], 1)));
    }
    return x;
  });
}
