/**
 * φ of DAR-DDSP (§2, docs/method.md) pooled over time: the features an embedding of a whole
 * note is computed from. Per log-mel resolution (the seed's n_fft 1024 and 4096, hop 256, 64
 * mels): the mean over frames of each mel band, centred over the bands (so a gain change,
 * an additive constant in log power, cancels), and the standard deviation over frames of each
 * band (how the band moves: attack, decay, vibrato); then three pooled spectral statistics
 * (mean log-centroid as a fraction of log-Nyquist, mean flatness, mean log(1 + crest) / 10).
 * Differentiable end to end.
 *
 * @example
 * ```ts
 * const phi = timbreFeatures(audio); // [batch, 259] for the defaults
 * ```
 * @module
 */
import { multiResolutionLogMelEncoder, spectralStatisticsEncoder } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link timbreFeatures}. */
export interface TimbreFeatureOptions {
  /** Sample rate of the audio, Hz. Default 16000. */
  readonly sampleRate?: number;
  /** FFT lengths of the log-mel resolutions. Default `[1024, 4096]` (the seed's). */
  readonly fftLengths?: readonly number[];
  /** Mel bands per resolution. Default 64. */
  readonly melBins?: number;
  /** Hop in samples. Default 256. */
  readonly hopLength?: number;
}

/** Defaults of {@link TimbreFeatureOptions} (the seed's feature settings). */
export const DEFAULT_TIMBRE_FEATURE_OPTIONS: Readonly<Required<TimbreFeatureOptions>> = Object.freeze({
  sampleRate: 16000,
  fftLengths: Object.freeze([1024, 4096]) as readonly number[],
  melBins: 64,
  hopLength: 256,
});

/** Number of values {@link timbreFeatures} returns per clip for `options`. */
export function timbreFeatureCount(options: TimbreFeatureOptions = {}): number {
  const o = { ...DEFAULT_TIMBRE_FEATURE_OPTIONS, ...options };
  return o.fftLengths.length * o.melBins * 2 + 3;
}

/** Mean over frames of every mel band, centred over the bands: `[batch, melBins]` (differentiable). */
export function centredMeanLogMel(logMel: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const mean = tf.mean(logMel, 1);
    return tf.sub(mean, tf.mean(mean, 1, true)) as tf.Tensor2D;
  });
}

/**
 * φ pooled over time, `[batch, timbreFeatureCount(options)]`, of `[batch, samples]` audio.
 * Throws naming the input when it is not 2-D.
 */
export function timbreFeatures(audio: tf.Tensor, options: TimbreFeatureOptions = {}): tf.Tensor2D {
  if (!(audio instanceof tf.Tensor) || audio.rank !== 2)
    throw new TypeError(
      `timbreFeatures: audio must be a 2-D tensor [batch, samples], got rank ${audio?.rank}`,
    );
  const o = { ...DEFAULT_TIMBRE_FEATURE_OPTIONS, ...options };
  const logMel = multiResolutionLogMelEncoder({
    fftLengths: o.fftLengths,
    melBins: o.melBins,
    hopLength: o.hopLength,
    sampleRate: o.sampleRate,
  });
  const statistics = spectralStatisticsEncoder({ sampleRate: o.sampleRate, hopLength: o.hopLength });
  return tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    const features = logMel.encode(audio);
    for (const name of logMel.featureNames) {
      const x = features[name]!;
      parts.push(centredMeanLogMel(x));
      const mean = tf.mean(x, 1, true);
      parts.push(tf.sqrt(tf.add(tf.mean(tf.square(tf.sub(x, mean)), 1), 1e-6)));
    }
    const s = statistics.encode(audio);
    const logNyquist = Math.log(o.sampleRate / 2);
    parts.push(tf.div(tf.mean(tf.log(tf.add(s['centroidHz']!, 1)), 1, true), logNyquist));
    parts.push(tf.mean(s['flatness']!, 1, true));
    parts.push(tf.div(tf.mean(tf.log(tf.add(s['crest']!, 1)), 1, true), 10));
    return tf.concat(parts, 1) as tf.Tensor2D;
  });
}
