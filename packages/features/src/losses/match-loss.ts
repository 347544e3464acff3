/**
 * The default objectives of a sound match: {@link seedLoss}, the AE-DDSP seed's
 * multi-resolution log-mel loss, and {@link matchLoss}, the same plus a cumulative-spectrum
 * term that gives pitch a direction. Both are {@link LossFactory}s: give them to a trainer,
 * which builds one loss per target window.
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
import { combineLosses, type TargetLoss } from './target-loss';

/** Options of {@link matchLoss}. */
export interface MatchLossOptions {
  /** Sample rate of the audio, Hz (sets the mel scale). Default 16000. */
  readonly sampleRate?: number;
  /** Weight of the cumulative-spectrum (1-D Wasserstein) term that gives pitch a direction. Default 1e4. */
  readonly pitchWeight?: number;
  /** FFT length of the cumulative-spectrum term. Default 1024. */
  readonly pitchFftLength?: number;
}

/** Defaults of {@link matchLoss}. */
export const MATCH_LOSS_DEFAULTS: Readonly<Required<MatchLossOptions>> = Object.freeze({
  sampleRate: 16000,
  pitchWeight: 1e4,
  pitchFftLength: 1024,
});

/**
 * The seed's loss (AE-DDSP §8, docs/method.md): the mean over n_fft 1024 and 4096 of the MSE
 * of log(mel + 1e-6), 64 HTK mels, hop 256 ({@link createLogMelLoss} with its defaults).
 */
export const seedLoss = (target: tf.Tensor2D): TargetLoss => createLogMelLoss(target);

/**
 * The loss AE-DDSP matches with: the seed's multi-resolution log-mel loss plus a weighted
 * cumulative-spectrum (Wasserstein-like) term. Log-mel alone gives pitch an erratic gradient
 * (its sign flips every few Hz); the cumulative spectrum moves linearly with a partial's
 * frequency, so its gradient points the right way from far off. The sum is not monotone in
 * pitch everywhere (log-mel's gradient has narrow spikes far larger than the other term), which
 * is why the trainer pairs it with a sign-based update (Adam-style U), dither and local tests.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, loss: matchLoss({ sampleRate: 44100 }) });
 * ```
 */
export function matchLoss(options: MatchLossOptions = {}): (target: tf.Tensor2D) => TargetLoss {
  const { sampleRate, pitchWeight, pitchFftLength } = { ...MATCH_LOSS_DEFAULTS, ...options };
  if (!(Number.isFinite(pitchWeight) && pitchWeight >= 0)) {
    throw new RangeError(`matchLoss: pitchWeight must be a finite number ≥ 0, got ${pitchWeight}`);
  }
  return (target) =>
    pitchWeight === 0
      ? createLogMelLoss(target, { sampleRate })
      : combineLosses([
          { loss: createLogMelLoss(target, { sampleRate }), weight: 1 },
          { loss: createCumulativeSpectrumLoss(target, { fftLength: pitchFftLength }), weight: pitchWeight },
        ]);
}
