/**
 * The ladder's per-sample coefficients as one fused point-wise function of cutoff (Hz) and
 * q = k^(1/4): the numerator gain g = w⁴/((1+w)⁴ + q⁴w⁴) and the two second-order
 * denominators (a₁, a₂) of the pole pairs c = w·q·e^{±jπ/4} and w·q·e^{±j3π/4}, with
 * w = tan(π·fc/fs), α = 1 + w, β = w − 1 and poles z = (β − c)/(c − α):
 * a₁ = −2·(num·den − ci²)/(den² + ci²), a₂ = (num² + ci²)/(den² + ci²), num = β − cr, den = cr − α.
 *
 * @example
 * ```ts
 * const [gain, a11, a12, a21, a22] = ops.pointwise(ladderCoefficients(16000), [cutoffHz, q]);
 * ```
 * @module
 */
import type { PointwiseFunction } from '../signal/pointwise';
import type { SignalOps } from '../signal/signal-ops';

const ANGLES = [Math.PI / 4, (3 * Math.PI) / 4] as const;
const COS = ANGLES.map(Math.cos);
const SIN = ANGLES.map(Math.sin);

function compose<S>(ops: SignalOps<S>, sampleRate: number, cutoffHz: S, q: S): S[] {
  const w = ops.tan(ops.mul(cutoffHz, ops.constant(Math.PI / sampleRate)));
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

/** The fused coefficient function at `sampleRate` Hz: inputs [cutoffHz, q], outputs [g, a₁₁, a₁₂, a₂₁, a₂₂]. */
export function ladderCoefficients(sampleRate: number): PointwiseFunction {
  const scale = Math.PI / sampleRate;
  return {
    name: 'ladderCoefficients',
    inputs: 2,
    outputs: 5,
    compose: <S>(ops: SignalOps<S>, [fc, q]: readonly S[]) => compose(ops, sampleRate, fc!, q!),
    evaluate([fc, qs], [g, a11, a12, a21, a22], jac, size) {
      const out = [a11!, a12!, a21!, a22!];
      for (let e = 0; e < size; e++) {
        const q = qs![e]!;
        const w = Math.tan(fc![e]! * scale);
        const dwdf = (1 + w * w) * scale;
        const w2 = w * w;
        const w3 = w2 * w;
        const w4 = w2 * w2;
        const q3 = q * q * q;
        const q4 = q3 * q;
        const alpha = 1 + w;
        const a3 = alpha * alpha * alpha;
        const en = a3 * alpha + q4 * w4;
        const dEdw = 4 * a3 + 4 * q4 * w3;
        g![e] = w4 / en;
        jac[0]![e] = ((4 * w3 * en - w4 * dEdw) / (en * en)) * dwdf;
        jac[1]![e] = (-w4 * 4 * q3 * w4) / (en * en);
        for (let s = 0; s < 2; s++) {
          const c = COS[s]!;
          const sn = SIN[s]!;
          const s2 = sn * sn;
          const cr = w * q * c;
          const ci = w * q * sn;
          const ci2 = ci * ci;
          const num = w - 1 - cr;
          const den = cr - alpha;
          const norm = den * den + ci2;
          const norm2 = norm * norm;
          const p = num * den - ci2;
          const qq = num * num + ci2;
          out[2 * s]![e] = (-2 * p) / norm;
          out[2 * s + 1]![e] = qq / norm;
          // with respect to w (chained to the cutoff), then q
          let dNum = 1 - q * c;
          let dDen = q * c - 1;
          let dCi2 = 2 * w * q * q * s2;
          let dP = dNum * den + num * dDen - dCi2;
          let dNorm = 2 * den * dDen + dCi2;
          let dQ = 2 * num * dNum + dCi2;
          jac[(1 + 2 * s) * 2]![e] = ((-2 * (dP * norm - p * dNorm)) / norm2) * dwdf;
          jac[(2 + 2 * s) * 2]![e] = ((dQ * norm - qq * dNorm) / norm2) * dwdf;
          dNum = -w * c;
          dDen = w * c;
          dCi2 = 2 * q * w * w * s2;
          dP = dNum * den + num * dDen - dCi2;
          dNorm = 2 * den * dDen + dCi2;
          dQ = 2 * num * dNum + dCi2;
          jac[(1 + 2 * s) * 2 + 1]![e] = (-2 * (dP * norm - p * dNorm)) / norm2;
          jac[(2 + 2 * s) * 2 + 1]![e] = (dQ * norm - qq * dNorm) / norm2;
        }
      }
    },
  };
}
