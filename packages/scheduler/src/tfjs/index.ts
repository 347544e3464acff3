/**
 * TensorFlow.js adapter for the AE-DDSP scheduler (`@ae-ddsp/scheduler/tfjs`): drive any
 * tfjs optimiser's learning rate each step, and the momentum of `tf.train.momentum` and
 * `tf.train.rmsprop`, for which the change really reaches the update. Needs
 * `@tensorflow/tfjs-core` (an optional peer dependency of the package).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { AdaptiveScheduler } from '@ae-ddsp/scheduler';
 * import { scheduleOptimizer } from '@ae-ddsp/scheduler/tfjs';
 *
 * const driven = scheduleOptimizer(tf.train.momentum(0.05, 0.9), new AdaptiveScheduler({ learningRate: 0.05 }));
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/scheduler/tfjs
 */

export type { AppliedHyperparameters, MomentumCapableOptimizer } from './apply-hyperparameters';
export { applyHyperparameters, supportsMomentum } from './apply-hyperparameters';
export type { ScheduledOptimizer } from './scheduled-optimizer';
export { scheduleOptimizer } from './scheduled-optimizer';
