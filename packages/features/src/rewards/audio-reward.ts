/**
 * Bounded, smooth rewards in feature space (AE-DDSP §6, docs/method.md: R_aud): log-mel
 * similarity, centroid and rolloff targets, flatness and peakiness, each
 * `exp(−(difference/tolerance)²)` (or `exp(−distance/scale)`) in [0, 1], and their weighted
 * mean, also in [0, 1]. All are differentiable tfjs scalars, so they can drive a gradient
 * (minimise −R) or be read as feedback with `.dataSync()`. The reward types every package
 * shares live here too: {@link AudioReward} (audio → scalar), {@link TargetReward} (what
 * {@link createAudioReward} returns) and {@link RewardFactory}.
 *
 * @example
 * ```ts
 * const reward = createAudioReward(target, { tolerances: { centroidHz: 100 } });
 * const total = reward(audio); // R_aud, a scalar in [0, 1]
 * const { components } = reward.breakdown(audio); // and each part of it
 * console.log(total.dataSync()[0], components.centroid.dataSync()[0]);
 * reward.dispose();
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { cacheFeatures } from '../encoder/feature-encoder';
import { type MultiResolutionOptions, multiResolutionLogMelEncoder } from '../encoder/multi-resolution';
import { spectralStatisticsEncoder } from '../encoder/statistics-encoder';
import { multiResolutionLogMelLoss } from '../losses/log-mel-loss';
import { assertMatchesTarget } from '../losses/target-loss';

/** `exp(−(difference / tolerance)²)` of the frame-averaged values: 1 at a match, → 0 far away. */
export function gaussianReward(value: tf.Tensor, target: tf.Tensor, tolerance: number): tf.Scalar {
  if (!(tolerance > 0)) throw new Error(`gaussianReward: tolerance must be > 0, got ${tolerance}`);
  return tf.tidy(
    () => tf.exp(tf.neg(tf.square(tf.div(tf.sub(tf.mean(value), tf.mean(target)), tolerance)))) as tf.Scalar,
  );
}

/** `exp(−distance / scale)` for a non-negative distance: 1 at 0, → 0 as it grows. */
export function distanceReward(distance: tf.Tensor, scale: number): tf.Scalar {
  if (!(scale > 0)) throw new Error(`distanceReward: scale must be > 0, got ${scale}`);
  return tf.tidy(() => tf.exp(tf.neg(tf.div(tf.relu(distance), scale))) as tf.Scalar);
}

/** Names of the reward components. */
export type AudioRewardComponent = 'logMel' | 'centroid' | 'rolloff' | 'flatness' | 'peakiness';

/** Tolerances (the difference at which a component drops to 1/e). */
export interface AudioRewardTolerances {
  /** Log-mel mean squared difference (nats²) per scale at which the similarity is 1/e. Default 1. */
  logMelMse?: number;
  /** Mean centroid difference in Hz. Default 100. */
  centroidHz?: number;
  /** Mean (smooth) rolloff difference in Hz. Default 200. */
  rolloffHz?: number;
  /** Mean flatness difference. Default 0.05. */
  flatness?: number;
  /** Difference of mean log(1 + crest). Default 0.5. */
  logCrest?: number;
}

/** Options of {@link createAudioReward}. */
export interface AudioRewardOptions {
  /** Component weights (≥ 0, not all 0). Default all 1. */
  weights?: Partial<Record<AudioRewardComponent, number>>;
  /** Tolerances of the components. */
  tolerances?: AudioRewardTolerances;
  /** Log-mel encoder options (seed defaults). */
  logMel?: MultiResolutionOptions;
  /** Statistics STFT length in samples. Default 1024. */
  statisticsFftLength?: number;
  /** Rolloff fraction. Default 0.85. */
  rolloffFraction?: number;
  /** Sample rate in Hz. Default 16000. */
  sampleRate?: number;
}

/** Default tolerances of {@link createAudioReward}. */
export const DEFAULT_REWARD_TOLERANCES: Readonly<Required<AudioRewardTolerances>> = Object.freeze({
  logMelMse: 1,
  centroidHz: 100,
  rolloffHz: 200,
  flatness: 0.05,
  logCrest: 0.5,
});

/** The parts of R_aud ({@link TargetReward.breakdown}): the weighted mean and each component, all in [0, 1]. */
export interface AudioRewardResult {
  /** `Σ w_i R_i / Σ w_i`, in [0, 1]. */
  readonly total: tf.Scalar;
  /** Each component reward, in [0, 1]. */
  readonly components: Readonly<Record<AudioRewardComponent, tf.Scalar>>;
}

