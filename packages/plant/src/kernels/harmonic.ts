/**
 * Band-limited additive synthesis: y = Σ_{k=1..K} A_k·taper_k(|f|)·sin(2πk·φ), where φ is the
 * phase in cycles, f the instantaneous frequency (Hz) and taper_k a smoothstep that fades
 * partial k out as k·|f| approaches Nyquist (over the top {@link HARMONIC_FADE} of the band)
 * and is exactly 0 at and above it, so no partial above Nyquist is ever synthesised and the
 * output stays differentiable in f. On `cpu` it is our `AeHarmonic` kernel (Chebyshev
 * recurrences in float64, O(samples · partials below Nyquist)) with an exact backward
 * kernel; elsewhere a composite of tfjs ops over a `[batch, K, samples]` tensor.
 *
 * @example
 * ```ts
 * const saw = harmonic(phase, frequencyHz, amplitudes, 16000); // amplitudes [batch, K]
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, makeFloat32, readFloat32 } from './backend-access';
import { phaseSinCos } from './phase-sincos';

/** Kernel name of the forward sum: inputs `{phase, frequency, amplitudes}`, output `y`. */
export const HARMONIC_KERNEL = 'AeHarmonic';
/** Kernel name of its backward pass: inputs `{dy, phase, frequency, amplitudes}`, outputs `[dPhase, dFrequency, dAmplitudes]`. */
export const HARMONIC_GRAD_KERNEL = 'AeHarmonicGrad';
/** Width of the fade-out band below Nyquist, as a fraction of Nyquist. */
export const HARMONIC_FADE = 0.05;

/**
 * Smallest |sin θ| for which a fixed table's phase derivative is taken from the sine recurrence
 * alone (dividing by 2·sin θ); below it (about 0.6 % of samples) the cosine recurrence runs too.
 */
const SINE_ONLY_MIN = 1e-2;

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
function fullCount(f: number, nyquist: number, fade: number, partials: number): number {
  if (f <= 0) return partials;
  return Math.max(0, Math.min(partials, Math.floor((nyquist - fade) / f)));
}

/** Number of partials with a nonzero taper (k·f < Nyquist) for |f| = `f`. */
function lastCount(f: number, nyquist: number, partials: number): number {
  if (f <= 0) return partials;
  let last = Math.min(partials, Math.ceil(nyquist / f) - 1);
  while (last > 0 && nyquist - last * f <= 0) last--; // exactly at Nyquist: taper 0
  return last;
}

/** Continues one sample's sum from partial `k` (sin values `cur`, `prev` at k, k − 1). */
function finishSum(
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  cur: number,
  prev: number,
  c2: number,
  f: number,
  full: number,
  last: number,
  nyquist: number,
  fade: number,
): number {
  let acc = 0;
  for (; k <= full; k++) {
    acc += amplitudes[ampBase + k - 1]! * cur;
    const next = c2 * cur - prev;
    prev = cur;
    cur = next;
  }
  for (; k <= last; k++) {
    const u = (nyquist - k * f) / fade;
    acc += amplitudes[ampBase + k - 1]! * u * u * (3 - 2 * u) * cur;
    const next = c2 * cur - prev;
    prev = cur;
    cur = next;
  }
  return acc;
}

/**
 * Writes y (see module docs); phase and frequency are `[batch, samples]`, amplitudes
 * `[amplitudeRows, partials]`. Two samples run their recurrences side by side (independent
 * dependency chains) over the partials both pass fully.
 */
