/**
 * The ladder's per-sample coefficients composed of signal operations, for engines without a
 * fused ladder (`SignalOps.ladder`; the fused engine has one in `fused/ladder.ts`, the tfjs
 * engine composes these), with the same formulas as the fused kernel. With w = tan(π·fc/fs),
 * the analog poles c = w·q·e^{±jψ} (ψ = π/4, 3π/4) map to z = (1 − w·μ)/(1 + w·μ),
 * μ = 1 − q·e^{jψ}, so each second-order denominator is, with D = 1 + 2w·Re μ + w²·|μ|²,
 * a₁ = (2w²·|μ|² − 2)/D and a₂ = (1 − 2w·Re μ + w²·|μ|²)/D, and the numerator gain is
 * g = w⁴/(D₁·D₂) (which equals w⁴/((1+w)⁴ + q⁴w⁴)).
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
  const w2 = ops.mul(w, w);
  const one = ops.constant(1);
  const two = ops.constant(2);
  let gain = ops.mul(w2, w2);
  const sections: S[] = [];
  for (const angle of ANGLES) {
    const cos = ops.constant(Math.cos(angle));
    const re = ops.sub(one, ops.mul(q, cos)); // Re μ
    const m = ops.add(ops.sub(one, ops.mul(ops.mul(two, q), cos)), ops.mul(q, q)); // |μ|²
    const w2m = ops.mul(w2, m);
    const twoWRe = ops.mul(ops.mul(two, w), re);
    const d = ops.add(ops.add(one, twoWRe), w2m);
    sections.push(ops.div(ops.sub(ops.mul(two, w2m), two), d));
    sections.push(ops.div(ops.add(ops.sub(one, twoWRe), w2m), d));
    gain = ops.div(gain, d);
  }
  return [gain, ...sections];
}
