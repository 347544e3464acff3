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
  // One plain loop over the samples forward and one backward: the term is usually 0, and a
  // chain of six tfjs ops over every sample cost about half as much as the loudness term
  const limit = tf.customGrad(((audio: tf.Tensor, save: tf.GradSaveFunc) => {
    const x = audio.dataSync();
    const scale = 1 / (ceiling * ceiling * audio.shape[0]!);
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const excess = Math.abs(x[i]!) - ceiling;
      if (excess > 0) sum += excess * excess;
    }
    save([audio]);
    return {
      value: tf.scalar(sum * scale),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const values = saved[0]!.dataSync();
        const g = new Float32Array(values.length);
        const factor = 2 * scale * dy.dataSync()[0]!;
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          const excess = Math.abs(v) - ceiling;
          if (excess > 0) g[i] = factor * excess * Math.sign(v);
        }
        return tf.tensor(g, saved[0]!.shape);
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad<tf.Scalar>>[0]);
  return makeTargetLoss(
    (audio) => {
      assertAudio(audio, 'peakLimitLoss', 1);
      return limit(audio) as tf.Scalar;
    },
    () => {},
  );
}
