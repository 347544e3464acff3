/**
 * The Nyquist taper of the additive oscillator: partial k is faded out by a smoothstep as
 * k·|f| approaches Nyquist (over the top {@link HARMONIC_FADE} of the band) and is exactly 0
 * at and above it. Shared by the cpu forward pass, its Jacobian, its backward pass and the
 * composite path.
 *
 * @example
 * ```ts
 * const full = fullCount(440, 8000, HARMONIC_FADE * 8000, 64); // partials with taper 1
 * ```
 * @module
 */

/** Width of the fade-out band below Nyquist, as a fraction of Nyquist. */
export const HARMONIC_FADE = 0.05;

/** Sizes and rate shared by the JS forward and backward passes. */
export interface HarmonicShape {
  /** Rows. */
  readonly batch: number;
  /** Samples per row. */
  readonly samples: number;
  /** Number of partial amplitudes K. */
  readonly partials: number;
  /** Rows of the amplitude table: 1 (shared) or `batch`. */
  readonly amplitudeRows: number;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
}

/** Number of partials with taper 1 (k·f ≤ Nyquist − fade) for |f| = `f`. */
export function fullCount(f: number, nyquist: number, fade: number, partials: number): number {
  if (f <= 0) return partials;
  return Math.max(0, Math.min(partials, Math.floor((nyquist - fade) / f)));
}

/** Number of partials with a nonzero taper (k·f < Nyquist) for |f| = `f`. */
export function lastCount(f: number, nyquist: number, partials: number): number {
  if (f <= 0) return partials;
  let last = Math.min(partials, Math.ceil(nyquist / f) - 1);
  while (last > 0 && nyquist - last * f <= 0) last--; // exactly at Nyquist: taper 0
  return last;
}