export function harmonicForward(
  phase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  amplitudes: ArrayLike<number>,
  shape: HarmonicShape,
  y: Float32Array | Float64Array,
): void {
  const { batch, samples, partials, amplitudeRows, sampleRate } = shape;
  const nyquist = sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  for (let b = 0; b < batch; b++) {
    const ampBase = amplitudeRows === 1 ? 0 : b * partials;
    for (let n = 0; n < samples; n += 2) {
      const i0 = b * samples + n;
      const pair = n + 1 < samples;
      const i1 = pair ? i0 + 1 : i0;
      const f0 = Math.abs(frequency[i0]!);
      const f1 = Math.abs(frequency[i1]!);
      const full0 = fullCount(f0, nyquist, fade, partials);
      const full1 = fullCount(f1, nyquist, fade, partials);
      const theta0 = 2 * Math.PI * phase[i0]!;
      const theta1 = 2 * Math.PI * phase[i1]!;
      const c20 = 2 * Math.cos(theta0);
      const c21 = 2 * Math.cos(theta1);
      let prev0 = 0;
      let cur0 = Math.sin(theta0);
      let prev1 = 0;
      let cur1 = Math.sin(theta1);
      let acc0 = 0;
      let acc1 = 0;
      const common = Math.min(full0, full1);
      let k = 1;
      for (; k <= common; k++) {
        const a = amplitudes[ampBase + k - 1]!;
        acc0 += a * cur0;
        acc1 += a * cur1;
        const next0 = c20 * cur0 - prev0;
        const next1 = c21 * cur1 - prev1;
        prev0 = cur0;
        cur0 = next0;
        prev1 = cur1;
        cur1 = next1;
      }
      y[i0] =
        acc0 +
        finishSum(
          amplitudes,
          ampBase,
          k,
          cur0,
          prev0,
          c20,
          f0,
          full0,
          lastCount(f0, nyquist, partials),
          nyquist,
          fade,
        );
      if (pair) {
        y[i1] =
          acc1 +
          finishSum(
            amplitudes,
            ampBase,
            k,
            cur1,
            prev1,
            c21,
            f1,
            full1,
            lastCount(f1, nyquist, partials),
            nyquist,
            fade,
          );
      }
    }
  }
}

/**
 * The forward sum for a fixed partial table (amplitudes that need no gradient, such as a
 * waveform's) together with its per-sample derivatives, so that the backward pass is two
 * products: writes y (the same values as {@link harmonicForward}), jPhase = ∂y/∂φ (φ in
 * cycles) and jFrequency = ∂y/∂f (Hz; only the partials in the fade band depend on f).
 * The cosine recurrence runs beside the sine recurrence (both from 2·cos θ), for two
 * samples side by side, so sin θ and cos θ are the only transcendental calls per sample.
 * `frequency` is read through strides: element (b, n) is
 * `frequency[b·frequencyRowStride + n·frequencyColStride]`, so a per-patch constant needs
 * no broadcast copy.
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
  const weighted = new Float64Array(amplitudeRows * partials); // k·A_k
  for (let j = 0; j < weighted.length; j++) weighted[j] = ((j % partials) + 1) * amplitudes[j]!;
  const rest = new Float64Array(3);
  const twoPi = 2 * Math.PI;
  for (let b = 0; b < batch; b++) {
    const ampBase = amplitudeRows === 1 ? 0 : b * partials;
    const fRow = b * frequencyRowStride;
    if (frequencyColStride === 0) {
      const fSigned = frequency[fRow]!;
      const f = Math.abs(fSigned);
      constantFrequencyRow(
        phase,
        b * samples,
        samples,
        amplitudes,
        ampBase,
        fullCount(f, nyquist, fade, partials),
        lastCount(f, nyquist, partials),
        f,
        fSigned < 0 ? -1 : 1,
        nyquist,
        fade,
        y,
        jPhase,
        jFrequency,
      );
      continue;
    }
    for (let n = 0; n < samples; n += 2) {
      const i0 = b * samples + n;
      const pair = n + 1 < samples;
      const i1 = pair ? i0 + 1 : i0;
      const fs0 = frequency[fRow + n * frequencyColStride]!;
      const fs1 = frequency[fRow + (pair ? n + 1 : n) * frequencyColStride]!;
      const f0 = Math.abs(fs0);
      const f1 = Math.abs(fs1);
      const full0 = fullCount(f0, nyquist, fade, partials);
      const full1 = fullCount(f1, nyquist, fade, partials);
      const theta0 = 2 * Math.PI * phase[i0]!;
      const theta1 = 2 * Math.PI * phase[i1]!;
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
}

let scratch: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];

/** Reused sine and cosine arrays of at least `length` values. */
function sinCosScratch(length: number): [Float64Array, Float64Array] {
  if (scratch[0].length < length) scratch = [new Float64Array(length), new Float64Array(length)];
  return scratch;
}

/**
 * One row of {@link harmonicForwardJacobian} at a constant frequency: the partial counts and
 * the fade-band weights are the same for every sample, so both samples of a pair run the
 * same loop over precomputed per-partial weights (the values equal the per-sample path's to
 * rounding); the phase's sines and cosines come from {@link phaseSinCos}.
 */
