/**
 * The backward pass of {@link harmonic} on plain arrays: the gradients of Σ dy·y with
 * respect to phase, frequency (through the taper) and the amplitudes, by the same
 * recurrences as the forward pass. Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * harmonicBackward(dy, phase, frequency, amplitudes, shape, dPhase, dFrequency, dAmplitudes);
 * ```
 * @module
 */
import { CHAIN, pairedSums, startChain, weightedAmplitudes } from './harmonic-recurrence';
import { fullCount, HARMONIC_FADE, type HarmonicShape, lastCount } from './harmonic-taper';

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
  const weighted = weightedAmplitudes(amplitudes, amplitudeRows, partials);
  const tail = new Float64Array(2);
  const chains = new Float64Array(2 * CHAIN);
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
        backwardTail(weighted, amplitudes, ampBase, k, cCur, cPrev, theta, f, shape, tail);
        dPhase[i] = dy[i]! * 2 * Math.PI * (acc + tail[0]!);
        dFrequency[i] = dy[i]! * tail[1]! * (frequency[i]! < 0 ? -1 : 1);
      }
      continue;
    }
    for (let n = 0; n < samples; n += 2) {
      const i0 = b * samples + n;
      const count = n + 1 < samples ? 2 : 1; // a lone last sample runs both chains alike
      let common = partials;
      for (let s = 0; s < 2; s++) {
        const i = i0 + Math.min(s, count - 1);
        common = Math.min(common, fullCount(Math.abs(frequency[i]!), nyquist, fade, partials));
        const c1 = Math.cos(2 * Math.PI * phase[i]!);
        startChain(chains, s, c1, 1, 2 * c1);
      }
      pairedSums(weighted, ampBase, common, chains);
      for (let s = 0; s < count; s++) {
        const i = i0 + s;
        const at = CHAIN * s;
        const f = Math.abs(frequency[i]!);
        backwardTail(
          weighted,
          amplitudes,
          ampBase,
          common + 1,
          chains[at]!,
          chains[at + 1]!,
          2 * Math.PI * phase[i]!,
          f,
          shape,
          tail,
        );
        dPhase[i] = dy[i]! * 2 * Math.PI * (chains[at + 3]! + tail[0]!);
        dFrequency[i] = dy[i]! * tail[1]! * (frequency[i]! < 0 ? -1 : 1);
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

/** One sample's remaining Σ k·A_k·taper·cos (into out[0]) and taper-frequency term (out[1]) from partial k, at |frequency| f. */
function backwardTail(
  weighted: Float64Array,
  amplitudes: ArrayLike<number>,
  ampBase: number,
  k: number,
  cCur: number,
  cPrev: number,
  theta: number,
  f: number,
  shape: HarmonicShape,
  out: Float64Array,
): void {
  const nyquist = shape.sampleRate / 2;
  const fade = HARMONIC_FADE * nyquist;
  const full = fullCount(f, nyquist, fade, shape.partials);
  const last = lastCount(f, nyquist, shape.partials);
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
