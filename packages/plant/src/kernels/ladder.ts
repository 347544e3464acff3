/**
 * The ladder filter of {@link ladderFilter} fused into one forward and one backward loop for
 * the float64 tape engine: per sample, the coefficients of `ladderCoefficients` (gain and two
 * second-order sections from w = tan(π·fc/fs) and q), the FIR (1 + z⁻¹)⁴, the gain and both
 * recursions; backwards in time, the two adjoint recursions (as in `AeAllPole`), the FIR's
 * transpose and the coefficients' derivatives, recomputed from the stored w instead of kept as
 * ten Jacobian arrays. The forward values are computed with the same expressions, in the same
 * order, as the unfused composition, so both give the same audio.
 *
 * @example
 * ```ts
 * ladderForward(x, fc, 1, 1, q, 0, 0, 1, 16000, 16000, w, y0, y1, y); // batch 1, q a scalar
 * ```
 * @module
 */

const C0 = Math.cos(Math.PI / 4);
const S0 = Math.sin(Math.PI / 4);
const C1 = Math.cos((3 * Math.PI) / 4);
const S1 = Math.sin((3 * Math.PI) / 4);

/**
 * Runs the ladder forward. `x` is `[batch, samples]`; cutoff (Hz) and q are read through
 * strides (element (b, n) at `b·rowStride + n·colStride`). Writes w = tan(π·fc/fs), the FIR
 * output `y0`, the first section's output `y1` and the output `y` (all `[batch, samples]`).
 */
export function ladderForward(
  x: ArrayLike<number>,
  cutoff: ArrayLike<number>,
  cutoffRowStride: number,
  cutoffColStride: number,
  q: ArrayLike<number>,
  qRowStride: number,
  qColStride: number,
  batch: number,
  samples: number,
  sampleRate: number,
  w: Float64Array,
  y0: Float64Array,
  y1: Float64Array,
  y: Float64Array,
): void {
  const scale = Math.PI / sampleRate;
  for (let b = 0; b < batch; b++) {
    const row = b * samples;
    let x1 = 0;
    let x2 = 0;
    let x3 = 0;
    let x4 = 0;
    let u1 = 0;
    let u2 = 0;
    let v1 = 0;
    let v2 = 0;
    let fAt = b * cutoffRowStride;
    let qAt = b * qRowStride;
    for (let n = 0; n < samples; n++, fAt += cutoffColStride, qAt += qColStride) {
      const i = row + n;
      const qn = q[qAt]!;
      const wn = Math.tan(cutoff[fAt]! * scale);
      w[i] = wn;
      // gain and sections, as ladderCoefficients composes them
      const w2 = wn * wn;
      const w4 = w2 * w2;
      const q3 = qn * qn * qn;
      const q4 = q3 * qn;
      const alpha = 1 + wn;
      const a3 = alpha * alpha * alpha;
      const en = a3 * alpha + q4 * w4;
      const gain = w4 / en;
      let cr = wn * qn * C0;
      let ci = wn * qn * S0;
      let ci2 = ci * ci;
      let num = wn - 1 - cr;
      let den = cr - alpha;
      let norm = den * den + ci2;
      const a11 = (-2 * (num * den - ci2)) / norm;
      const a12 = (num * num + ci2) / norm;
      cr = wn * qn * C1;
      ci = wn * qn * S1;
      ci2 = ci * ci;
      num = wn - 1 - cr;
      den = cr - alpha;
      norm = den * den + ci2;
      const a21 = (-2 * (num * den - ci2)) / norm;
      const a22 = (num * num + ci2) / norm;
      // FIR taps [1, 4, 6, 4, 1] (the earlier inputs are 0 before the start)
      const xn = x[i]!;
      const f = 0 + 1 * xn + 4 * x1 + 6 * x2 + 4 * x3 + 1 * x4;
      x4 = x3;
      x3 = x2;
      x2 = x1;
      x1 = xn;
      y0[i] = f;
      const u = f * gain - a11 * u1 - a12 * u2;
      u2 = u1;
      u1 = u;
      y1[i] = u;
      const v = u - a21 * v1 - a22 * v2;
      v2 = v1;
      v1 = v;
      y[i] = v;
    }
  }
}

