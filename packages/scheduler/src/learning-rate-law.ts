import type { LearningRateLaw } from './types';

/** Constants of {@link trendVarianceLearningRate}. */
export interface TrendVarianceLearningRateOptions {
  /** Factor u > 1 applied while the loss is improving (seed default 1.02). */
  readonly up: number;
  /** Factor d in (0, 1) applied otherwise, before variance damping (seed default 0.8). */
  readonly down: number;
  /** λ ≥ 0 of the damping d/(1 + λ·v), v the relative loss variance (seed: λ in [1, 10]). */
  readonly varianceDamping: number;
  /** ε as a fraction of the loss scale: Δℓ > ε·lossScale counts as improving. */
  readonly tolerance: number;
}

/** The seed's practical defaults for the learning-rate law. */
export const DEFAULT_LEARNING_RATE_LAW_OPTIONS: TrendVarianceLearningRateOptions = Object.freeze({
  up: 1.02,
  down: 0.8,
  varianceDamping: 5,
  tolerance: 1e-4,
});

/**
 * The trend/variance-aware learning-rate law of AE-DDSP (§3, docs/method.md):
 * f_α = u when Δℓ > ε (improving), d/(1 + λ·v) otherwise (damp when noisy).
 * Neutral (1) on the first sample, when there is no trend yet.
 *
 * @example
 * ```ts
 * const law = trendVarianceLearningRate({ up: 1.05 });
 * const scheduler = new AdaptiveScheduler({ learningRate: 0.01, learningRateLaw: law });
 * ```
 */
export function trendVarianceLearningRate(
  options: Partial<TrendVarianceLearningRateOptions> = {},
): LearningRateLaw {
  const { up, down, varianceDamping, tolerance } = { ...DEFAULT_LEARNING_RATE_LAW_OPTIONS, ...options };
  return (signals) => {
    if (signals.samples < 2) return 1;
    if (signals.lossTrend > tolerance * signals.lossScale) return up;
    return down / (1 + varianceDamping * signals.relativeVariance);
  };
}