function constantFrequencyRow(
  phase: ArrayLike<number>,
  start: number,
  samples: number,
  amplitudes: ArrayLike<number>,
  ampBase: number,
  full: number,
  last: number,
  f: number,
  sign: number,
  nyquist: number,
  fade: number,
  y: Float32Array | Float64Array,
  jPhase: Float32Array | Float64Array,
  jFrequency: Float32Array | Float64Array,
): void {
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
  // from 2·sin θ·cos kθ = sin (k+1)θ − sin (k−1)θ: the phase derivative from the sine recurrence alone
  const v = new Float64Array(last + 1);
  for (let j = 1; j <= last + 1; j++)
    v[j - 1] = (j >= 2 ? wPhase[j - 2]! : 0) - (j + 1 <= last ? wPhase[j]! : 0);
  // Over the main band only the v_k above rounding noise matter: for a sawtooth table
  // (k·A_k = ±const) every interior v_k is 0 up to rounding, which leaves a handful of terms, and
  // the main loop then runs the sine recurrence and y's sum alone between them.
  let largest = 0;
  for (let k = 0; k < last; k++) largest = Math.max(largest, Math.abs(wPhase[k]!));
  const noise = 64 * Number.EPSILON * largest;
  const terms: number[] = [];
  for (let k = 0; k < full; k++) if (Math.abs(v[k]!) > noise) terms.push(k);
  const sparse = terms.length <= full / 4 ? Int32Array.from(terms) : undefined;
  const twoPi = 2 * Math.PI;
  const end = start + samples;
  const [sines, cosines] = sinCosScratch(end);
  phaseSinCos(phase, start, samples, sines, cosines);
  for (let i0 = start; i0 < end; i0 += 2) {
    const pair = i0 + 1 < end;
    const i1 = pair ? i0 + 1 : i0;
    const cos0 = cosines[i0]!;
    const cos1 = cosines[i1]!;
    const c20 = 2 * cos0;
    const c21 = 2 * cos1;
    const sin0 = sines[i0]!;
    const sin1 = sines[i1]!;
    let sPrev0 = 0;
    let sCur0 = sin0;
    let sPrev1 = 0;
    let sCur1 = sin1;
    if (Math.abs(sin0) >= SINE_ONLY_MIN && Math.abs(sin1) >= SINE_ONLY_MIN) {
      let acc0 = 0;
      let acc1 = 0;
      let num0 = 0;
      let num1 = 0;
      let k = 0;
      if (sparse) {
        // between the terms (and after the last one, up to full) y's sum and the recurrence alone
        for (let t = 0; t <= sparse.length; t++) {
          const j = t < sparse.length ? sparse[t]! : full;
          for (; k < j; k++) {
            const a = amp[k]!;
            acc0 += a * sCur0;
            acc1 += a * sCur1;
            const sNext0 = c20 * sCur0 - sPrev0;
            const sNext1 = c21 * sCur1 - sPrev1;
            sPrev0 = sCur0;
            sCur0 = sNext0;
            sPrev1 = sCur1;
            sCur1 = sNext1;
          }
          if (t < sparse.length) {
            num0 += v[j]! * sCur0;
            num1 += v[j]! * sCur1;
          }
        }
      }
      for (; k < full; k++) {
        const a = amp[k]!;
        const vk = v[k]!;
        acc0 += a * sCur0;
        acc1 += a * sCur1;
        num0 += vk * sCur0;
        num1 += vk * sCur1;
        const sNext0 = c20 * sCur0 - sPrev0;
        const sNext1 = c21 * sCur1 - sPrev1;
        sPrev0 = sCur0;
        sCur0 = sNext0;
        sPrev1 = sCur1;
        sCur1 = sNext1;
      }
      let tail0 = 0;
      let tail1 = 0;
      let jf0 = 0;
      let jf1 = 0;
      for (; k < last; k++) {
        const a = amp[k]!;
        const vk = v[k]!;
        const wf = wFreq[k]!;
        tail0 += a * sCur0;
        tail1 += a * sCur1;
        num0 += vk * sCur0;
        num1 += vk * sCur1;
        jf0 += wf * sCur0;
        jf1 += wf * sCur1;
        const sNext0 = c20 * sCur0 - sPrev0;
        const sNext1 = c21 * sCur1 - sPrev1;
        sPrev0 = sCur0;
        sCur0 = sNext0;
        sPrev1 = sCur1;
        sCur1 = sNext1;
      }
      num0 += v[last]! * sCur0; // sin (L+1)θ
      num1 += v[last]! * sCur1;
      y[i0] = acc0 + tail0;
      jPhase[i0] = (Math.PI * num0) / sin0;
      jFrequency[i0] = jf0;
      if (pair) {
        y[i1] = acc1 + tail1;
        jPhase[i1] = (Math.PI * num1) / sin1;
        jFrequency[i1] = jf1;
      }
      continue;
    }
    // near θ = 0 or π (sin θ small): the cosine recurrence beside the sine recurrence
    let cPrev0 = 1;
    let cCur0 = cos0;
    let cPrev1 = 1;
    let cCur1 = cos1;
    let acc0 = 0;
    let acc1 = 0;
    let jp0 = 0;
    let jp1 = 0;
    let k = 0;
    for (; k < full; k++) {
      const a = amp[k]!;
      const w = wPhase[k]!;
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
    let tail0 = 0;
    let tail1 = 0;
    let jf0 = 0;
    let jf1 = 0;
    for (; k < last; k++) {
      const a = amp[k]!;
      const w = wPhase[k]!;
      const v = wFreq[k]!;
      tail0 += a * sCur0;
      tail1 += a * sCur1;
      jp0 += w * cCur0;
      jp1 += w * cCur1;
      jf0 += v * sCur0;
      jf1 += v * sCur1;
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
    y[i0] = acc0 + tail0;
    jPhase[i0] = twoPi * jp0;
    jFrequency[i0] = jf0;
    if (pair) {
      y[i1] = acc1 + tail1;
      jPhase[i1] = twoPi * jp1;
      jFrequency[i1] = jf1;
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

/** Writes the gradients of Σ dy·y with respect to phase, frequency and (if `needAmplitudes`) amplitudes. */
export function harmonicBackward(
  dy: ArrayLike<number>,
  phase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  amplitudes: ArrayLike<number>,
  shape: HarmonicShape,
  dPhase: Float32Array | Float64Array,
  dFrequency: Float32Array | Float64Array,
  dAmplitudes: Float32Array | Float64Array,
  needAmplitudes = true,
): void {
  if (!needAmplitudes) {
    harmonicBackwardFixed(dy, phase, frequency, amplitudes, shape, dPhase, dFrequency);
    dAmplitudes.fill(0);
    return;
  }
  const { batch, samples, partials, amplitudeRows, sampleRate } = shape;
  const nyquist = sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  const dAmp = new Float64Array(amplitudeRows * partials);
  for (let b = 0; b < batch; b++) {
    const ampBase = amplitudeRows === 1 ? 0 : b * partials;
    for (let n = 0; n < samples; n++) {
      const i = b * samples + n;
      const g = dy[i]!;
      const fSigned = frequency[i]!;
      const f = Math.abs(fSigned);
      const full = fullCount(f, nyquist, fade, partials);
      const last = lastCount(f, nyquist, partials);
      const theta = 2 * Math.PI * phase[i]!;
      const c1 = Math.cos(theta);
      const c2 = 2 * c1;
      let sPrev = 0;
      let sCur = Math.sin(theta);
      let cPrev = 1;
      let cCur = c1;
      let accPhase = 0;
      let accFreq = 0;
      let k = 1;
      for (; k <= last; k++) {
        const j = ampBase + k - 1;
        const amp = amplitudes[j]!;
        if (k <= full) {
          accPhase += amp * k * cCur;
          dAmp[j] = dAmp[j]! + g * sCur;
        } else {
          const u = (nyquist - k * f) / fade;
          const taper = u * u * (3 - 2 * u);
          accPhase += amp * taper * k * cCur;
          accFreq += amp * sCur * 6 * u * (1 - u) * (-k / fade);
          dAmp[j] = dAmp[j]! + g * taper * sCur;
        }
        const sNext = c2 * sCur - sPrev;
        sPrev = sCur;
        sCur = sNext;
        const cNext = c2 * cCur - cPrev;
        cPrev = cCur;
        cCur = cNext;
      }
      dPhase[i] = g * 2 * Math.PI * accPhase;
      dFrequency[i] = g * accFreq * (fSigned < 0 ? -1 : 1);
    }
  }
  for (let j = 0; j < dAmp.length; j++) dAmplitudes[j] = dAmp[j]!;
}

/**
 * The backward pass for fixed amplitudes (a waveform table): the fully passed partials need
 * only the cosine recurrence Σ k·A_k·cos(kθ), run for two samples side by side; the few
 * partials in the fade band restart the sine recurrence for the taper's frequency term.
 */
function harmonicBackwardFixed(
  dy: ArrayLike<number>,
  phase: ArrayLike<number>,
  frequency: ArrayLike<number>,
  amplitudes: ArrayLike<number>,
  shape: HarmonicShape,
  dPhase: Float32Array | Float64Array,
  dFrequency: Float32Array | Float64Array,
): void {
  const { batch, samples, partials, amplitudeRows, sampleRate } = shape;
  const nyquist = sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  const weighted = new Float64Array(amplitudeRows * partials); // k·A_k
  for (let j = 0; j < weighted.length; j++) weighted[j] = ((j % partials) + 1) * amplitudes[j]!;
  const tail = new Float64Array(2);
  for (let b = 0; b < batch; b++) {
    const ampBase = amplitudeRows === 1 ? 0 : b * partials;
    const flat = flatWeight(weighted, ampBase, partials);
    if (flat !== undefined) {
      // k·A_k constant (a sawtooth): Σ_{k≤K} cos kθ is the Dirichlet kernel, O(1) per sample
      for (let n = 0; n < samples; n++) {
        const i = b * samples + n;
        const f = Math.abs(frequency[i]!);
        const full = fullCount(f, nyquist, fade, partials);
        const theta = 2 * Math.PI * phase[i]!;
        const half = Math.sin(theta / 2);
        let acc: number;
        let k: number;
        let cCur: number;
        let cPrev: number;
        if (Math.abs(half) > 1e-3) {
          // cos/sin of Kθ, then of (K + ½)θ and (K + 1)θ by angle addition
          const cHalf = Math.cos(theta / 2);
          const sK = Math.sin(full * theta);
          const cK = Math.cos(full * theta);
          const s1 = 2 * half * cHalf;
          const c1 = cHalf * cHalf - half * half;
          acc = flat * ((sK * cHalf + cK * half) / (2 * half) - 0.5);
          k = full + 1;
          cCur = cK * c1 - sK * s1;
          cPrev = cK;
        } else {
          acc = 0;
          k = 1;
          cCur = Math.cos(theta);
          cPrev = 1;
        }
        backwardTail(
          weighted,
          amplitudes,
          ampBase,
          k,
          cCur,
          cPrev,
          theta,
          f,
          full,
          lastCount(f, nyquist, partials),
          nyquist,
          fade,
          tail,
        );
        dPhase[i] = dy[i]! * 2 * Math.PI * (acc + tail[0]!);
        dFrequency[i] = dy[i]! * tail[1]! * (frequency[i]! < 0 ? -1 : 1);
      }
      continue;
    }
    for (let n = 0; n < samples; n += 2) {
      const i0 = b * samples + n;
      const pair = n + 1 < samples;
      const i1 = pair ? i0 + 1 : i0;
      const f0 = Math.abs(frequency[i0]!);
      const f1 = Math.abs(frequency[i1]!);
      const full0 = fullCount(f0, nyquist, fade, partials);
      const full1 = fullCount(f1, nyquist, fade, partials);
      const theta0 = 2 * Math.PI * phase[i0]!;
      const theta1 = 2 * Math.PI * phase[i1]!;
      let cPrev0 = 1;
      let cCur0 = Math.cos(theta0);
      let cPrev1 = 1;
      let cCur1 = Math.cos(theta1);
      const c20 = 2 * cCur0;
      const c21 = 2 * cCur1;
      let acc0 = 0;
      let acc1 = 0;
      const common = Math.min(full0, full1);
      let k = 1;
      for (; k <= common; k++) {
        const w = weighted[ampBase + k - 1]!;
        acc0 += w * cCur0;
        acc1 += w * cCur1;
        const next0 = c20 * cCur0 - cPrev0;
        const next1 = c21 * cCur1 - cPrev1;
        cPrev0 = cCur0;
        cCur0 = next0;
        cPrev1 = cCur1;
        cCur1 = next1;
      }
      const sign0 = frequency[i0]! < 0 ? -1 : 1;
      backwardTail(
        weighted,
        amplitudes,
        ampBase,
        k,
        cCur0,
        cPrev0,
        theta0,
        f0,
        full0,
        lastCount(f0, nyquist, partials),
        nyquist,
        fade,
        tail,
      );
      dPhase[i0] = dy[i0]! * 2 * Math.PI * (acc0 + tail[0]!);
      dFrequency[i0] = dy[i0]! * tail[1]! * sign0;
      if (pair) {
        const sign1 = frequency[i1]! < 0 ? -1 : 1;
        backwardTail(
          weighted,
          amplitudes,
          ampBase,
          k,
          cCur1,
          cPrev1,
          theta1,
          f1,
          full1,
          lastCount(f1, nyquist, partials),
          nyquist,
          fade,
          tail,
        );
        dPhase[i1] = dy[i1]! * 2 * Math.PI * (acc1 + tail[0]!);
        dFrequency[i1] = dy[i1]! * tail[1]! * sign1;
      }
    }
  }
}

/** The common value of k·A_k over a row's partials if they are all equal (to 1e-12), else undefined. */
function flatWeight(weighted: Float64Array, base: number, partials: number): number | undefined {
  const w = weighted[base]!;
  for (let k = 1; k < partials; k++) {
    if (Math.abs(weighted[base + k]! - w) > 1e-12 * Math.abs(w)) return undefined;
  }
  return w;
}

/** One sample's remaining Σ k·A_k·taper·cos (into out[0]) and taper-frequency term (out[1]) from partial k. */
function backwardTail(
  weighted: Float64Array,
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  cCur: number,
  cPrev: number,
  theta: number,
  f: number,
  full: number,
  last: number,
  nyquist: number,
  fade: number,
  out: Float64Array,
): void {
  const c2 = 2 * Math.cos(theta);
  let accPhase = 0;
  for (; k <= full; k++) {
    accPhase += weighted[ampBase + k - 1]! * cCur;
    const next = c2 * cCur - cPrev;
    cPrev = cCur;
    cCur = next;
  }
  let accFreq = 0;
  if (k <= last) {
    let sPrev = Math.sin((k - 1) * theta);
    let sCur = Math.sin(k * theta);
    for (; k <= last; k++) {
      const amp = amplitudes[ampBase + k - 1]!;
      const u = (nyquist - k * f) / fade;
      accPhase += amp * u * u * (3 - 2 * u) * k * cCur;
      accFreq += amp * sCur * 6 * u * (1 - u) * (-k / fade);
      const sNext = c2 * sCur - sPrev;
      sPrev = sCur;
      sCur = sNext;
      const cNext = c2 * cCur - cPrev;
      cPrev = cCur;
      cCur = cNext;
    }
  }
  out[0] = accPhase;
  out[1] = accFreq;
}

function shapeOf(
  phase: tf.TensorInfo,
  amplitudes: tf.TensorInfo,
  attrs: tf.NamedAttrMap | undefined,
): HarmonicShape {
  return {
    batch: phase.shape[0]!,
    samples: phase.shape[1]!,
    partials: amplitudes.shape[1]!,
    amplitudeRows: amplitudes.shape[0]!,
    sampleRate: (attrs as Record<string, number>)['sampleRate']!,
  };
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const phase = inputs['phase'] as tf.TensorInfo;
  const amplitudes = inputs['amplitudes'] as tf.TensorInfo;
  const shape = shapeOf(phase, amplitudes, attrs);
  const y = new Float32Array(shape.batch * shape.samples);
  harmonicForward(
    readFloat32(backend, phase),
    readFloat32(backend, inputs['frequency'] as tf.TensorInfo),
    readFloat32(backend, amplitudes),
    shape,
    y,
  );
  return makeFloat32(backend, [shape.batch, shape.samples], y);
};

const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const phase = inputs['phase'] as tf.TensorInfo;
  const amplitudes = inputs['amplitudes'] as tf.TensorInfo;
  const shape = shapeOf(phase, amplitudes, attrs);
  const dPhase = new Float32Array(shape.batch * shape.samples);
  const dFrequency = new Float32Array(shape.batch * shape.samples);
  const dAmplitudes = new Float32Array(shape.amplitudeRows * shape.partials);
  harmonicBackward(
    readFloat32(backend, inputs['dy'] as tf.TensorInfo),
    readFloat32(backend, phase),
    readFloat32(backend, inputs['frequency'] as tf.TensorInfo),
    readFloat32(backend, amplitudes),
    shape,
    dPhase,
    dFrequency,
    dAmplitudes,
  );
  return [
    makeFloat32(backend, [shape.batch, shape.samples], dPhase),
    makeFloat32(backend, [shape.batch, shape.samples], dFrequency),
    makeFloat32(backend, [shape.amplitudeRows, shape.partials], dAmplitudes),
  ];
};

let registered = false;

/** Registers `AeHarmonic`, `AeHarmonicGrad` (cpu) and the `AeHarmonic` gradient, once. */
export function ensureHarmonicKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(HARMONIC_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: HARMONIC_KERNEL, backendName: 'cpu', kernelFunc: forwardKernel });
    tf.registerKernel({ kernelName: HARMONIC_GRAD_KERNEL, backendName: 'cpu', kernelFunc: gradKernel });
  }
  if (tf.getGradient(HARMONIC_KERNEL) == null) {
    tf.registerGradient({
      kernelName: HARMONIC_KERNEL,
      inputsToSave: ['phase', 'frequency', 'amplitudes'],
      gradFunc: (dys, saved, attrs) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const [phase, frequency, amplitudes] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        // one backward pass gives all three gradients; run it once, outside the per-input scopes
        const [dPhase, dFrequency, dAmplitudes] = tf
          .engine()
          .runKernel(HARMONIC_GRAD_KERNEL, { dy, phase, frequency, amplitudes }, attrs) as tf.Tensor[];
        return { phase: () => dPhase!, frequency: () => dFrequency!, amplitudes: () => dAmplitudes! };
      },
    });
  }
}

