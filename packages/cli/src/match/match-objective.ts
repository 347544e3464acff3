/**
 * What `ae-ddsp match` minimises and rewards, with the target's features cached once per
 * window:
 * - loss: one of `MATCH_LOSSES` (`./losses`), by default `@ae-ddsp/features`' `matchLoss`
 *   at the working sample rate — the seed's multi-resolution log-mel L2 distance plus a
 *   weighted cumulative-spectrum (1-D Wasserstein) distance, which gives pitch a gradient
 *   direction that log-mel lacks;
 * - reward: the bounded audio reward R_aud in [0, 1] (log-mel, centroid, rolloff, flatness,
 *   peakiness similarities) of `@ae-ddsp/features`, which drives the scheduler's momentum law.
 * @module
 */

import { createAudioReward, type RewardFactory } from '@ae-ddsp/features';

/** The longest FFT the objective uses: a target must be at least this long (samples). */
export const MATCH_ANALYSIS_FRAME = 4096;

/** The reward factory of a match at `sampleRateHz`: R_aud. */
export function matchReward(sampleRateHz: number): RewardFactory {
  return (target) => createAudioReward(target, { sampleRate: sampleRateHz });
}
