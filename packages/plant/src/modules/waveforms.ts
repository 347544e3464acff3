/**
 * Fourier-series partial amplitudes of the band-limited waveforms, for the additive
 * oscillator: sawtooth 2φ − 1, triangle (peak 1 at φ = ¼) and the building block of pulses.
 * In float64, so that the fused engine sums the exact series (the tensor engine rounds them to
 * float32).
 *
 * @example
 * ```ts
 * const saw = sawtoothPartials(64); // amplitudes of sin(2πkφ), k = 1..64
 * ```
 * @module
 */

/** Rising sawtooth 2·frac(φ) − 1 = −(2/π) Σ sin(2πkφ)/k. */
export function sawtoothPartials(count: number): Float64Array {
  const a = new Float64Array(count);
  for (let k = 1; k <= count; k++) a[k - 1] = -2 / (Math.PI * k);
  return a;
}

/** Triangle with value 0 at φ = 0 and 1 at φ = ¼: (8/π²) Σ_{k odd} (−1)^((k−1)/2) sin(2πkφ)/k². */
export function trianglePartials(count: number): Float64Array {
  const a = new Float64Array(count);
  for (let k = 1; k <= count; k += 2)
    a[k - 1] = ((((k - 1) / 2) % 2 === 0 ? 1 : -1) * 8) / (Math.PI * Math.PI * k * k);
  return a;
}