/**
 * A bounded reward in [0, 1] of audio `[batch, samples]` against a fixed target (higher is
 * better), as a differentiable scalar tensor. A reward that caches target features has
 * `dispose()` to free them.
 */
export interface AudioReward {
  /** The reward of `audio` `[batch, samples]`. */
  (audio: tf.Tensor2D): tf.Scalar;
  /** Releases cached target features, if the reward holds any. */
  dispose?(): void;
}

/** R_aud against a cached target ({@link createAudioReward}): an {@link AudioReward} that also reports its parts. */
export interface TargetReward extends AudioReward {
  /** The reward of `audio`, which must be `[batch, samples]` (checked; any tensor type is accepted for `tf.grad`). */
  (audio: tf.Tensor): tf.Scalar;
  /** The total and every component of the reward of `audio` (the caller disposes the tensors). */
  breakdown(audio: tf.Tensor): AudioRewardResult;
  /** Releases the cached target features. */
  dispose(): void;
}

/** Builds the reward for one target `[batch, samples]`; called once per target (window) and kept. */
export type RewardFactory = (target: tf.Tensor2D) => AudioReward;

/** R_aud (AE-DDSP §6) against `target`, with the target's features cached. */
export function createAudioReward(target: tf.Tensor, options: AudioRewardOptions = {}): TargetReward {
  const tol = { ...DEFAULT_REWARD_TOLERANCES, ...options.tolerances };
  const weights: Record<AudioRewardComponent, number> = {
    logMel: 1,
    centroid: 1,
    rolloff: 1,
    flatness: 1,
    peakiness: 1,
    ...options.weights,
  };
  const weightSum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (Object.values(weights).some((w) => !(w >= 0)) || !(weightSum > 0)) {
    throw new Error(`createAudioReward: weights must be >= 0 and not all 0, got ${JSON.stringify(weights)}`);
  }
  const sampleRate = options.sampleRate ?? 16000;
  const logMelOptions = { sampleRate, ...options.logMel };
  const logMelEncoder = multiResolutionLogMelEncoder(logMelOptions);
  const statsEncoder = spectralStatisticsEncoder({
    sampleRate,
    fftLength: options.statisticsFftLength ?? 1024,
    rolloffFraction: options.rolloffFraction ?? 0.85,
  });
  const targetShape = [...target.shape];
  const logMelTarget = cacheFeatures(logMelEncoder, target);
  const statsTarget = cacheFeatures(statsEncoder, target);
  let disposed = false;
  const breakdown = (audio: tf.Tensor): AudioRewardResult => {
    if (disposed) throw new Error('audio reward: called after dispose()');
    assertMatchesTarget(audio, targetShape, 'audio reward');
    const components = tf.tidy(() => {
      // mean over scales of the log-mel MSE (the fused kernel on cpu)
      const mse = multiResolutionLogMelLoss(audio, logMelTarget.features, logMelOptions);
      const s = statsEncoder.encode(audio);
      const t = statsTarget.features;
      return {
        logMel: distanceReward(mse, tol.logMelMse),
        centroid: gaussianReward(s['centroidHz']!, t['centroidHz']!, tol.centroidHz),
        rolloff: gaussianReward(s['rolloffHz']!, t['rolloffHz']!, tol.rolloffHz),
        flatness: gaussianReward(s['flatness']!, t['flatness']!, tol.flatness),
        peakiness: gaussianReward(tf.log1p(s['crest']!), tf.log1p(t['crest']!), tol.logCrest),
      };
    });
    const total = tf.tidy(() => {
      let acc: tf.Tensor = tf.scalar(0);
      for (const key of Object.keys(components) as AudioRewardComponent[]) {
        acc = tf.add(acc, tf.mul(components[key], weights[key] / weightSum));
      }
      return tf.clipByValue(acc, 0, 1) as tf.Scalar;
    });
    return { total, components };
  };
  const reward = ((audio: tf.Tensor): tf.Scalar => {
    const { total, components } = breakdown(audio);
    tf.dispose(Object.values(components));
    return total;
  }) as TargetReward;
  reward.breakdown = breakdown;
  reward.dispose = () => {
    if (disposed) return;
    disposed = true;
    logMelTarget.dispose();
    statsTarget.dispose();
  };
  return reward;
}
