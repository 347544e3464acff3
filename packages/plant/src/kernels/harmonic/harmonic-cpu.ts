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
import { CHAIN, pairedSums, startChain } from './harmonic-recurrence';
import { fullCount, HARMONIC_FADE, type HarmonicShape, lastCount } from './harmonic-taper';

/**
 * Σ A_k·taper_k·u_k over the partials from `k` on, continuing chain `s` of `chains` (see
 * {@link pairedSums}) at |frequency| `f`.
 */
function finishSum(
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  chains: Float64Array,
  s: number,
  f: number,
  shape: HarmonicShape,
): number {
  const nyquist = shape.sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  const full = fullCount(f, nyquist, fade, shape.partials);
  const last = lastCount(f, nyquist, shape.partials);
  let cur = chains[CHAIN * s]!;
  let prev = chains[CHAIN * s + 1]!;
  const c2 = chains[CHAIN * s + 2]!;
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

/** The two chains of a pair of samples. */
const chains = new Float64Array(2 * CHAIN);

/**
 * Writes y (see module docs); phase and frequency are `[batch, samples]`, amplitudes
 * `[amplitudeRows, partials]`. Two samples run their recurrences side by side
 * ({@link pairedSums}) over the partials both pass fully.
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
      const count = n + 1 < samples ? 2 : 1; // a lone last sample runs both chains alike
      let common = partials;
      for (let s = 0; s < 2; s++) {
        const i = i0 + Math.min(s, count - 1);
        common = Math.min(common, fullCount(Math.abs(frequency[i]!), nyquist, fade, partials));
        const theta = 2 * Math.PI * phase[i]!;
        startChain(chains, s, Math.sin(theta), 0, 2 * Math.cos(theta));
      }
      pairedSums(amplitudes, ampBase, common, chains);
      for (let s = 0; s < count; s++) {
        const i = i0 + s;
        y[i] =
          chains[CHAIN * s + 3]! +
          finishSum(amplitudes, ampBase, common + 1, chains, s, Math.abs(frequency[i]!), shape);
      }
    }
  }
}