/** The composite path with tfjs ops (memory ∝ batch · K · samples). */
export function harmonicComposite(
  phase: tf.Tensor2D,
  frequency: tf.Tensor2D,
  amplitudes: tf.Tensor2D,
  sampleRate: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = phase.shape;
    const partials = amplitudes.shape[1];
    const nyquist = sampleRate / 2;
    const k = tf.reshape(tf.range(1, partials + 1), [1, partials, 1]);
    const angle = tf.mul(tf.mul(k, 2 * Math.PI), tf.reshape(phase, [batch, 1, samples]));
    const u = tf.clipByValue(
      tf.div(
        tf.sub(nyquist, tf.mul(k, tf.reshape(tf.abs(frequency), [batch, 1, samples]))),
        HARMONIC_FADE * nyquist,
      ),
      0,
      1,
    );
    const taper = tf.mul(tf.square(u), tf.sub(3, tf.mul(2, u)));
    const weighted = tf.mul(
      tf.mul(tf.sin(angle), taper),
      tf.reshape(amplitudes, [amplitudes.shape[0], partials, 1]),
    );
    return tf.sum(weighted, 1) as tf.Tensor2D;
  });
}

/**
 * Band-limited additive synthesis on whatever backend is active: `phase` (cycles) and
 * `frequency` (Hz) `[batch, samples]`, `amplitudes` `[1 or batch, K]`.
 */
export function harmonic(
  phase: tf.Tensor2D,
  frequency: tf.Tensor2D,
  amplitudes: tf.Tensor2D,
  sampleRate: number,
): tf.Tensor2D {
  if (phase.rank !== 2 || frequency.rank !== 2 || phase.shape.join() !== frequency.shape.join()) {
    throw new Error(
      `harmonic: phase and frequency must both be [batch, samples], got [${phase.shape}] and [${frequency.shape}]`,
    );
  }
  if (amplitudes.rank !== 2 || (amplitudes.shape[0] !== 1 && amplitudes.shape[0] !== phase.shape[0])) {
    throw new Error(
      `harmonic: amplitudes must be [1 or ${phase.shape[0]}, partials], got [${amplitudes.shape}]`,
    );
  }
  if (!(sampleRate > 0)) throw new Error(`harmonic: sampleRate must be > 0 Hz, got ${sampleRate}`);
  ensureHarmonicKernels();
  if (hasKernel(HARMONIC_KERNEL)) {
    return tf
      .engine()
      .runKernel(HARMONIC_KERNEL, { phase, frequency, amplitudes }, { sampleRate }) as tf.Tensor2D;
  }
  return harmonicComposite(phase, frequency, amplitudes, sampleRate);
}
