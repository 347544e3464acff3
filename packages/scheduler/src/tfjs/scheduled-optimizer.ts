import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptiveScheduler } from '../adaptive-scheduler';
import type { Feedback, Hyperparameters } from '../types';
import { type AppliedHyperparameters, applyHyperparameters } from './apply-hyperparameters';

/** A tfjs optimiser driven by an {@link AdaptiveScheduler}, one `step` per iteration. */
export interface ScheduledOptimizer {
  /** The driven tfjs optimiser. */
  readonly optimizer: tf.Optimizer;
  /** The scheduler setting its hyperparameters. */
  readonly scheduler: AdaptiveScheduler;
  /**
   * Feeds this step's feedback to the scheduler and applies the resulting hyperparameters
   * to the optimiser. Returns them with what took effect.
   */
  step(feedback: Feedback | number): Hyperparameters & { readonly applied: AppliedHyperparameters };
}

/**
 * Couples a scheduler to a tfjs optimiser: each `step(loss)` updates the scheduler and sets
 * the optimiser's learning rate (and momentum where supported, see `supportsMomentum`).
 * The optimiser starts at the scheduler's initial hyperparameters.
 *
 * @example
 * ```ts
 * const driven = scheduleOptimizer(tf.train.momentum(0.05, 0.9), new AdaptiveScheduler({ learningRate: 0.05 }));
 * for (let i = 0; i < 100; i++) {
 *   const loss = driven.optimizer.minimize(() => lossFn(), true) as tf.Scalar;
 *   driven.step(loss.dataSync()[0]);
 *   loss.dispose();
 * }
 * ```
 */
export function scheduleOptimizer(optimizer: tf.Optimizer, scheduler: AdaptiveScheduler): ScheduledOptimizer {
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
