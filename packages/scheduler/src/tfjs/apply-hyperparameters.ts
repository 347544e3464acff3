import * as tf from '@tensorflow/tfjs-core';
import type { Hyperparameters } from '../types';

/** Which of the hyperparameters actually took effect on the optimiser. */
export interface AppliedHyperparameters {
  /** The learning rate is now the one given (true for every tfjs 4.x optimiser). */
  readonly learningRate: boolean;
  /**
   * The momentum is now the one given: true for `tf.train.momentum` (its internal momentum
   * tensor is replaced, because its own `setMomentum` has no effect in tfjs 4.22) and for
   * `tf.train.rmsprop`. False for SGD, Adam, Adamax, Adagrad and Adadelta, which have no
   * momentum coefficient that can change during a run.
   */
  readonly momentum: boolean;
}

/** tfjs optimisers whose momentum coefficient can follow the scheduler. */
export type MomentumCapableOptimizer = tf.MomentumOptimizer | tf.RMSPropOptimizer;

/** Returns true when {@link applyHyperparameters} can change this optimiser's momentum. */
export function supportsMomentum(optimizer: tf.Optimizer): optimizer is MomentumCapableOptimizer {
  const name = optimizer.getClassName();
  return name === 'Momentum' || name === 'RMSProp';
}

// Note: tfjs gives Optimizer a structural Symbol.hasInstance that its subclasses inherit, so
// `x instanceof tf.SGDOptimizer` is true for every optimiser. Dispatch on the class name.

/**
 * Sets a tfjs optimiser's learning rate (and momentum, where it can change) for its next
 * `applyGradients`/`minimize`. Returns which of them took effect.
 *
 * @example
 * ```ts
 * const optimizer = tf.train.momentum(0.01, 0.9);
 * const { learningRate, momentum } = scheduler.update({ loss });
 * applyHyperparameters(optimizer, { learningRate, momentum });
 * optimizer.minimize(lossFn);
 * ```
 */
export function applyHyperparameters(
  optimizer: tf.Optimizer,
  hyperparameters: Pick<Hyperparameters, 'learningRate'> & Partial<Pick<Hyperparameters, 'momentum'>>,
): AppliedHyperparameters {
  const { learningRate, momentum } = hyperparameters;
  if (!(Number.isFinite(learningRate) && learningRate > 0)) {
    throw new RangeError(
      `applyHyperparameters: learningRate must be a finite number > 0, got ${learningRate}`,
    );
  }
  if (momentum !== undefined && !(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) {
    throw new RangeError(`applyHyperparameters: momentum must be in [0, 1), got ${momentum}`);
  }
  setLearningRate(optimizer, learningRate);
  if (momentum === undefined || !supportsMomentum(optimizer)) return { learningRate: true, momentum: false };
  setMomentum(optimizer, momentum);
  return { learningRate: true, momentum: true };
}

function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const name = optimizer.getClassName();
  if (name === 'SGD' || name === 'Momentum') {
    // SGD and Momentum keep −α in a kept scalar tensor; setLearningRate replaces it.
    (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
    return;
  }
  // Adam, Adamax, Adagrad, Adadelta and RMSProp read this field on every applyGradients.
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

function setMomentum(optimizer: MomentumCapableOptimizer, momentum: number): void {
  if (optimizer.getClassName() === 'Momentum') {
    // tfjs 4.22 multiplies by the tensor `m` made in the constructor; `setMomentum` only
    // changes a number nobody reads. Replace the tensor so the change is real.
    const internals = optimizer as unknown as { m: tf.Scalar; momentum: number };
    if (internals.momentum === momentum && !internals.m.isDisposed) return;
    internals.m.dispose();
    internals.m = tf.keep(tf.scalar(momentum));
    internals.momentum = momentum;
    return;
  }
  (optimizer as unknown as { momentum: number }).momentum = momentum;
}
