/**
 * The forward sum of {@link harmonic} for a fixed partial table together with its per-sample
 * derivatives in phase and frequency (the fused engine's oscillator), so that its backward
 * pass is two products: per sample, or, at a constant frequency, as banks of time
 * recurrences. Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * harmonicForwardJacobian(phase, frequency, 0, 0, table, shape, y, jPhase, jFrequency);
 * ```
 * @module
 */
import { weightedAmplitudes } from './harmonic-recurrence';
import { fullCount, HARMONIC_FADE, type HarmonicShape, lastCount } from './harmonic-taper';

/**
 * The forward sum for a fixed partial table (amplitudes that need no gradient, such as a
 * waveform's) together with its per-sample derivatives, so that the backward pass is two
 * products: writes y (the same values as {@link harmonicForward}), jPhase = ∂y/∂φ (φ in
 * cycles) and jFrequency = ∂y/∂f (Hz; only the partials in the fade band depend on f).
 * `frequency` is read through strides: element (b, n) is
 * `frequency[b·frequencyRowStride + n·frequencyColStride]`, so a per-patch constant needs
 * no broadcast copy. A row at a constant frequency runs {@link constantFrequencyRow}; any
 * other row runs per sample ({@link perSampleJacobian}).
 */
export function harmonicForwardJacobian(
  phase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  frequencyRowStride: number,
  frequencyColStride: number,
  amplitudes: ArrayLike<number>,
  shape: HarmonicShape,
  y: Float32Array | Float64Array,
  jPhase: Float32Array | Float64Array,
  jFrequency: Float32Array | Float64Array,
): void {
  const { batch, samples, partials, amplitudeRows, sampleRate } = shape;
  const nyquist = sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  const weighted = weightedAmplitudes(amplitudes, amplitudeRows, partials);
  for (let b = 0; b < batch; b++) {
    const row: JacobianRow = {
      phase,
      frequency,
      frequencyAt: b * frequencyRowStride,
      frequencyStride: frequencyColStride,
      amplitudes,
      weighted,
      ampBase: amplitudeRows === 1 ? 0 : b * partials,
      partials,
      start: b * samples,
      nyquist,
      fade,
      y,
      jPhase,
      jFrequency,
    };
    if (frequencyColStride === 0) constantFrequencyRow(row, samples);
    else perSampleJacobian(row, 0, samples);
  }
}

/** One row of {@link harmonicForwardJacobian}: its inputs, where it starts, and the outputs. */
interface JacobianRow {
  readonly phase: ArrayLike<number>;
  readonly frequency: ArrayLike<number>;
  /** Index of the row's first frequency value, and the step between samples (0: constant). */
  readonly frequencyAt: number;
  readonly frequencyStride: number;
  readonly amplitudes: ArrayLike<number>;
  /** k·A_k for every amplitude. */
  readonly weighted: Float64Array;
  /** Index of the row's first amplitude. */
  readonly ampBase: number;
  readonly partials: number;
  /** Index of the row's first sample in phase and the outputs. */
  readonly start: number;
  readonly nyquist: number;
  readonly fade: number;
  readonly y: Float32Array | Float64Array;
  readonly jPhase: Float32Array | Float64Array;
  readonly jFrequency: Float32Array | Float64Array;
}

/** finishJacobian's three results. */
const finishScratch = new Float64Array(3);

/**
 * Samples [from, to) of a row, each from its own sin θ and cos θ: the sine and cosine
 * recurrences (both from 2·cos θ) run side by side, for two samples side by side.
 *
 * The four chains stay in one loop, written out, and the two samples' finishes are two calls:
 * running them as two `pairedSums` (harmonic-recurrence.ts) with the finishes in a loop measured
 * +3.9 % instructions per render + gradient of `fm` with triangle oscillators on the fused engine
 * (callgrind, `node bench/plant-instructions.mjs --preset fm --waveform triangle`).
 */
