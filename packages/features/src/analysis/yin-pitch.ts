/**
 * Framewise fundamental frequency by YIN (de Cheveigné & Kawahara 2002): difference
 * function, cumulative mean normalised difference `d'`, absolute threshold (the smallest lag
 * whose dip of `d'` goes under `threshold`, else the global minimum), parabolic interpolation
 * of the dip. Each frame gets an f0 in Hz, a confidence `1 − d'(τ)` in [0, 1] and a voiced
 * flag. Plain TypeScript on `Float32Array` audio; no tensors.
 *
 * @example
 * ```ts
 * const track = yinPitch(audio, 16000); // defaults: 40–2000 Hz, 25 ms window, 5 ms hop
 * track.f0Hz[10]; // Hz (NaN in silent frames)
 * track.confidence[10]; // 1 − d'(τ)
 * track.voiced[10]; // confident and not too quiet
 * ```
 * @module
 */
import { cumulativeMeanNormalizedDifference, DifferenceFunction } from './difference-function';
import { assertAnalysisAudio, assertPositive } from './validate-audio';

/** Options of {@link yinPitch} (physical units: Hz, seconds, dB). */
export interface YinOptions {
  /** Lowest f0 searched, Hz (sets the longest lag, `ceil(sampleRate / fminHz)`). Default 40. */
  fminHz?: number;
  /** Highest f0 searched, Hz, at most `sampleRate / 2`. Default 2000. */
  fmaxHz?: number;
  /** YIN integration window `W`, seconds. Default 0.025. */
  windowSeconds?: number;
  /** Hop between frames, seconds. Default 0.005. */
  hopSeconds?: number;
  /** Absolute threshold on `d'` for choosing the dip (YIN step 4), in (0, 1]. Default 0.1. */
  threshold?: number;
  /** A frame is voiced when its confidence `1 − d'(τ)` is at least this, in [0, 1]. Default 0.8. */
  voicingConfidence?: number;
  /** A frame more than this many dB below the loudest frame (RMS) is unvoiced. Default 40. */
  gateDb?: number;
}

/** {@link YinOptions} with every field filled in. */
export type YinConfig = Readonly<Required<YinOptions>>;

/** Defaults of {@link YinOptions}. */
export const DEFAULT_YIN_OPTIONS: YinConfig = Object.freeze({
  fminHz: 40,
  fmaxHz: 2000,
  windowSeconds: 0.025,
  hopSeconds: 0.005,
  threshold: 0.1,
  voicingConfidence: 0.8,
  gateDb: 40,
});

/** The framewise result of {@link yinPitch}; arrays have one entry per frame. */
export interface PitchTrack {
  /** Sample rate of the analysed audio, Hz. */
  readonly sampleRate: number;
  /** The options used. */
  readonly config: YinConfig;
  /**
   * Time each frame's f0 belongs to, seconds (sample i is at i / sampleRate): the middle of
   * the samples compared at the chosen lag τ, `(start + (W + τ − 1)/2) / sampleRate` (the
   * middle of all the samples read for silent frames). Frames are `hopSeconds` apart plus half
   * the change of lag, so times are increasing along a note but not evenly spaced.
   */
  readonly timesSeconds: Float64Array;
  /** f0 estimate of each frame, Hz; NaN in digitally silent frames (no energy). */
  readonly f0Hz: Float64Array;
  /** `1 − d'(τ)` at the chosen lag, clamped to [0, 1]; 0 in silent frames. */
  readonly confidence: Float64Array;
  /** Whether the frame is voiced: confidence ≥ `voicingConfidence` and level within `gateDb` of the loudest frame. */
  readonly voiced: readonly boolean[];
  /** RMS level of the samples each frame reads, dBFS (−Infinity when silent). */
  readonly levelDb: Float64Array;
}

/** Fills in and validates {@link YinOptions} for `sampleRate`; throws naming the bad option. */
export function resolveYinOptions(options: YinOptions, sampleRate: number): YinConfig {
  const config = { ...DEFAULT_YIN_OPTIONS, ...options };
  const op = 'yinPitch';
  assertPositive(config.fminHz, op, 'fminHz', 'Hz');
  assertPositive(config.fmaxHz, op, 'fmaxHz', 'Hz');
  assertPositive(config.windowSeconds, op, 'windowSeconds', 'seconds');
  assertPositive(config.hopSeconds, op, 'hopSeconds', 'seconds');
  if (!(config.fminHz < config.fmaxHz)) {
    throw new Error(`${op}: fminHz (${config.fminHz}) must be below fmaxHz (${config.fmaxHz})`);
  }
  if (!(config.fmaxHz <= sampleRate / 2)) {
    throw new Error(
      `${op}: fmaxHz must be at most sampleRate / 2 = ${sampleRate / 2} Hz, got ${config.fmaxHz}`,
    );
  }
  if (!(config.threshold > 0 && config.threshold <= 1)) {
    throw new Error(`${op}: threshold must be in (0, 1], got ${config.threshold}`);
  }
  if (!(config.voicingConfidence >= 0 && config.voicingConfidence <= 1)) {
    throw new Error(`${op}: voicingConfidence must be in [0, 1], got ${config.voicingConfidence}`);
  }
  if (!(config.gateDb >= 0))
    throw new Error(`${op}: gateDb must be a number of dB >= 0, got ${config.gateDb}`);
  return Object.freeze(config);
}

