/**
 * The forward sum of {@link harmonic} on plain arrays (Chebyshev recurrences over the
 * partials in float64, O(samples · partials below Nyquist)). Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * harmonicForward(phase, frequency, amplitudes, { batch: 1, samples: 16000, partials: 8, amplitudeRows: 1, sampleRate: 16000 }, y);
 * ```
 * @module
 */
import { fullCount, HARMONIC_FADE, type HarmonicShape, lastCount } from './harmonic-taper';

/** Continues one sample's sum from partial `k` (sin values `cur`, `prev` at k, k − 1). */
function finishSum(
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  cur: number,
  prev: number,
  c2: number,
  f: number,
  full: number,
  last: number,
  nyquist: number,
  fade: number,
): number {
  let acc = 0;
  for (; k <= full; k++) {
    acc += amplitudes[ampBase + k - 1]! * cur;
    const next = c2 * cur - prev;
    prev = cur;
    cur = next;
  }
  for (; k <= last; k++) {
    const u = (nyquist - k * f) / fade;
    acc += amplitudes[ampBase + k - 1]! * u * u * (3 - 2 * u) * cur;
    const next = c2 * cur - prev;
    prev = cur;
    cur = next;
  }
  return acc;
}

/**
 * Writes y (see module docs); phase and frequency are `[batch, samples]`, amplitudes
 * `[amplitudeRows, partials]`. Two samples run their recurrences side by side (independent
 * dependency chains) over the partials both pass fully.
 */
export function harmonicForward(
  phase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  amplitudes: ArrayLike<number>,
  shape: HarmonicShape,
  y: Float32Array | Float64Array,
): void {
  const { batch, samples, partials, amplitudeRows, sampleRate } = shape;
  const nyquist = sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  for (let b = 0; b < batch; b++) {
    const ampBase = amplitudeRows === 1 ? 0 : b * partials;
    for (let n = 0; n < samples; n += 2) {
      const i0 = b * samples + n;
      const pair = n + 1 < samples;
      const i1 = pair ? i0 + 1 : i0;
      const f0 = Math.abs(frequency[i0]!);
      const f1 = Math.abs(frequency[i1]!);
      const full0 = fullCount(f0, nyquist, fade, partials);
      const full1 = fullCount(f1, nyquist, fade, partials);
      const theta0 = 2 * Math.PI * phase[i0]!;
      const theta1 = 2 * Math.PI * phase[i1]!;
      const c20 = 2 * Math.cos(theta0);
      const c21 = 2 * Math.cos(theta1);
      let prev0 = 0;
      let cur0 = Math.sin(theta0);
      let prev1 = 0;
      let cur1 = Math.sin(theta1);
      let acc0 = 0;
      let acc1 = 0;
      const common = Math.min(full0, full1);
      let k = 1;
      for (; k <= common; k++) {
        const a = amplitudes[ampBase + k - 1]!;
        acc0 += a * cur0;
        acc1 += a * cur1;
        const next0 = c20 * cur0 - prev0;
        const next1 = c21 * cur1 - prev1;
        prev0 = cur0;
        cur0 = next0;
        prev1 = cur1;
        cur1 = next1;
      }
      y[i0] =
        acc0 +
        finishSum(
          amplitudes,
          ampBase,
          k,
          cur0,
          prev0,
          c20,
          f0,
          full0,
          lastCount(f0, nyquist, partials),
          nyquist,
          fade,
        );
      if (pair) {
        y[i1] =
          acc1 +
          finishSum(
            amplitudes,
            ampBase,
            k,
            cur1,
            prev1,
            c21,
            f1,
            full1,
            lastCount(f1, nyquist, partials),
            nyquist,
            fade,
          );
      }
    }
  }
}
