/**
 * Per-frame spectral statistics in physical units, computed with tfjs ops from a power
 * spectrogram `[batch, frames, bins]` (e.g. {@link stft}'s output), so they are
 * differentiable on every backend: centroid (Hz), rolloff (Hz, a smooth relaxation and the
 * exact value), flatness, crest (peakiness) and A-weighted loudness (dB).
 *
 * @example
 * ```ts
 * const power = stft(audio, { fftLength: 1024 });
 * const centroidHz = spectralCentroid(power, { sampleRate: 16000 }); // [batch, frames]
 * const rolloffHz = spectralRolloffExact(power, { sampleRate: 16000, fraction: 0.85 });
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';

/** Options shared by the statistics. */
export interface SpectralStatOptions {
  /** Sample rate in Hz (bin k is at k·sampleRate/fftLength Hz). Default 16000. */
  sampleRate?: number;
}

/** Options of the rolloff statistics. */
export interface RolloffOptions extends SpectralStatOptions {
  /** Fraction of the frame's power below the rolloff frequency, in (0, 1). Default 0.85. */
  fraction?: number;
  /**
   * Temperature of the smooth relaxation, in units of the cumulative power fraction: each
   * bin counts `sigmoid((fraction − C_k) / temperature)` instead of the step `C_k < fraction`.
   * Default 0.01. Smaller is closer to the exact value and less smooth.
   */
  temperature?: number;
}

/** Default values used by the statistics. */
export interface SpectralStatDefaults {
  /** Sample rate in Hz. */
  readonly sampleRate: number;
  /** Rolloff fraction. */
  readonly fraction: number;
  /** Smooth-rolloff temperature. */
  readonly temperature: number;
  /** Power floor of the flatness. */
  readonly flatnessFloor: number;
}

/** Defaults of the statistics options. */
export const DEFAULT_STAT_OPTIONS: SpectralStatDefaults = Object.freeze({
  sampleRate: 16000,
  fraction: 0.85,
  temperature: 0.01,
  flatnessFloor: 1e-10,
});

/** Tiny denominators that keep silent frames finite (0 rather than NaN). */
const TINY = 1e-12;

function assertSpectrogram(power: tf.Tensor, op: string): void {
  if (power == null || power.rank !== 3) {
    throw new Error(
      `${op}: power spectrogram must be a rank-3 tensor [batch, frames, bins], got shape [${power?.shape?.join(', ')}]`,
    );
  }
  if (power.shape[2]! < 2) throw new Error(`${op}: need at least 2 frequency bins, got ${power.shape[2]}`);
  ensureStockGradients();
}

/** Bin centre frequencies in Hz, `k·sampleRate/fftLength` for `k < bins`, as a float32 array. */
export function binFrequenciesHz(bins: number, sampleRate: number): Float32Array {
  const fftLength = 2 * (bins - 1);
  const out = new Float32Array(bins);
  for (let k = 0; k < bins; k++) out[k] = (k * sampleRate) / fftLength;
  return out;
}

function checkSampleRate(sampleRate: number, op: string): number {
  if (!(sampleRate > 0)) throw new Error(`${op}: sampleRate must be > 0 Hz, got ${sampleRate}`);
  return sampleRate;
}

/**
 * Spectral centroid in Hz per frame, `Σ f_k |X_k| / Σ |X_k|` over magnitudes (librosa's
 * definition), from a power spectrogram. Silent frames give 0.
 */
export function spectralCentroid(power: tf.Tensor3D, options: SpectralStatOptions = {}): tf.Tensor2D {
  assertSpectrogram(power, 'spectralCentroid');
  const sampleRate = checkSampleRate(
    options.sampleRate ?? DEFAULT_STAT_OPTIONS.sampleRate,
    'spectralCentroid',
  );
  return tf.tidy(() => {
    const bins = power.shape[2];
    const magnitude = tf.sqrt(tf.add(power, 1e-24));
    const freqs = tf.tensor1d(binFrequenciesHz(bins, sampleRate));
    return tf.div(tf.sum(tf.mul(magnitude, freqs), 2), tf.add(tf.sum(magnitude, 2), TINY)) as tf.Tensor2D;
  });
}

function rolloffSetup(power: tf.Tensor3D, options: RolloffOptions, op: string) {
  assertSpectrogram(power, op);
  const sampleRate = checkSampleRate(options.sampleRate ?? DEFAULT_STAT_OPTIONS.sampleRate, op);
  const fraction = options.fraction ?? DEFAULT_STAT_OPTIONS.fraction;
  if (!(fraction > 0 && fraction < 1)) throw new Error(`${op}: fraction must be in (0, 1), got ${fraction}`);
  const binWidthHz = sampleRate / (2 * (power.shape[2] - 1));
  return { fraction, binWidthHz };
}

/** Normalised cumulative power `C_k = Σ_{j≤k} P_j / Σ_j P_j`, `[batch, frames, bins]`. */
function cumulativeFraction(power: tf.Tensor3D): tf.Tensor3D {
  const cumulative = tf.cumsum(power, 2);
  const total = tf.slice(cumulative, [0, 0, power.shape[2] - 1], [-1, -1, 1]);
  return tf.div(cumulative, tf.add(total, TINY)) as tf.Tensor3D;
}

/**
 * Exact spectral rolloff in Hz per frame: the smallest bin frequency at which the cumulative
 * power reaches `fraction` of the frame's total (librosa/torchaudio-style). Piecewise constant,
 * so its gradient is zero: use it for reporting and {@link spectralRolloff} for optimisation.
 */
