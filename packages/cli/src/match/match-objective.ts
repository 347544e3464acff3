/**
 * What `ae-ddsp match` minimises and rewards, built on `@ae-ddsp/features` with the
 * target's features cached once per window:
 * - loss: the seed's multi-resolution log-mel L2 distance (n_fft 1024 and 4096, hop 256,
 *   64 HTK mels, mean over the scales) plus a cumulative-spectrum (1-D Wasserstein)
 *   distance at n_fft 1024, which gives pitch a gradient direction that log-mel lacks;
 * - reward: the bounded audio reward R_aud in [0, 1] (log-mel, centroid, rolloff, flatness,
 *   peakiness similarities), which drives the scheduler's momentum law.
 * @module
 */

import {
  combineLosses,
  createAudioReward,
  createCumulativeSpectrumLoss,
  createLogMelLoss,
} from '@ae-ddsp/features';
import type { AudioLoss, AudioReward, LossFactory, RewardFactory } from '@ae-ddsp/trainer';
import type * as tf from '@tensorflow/tfjs-core';

/** Weight of the cumulative-spectrum term. */
export const CUMULATIVE_SPECTRUM_WEIGHT = 10;

/** FFT length of the cumulative-spectrum term, samples (1024: a quarter of the 4096 cost, same pitch direction). */
export const CUMULATIVE_SPECTRUM_FFT = 1024;

/** The longest FFT the objective uses: a target must be at least this long (samples). */
export const MATCH_ANALYSIS_FRAME = 4096;

/** One-line description of the loss, for summaries and reports. */
export const MATCH_LOSS_DESCRIPTION =
  'multi-resolution log-mel L2 (n_fft 1024 and 4096, hop 256, 64 mels, mean over scales) + ' +
  `${CUMULATIVE_SPECTRUM_WEIGHT} × cumulative-spectrum distance (n_fft ${CUMULATIVE_SPECTRUM_FFT})`;

/** The loss factory of a match at `sampleRateHz`. */
export function matchLoss(sampleRateHz: number): LossFactory {
  return (target: tf.Tensor2D): AudioLoss => {
    const loss = combineLosses([
      { loss: createLogMelLoss(target, { sampleRate: sampleRateHz }), weight: 1 },
      {
        loss: createCumulativeSpectrumLoss(target, { fftLength: CUMULATIVE_SPECTRUM_FFT }),
        weight: CUMULATIVE_SPECTRUM_WEIGHT,
      },
    ]);
    const audioLoss = ((audio: tf.Tensor2D) => loss(audio)) as AudioLoss;
    audioLoss.dispose = () => loss.dispose();
    return audioLoss;
  };
}

/** The reward factory of a match at `sampleRateHz`: R_aud's total. */
export function matchReward(sampleRateHz: number): RewardFactory {
  return (target: tf.Tensor2D): AudioReward => {
    const reward = createAudioReward(target, { sampleRate: sampleRateHz });
    const total = ((audio: tf.Tensor2D) => {
      const result = reward(audio);
      for (const component of Object.values(result.components))
        if (component !== result.total) component.dispose();
      return result.total;
    }) as AudioReward;
    total.dispose = () => reward.dispose();
    return total;
  };
}
