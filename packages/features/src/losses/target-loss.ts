/**
 * The loss types every package shares — what a loss is ({@link AudioLoss}), what this
 * package's factories return ({@link TargetLoss}) and what builds one per target
 * ({@link LossFactory}) — plus weighted composition.
 *
 * @example
 * ```ts
 * const loss = combineLosses([
 *   { loss: createLogMelLoss(target), weight: 1 },
 *   { loss: createCumulativeSpectrumLoss(target), weight: 0.1 },
 * ]);
 * const grad = tf.grad((x) => loss(x))(audio);
 * loss.dispose();
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * A differentiable loss of audio `[batch, samples]` against a fixed target: a scalar tensor
 * (mean over the batch). A loss that caches target features has `dispose()` to free them;
 * whoever owns the loss (e.g. the trainer) calls it when done.
 */
export interface AudioLoss {
  /** The loss of `audio` `[batch, samples]`. */
  (audio: tf.Tensor2D): tf.Scalar;
  /** Releases cached target features, if the loss holds any. */
  dispose?(): void;
}

/** An {@link AudioLoss} against a cached target, as this package's factories build it: always disposable. */
export interface TargetLoss extends AudioLoss {
  /** The loss of `audio`, which must be `[batch, samples]` (checked; any tensor type is accepted for `tf.grad`). */
  (audio: tf.Tensor): tf.Scalar;
  /** Releases the cached target features. */
  dispose(): void;
}

/**
 * Builds the loss for one target `[batch, samples]`. A consumer calls it once per target (or
 * target window) and keeps the result, so the target's features are computed once.
 */
export type LossFactory = (target: tf.Tensor2D) => AudioLoss;

/**
 * Throws a clear Error unless `audio` can be compared with a target of shape
 * `[targetBatch, targetSamples]`: rank 2, the same number of samples, and the same batch
 * size unless the target's batch is 1 (then it is broadcast).
 */
export function assertMatchesTarget(audio: tf.Tensor, targetShape: readonly number[], name = 'loss'): void {
  if (audio == null || audio.rank !== 2) {
    throw new Error(
      `${name}: audio must be a rank-2 tensor [batch, samples], got shape [${audio?.shape?.join(', ')}]`,
    );
  }
  const [batch, samples] = audio.shape as [number, number];
  const [targetBatch, targetSamples] = targetShape as [number, number];
  if (samples !== targetSamples) {
    throw new Error(
      `${name}: audio has ${samples} samples but the target has ${targetSamples}; they must match`,
    );
  }
  if (targetBatch !== 1 && targetBatch !== batch) {
    throw new Error(
      `${name}: audio batch ${batch} does not match the target batch ${targetBatch} (use 1 to broadcast)`,
    );
  }
}

/**
 * Builds a {@link TargetLoss} from a function and the cleanup of its cached target; when
 * `targetShape` is given, every call first checks the audio against it
 * ({@link assertMatchesTarget}).
 */
export function makeTargetLoss(
  fn: (audio: tf.Tensor) => tf.Scalar,
  dispose: () => void,
  targetShape?: readonly number[],
): TargetLoss {
  let disposed = false;
  const shape = targetShape ? [...targetShape] : undefined;
  const loss = ((audio: tf.Tensor) => {
    if (disposed) throw new Error('loss: called after dispose()');
    if (shape) assertMatchesTarget(audio, shape);
    return fn(audio);
  }) as TargetLoss;
  loss.dispose = () => {
    if (disposed) return;
    disposed = true;
    dispose();
  };
  return loss;
}

/** One weighted term of {@link combineLosses}. */
export interface WeightedLoss {
  /** The loss. */
  readonly loss: TargetLoss;
  /** Its weight (finite). */
  readonly weight: number;
}

/** `Σ weight_i · loss_i(audio)`; disposing the result disposes every term. */
export function combineLosses(terms: readonly WeightedLoss[]): TargetLoss {
  if (terms.length === 0) throw new Error('combineLosses: need at least one term');
  for (const t of terms) {
    if (!Number.isFinite(t.weight)) throw new Error(`combineLosses: weights must be finite, got ${t.weight}`);
  }
  return makeTargetLoss(
    (audio) =>
      tf.tidy(() => {
        let total: tf.Tensor = tf.scalar(0);
        for (const t of terms) total = tf.add(total, tf.mul(t.loss(audio), t.weight));
        return total as tf.Scalar;
      }),
    () => {
      for (const t of terms) t.loss.dispose();
    },
  );
}

/** Keeps `tensor` alive outside tidy scopes (for cached targets). */
export function keepTarget<T extends tf.Tensor>(make: () => T): T {
  return tf.tidy(() => tf.keep(make()));
}
