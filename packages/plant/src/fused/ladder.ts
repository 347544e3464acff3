/**
 * The ladder filter of {@link ladderFilter} fused into one forward and one backward loop for
 * the fused engine: per sample, the coefficients of `ladderCoefficients` (gain and two
 * second-order sections from w = tan(π·fc/fs) and q), the FIR (1 + z⁻¹)⁴, the gain and both
 * recursions; backwards in time, the two adjoint recursions (as in `AeAllPole`), the FIR's
 * transpose and the coefficients' derivatives, recomputed from the stored w instead of kept as
 * ten Jacobian arrays.
 *
 * Each section's pole is p = (1 − w·μ)/(1 + w·μ) with μ = 1 − q·e^{jψ} (ψ = π/4, 3π/4), so with
 * D = |1 + w·μ|² = 1 + 2w·Re μ + w²·|μ|²: a₁ = −2·Re p = (2w²·|μ|² − 2)/D,
 * a₂ = |p|² = (1 − 2w·Re μ + w²·|μ|²)/D = 1 − 4w·Re μ/D, and the gain is g = w⁴/(D₁·D₂)
 * (D₁·D₂ = (1+w)⁴ + q⁴w⁴); one division, 1/(D₁·D₂), gives both 1/D. While the cutoff moves in
 * small steps (an envelope's sweep), w comes from the previous w by the tangent's addition
 * formula, with an exact `Math.tan` every {@link TAN_ANCHOR_SAMPLES} changes.
 *
 * @example
 * ```ts
 * ladderForward(x, fc, 1, 1, q, 0, 0, 1, 16000, 16000, w, y0, y1, y); // batch 1, q a scalar
 * ```
 * @module
 */

/** cos ψ of the two sections' pole angles ψ = π/4 and 3π/4. */
const COS_A = Math.cos(Math.PI / 4);
const COS_B = Math.cos((3 * Math.PI) / 4);

/** Tangents between exact `Math.tan` calls while the cutoff moves in small steps. */
const TAN_ANCHOR_SAMPLES = 32;

/**
 * Largest change of π·fc/fs (radians) taken by the tangent's addition formula; its series for
 * tan h, to h⁷, is then exact to rounding (the next term is below 1e-25·h).
 */
const MAX_TAN_STEP = 1e-3;

/**
 * One row's state carried between blocks by {@link ladderForward}: the FIR's and both
 * sections' delays, and the coefficients with the tangent's anchor.
 */
export interface LadderState {
  x1: number;
  x2: number;
  x3: number;
  x4: number;
  u1: number;
  u2: number;
  v1: number;
  v2: number;
  qLast: number;
  fcLast: number;
  rA: number;
  mA: number;
  rB: number;
  mB: number;
  wn: number;
  a11: number;
  a12: number;
  a21: number;
  a22: number;
  gain: number;
  angleLast: number;
  sinceAnchor: number;
}

