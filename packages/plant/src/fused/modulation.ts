/**
 * The two modulation formulas of the plant fused for the fused engine, one loop forward
 * and one backward each, with every input read through broadcast strides (a per-patch constant
 * is neither copied to audio length nor given a Jacobian array; its gradient is summed in a
 * local):
 * - amplitude modulation (the VCA): y = x·gain·(1 − amount + amount·control);
 * - octave modulation (filter cutoffs): y = clamp(base·2^(amount·control), 1, maxHz), the
 *   clamp passing the gradient inside and on its bounds, as tfjs's does. Its forward pass
 *   keeps the factor 2^(amount·control) so the backward pass needs no second exponential, and
 *   along a straight control (an envelope's segment) takes it as a geometric sequence.
 *
 * @example
 * ```ts
 * const constant = (v: number) => ({ values: Float64Array.of(v), rowStride: 0, colStride: 0 });
 * amplitudeModulationForward([audio, constant(0.8), constant(1), envelope], 1, 16000, y);
 * ```
 * @module
 */
import type { GradientTargets, Strided } from './fused-loops';

/** Changes of amount·control between exact exponentials in the octave modulation's forward pass. */
const EXP_ANCHOR_SAMPLES = 32;

/** Largest deviation (octaves) from the current step that the octave modulation's recurrence absorbs. */
const MAX_OCTAVE_STEP_DEVIATION = 1e-9;

/** Adds a row's local gradient sum to `target` when the input is constant along time (else it was scattered already). */
function finishRow(target: Float64Array | undefined, input: Strided, row: number, sum: number): void {
  if (target && input.colStride === 0) target[row * input.rowStride] = target[row * input.rowStride]! + sum;
}

// Each loop below first copies its inputs' `values` and `colStride` into locals, and starts its
// row's read positions the same way: reading them through the inputs instead (8 to 10 lines
// fewer per function) measured +1.0 % instructions per render + gradient of `subtractive` on the
// fused engine (callgrind, `node bench/plant-instructions.mjs --preset subtractive`).

/** y = x·gain·(1 − amount + amount·control) over `[batch, samples]`, inputs [x, gain, amount, control]. */
export function amplitudeModulationForward(
  [x, gain, amount, control]: readonly [Strided, Strided, Strided, Strided],
  batch: number,
  samples: number,
  y: Float64Array,
): void {
  const xV = x.values;
  const xC = x.colStride;
  const gainV = gain.values;
  const gainC = gain.colStride;
  const amountV = amount.values;
  const amountC = amount.colStride;
  const controlV = control.values;
  const controlC = control.colStride;
  for (let b = 0; b < batch; b++) {
    let ix = b * x.rowStride;
    let ig = b * gain.rowStride;
    let ia = b * amount.rowStride;
    let ic = b * control.rowStride;
    const row = b * samples;
    if (xC === 1 && gainC === 0 && amountC === 0 && controlC === 1) {
      // the usual shapes (audio, constant gain and amount, an envelope): y = x·(c₀ + c₁·control)
      const a = amountV[ia]!;
      const c0 = gainV[ig]! * (1 - a);
      const c1 = gainV[ig]! * a;
      for (let n = 0; n < samples; n++) y[row + n] = xV[ix + n]! * (c0 + c1 * controlV[ic + n]!);
      continue;
    }
    for (let n = 0; n < samples; n++) {
      const a = amountV[ia]!;
      y[row + n] = xV[ix]! * gainV[ig]! * (1 - a + a * controlV[ic]!);
      ix += xC;
      ig += gainC;
      ia += amountC;
      ic += controlC;
    }
  }
}

