/**
 * The adaptive scheduler law of AE-DDSP: learning rate α, momentum μ and dither σ set
 * online from scalar loss/reward feedback, for any optimiser. Zero runtime dependencies;
 * the tfjs adapter lives in the `@ae-ddsp/scheduler/tfjs` subpath.
 *
 * @example
 * ```ts
 * import { AdaptiveScheduler, cosineEnvelope } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new AdaptiveScheduler({
 *   learningRate: 0.05,
 *   envelope: cosineEnvelope({ steps: 300, warmupSteps: 10 }),
 * });
 * const { learningRate, momentum, dither } = scheduler.update({ loss: 0.42, reward: 0.7 });
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/scheduler
 */

// The scheduler, its options and its two laws: the seed's and the robust one

export { AdaptiveScheduler, SCHEDULER_STATE_FORMAT } from './adaptive-scheduler';
export { DEFAULT_SCHEDULER_OPTIONS, resolveSchedulerOptions } from './options';
export { robust, seedLaw } from './presets';

// Drop-in equivalents of common schedules (PyTorch's semantics), to compare with

export { BoldDriver } from './bold-driver';
export { CosineAnnealing } from './cosine-annealing';
export { CosineWarmRestarts } from './cosine-warm-restarts';
export { DEFAULT_REDUCE_LR_ON_PLATEAU_OPTIONS, ReduceLROnPlateau } from './reduce-lr-on-plateau';

// The default laws for α, μ and σ, and the learning-rate envelope

export { cosineEnvelope } from './cosine-envelope';
export { DEFAULT_DITHER_LAW_OPTIONS, plateauGatedDither } from './dither-law';
export { DEFAULT_LEARNING_RATE_LAW_OPTIONS, trendVarianceLearningRate } from './learning-rate-law';
export { DEFAULT_MOMENTUM_LAW_OPTIONS, rewardTrendMomentum } from './momentum-law';
export {
  DEFAULT_SIGNIFICANT_TREND_LEARNING_RATE_OPTIONS,
  DEFAULT_SIGNIFICANT_TREND_MOMENTUM_OPTIONS,
  significantTrendLearningRate,
  significantTrendMomentum,
} from './significant-trend-law';

// The feedback filter (loss trend, variance, plateau, reward trend)

export { EMPTY_FILTER_STATE, filterFeedback } from './feedback-filter';
export { trendScore } from './trend-score';

// Types

export type { SchedulerSnapshot, SchedulerState } from './adaptive-scheduler';
export type { BoldDriverOptions } from './bold-driver';
export type { CosineAnnealingOptions } from './cosine-annealing';
export type { CosineEnvelopeOptions } from './cosine-envelope';
export type { CosineWarmRestartsOptions } from './cosine-warm-restarts';
export type { PlateauGatedDitherOptions } from './dither-law';
export type { FeedbackFilterOptions, FeedbackFilterState } from './feedback-filter';
export type { TrendVarianceLearningRateOptions } from './learning-rate-law';
export type { RewardTrendMomentumOptions } from './momentum-law';
export type { SchedulerOptions } from './options';
export type { SchedulerLaw } from './presets';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export type {
  SignificantTrendLearningRateOptions,
  SignificantTrendMomentumOptions,
} from './significant-trend-law';
export type {
  DitherLaw,
  DivergenceEvent,
  Feedback,
  FeedbackSignals,
  Hyperparameters,
  LearningRateEnvelope,
  LearningRateLaw,
  MomentumLaw,
  Scheduler,
} from './types';