export function spectralRolloffExact(power: tf.Tensor3D, options: RolloffOptions = {}): tf.Tensor2D {
  const { fraction, binWidthHz } = rolloffSetup(power, options, 'spectralRolloffExact');
  return tf.tidy(() => {
    const c = cumulativeFraction(power);
    // C is non-decreasing, so the first bin with C_k >= fraction is the count of bins below it.
    const below = tf.sum(tf.cast(tf.less(c, fraction), 'float32'), 2);
    const lastBin = power.shape[2] - 1;
    return tf.mul(tf.minimum(below, lastBin), binWidthHz) as tf.Tensor2D;
  });
}

/**
 * Smooth (differentiable) spectral rolloff in Hz per frame:
 * `binWidth · Σ_k sigmoid((fraction − C_k) / temperature)`, which tends to
 * {@link spectralRolloffExact} as the temperature goes to 0.
 */
export function spectralRolloff(power: tf.Tensor3D, options: RolloffOptions = {}): tf.Tensor2D {
  const { fraction, binWidthHz } = rolloffSetup(power, options, 'spectralRolloff');
  const temperature = options.temperature ?? DEFAULT_STAT_OPTIONS.temperature;
  if (!(temperature > 0)) throw new Error(`spectralRolloff: temperature must be > 0, got ${temperature}`);
  return tf.tidy(() => {
    const c = cumulativeFraction(power);
    const soft = tf.sigmoid(tf.div(tf.sub(fraction, c), temperature));
    return tf.mul(tf.sum(soft, 2), binWidthHz) as tf.Tensor2D;
  });
}

/**
 * Spectral flatness per frame (librosa): geometric mean / arithmetic mean of the power
 * spectrum with power clamped below at `floor` (default 1e-10). In [0, 1].
 */
export function spectralFlatness(power: tf.Tensor3D, options: { floor?: number } = {}): tf.Tensor2D {
  assertSpectrogram(power, 'spectralFlatness');
  const floor = options.floor ?? DEFAULT_STAT_OPTIONS.flatnessFloor;
  if (!(floor > 0)) throw new Error(`spectralFlatness: floor must be > 0, got ${floor}`);
  return tf.tidy(() => {
    const p = tf.maximum(power, floor);
    return tf.div(tf.exp(tf.mean(tf.log(p), 2)), tf.mean(p, 2)) as tf.Tensor2D;
  });
}

/**
 * Spectral crest factor ("peakiness") per frame: `max_k P_k / mean_k P_k` of the power
 * spectrum, from 1 (flat) to the number of bins (a single peak). Silent frames give 0.
 */
export function spectralCrest(power: tf.Tensor3D): tf.Tensor2D {
  assertSpectrogram(power, 'spectralCrest');
  return tf.tidy(() => tf.div(tf.max(power, 2), tf.add(tf.mean(power, 2), TINY)) as tf.Tensor2D);
}

/** IEC 61672 A-weighting gain in dB at `frequencyHz` (0 dB at 1 kHz, −∞ at 0 Hz). */
export function aWeightingDb(frequencyHz: number): number {
  const f2 = frequencyHz * frequencyHz;
  const ra =
    (12194 ** 2 * f2 * f2) /
    ((f2 + 20.6 ** 2) * Math.sqrt((f2 + 107.7 ** 2) * (f2 + 737.9 ** 2)) * (f2 + 12194 ** 2));
  return 20 * Math.log10(ra) + 2.0;
}

/** Options of {@link aWeightedLoudness}. */
export interface LoudnessOptions extends SpectralStatOptions {
  /**
   * Sum of the squared analysis window, `Σ_t w_t²` (Parseval normalisation). Default: that of
   * a periodic Hann window of `fftLength` samples, `3·fftLength/8`.
   */
  windowPowerSum?: number;
  /** Floor added to the mean-square power before the log, default 1e-10 (−100 dB). */
  floor?: number;
}

/**
 * A-weighted loudness in dB per frame: `10·log10(2·Σ_k a_k P_k / (n·Σ_t w_t²) + floor)` with
 * `a_k` the A-weighting power gain at bin k: the A-weighted mean-square level of the windowed
 * frame relative to full scale (a 1 kHz sine of amplitude 1 reads about −3 dB).
 */
export function aWeightedLoudness(power: tf.Tensor3D, options: LoudnessOptions = {}): tf.Tensor2D {
  assertSpectrogram(power, 'aWeightedLoudness');
  const sampleRate = checkSampleRate(
    options.sampleRate ?? DEFAULT_STAT_OPTIONS.sampleRate,
    'aWeightedLoudness',
  );
  const bins = power.shape[2];
  const n = 2 * (bins - 1);
  const windowPowerSum = options.windowPowerSum ?? (3 * n) / 8;
  const floor = options.floor ?? 1e-10;
  const gains = new Float32Array(bins);
  const freqs = binFrequenciesHz(bins, sampleRate);
  for (let k = 1; k < bins; k++) gains[k] = (2 * 10 ** (aWeightingDb(freqs[k]!) / 10)) / (n * windowPowerSum);
  return tf.tidy(() => {
    const weighted = tf.sum(tf.mul(power, tf.tensor1d(gains)), 2);
    return tf.mul(tf.log(tf.add(weighted, floor)), 10 / Math.LN10) as tf.Tensor2D;
  });
}