function perSampleJacobian(row: JacobianRow, from: number, to: number): void {
  const { phase, frequency, frequencyAt, frequencyStride, amplitudes, weighted, ampBase } = row;
  const { partials, start, nyquist, fade, y, jPhase, jFrequency } = row;
  const rest = finishScratch;
  const twoPi = 2 * Math.PI;
  for (let n = from; n < to; n += 2) {
    const i0 = start + n;
    const pair = n + 1 < to;
    const i1 = pair ? i0 + 1 : i0;
    const fs0 = frequency[frequencyAt + n * frequencyStride]!;
    const fs1 = frequency[frequencyAt + (pair ? n + 1 : n) * frequencyStride]!;
    const f0 = Math.abs(fs0);
    const f1 = Math.abs(fs1);
    const full0 = fullCount(f0, nyquist, fade, partials);
    const full1 = fullCount(f1, nyquist, fade, partials);
    const theta0 = twoPi * phase[i0]!;
    const theta1 = twoPi * phase[i1]!;
    const cos0 = Math.cos(theta0);
    const cos1 = Math.cos(theta1);
    const c20 = 2 * cos0;
    const c21 = 2 * cos1;
    let sPrev0 = 0;
    let sCur0 = Math.sin(theta0);
    let sPrev1 = 0;
    let sCur1 = Math.sin(theta1);
    let cPrev0 = 1;
    let cCur0 = cos0;
    let cPrev1 = 1;
    let cCur1 = cos1;
    let acc0 = 0;
    let acc1 = 0;
    let jp0 = 0;
    let jp1 = 0;
    const common = Math.min(full0, full1);
    let k = 1;
    for (; k <= common; k++) {
      const a = amplitudes[ampBase + k - 1]!;
      const w = weighted[ampBase + k - 1]!;
      acc0 += a * sCur0;
      acc1 += a * sCur1;
      jp0 += w * cCur0;
      jp1 += w * cCur1;
      const sNext0 = c20 * sCur0 - sPrev0;
      const sNext1 = c21 * sCur1 - sPrev1;
      const cNext0 = c20 * cCur0 - cPrev0;
      const cNext1 = c21 * cCur1 - cPrev1;
      sPrev0 = sCur0;
      sCur0 = sNext0;
      sPrev1 = sCur1;
      sCur1 = sNext1;
      cPrev0 = cCur0;
      cCur0 = cNext0;
      cPrev1 = cCur1;
      cCur1 = cNext1;
    }
    finishJacobian(
      weighted,
      amplitudes,
      ampBase,
      k,
      sCur0,
      sPrev0,
      cCur0,
      cPrev0,
      c20,
      f0,
      full0,
      lastCount(f0, nyquist, partials),
      nyquist,
      fade,
      rest,
    );
    y[i0] = acc0 + rest[0]!;
    jPhase[i0] = twoPi * (jp0 + rest[1]!);
    jFrequency[i0] = fs0 < 0 ? -rest[2]! : rest[2]!;
    if (pair) {
      finishJacobian(
        weighted,
        amplitudes,
        ampBase,
        k,
        sCur1,
        sPrev1,
        cCur1,
        cPrev1,
        c21,
        f1,
        full1,
        lastCount(f1, nyquist, partials),
        nyquist,
        fade,
        rest,
      );
      y[i1] = acc1 + rest[0]!;
      jPhase[i1] = twoPi * (jp1 + rest[1]!);
      jFrequency[i1] = fs1 < 0 ? -rest[2]! : rest[2]!;
    }
  }
}

/** Samples per block of the constant-frequency path (its working arrays stay in the L1 cache). */
const BLOCK = 256;

/**
 * Largest distance (cycles) of a block's phase from a straight line for the block to run as a
 * bank of sinusoids; a running phase stays within about 1e-14 of its line. The rounding-level
 * remainder is added to y to first order; ∂y/∂φ, left at the line, is then within about 1e-12
 * of its value at the phase itself.
 */
const LINEAR_PHASE_TOLERANCE = 2e-14;

/**
 * Smallest |sin θ| for which ∂y/∂φ is taken from the sine terms alone (dividing by sin θ);
 * below it (about 0.6 % of samples) ∂y/∂φ comes from the cosine recurrence instead.
 */
const SINE_ONLY_MIN = 1e-2;

