import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the trainer needs of a plant: render audio from a batch of *normalised* parameter
 * vectors (each coordinate in [0, 1]; the plant maps them to physical units), differentiably.
 * `@ae-ddsp/plant` chains and presets have this shape; so can any object of your own.
 */
export interface TrainablePlant {
  /** Sample rate of the rendered audio, Hz. */
  readonly sampleRate: number;
  /** Length of one normalised parameter vector. */
  readonly parameterCount: number;
  /** Optional names of the parameters, for logs and reports. */
  readonly parameterNames?: readonly string[];
  /** Normalised parameters [batch, parameterCount] → audio [batch, samples]. */
  render(parameters: tf.Tensor2D, samples: number): tf.Tensor2D;
}

/**
 * A loss of rendered audio against a fixed target: audio [batch, samples] → scalar (mean
 * over the batch). If it has a `dispose()` (e.g. to free cached target features), the
 * trainer calls it when the trainer is disposed.
 */
export type AudioLoss = ((audio: tf.Tensor2D) => tf.Scalar) & { dispose?(): void };

/** A bounded reward in [0, 1] of rendered audio against a fixed target (higher is better); may have `dispose()` too. */
export type AudioReward = ((audio: tf.Tensor2D) => tf.Scalar) & { dispose?(): void };

/**
 * Builds a loss for one target (window). Called once per target window and cached, so a
 * feature encoder can encode the target once (target caching).
 */
export type LossFactory = (target: tf.Tensor2D) => AudioLoss;

/** Builds a reward for one target window; cached like {@link LossFactory}. */
export type RewardFactory = (target: tf.Tensor2D) => AudioReward;
