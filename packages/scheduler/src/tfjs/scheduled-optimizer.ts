import type * as tf from '@tensorflow/tfjs-core';
import type { Feedback, Hyperparameters, Scheduler } from '../types';
import { type AppliedHyperparameters, applyHyperparameters } from './apply-hyperparameters';

/** A tfjs optimiser driven by a scheduler of this package (any {@link Scheduler}), one `step` per iteration. */
export interface ScheduledOptimizer<S extends Scheduler = Scheduler> {
  /** The driven tfjs optimiser. */
  readonly optimizer: tf.Optimizer;
  /** The scheduler setting its hyperparameters. */
  readonly scheduler: S;
  /**
   * Feeds this step's feedback to the scheduler and applies the resulting hyperparameters
   * to the optimiser. Returns them with what took effect.
   */
  step(feedback: Feedback | number): Hyperparameters & { readonly applied: AppliedHyperparameters };
}

/**
 * Couples a scheduler to a tfjs optimiser: each `step(loss)` updates the scheduler and sets
 * the optimiser's learning rate (and momentum where supported, see `supportsMomentum`).
 * The optimiser starts at the scheduler's initial hyperparameters. Works with
 * `AdaptiveScheduler` and the drop-in schedules (`ReduceLROnPlateau`, `CosineAnnealing`, …).
 * `optimizer.minimize` needs tfjs's gradients registered: `@tensorflow/tfjs` does that;
 * tfjs-core alone does not (compute gradients yourself and call `applyGradients`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 *
 * const driven = scheduleOptimizer(
 *   tf.train.momentum(0.05, 0.9),
 *   new AdaptiveScheduler({ ...robust, learningRate: 0.05 }),
 * );
 * for (let i = 0; i < 100; i++) {
 *   const loss = driven.optimizer.minimize(() => lossFn(), true) as tf.Scalar;
 *   driven.step(loss.dataSync()[0]);
 *   loss.dispose();
 * }
 * ```
 */
export function scheduleOptimizer<S extends Scheduler>(
  optimizer: tf.Optimizer,
  scheduler: S,
): ScheduledOptimizer<S> {
  applyHyperparameters(optimizer, scheduler.hyperparameters);
  return {
    optimizer,
    scheduler,
    step(feedback) {
      const hyperparameters = scheduler.update(feedback);
      const applied = applyHyperparameters(optimizer, hyperparameters);
      return { ...hyperparameters, applied };
    },
  };
}