/**
 * A bank of sinusoids sin (kθ₀ + k·i·Δ), i = 0, 1, …, each scaled by its weight, run by the
 * time recurrence u(i+2) = 2cos kΔ·u(i+1) − u(i): the first two values of each chain and its
 * coefficient, in groups of four (padded with silent chains).
 */
interface SineBank {
  /** Partial index (k − 1) and weight of each chain. */
  readonly partials: Int32Array;
  readonly weights: Float64Array;
  /** Per chain: weight·sin kθ₀, weight·sin k(θ₀ + Δ), 2cos kΔ. */
  readonly first: Float64Array;
  readonly second: Float64Array;
  readonly coefficient: Float64Array;
}

/** A bank of the partials [from, to) whose weights are above `floor` in magnitude. */
function sineBank(weights: Float64Array, from: number, to: number, floor: number): SineBank {
  const chosen: number[] = [];
  for (let k = from; k < to; k++) if (Math.abs(weights[k]!) > floor) chosen.push(k);
  const size = Math.ceil(chosen.length / 4) * 4;
  const bank = {
    partials: Int32Array.from(chosen),
    weights: Float64Array.from(chosen, (k) => weights[k]!),
    first: new Float64Array(size),
    second: new Float64Array(size),
    coefficient: new Float64Array(size),
  };
  return bank;
}

/** Loads a bank's chains from sin kθ₀, sin k(θ₀ + Δ) and 2cos kΔ (arrays by partial index). */
function loadBank(
  bank: SineBank,
  first: Float64Array,
  second: Float64Array,
  coefficient: Float64Array,
): void {
  const { partials, weights } = bank;
  for (let j = 0; j < partials.length; j++) {
    const k = partials[j]!;
    bank.first[j] = weights[j]! * first[k]!;
    bank.second[j] = weights[j]! * second[k]!;
    bank.coefficient[j] = coefficient[k]!;
  }
}

/**
 * out[i] = Σ over the bank's chains of weight·sin k(θ₀ + iΔ), for i < `length`. Four chains run
 * side by side, two samples per turn, each chain's pair of values updated in place.
 */
function runBank(bank: SineBank, length: number, out: Float64Array): void {
  const { first, second, coefficient } = bank;
  out.fill(0, 0, length);
  for (let k = 0; k < first.length; k += 4) {
    let a0 = first[k]!;
    let a1 = second[k]!;
    let b0 = first[k + 1]!;
    let b1 = second[k + 1]!;
    let c0 = first[k + 2]!;
    let c1 = second[k + 2]!;
    let d0 = first[k + 3]!;
    let d1 = second[k + 3]!;
    const ca = coefficient[k]!;
    const cb = coefficient[k + 1]!;
    const cc = coefficient[k + 2]!;
    const cd = coefficient[k + 3]!;
    let i = 0;
    for (; i + 1 < length; i += 2) {
      out[i] = out[i]! + (a0 + b0 + (c0 + d0));
      a0 = ca * a1 - a0;
      b0 = cb * b1 - b0;
      c0 = cc * c1 - c0;
      d0 = cd * d1 - d0;
      out[i + 1] = out[i + 1]! + (a1 + b1 + (c1 + d1));
      a1 = ca * a0 - a1;
      b1 = cb * b0 - b1;
      c1 = cc * c0 - c1;
      d1 = cd * d0 - d1;
    }
    if (i < length) out[i] = out[i]! + (a0 + b0 + (c0 + d0));
  }
}

/** sin kθ for k = 1 … out.length into out[k − 1], by the recurrence from sin θ and 2cos θ. */
function harmonicSines(theta: number, out: Float64Array): void {
  const c2 = 2 * Math.cos(theta);
  let prev = 0;
  let cur = Math.sin(theta);
  for (let k = 0; k < out.length; k++) {
    out[k] = cur;
    const next = c2 * cur - prev;
    prev = cur;
    cur = next;
  }
}

