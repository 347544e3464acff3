/**
 * Phase accumulation on plain arrays: the wrapped exclusive running sum of each row, summed
 * in float64 (the `AeAccumulate` kernel and the fused engine). Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * accumulateForward(increments, 1, 16000, phase); // phase[n] = frac(Σ_{m<n} increments[m])
 * ```
 * @module
 */

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
