/**
 * The default objectives of a sound match: {@link seedLoss}, the AE-DDSP seed's
 * multi-resolution log-mel loss, and {@link matchLoss}, the same plus a cumulative-spectrum
 * term that gives pitch a direction, a loudness-envelope term that gives level and envelope
 * one, and a level limit that keeps the match from clipping. Both are {@link LossFactory}s:
 * give them to a trainer, which builds one loss per target window.
 *
 * @example
 * ```ts
 * const loss = matchLoss({ sampleRate: 16000 })(target);
 * const value = loss(audio);
 * loss.dispose();
 * ```
 * @module
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createCumulativeSpectrumLoss } from './cumulative-spectrum-loss';
import { createLogMelLoss } from './log-mel-loss';
import { createLoudnessLoss } from './loudness-loss';
import { createPeakLimitLoss } from './peak-limit-loss';
import { combineLosses, type TargetLoss, type WeightedLoss } from './target-loss';

/** Options of {@link matchLoss}. */
export interface MatchLossOptions {
  /** Sample rate of the audio, Hz (sets the mel scale). Default 16000. */
  readonly sampleRate?: number;
  /** Weight of the cumulative-spectrum (1-D Wasserstein) term that gives pitch a direction. Default 1e4. */
  readonly pitchWeight?: number;
  /** FFT length of the cumulative-spectrum term. Default 1024. */
  readonly pitchFftLength?: number;
  /** Weight of the loudness-envelope term (per-frame level difference, dB²; {@link createLoudnessLoss}). Default 1. */
  readonly loudnessWeight?: number;
  /** Weight of the level limit ({@link createPeakLimitLoss}). Default 100. */
  readonly peakWeight?: number;
  /** Ceiling of the level limit, dBFS. Default −1. */
  readonly peakCeilingDb?: number;
}

/** Defaults of {@link matchLoss}. */
export const MATCH_LOSS_DEFAULTS: Readonly<Required<MatchLossOptions>> = Object.freeze({
  sampleRate: 16000,
  pitchWeight: 1e4,
  pitchFftLength: 1024,
  loudnessWeight: 1,
  peakWeight: 100,
  peakCeilingDb: -1,
});

/**
 * The seed's loss (AE-DDSP §8, docs/method.md): the mean over n_fft 1024 and 4096 of the MSE
 * of log(mel + 1e-6), 64 HTK mels, hop 256 ({@link createLogMelLoss} with its defaults).
 */
export const seedLoss = (target: tf.Tensor2D): TargetLoss => createLogMelLoss(target);

/**
 * The loss AE-DDSP matches with: the seed's multi-resolution log-mel loss plus
 * - a weighted cumulative-spectrum (Wasserstein-like) term. Log-mel alone gives pitch an
 *   erratic gradient (its sign flips every few Hz); the cumulative spectrum moves linearly
 *   with a partial's frequency, so its gradient points the right way from far off. It is
 *   blind to level (each frame's spectrum is normalised);
 * - a loudness-envelope term: the mean squared difference of the per-frame levels in dB
 *   ({@link createLoudnessLoss}), so the match's level and envelope follow the target's (a
 *   uniform 10 dB error costs 100 × `loudnessWeight`);
 * - a level limit ({@link createPeakLimitLoss}): zero unless a sample exceeds the ceiling.
 *
 * The sum is not monotone in pitch everywhere (log-mel's gradient has narrow spikes far
 * larger than the other terms), which is why the trainer pairs it with a sign-based update
 * (Adam-style U), dither and local tests. A term of weight 0 is left out.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, loss: matchLoss({ sampleRate: 44100 }) });
 * ```
 */
export function matchLoss(options: MatchLossOptions = {}): (target: tf.Tensor2D) => TargetLoss {
  const { sampleRate, pitchWeight, pitchFftLength, loudnessWeight, peakWeight, peakCeilingDb } = {
    ...MATCH_LOSS_DEFAULTS,
    ...options,
  };
  for (const [name, weight] of Object.entries({ pitchWeight, loudnessWeight, peakWeight })) {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`matchLoss: ${name} must be a finite number ≥ 0, got ${weight}`);
    }
  }
  createPeakLimitLoss({ ceilingDb: peakCeilingDb }); // validate early
  return (target) => {
    const terms: WeightedLoss[] = [{ loss: createLogMelLoss(target, { sampleRate }), weight: 1 }];
    if (pitchWeight > 0) {
      terms.push({
        loss: createCumulativeSpectrumLoss(target, { fftLength: pitchFftLength }),
        weight: pitchWeight,
      });
    }
    if (loudnessWeight > 0) {
      terms.push({ loss: createLoudnessLoss(target, { sampleRate }), weight: loudnessWeight });
    }
    if (peakWeight > 0) {
      terms.push({ loss: createPeakLimitLoss({ ceilingDb: peakCeilingDb }), weight: peakWeight });
    }
    return terms.length === 1 ? terms[0]!.loss : combineLosses(terms);
  };
}