/**
 * One row of {@link harmonicForwardJacobian} at a constant frequency f: the partial counts and
 * the fade-band weights are the same for every sample. Where the phase advances by the same
 * step δ through a block of {@link BLOCK} samples (as an oscillator's does), each partial is a
 * sinusoid in time, so the block runs as banks of sinusoids ({@link runBank}): y = Σ A_k·sin kθ,
 * Σ v_j·sin jθ for ∂y/∂φ (see below), Σ (∂A_k/∂f)·sin kθ for ∂y/∂f, and sin θ. These are
 * independent recurrences, where the recurrence over the partials of one sample is a chain
 * that leaves the processor waiting. Other blocks run per sample; near θ = 0 or π, ∂y/∂φ
 * comes from the cosine recurrence. Values equal the per-sample path's to rounding.
 */
function constantFrequencyRow(row: JacobianRow, samples: number): void {
  const { phase, frequency, frequencyAt, amplitudes, ampBase, partials, start, nyquist, fade } = row;
  const { y, jPhase, jFrequency } = row;
  const fSigned = frequency[frequencyAt]!;
  const f = Math.abs(fSigned);
  const sign = fSigned < 0 ? -1 : 1;
  const full = fullCount(f, nyquist, fade, partials);
  const last = lastCount(f, nyquist, partials);
  // main band k ≤ full: A_k and k·A_k; fade band: A_k·taper, k·A_k·taper and A_k·∂taper/∂f
  const amp = new Float64Array(last);
  const wPhase = new Float64Array(last);
  const wFreq = new Float64Array(last);
  for (let k = 1; k <= last; k++) {
    const a = amplitudes[ampBase + k - 1]!;
    if (k <= full) {
      amp[k - 1] = a;
      wPhase[k - 1] = k * a;
    } else {
      const u = (nyquist - k * f) / fade;
      amp[k - 1] = a * u * u * (3 - 2 * u);
      wPhase[k - 1] = a * u * u * (3 - 2 * u) * k;
      wFreq[k - 1] = a * 6 * u * (1 - u) * (-k / fade) * sign;
    }
  }
  // Σ_k w_k·cos kθ = Σ_j v_j·sin jθ / (2 sin θ) with v_j = w_{j−1} − w_{j+1} (w_0 = w_{L+1} = w_{L+2} = 0),
  // from 2·sin θ·cos kθ = sin (k+1)θ − sin (k−1)θ: the phase derivative from sines alone. For a
  // sawtooth table (k·A_k = ±const) every v_j but the first and the last few is rounding noise.
  const v = new Float64Array(last + 1);
  for (let j = 1; j <= last + 1; j++)
    v[j - 1] = (j >= 2 ? wPhase[j - 2]! : 0) - (j + 1 <= last ? wPhase[j]! : 0);
  let largest = 0;
  for (let k = 0; k < last; k++) largest = Math.max(largest, Math.abs(wPhase[k]!));
  const unit = Float64Array.of(1);
  const v0 = v[0]!;
  const banks = {
    y: sineBank(amp, 0, last, 0),
    numerator: sineBank(v, 1, last + 1, 64 * Number.EPSILON * largest), // v_0·sin θ comes from `sine`
    frequency: sineBank(wFreq, full, last, 0),
    sine: sineBank(unit, 0, 1, 0),
  };
  const sines0 = new Float64Array(last + 1);
  const sines1 = new Float64Array(last + 1);
  const coefficients = new Float64Array(last + 1);
  const sums = {
    y: new Float64Array(BLOCK),
    numerator: new Float64Array(BLOCK),
    frequency: new Float64Array(BLOCK),
    sine: new Float64Array(BLOCK),
  };
  const bankSums = [
    [banks.y, sums.y],
    [banks.numerator, sums.numerator],
    [banks.frequency, sums.frequency],
    [banks.sine, sums.sine],
  ] as const;
  const offsets = new Float64Array(BLOCK);
  const nearPoles = new Int32Array(BLOCK);
  const twoPi = 2 * Math.PI;
  let step = Number.NaN; // δ of the coefficients 2cos kδ
  for (let from = 0; from < samples; from += BLOCK) {
    const length = Math.min(BLOCK, samples - from);
    const at = start + from;
    const phase0 = phase[at]!;
    // the block's distances from the line φ₀ + i·δ (a new δ when the current one does not fit)
    let linear = length >= 2;
    for (let attempt = 0; attempt < 2 && linear; attempt++) {
      linear = true;
      for (let i = 0; i < length; i++) {
        let d = phase[at + i]! - phase0 - i * step;
        d -= Math.round(d);
        offsets[i] = d;
        if (!(Math.abs(d) <= LINEAR_PHASE_TOLERANCE)) {
          linear = false;
          break;
        }
      }
      if (linear || attempt === 1) break;
      // the block's mean step (whole cycles aside), so the line fits the block's both ends
      let travel = 0;
      for (let i = 1; i < length; i++) {
        const d = phase[at + i]! - phase[at + i - 1]!;
        travel += d - Math.round(d);
      }
      step = travel / (length - 1);
      for (let k = 0; k <= last; k++) coefficients[k] = 2 * Math.cos((k + 1) * twoPi * step);
      linear = true;
    }
    if (!linear) {
      perSampleJacobian(row, from, from + length);
      continue;
    }
    harmonicSines(twoPi * phase0, sines0);
    harmonicSines(twoPi * (phase0 + step), sines1);
    for (const [bank, sum] of bankSums) {
      loadBank(bank, sines0, sines1, coefficients);
      runBank(bank, length, sum);
    }
    const { y: ys, numerator, frequency: fs, sine } = sums;
    let poles = 0;
    for (let i = 0; i < length; i++) {
      const sin = sine[i]!;
      const jp = (Math.PI * (numerator[i]! + v0 * sin)) / sin;
      y[at + i] = ys[i]! + offsets[i]! * jp; // back from the line to the phase itself
      jPhase[at + i] = jp;
      jFrequency[at + i] = fs[i]!;
      if (!(Math.abs(sin) >= SINE_ONLY_MIN)) nearPoles[poles++] = i;
    }
    for (let p = 0; p < poles; p++) {
      // ∂y/∂φ = 2π·Σ k·A_k·cos kθ by the cosine recurrence (y and ∂y/∂f stand as they are)
      const i = nearPoles[p]!;
      const theta = twoPi * phase[at + i]!;
      const c2 = 2 * Math.cos(theta);
      let cPrev = 1;
      let cCur = c2 / 2;
      let sum = 0;
      for (let k = 0; k < last; k++) {
        sum += wPhase[k]! * cCur;
        const cNext = c2 * cCur - cPrev;
        cPrev = cCur;
        cCur = cNext;
      }
      const jp = twoPi * sum;
      y[at + i] = ys[i]! + offsets[i]! * jp;
      jPhase[at + i] = jp;
    }
  }
}