/** Adds the gradients of Σ g·y to `grads` (x, gain, amount, control). */
export function amplitudeModulationBackward(
  g: Float64Array,
  inputs: readonly [Strided, Strided, Strided, Strided],
  batch: number,
  samples: number,
  grads: GradientTargets,
): void {
  const [x, gain, amount, control] = inputs;
  const [gX, gGain, gAmount, gControl] = grads;
  const xV = x.values;
  const xC = x.colStride;
  const gainV = gain.values;
  const gainC = gain.colStride;
  const amountV = amount.values;
  const amountC = amount.colStride;
  const controlV = control.values;
  const controlC = control.colStride;
  for (let b = 0; b < batch; b++) {
    let ix = b * x.rowStride;
    let ig = b * gain.rowStride;
    let ia = b * amount.rowStride;
    let ic = b * control.rowStride;
    let sX = 0;
    let sGain = 0;
    let sAmount = 0;
    let sControl = 0;
    const row = b * samples;
    if (xC === 1 && gainC === 0 && amountC === 0 && controlC === 1 && gX && gGain && gAmount && gControl) {
      // the VCA's usual shapes (audio in, constant gain and amount, an envelope): one tight loop
      const gv = gainV[ig]!;
      const a = amountV[ia]!;
      for (let n = 0; n < samples; n++) {
        const gn = g[row + n]!;
        const xv = xV[ix + n]!;
        const c = controlV[ic + n]!;
        const depth = 1 - a + a * c;
        const amplified = gn * xv * gv;
        gX[ix + n] = gX[ix + n]! + gn * gv * depth;
        sGain += gn * xv * depth;
        sAmount += amplified * (c - 1);
        gControl[ic + n] = gControl[ic + n]! + amplified * a;
      }
      gGain[ig] = gGain[ig]! + sGain;
      gAmount[ia] = gAmount[ia]! + sAmount;
      continue;
    }
    for (let n = 0; n < samples; n++) {
      const gn = g[row + n]!;
      const xv = xV[ix]!;
      const gv = gainV[ig]!;
      const a = amountV[ia]!;
      const c = controlV[ic]!;
      const depth = 1 - a + a * c;
      const amplified = gn * xv * gv;
      if (gX) {
        if (xC === 0) sX += gn * gv * depth;
        else gX[ix] = gX[ix]! + gn * gv * depth;
      }
      if (gGain) {
        if (gainC === 0) sGain += gn * xv * depth;
        else gGain[ig] = gGain[ig]! + gn * xv * depth;
      }
      if (gAmount) {
        if (amountC === 0) sAmount += amplified * (c - 1);
        else gAmount[ia] = gAmount[ia]! + amplified * (c - 1);
      }
      if (gControl) {
        if (controlC === 0) sControl += amplified * a;
        else gControl[ic] = gControl[ic]! + amplified * a;
      }
      ix += xC;
      ig += gainC;
      ia += amountC;
      ic += controlC;
    }
    finishRow(gX, x, b, sX);
    finishRow(gGain, gain, b, sGain);
    finishRow(gAmount, amount, b, sAmount);
    finishRow(gControl, control, b, sControl);
  }
}

/**
 * y = clamp(base·2^(amount·control), 1, maxHz) over `[batch, samples]`, inputs [base, amount,
 * control]; also writes 2^(amount·control) into `factor` for the backward pass.
 */
