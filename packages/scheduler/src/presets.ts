import { plateauGatedDither } from './dither-law';
import { trendVarianceLearningRate } from './learning-rate-law';
import { rewardTrendMomentum } from './momentum-law';
import type { SchedulerOptions } from './options';
import { significantTrendLearningRate, significantTrendMomentum } from './significant-trend-law';

/** A law for {@link AdaptiveScheduler}: every option but the base learning rate, envelope and callbacks. */
export type SchedulerLaw = Readonly<Omit<SchedulerOptions, 'learningRate' | 'envelope' | 'onDivergence'>>;

/**
 * The seed's literal law and constants (AE-DDSP §3, §8, docs/method.md): EMA β = 0.9,
 * α ← α·1.02 when the EMA fell by more than 1e-4 of the loss scale, else α·0.8/(1 + 5v),
 * within [0.3, 3]·α0; μ ± (δμ = 0.02, κμ = 0.1) by the trend's sign; σ0 = 1e-3, raised
 * only on plateaus (5 flat steps). This is also what a bare `new AdaptiveScheduler()` uses.
 * Spread it and override a field to derive your own.
 *
 * @example
 * ```ts
 * import { AdaptiveScheduler, seedLaw } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new AdaptiveScheduler({ ...seedLaw, learningRate: 0.01 });
 * ```
 */
export const seedLaw: SchedulerLaw = Object.freeze({
  momentum: 0.9,
  dither: 1e-3,
  learningRateBounds: Object.freeze([0.3, 3]) as readonly [number, number],
  momentumBounds: Object.freeze([0, 0.99]) as readonly [number, number],
  ditherBounds: Object.freeze([1e-6, 0.05]) as readonly [number, number],
  divergenceDamping: 0.5,
  emaBeta: 0.9,
  varianceWindow: 10,
  plateauPatience: 5,
  plateauTolerance: 1e-4,
  scaleFloor: 1e-12,
  learningRateLaw: trendVarianceLearningRate(),
  momentumLaw: rewardTrendMomentum(),
  ditherLaw: plateauGatedDither(),
});

/**
 * The recommended law: the seed's shape (multiplicative α, trend-nudged μ, plateau-only σ)
 * made robust. The trend is a Mann–Kendall test over the last 20 losses, so noise does not
 * read as "worse" and a steady fall is seen through the noise ({@link significantTrendLearningRate},
 * {@link significantTrendMomentum}); α may range over [0.1, 10]·α0 and grows back after a cut;
 * μ is cut gently on a real rise and grows back to μ0, never above; dither is off (σ0 = 0;
 * give `dither` > 0 for the seed's plateau-only dither). Measured on the scheduler suite
 * (bench/scheduler-suite.bench.mjs; the README's table).
 *
 * @example
 * ```ts
 * import { AdaptiveScheduler, robust } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new AdaptiveScheduler({ ...robust, learningRate: 0.01 });
 * ```
 */
export const robust: SchedulerLaw = Object.freeze({
  ...seedLaw,
  dither: 0,
  learningRateBounds: Object.freeze([0.1, 10]) as readonly [number, number],
  ditherBounds: Object.freeze([0, 0.05]) as readonly [number, number],
  varianceWindow: 20,
  learningRateLaw: significantTrendLearningRate(),
  momentumLaw: significantTrendMomentum(),
});
