/**
 * A loss on the spectral statistics (centroid, smooth rolloff, flatness, crest, loudness),
 * each difference scaled to a comparable unit and squared, averaged over frames and batch,
 * and weighted.
 *
 * @example
 * ```ts
 * const loss = createStatisticsLoss(target, { weights: { centroid: 1, rolloff: 1, loudness: 0.1 } });
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { cacheFeatures } from '../encoder/feature-encoder';
import { type StatisticsEncoderOptions, spectralStatisticsEncoder } from '../encoder/statistics-encoder';
import { makeTargetLoss, type TargetLoss } from './target-loss';

/** Weights of the statistics terms (0 switches a term off). */
export interface StatisticsWeights {
  /** Centroid difference as a fraction of Nyquist, squared. */
  centroid?: number;
  /** Smooth rolloff difference as a fraction of Nyquist, squared. */
  rolloff?: number;
  /** Flatness difference, squared. */
  flatness?: number;
  /** Difference of log(1 + crest), squared. */
  crest?: number;
  /** Loudness difference in units of 10 dB, squared. */
  loudness?: number;
}

/** Options of {@link createStatisticsLoss}. */
export interface StatisticsLossOptions extends StatisticsEncoderOptions {
  /** Term weights. Default all 1. */
  weights?: StatisticsWeights;
}

/** Default weights of {@link createStatisticsLoss}. */
export const DEFAULT_STATISTICS_WEIGHTS: Readonly<Required<StatisticsWeights>> = Object.freeze({
  centroid: 1,
  rolloff: 1,
  flatness: 1,
  crest: 1,
  loudness: 1,
});

/** Weighted sum of the squared, unit-scaled statistic differences to a cached target. */
export function createStatisticsLoss(target: tf.Tensor, options: StatisticsLossOptions = {}): TargetLoss {
  const { weights: w = {}, ...encoderOptions } = options;
  const weights = { ...DEFAULT_STATISTICS_WEIGHTS, ...w };
  const nyquist = (encoderOptions.sampleRate ?? 16000) / 2;
  const encoder = spectralStatisticsEncoder(encoderOptions);
  const cached = cacheFeatures(encoder, target);
  const t = cached.features;
  return makeTargetLoss(
    (audio) =>
      tf.tidy(() => {
        const f = encoder.encode(audio);
        const sq = (a: tf.Tensor, b: tf.Tensor, scale: number) =>
          tf.mean(tf.square(tf.div(tf.sub(a, b), scale)));
        const logCrest = (c: tf.Tensor) => tf.log1p(c);
        const terms: [number, () => tf.Tensor][] = [
          [weights.centroid, () => sq(f['centroidHz']!, t['centroidHz']!, nyquist)],
          [weights.rolloff, () => sq(f['rolloffHz']!, t['rolloffHz']!, nyquist)],
          [weights.flatness, () => sq(f['flatness']!, t['flatness']!, 1)],
          [weights.crest, () => sq(logCrest(f['crest']!), logCrest(t['crest']!), 1)],
          [weights.loudness, () => sq(f['loudnessDb']!, t['loudnessDb']!, 10)],
        ];
        let total: tf.Tensor = tf.scalar(0);
        for (const [weight, term] of terms) if (weight !== 0) total = tf.add(total, tf.mul(term(), weight));
        return total as tf.Scalar;
      }),
    () => cached.dispose(),
    target.shape,
  );
}