/**
 * Runs the ladder forward. `x` is `[batch, samples]`; cutoff (Hz) and q are read through
 * strides (element (b, n) at `b·rowStride + n·colStride`). Writes w = tan(π·fc/fs), the FIR
 * output `y0`, the first section's output `y1` and the output `y` (all `[batch, samples]`).
 * With `state` (one entry per row, empty at the sound's start), each row starts from its entry
 * and leaves its end state there, so consecutive blocks render the same filter as one long call.
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
  state?: (LadderState | undefined)[],
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
    // the coefficients are recomputed only when the cutoff or q changes (an envelope holds
    // still through its sustain and after its release, a constant cutoff throughout)
    let qLast = Number.NaN;
    let fcLast = Number.NaN;
    let rA = 0;
    let mA = 0;
    let rB = 0;
    let mB = 0;
    let wn = 0;
    let a11 = 0;
    let a12 = 0;
    let a21 = 0;
    let a22 = 0;
    let gain = 0;
    let angleLast = Number.NaN; // π·fc/fs of the last tangent
    let sinceAnchor = TAN_ANCHOR_SAMPLES;
    const saved = state?.[b];
    if (saved) {
      // a block of a streamed render: continue from where the previous block stopped
      ({ x1, x2, x3, x4, u1, u2, v1, v2, qLast, fcLast, rA, mA, rB, mB, wn, a11, a12, a21, a22, gain } =
        saved);
      ({ angleLast, sinceAnchor } = saved);
    }
    for (let n = 0; n < samples; n++, fAt += cutoffColStride, qAt += qColStride) {
      const i = row + n;
      const qn = q[qAt]!;
      const fc = cutoff[fAt]!;
      if (qn !== qLast) {
        // Re μ and |μ|² of both sections
        qLast = qn;
        fcLast = Number.NaN;
        rA = 1 - qn * COS_A;
        mA = 1 - 2 * qn * COS_A + qn * qn;
        rB = 1 - qn * COS_B;
        mB = 1 - 2 * qn * COS_B + qn * qn;
      }
      if (fc !== fcLast) {
        const angle = fc * scale;
        const h = angle - angleLast;
        if (sinceAnchor < TAN_ANCHOR_SAMPLES && Math.abs(h) <= MAX_TAN_STEP) {
          // tan (a + h) = (tan a + tan h)/(1 − tan a·tan h), tan h by its series
          const h2 = h * h;
          const t = h * (1 + h2 * (1 / 3 + h2 * (2 / 15 + h2 * (17 / 315))));
          wn = (wn + t) / (1 - wn * t);
          sinceAnchor++;
        } else {
          wn = Math.tan(angle);
          sinceAnchor = 1;
        }
        fcLast = fc;
        angleLast = angle;
        const w2 = wn * wn;
        const dA = 1 + 2 * wn * rA + w2 * mA;
        const dB = 1 + 2 * wn * rB + w2 * mB;
        const both = 1 / (dA * dB);
        const iA = dB * both;
        const iB = dA * both;
        a11 = (2 * w2 * mA - 2) * iA;
        a12 = 1 - 4 * wn * rA * iA; // (D − 4w·Re μ)/D
        a21 = (2 * w2 * mB - 2) * iB;
        a22 = 1 - 4 * wn * rB * iB;
        gain = w2 * w2 * both;
      }
      w[i] = wn;
      // FIR taps [1, 4, 6, 4, 1] (the earlier inputs are 0 before the start)
      const xn = x[i]!;
      const f = xn + 4 * x1 + 6 * x2 + 4 * x3 + x4;
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
    if (state) {
      const end = { x1, x2, x3, x4, u1, u2, v1, v2, qLast, fcLast, rA, mA, rB, mB, wn, a11, a12, a21, a22 };
      state[b] = { ...end, gain, angleLast, sinceAnchor };
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
    // per (w, q): the coefficients and every factor of their derivatives, recomputed only when
    // w or q changes. The coefficient formulas repeat the forward pass's on purpose: computing
    // them in two shared functions (for q, and for w) into a scratch array measured +2.7 %
    // instructions per render + gradient of `subtractive` on the fused engine (callgrind,
    // `node bench/plant-instructions.mjs --preset subtractive`), as do the locals declared alike.
    let qLast = Number.NaN;
    let wLast = Number.NaN;
    let rA = 0;
    let mA = 0;
    let rB = 0;
    let mB = 0;
    let dmA = 0;
    let dmB = 0;
    let iA = 0;
    let iB = 0;
    let a11 = 0;
    let a12 = 0;
    let a21 = 0;
    let a22 = 0;
    let gain = 0;
    let chainW = 0; // dw/dfc
    let gainW = 0;
    let gainQ = 0;
    let dDwA = 0;
    let dDwB = 0;
    let dDqA = 0;
    let dDqB = 0;
    let nA1w = 0; // ∂/∂w of section A's numerators (a₁₁·D, a₁₂·D), then section B's, then ∂/∂q
    let nA2w = 0;
    let nB1w = 0;
    let nB2w = 0;
    let nA1q = 0;
    let nA2q = 0;
    let nB1q = 0;
    let nB2q = 0;
    // after the last nonzero dy (the silence after a note's release) every adjoint is 0
    let end = samples;
    while (end > 0 && dy[row + end - 1] === 0) end--;
    for (let n = end - 1; n >= 0; n--) {
      const i = row + n;
      const qn = q[qRow + n * qColStride]!;
      const wn = w[i]!;
      if (qn !== qLast) {
        qLast = qn;
        wLast = Number.NaN;
        rA = 1 - qn * COS_A;
        mA = 1 - 2 * qn * COS_A + qn * qn;
        rB = 1 - qn * COS_B;
        mB = 1 - 2 * qn * COS_B + qn * qn;
        dmA = 2 * qn - 2 * COS_A; // ∂|μ|²/∂q (and ∂Re μ/∂q = −cos ψ)
        dmB = 2 * qn - 2 * COS_B;
      }
      if (wn !== wLast) {
        wLast = wn;
        const w2 = wn * wn;
        const dA = 1 + 2 * wn * rA + w2 * mA;
        const dB = 1 + 2 * wn * rB + w2 * mB;
        const both = 1 / (dA * dB);
        iA = dB * both;
        iB = dA * both;
        a11 = (2 * w2 * mA - 2) * iA;
        a12 = 1 - 4 * wn * rA * iA;
        a21 = (2 * w2 * mB - 2) * iB;
        a22 = 1 - 4 * wn * rB * iB;
        gain = w2 * w2 * both;
        chainW = (1 + w2) * scale;
        // Each coefficient's gradient is −g·(its section's output delayed); per section, with
        // a = N/D: Σ −g·y_k·∂a_k = −g·(Σ y_k·∂N_k − ∂D·Σ y_k·a_k)/D, so the derivatives of the
        // numerators (∂/∂w: 4w|μ|², −2·Re μ + 2w|μ|²; ∂/∂q: 2w²·∂|μ|², 2w·cos ψ + w²·∂|μ|²) and
        // of D (∂/∂w: 2·Re μ + 2w|μ|²; ∂/∂q: −2w·cos ψ + w²·∂|μ|²) are all that is needed.
        dDwA = 2 * rA + 2 * wn * mA;
        dDwB = 2 * rB + 2 * wn * mB;
        dDqA = -2 * wn * COS_A + w2 * dmA;
        dDqB = -2 * wn * COS_B + w2 * dmB;
        gainW = 4 * w2 * wn * iA * iB - gain * (dDwA * iA + dDwB * iB);
        gainQ = -gain * (dDqA * iA + dDqB * iB);
        nA1w = 4 * wn * mA;
        nA2w = 2 * wn * mA - 2 * rA;
        nB1w = 4 * wn * mB;
        nB2w = 2 * wn * mB - 2 * rB;
        nA1q = 2 * w2 * dmA;
        nA2q = 2 * wn * COS_A + w2 * dmA;
        nB1q = 2 * w2 * dmB;
        nB2q = 2 * wn * COS_B + w2 * dmB;
      }
      // section 2 adjoint
      const g2 = dy[i]! - a21n * g21 - a22nn * g22;
      // section 1 adjoint (its output feeds section 2 only)
      const g1 = g2 - a11n * g11 - a12nn * g12;
      // gain and FIR
      const d0 = g1 * gain;
      // (d1 … d4 are 0 past the end, so the FIR's transpose needs no bounds)
      if (gx) gx[i] = gx[i]! + d0 + 4 * d1 + 6 * d2 + 4 * d3 + d4;
      d4 = d3;
      d3 = d2;
      d2 = d1;
      d1 = d0;
      if (gf || gq) {
        const yA1 = n >= 1 ? y1[i - 1]! : 0;
        const yA2 = n >= 2 ? y1[i - 2]! : 0;
        const yB1 = n >= 1 ? y[i - 1]! : 0;
        const yB2 = n >= 2 ? y[i - 2]! : 0;
        const pA = a11 * yA1 + a12 * yA2;
        const pB = a21 * yB1 + a22 * yB2;
        const sA = g1 * iA;
        const sB = g2 * iB;
        const bGain = g1 * y0[i]!;
        if (gf) {
          const bw =
            bGain * gainW -
            sA * (nA1w * yA1 + nA2w * yA2 - dDwA * pA) -
            sB * (nB1w * yB1 + nB2w * yB2 - dDwB * pB);
          const bf = bw * chainW;
          if (cutoffColStride === 0) fSum += bf;
          else {
            const at = fRow + n * cutoffColStride;
            gf[at] = gf[at]! + bf;
          }
        }
        if (gq) {
          const bq =
            bGain * gainQ -
            sA * (nA1q * yA1 + nA2q * yA2 - dDqA * pA) -
            sB * (nB1q * yB1 + nB2q * yB2 - dDqB * pB);
          if (qColStride === 0) qSum += bq;
          else {
            const at = qRow + n * qColStride;
            gq[at] = gq[at]! + bq;
          }
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
