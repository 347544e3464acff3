/**
 * What `ae-ddsp match` minimises and rewards, with the target's features cached once per
 * window:
 * - loss: `@ae-ddsp/features`' `matchLoss` at the working sample rate — the seed's
 *   multi-resolution log-mel L2 distance (n_fft 1024 and 4096, hop 256, 64 HTK mels, mean
 *   over the scales) plus a weighted cumulative-spectrum (1-D Wasserstein) distance, which
 *   gives pitch a gradient direction that log-mel lacks;
 * - reward: the bounded audio reward R_aud in [0, 1] (log-mel, centroid, rolloff, flatness,
 *   peakiness similarities) of `@ae-ddsp/features`, which drives the scheduler's momentum law.
 * @module
 */

import { createAudioReward, MATCH_LOSS_DEFAULTS, type RewardFactory } from '@ae-ddsp/features';

/** The longest FFT the objective uses: a target must be at least this long (samples). */
export const MATCH_ANALYSIS_FRAME = 4096;

/** One-line description of the loss with pitch weight `pitchWeight`, for summaries and reports. */
export function matchLossDescription(pitchWeight: number = MATCH_LOSS_DEFAULTS.pitchWeight): string {
  return (
    'multi-resolution log-mel L2 (n_fft 1024 and 4096, hop 256, 64 mels, mean over scales) + ' +
    `${pitchWeight} × cumulative-spectrum distance (n_fft ${MATCH_LOSS_DEFAULTS.pitchFftLength})`
  );
}

/** The reward factory of a match at `sampleRateHz`: R_aud. */
export function matchReward(sampleRateHz: number): RewardFactory {
  return (target) => createAudioReward(target, { sampleRate: sampleRateHz });
}
