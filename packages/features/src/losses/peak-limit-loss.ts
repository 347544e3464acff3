/**
 * A level limit as a loss: `Σ_n max(0, |x_n| − c)² / c²` per patch (mean over the batch), with
 * c the ceiling (linear, from dBFS). Zero while every sample stays under the ceiling, it grows
 * with every sample above it, so a match that minimises it does not clip. Needs no target.
 *
 * @example
 * ```ts
 * const limit = createPeakLimitLoss({ ceilingDb: -1 });
 * const total = combineLosses([{ loss: createLogMelLoss(target), weight: 1 }, { loss: limit, weight: 100 }]);
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { assertAudio } from '../validate';
import { makeTargetLoss, type TargetLoss } from './target-loss';

/** Options of {@link createPeakLimitLoss}. */
export interface PeakLimitLossOptions {
  /** The ceiling, dBFS (≤ 0: full scale is 0 dBFS). Default −1. */
  readonly ceilingDb?: number;
}

/** Defaults of {@link PeakLimitLossOptions}. */
export const PEAK_LIMIT_LOSS_DEFAULTS: Readonly<Required<PeakLimitLossOptions>> = Object.freeze({
  ceilingDb: -1,
});

/** The level-limit loss of audio `[batch, samples]` (see the module); `dispose()` is a no-op. */
export function createPeakLimitLoss(options: PeakLimitLossOptions = {}): TargetLoss {
  const { ceilingDb } = { ...PEAK_LIMIT_LOSS_DEFAULTS, ...options };
  if (!(Number.isFinite(ceilingDb) && ceilingDb <= 0)) {
    throw new RangeError(`peakLimitLoss: ceilingDb must be a finite number of dBFS ≤ 0, got ${ceilingDb}`);
  }
  const ceiling = 10 ** (ceilingDb / 20);
  return makeTargetLoss(
    (audio) => {
      assertAudio(audio, 'peakLimitLoss', 1);
      ensureStockGradients();
      return tf.tidy(() => {
        const excess = tf.relu(tf.sub(tf.abs(audio), ceiling));
        return tf.div(tf.sum(tf.square(excess)), ceiling * ceiling * audio.shape[0]!) as tf.Scalar;
      });
    },
    () => {},
  );
}