/** Lag range and frame geometry in samples for `config` at `sampleRate`. */
export function yinGeometry(config: YinConfig, sampleRate: number) {
  const minLag = Math.max(2, Math.floor(sampleRate / config.fmaxHz));
  const maxLag = Math.max(minLag + 1, Math.ceil(sampleRate / config.fminHz));
  const windowLength = Math.max(1, Math.round(config.windowSeconds * sampleRate));
  const hopLength = Math.max(1, Math.round(config.hopSeconds * sampleRate));
  // lags up to maxLag + 1 so that the dip at maxLag has a right neighbour to interpolate with
  return { minLag, maxLag, windowLength, hopLength, frameLength: windowLength + maxLag + 1 };
}

/**
 * YIN f0 track of `audio` (mono, `sampleRate` Hz). Frame k reads samples
 * `[k·hop, k·hop + W + maxLag + 1)`, so the audio must hold at least one frame
 * (≈ 50 ms with the defaults). Silence is not an error: silent frames have f0 NaN,
 * confidence 0 and are unvoiced. Throws on empty, too short or non-finite audio and on a
 * non-positive sample rate.
 */
export function yinPitch(audio: Float32Array, sampleRate: number, options: YinOptions = {}): PitchTrack {
  assertAnalysisAudio(audio, sampleRate, 'yinPitch');
  const config = resolveYinOptions(options, sampleRate);
  const { minLag, maxLag, windowLength, hopLength, frameLength } = yinGeometry(config, sampleRate);
  assertAnalysisAudio(audio, sampleRate, 'yinPitch', frameLength);
  const frames = 1 + Math.floor((audio.length - frameLength) / hopLength);
  const difference = new DifferenceFunction(windowLength, maxLag + 1);
  const d = new Float64Array(maxLag + 2);
  const cmnd = new Float64Array(maxLag + 2);
  const means = new Float64Array(maxLag + 2);
  const timesSeconds = new Float64Array(frames);
  const f0Hz = new Float64Array(frames);
  const confidence = new Float64Array(frames);
  const levelDb = new Float64Array(frames);
  for (let k = 0; k < frames; k++) {
    const start = k * hopLength;
    timesSeconds[k] = (start + (frameLength - 1) / 2) / sampleRate;
    const energy = difference.compute(audio, start, d);
    levelDb[k] = 10 * Math.log10(energy / frameLength);
    if (!(energy > 0)) {
      f0Hz[k] = Number.NaN;
      confidence[k] = 0;
      continue;
    }
    cumulativeMeanNormalizedDifference(d, cmnd);
    let sum = 0;
    for (let tau = 1; tau < d.length; tau++) {
      sum += d[tau]!;
      means[tau] = sum / tau;
    }
    const { lag, normalized } = chooseLag(difference, cmnd, means, minLag, maxLag, config.threshold);
    f0Hz[k] = sampleRate / lag;
    timesSeconds[k] = (start + (windowLength + lag - 1) / 2) / sampleRate;
    confidence[k] = Math.min(1, Math.max(0, 1 - normalized));
  }
  let loudest = Number.NEGATIVE_INFINITY;
  for (const level of levelDb) if (level > loudest) loudest = level;
  const voiced = Array.from(
    confidence,
    (c, k) => c >= config.voicingConfidence && c > 0 && levelDb[k]! >= loudest - config.gateDb,
  );
  return { sampleRate, config, timesSeconds, f0Hz, confidence, voiced, levelDb };
}

/**
 * Integer dips with `d'` above this are not refined (saves time on noisy frames). Refining
 * deepens a dip most at short fractional periods: on the analytic tones and the 48 real
 * notes, the dips accepted under the threshold of 0.1 had integer `d'` of at most 0.26.
 */
const REFINE_BELOW = 0.6;

/**
 * YIN step 4 on refined dips: the first dip of `d'` in `[minLag, maxLag]` (in order of
 * lag) whose refined minimum ({@link DifferenceFunction.refine}) goes under `threshold`;
 * else the refined global minimum. Returns the fractional lag and `d'` there, where
 * `d'(τ) = d(τ) / means(τ)`, `means(τ) = (1/τ)·Σ_{j=1..τ} d(j)` interpolated linearly.
 */
function chooseLag(
  difference: DifferenceFunction,
  cmnd: Float64Array,
  means: Float64Array,
  minLag: number,
  maxLag: number,
  threshold: number,
): { lag: number; normalized: number } {
  const normalize = (lag: number, value: number): number => {
    const i = Math.min(Math.floor(lag), means.length - 2);
    const mean = means[i]! + (means[i + 1]! - means[i]!) * (lag - i);
    return mean > 0 ? value / mean : 1;
  };
  const refined = (tau: number) => {
    const { lag, d: value } = difference.refine(tau);
    return { lag, normalized: normalize(lag, value) };
  };
  let best = { lag: minLag, normalized: Number.POSITIVE_INFINITY };
  let globalMin = minLag;
  for (let tau = minLag; tau <= maxLag; tau++) {
    if (cmnd[tau]! < cmnd[globalMin]!) globalMin = tau;
    const dip = cmnd[tau]! <= cmnd[tau - 1]! && cmnd[tau]! <= cmnd[tau + 1]!;
    if (!dip || !(cmnd[tau]! < REFINE_BELOW)) continue;
    const candidate = refined(tau);
    if (candidate.normalized < threshold) return candidate;
    if (candidate.normalized < best.normalized) best = candidate;
  }
  const fallback = refined(globalMin);
  return fallback.normalized < best.normalized ? fallback : best;
}
