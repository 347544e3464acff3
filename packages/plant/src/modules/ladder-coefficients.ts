/**
 * The ladder's per-sample coefficients composed of signal operations, for engines without a
 * fused ladder (`SignalOps.ladder`; the tape engine has one in `kernels/ladder.ts`, the tfjs
 * engine composes these): the numerator gain g = w⁴/((1+w)⁴ + q⁴w⁴) and the two second-order
 * denominators (a₁, a₂) of the pole pairs c = w·q·e^{±jπ/4} and w·q·e^{±j3π/4}, with
 * w = tan(π·fc/fs), α = 1 + w, β = w − 1 and poles z = (β − c)/(c − α):
 * a₁ = −2·(num·den − ci²)/(den² + ci²), a₂ = (num² + ci²)/(den² + ci²), num = β − cr, den = cr − α.
 *
 * @example
 * ```ts
 * const [gain, a11, a12, a21, a22] = ladderCoefficients(ops, cutoffHz, q);
 * ```
 * @module
 */
import type { SignalOps } from '../signal/signal-ops';

const ANGLES = [Math.PI / 4, (3 * Math.PI) / 4] as const;

/** [g, a₁₁, a₁₂, a₂₁, a₂₂] of cutoff `cutoffHz` (Hz) and `q` = k^(1/4), as signals of `ops`. */
export function ladderCoefficients<S>(ops: SignalOps<S>, cutoffHz: S, q: S): S[] {
  const w = ops.tan(ops.mul(cutoffHz, ops.constant(Math.PI / ops.sampleRate)));
  const alpha = ops.add(w, ops.constant(1));
  const beta = ops.sub(w, ops.constant(1));
  const wq = ops.mul(w, q);
  const w4 = ops.pow(w, 4);
  const out = [ops.div(w4, ops.add(ops.pow(alpha, 4), ops.mul(ops.pow(q, 4), w4)))];
  for (const angle of ANGLES) {
    const cr = ops.mul(wq, ops.constant(Math.cos(angle)));
    const ci2 = ops.pow(ops.mul(wq, ops.constant(Math.sin(angle))), 2);
    const num = ops.sub(beta, cr);
    const den = ops.sub(cr, alpha);
    const norm = ops.add(ops.pow(den, 2), ci2);
    out.push(ops.div(ops.mul(ops.sub(ops.mul(num, den), ci2), ops.constant(-2)), norm));
    out.push(ops.div(ops.add(ops.pow(num, 2), ci2), norm));
  }
  return out;
}