/** Gradient targets of {@link ladderBackward}: each may be undefined when not needed. */
export interface LadderGradients {
  /** ∂L/∂x, `[batch, samples]`, accumulated. */
  readonly x: Float64Array | undefined;
  /** ∂L/∂cutoff, accumulated through the cutoff's strides (summed where it is broadcast). */
  readonly cutoff: Float64Array | undefined;
  /** ∂L/∂q, accumulated through q's strides. */
  readonly q: Float64Array | undefined;
}

/**
 * The exact reverse pass of {@link ladderForward} for upstream gradient `dy`: the adjoint
 * recursions g[n] = d[n] − a₁[n+1]·g[n+1] − a₂[n+2]·g[n+2] of both sections, the FIR's
 * transpose, and the chain through the coefficients to w, the cutoff and q.
 */
export function ladderBackward(
  dy: ArrayLike<number>,
  cutoffRowStride: number,
  cutoffColStride: number,
  q: ArrayLike<number>,
  qRowStride: number,
  qColStride: number,
  batch: number,
  samples: number,
  sampleRate: number,
  w: Float64Array,
  y0: Float64Array,
  y1: Float64Array,
  y: Float64Array,
  grads: LadderGradients,
): void {
  const scale = Math.PI / sampleRate;
  const gx = grads.x;
  const gf = grads.cutoff;
  const gq = grads.q;
  const s2a = S0 * S0;
  const s2b = S1 * S1;
  for (let b = 0; b < batch; b++) {
    const row = b * samples;
    // adjoints at n + 1 and n + 2, the coefficients they multiply, and the FIR input adjoints
    let g21 = 0;
    let g22 = 0;
    let g11 = 0;
    let g12 = 0;
    let a11n = 0; // a₁₁[n + 1]
    let a21n = 0;
    let a12n = 0; // a₁₂[n + 1], becomes a₁₂[n + 2]
    let a22n = 0;
    let a12nn = 0; // a₁₂[n + 2]
    let a22nn = 0;
    let d1 = 0; // ȳ0[n + 1] … ȳ0[n + 4]
    let d2 = 0;
    let d3 = 0;
    let d4 = 0;
    let fSum = 0;
    let qSum = 0;
    const fRow = b * cutoffRowStride;
    const qRow = b * qRowStride;
    for (let n = samples - 1; n >= 0; n--) {
      const i = row + n;
      const qn = q[qRow + n * qColStride]!;
      const wn = w[i]!;
      // the coefficients again, with their partial derivatives in w and q
      const w2 = wn * wn;
      const w3 = w2 * wn;
      const w4 = w2 * w2;
      const q3 = qn * qn * qn;
      const q4 = q3 * qn;
      const alpha = 1 + wn;
      const a3 = alpha * alpha * alpha;
      const en = a3 * alpha + q4 * w4;
      // reciprocals instead of divisions (the coefficients agree with the forward pass's to rounding)
      const ien = 1 / en;
      const gain = w4 * ien;
      const gainW = (4 * w3 - gain * (4 * a3 + 4 * q4 * w3)) * ien;
      const gainQ = -gain * 4 * q3 * w4 * ien;
      // section 1 (angle π/4)
      let cr = wn * qn * C0;
      let ci = wn * qn * S0;
      let ci2 = ci * ci;
      let num = wn - 1 - cr;
      let den = cr - alpha;
      let norm = den * den + ci2;
      let p = num * den - ci2;
      let qq = num * num + ci2;
      let inv = 1 / norm;
      const a11 = -2 * p * inv;
      const a12 = qq * inv;
      let dNum = 1 - qn * C0;
      let dDen = qn * C0 - 1;
      let dCi2 = 2 * wn * qn * qn * s2a;
      let dNorm = 2 * den * dDen + dCi2;
      const a11W = (-2 * (dNum * den + num * dDen - dCi2) - a11 * dNorm) * inv;
      const a12W = (2 * num * dNum + dCi2 - a12 * dNorm) * inv;
      dNum = -wn * C0;
      dDen = wn * C0;
      dCi2 = 2 * qn * wn * wn * s2a;
      dNorm = 2 * den * dDen + dCi2;
      const a11Q = (-2 * (dNum * den + num * dDen - dCi2) - a11 * dNorm) * inv;
      const a12Q = (2 * num * dNum + dCi2 - a12 * dNorm) * inv;
      // section 2 (angle 3π/4)
      cr = wn * qn * C1;
      ci = wn * qn * S1;
      ci2 = ci * ci;
      num = wn - 1 - cr;
      den = cr - alpha;
      norm = den * den + ci2;
      p = num * den - ci2;
      qq = num * num + ci2;
      inv = 1 / norm;
      const a21 = -2 * p * inv;
      const a22 = qq * inv;
      dNum = 1 - qn * C1;
      dDen = qn * C1 - 1;
      dCi2 = 2 * wn * qn * qn * s2b;
      dNorm = 2 * den * dDen + dCi2;
      const a21W = (-2 * (dNum * den + num * dDen - dCi2) - a21 * dNorm) * inv;
      const a22W = (2 * num * dNum + dCi2 - a22 * dNorm) * inv;
      dNum = -wn * C1;
      dDen = wn * C1;
      dCi2 = 2 * qn * wn * wn * s2b;
      dNorm = 2 * den * dDen + dCi2;
      const a21Q = (-2 * (dNum * den + num * dDen - dCi2) - a21 * dNorm) * inv;
      const a22Q = (2 * num * dNum + dCi2 - a22 * dNorm) * inv;
      // section 2 adjoint
      const g2 = dy[i]! - a21n * g21 - a22nn * g22;
      const b21 = n >= 1 ? -g2 * y[i - 1]! : 0;
      const b22 = n >= 2 ? -g2 * y[i - 2]! : 0;
      // section 1 adjoint (its output feeds section 2 only)
      const g1 = g2 - a11n * g11 - a12nn * g12;
      const b11 = n >= 1 ? -g1 * y1[i - 1]! : 0;
      const b12 = n >= 2 ? -g1 * y1[i - 2]! : 0;
      // gain and FIR
      const bGain = g1 * y0[i]!;
      const d0 = g1 * gain;
      if (gx) {
        let acc = d0;
        if (n + 1 < samples) acc += 4 * d1;
        if (n + 2 < samples) acc += 6 * d2;
        if (n + 3 < samples) acc += 4 * d3;
        if (n + 4 < samples) acc += d4;
        gx[i] = gx[i]! + acc;
      }
      d4 = d3;
      d3 = d2;
      d2 = d1;
      d1 = d0;
      // chain to w (then the cutoff) and q
      if (gf) {
        const bw = bGain * gainW + b11 * a11W + b12 * a12W + b21 * a21W + b22 * a22W;
        const bf = bw * (1 + wn * wn) * scale;
        if (cutoffColStride === 0) fSum += bf;
        else {
          const at = fRow + n * cutoffColStride;
          gf[at] = gf[at]! + bf;
        }
      }
      if (gq) {
        const bq = bGain * gainQ + b11 * a11Q + b12 * a12Q + b21 * a21Q + b22 * a22Q;
        if (qColStride === 0) qSum += bq;
        else {
          const at = qRow + n * qColStride;
          gq[at] = gq[at]! + bq;
        }
      }
      // shift the windows: n becomes n + 1
      g22 = g21;
      g21 = g2;
      g12 = g11;
      g11 = g1;
      a12nn = a12n;
      a22nn = a22n;
      a11n = a11;
      a12n = a12;
      a21n = a21;
      a22n = a22;
    }
    if (gf && cutoffColStride === 0) gf[fRow] = gf[fRow]! + fSum;
    if (gq && qColStride === 0) gq[qRow] = gq[qRow]! + qSum;
  }
}