export function octaveModulationForward(
  [base, amount, control]: readonly [Strided, Strided, Strided],
  maxHz: number,
  batch: number,
  samples: number,
  y: Float64Array,
  factor: Float64Array,
): void {
  const baseV = base.values;
  const baseC = base.colStride;
  const amountV = amount.values;
  const amountC = amount.colStride;
  const controlV = control.values;
  const controlC = control.colStride;
  for (let b = 0; b < batch; b++) {
    let ib = b * base.rowStride;
    let ia = b * amount.rowStride;
    let ic = b * control.rowStride;
    const row = b * samples;
    // 2^(amount·control) changes only when amount·control does, and along a straight line
    // (an envelope's segment) by the same ratio 2^δ each sample: then k is the previous k times
    // 2^δ, corrected to first order for the step's rounding-level deviation ε from δ (error
    // (ε·ln 2)²/2), with an exact exponential every EXP_ANCHOR_SAMPLES changes.
    let octaves = Number.NaN;
    let k = 0;
    let step = Number.NaN; // δ (none yet)
    let ratio = 1; // 2^δ
    let sinceAnchor = EXP_ANCHOR_SAMPLES;
    for (let n = 0; n < samples; n++) {
      const o = amountV[ia]! * controlV[ic]!;
      if (o !== octaves) {
        const d = o - octaves;
        const deviation = d - step;
        if (sinceAnchor < EXP_ANCHOR_SAMPLES && Math.abs(deviation) <= MAX_OCTAVE_STEP_DEVIATION) {
          k *= ratio * (1 + deviation * Math.LN2);
          sinceAnchor++;
        } else {
          k = Math.exp(o * Math.LN2);
          sinceAnchor = 1;
          if (!(Math.abs(deviation) <= MAX_OCTAVE_STEP_DEVIATION) && Number.isFinite(d)) {
            step = d;
            ratio = Math.exp(d * Math.LN2);
          }
        }
        octaves = o;
      }
      const f = baseV[ib]! * k;
      factor[row + n] = k;
      y[row + n] = f < 1 ? 1 : Math.min(f, maxHz);
      ib += baseC;
      ia += amountC;
      ic += controlC;
    }
  }
}

/** Adds the gradients of Σ g·y to `grads` (base, amount, control), with the forward pass's factors. */
export function octaveModulationBackward(
  g: Float64Array,
  inputs: readonly [Strided, Strided, Strided],
  maxHz: number,
  batch: number,
  samples: number,
  factor: Float64Array,
  grads: GradientTargets,
): void {
  const [base, amount, control] = inputs;
  const [gBase, gAmount, gControl] = grads;
  const baseV = base.values;
  const baseC = base.colStride;
  const amountV = amount.values;
  const amountC = amount.colStride;
  const controlV = control.values;
  const controlC = control.colStride;
  for (let b = 0; b < batch; b++) {
    let ib = b * base.rowStride;
    let ia = b * amount.rowStride;
    let ic = b * control.rowStride;
    let sBase = 0;
    let sAmount = 0;
    let sControl = 0;
    const row = b * samples;
    if (baseC === 0 && amountC === 0 && controlC === 1 && gBase && gAmount && gControl) {
      // the usual shapes (constant cutoff and amount, an envelope): one tight loop
      const base0 = baseV[ib]!;
      const lnAmount = Math.LN2 * amountV[ia]!;
      for (let n = 0; n < samples; n++) {
        const k = factor[row + n]!;
        const f = base0 * k;
        const gn = f >= 1 && f <= maxHz ? g[row + n]! : 0;
        const gf = gn * f;
        sBase += gn * k;
        sAmount += gf * Math.LN2 * controlV[ic + n]!;
        gControl[ic + n] = gControl[ic + n]! + gf * lnAmount;
      }
      gBase[ib] = gBase[ib]! + sBase;
      gAmount[ia] = gAmount[ia]! + sAmount;
      continue;
    }
    for (let n = 0; n < samples; n++) {
      const k = factor[row + n]!;
      const f = baseV[ib]! * k;
      // inside the clamp: ∂f/∂base = 2^(amount·control), ∂f/∂amount = f·ln2·control, ∂f/∂control = f·ln2·amount
      const gn = f >= 1 && f <= maxHz ? g[row + n]! : 0;
      const gf = gn * f;
      if (gBase) {
        if (baseC === 0) sBase += gn * k;
        else gBase[ib] = gBase[ib]! + gn * k;
      }
      if (gAmount) {
        const v = gf * Math.LN2 * controlV[ic]!;
        if (amountC === 0) sAmount += v;
        else gAmount[ia] = gAmount[ia]! + v;
      }
      if (gControl) {
        const v = gf * Math.LN2 * amountV[ia]!;
        if (controlC === 0) sControl += v;
        else gControl[ic] = gControl[ic]! + v;
      }
      ib += baseC;
      ia += amountC;
      ic += controlC;
    }
    finishRow(gBase, base, b, sBase);
    finishRow(gAmount, amount, b, sAmount);
    finishRow(gControl, control, b, sControl);
  }
}