/**
 * One sample's remaining sum, phase derivative and frequency derivative from partial `k`
 * (sines `sCur`, `sPrev` and cosines `cCur`, `cPrev` at k, k − 1), into out[0..2].
 */
function finishJacobian(
  weighted: Float64Array,
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  sCur: number,
  sPrev: number,
  cCur: number,
  cPrev: number,
  c2: number,
  f: number,
  full: number,
  last: number,
  nyquist: number,
  fade: number,
  out: Float64Array,
): void {
  let acc = 0;
  let jp = 0;
  for (; k <= full; k++) {
    acc += amplitudes[ampBase + k - 1]! * sCur;
    jp += weighted[ampBase + k - 1]! * cCur;
    const sNext = c2 * sCur - sPrev;
    const cNext = c2 * cCur - cPrev;
    sPrev = sCur;
    sCur = sNext;
    cPrev = cCur;
    cCur = cNext;
  }
  let jf = 0;
  for (; k <= last; k++) {
    const amp = amplitudes[ampBase + k - 1]!;
    const u = (nyquist - k * f) / fade;
    acc += amp * u * u * (3 - 2 * u) * sCur;
    jp += amp * u * u * (3 - 2 * u) * k * cCur;
    jf += amp * sCur * 6 * u * (1 - u) * (-k / fade);
    const sNext = c2 * sCur - sPrev;
    const cNext = c2 * cCur - cPrev;
    sPrev = sCur;
    sCur = sNext;
    cPrev = cCur;
    cCur = cNext;
  }
  out[0] = acc;
  out[1] = jp;
  out[2] = jf;
}
