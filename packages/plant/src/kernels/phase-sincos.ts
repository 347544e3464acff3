/**
 * sin 2πφ and cos 2πφ of a phase signal φ (cycles) for the harmonic kernel, at a fraction of
 * the cost of two `Math.sin` / `Math.cos` calls per sample. An oscillator's phase mostly
 * advances by the same step δ every sample, so each sample's pair is the previous pair rotated
 * by 2π·δ (four products), then corrected to first order for the step's rounding-level
 * deviation ε from δ (the correction's error is (2π·ε)²/2 ≤ 1e-19). Exact `Math.sin` /
 * `Math.cos` values restart the rotation every {@link ANCHOR_SAMPLES} samples and wherever
 * the step changes by more than {@link MAX_STEP_DEVIATION} cycles (frequency modulation,
 * a phase jump), so the values stay within about 1e-14 of the direct ones for any phase.
 *
 * @example
 * ```ts
 * phaseSinCos(phase, 0, 16000, sin, cos); // sin[n] ≈ Math.sin(2π·phase[n]), cos[n] ≈ Math.cos(2π·phase[n])
 * ```
 * @module
 */

/** Samples between exact evaluations (the rotation's rounding grows by about 1e-16 per sample). */
export const ANCHOR_SAMPLES = 32;

/** Largest step deviation (cycles) the first-order correction absorbs; larger ones re-anchor. */
export const MAX_STEP_DEVIATION = 1e-9;

/** Writes sin 2π·phase[n] and cos 2π·phase[n] for n in [start, start + samples) into `sin` and `cos` at the same indices. */
export function phaseSinCos(
  phase: ArrayLike<number>,
  start: number,
  samples: number,
  sin: Float64Array,
  cos: Float64Array,
): void {
  const twoPi = 2 * Math.PI;
  const end = start + samples;
  let step = Number.NaN; // the rotation's step δ, cycles (none yet)
  let rotSin = 0;
  let rotCos = 1;
  let s = 0;
  let c = 1;
  let sinceAnchor = ANCHOR_SAMPLES;
  let previous = phase[start]!;
  for (let i = start; i < end; i++) {
    const current = phase[i]!;
    let d = current - previous;
    d -= Math.round(d); // the step modulo whole cycles
    previous = current;
    const deviation = d - step;
    if (sinceAnchor < ANCHOR_SAMPLES && Math.abs(deviation) <= MAX_STEP_DEVIATION) {
      // rotate by 2π·δ, then by 2π·ε to first order
      const rs = s * rotCos + c * rotSin;
      const rc = c * rotCos - s * rotSin;
      const e = twoPi * deviation;
      s = rs + e * rc;
      c = rc - e * rs;
      sinceAnchor++;
    } else {
      const sPrev = s;
      const cPrev = c;
      s = Math.sin(twoPi * current);
      c = Math.cos(twoPi * current);
      sinceAnchor = 1;
      if (i > start && !(Math.abs(deviation) <= MAX_STEP_DEVIATION)) {
        // a new step: the rotation from the previous sample to this one, sin/cos of the difference
        step = d;
        rotSin = s * cPrev - c * sPrev;
        rotCos = c * cPrev + s * sPrev;
      }
    }
    sin[i] = s;
    cos[i] = c;
  }
}
