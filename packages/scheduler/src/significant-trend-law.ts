import type { LearningRateLaw, MomentumLaw } from './types';

/** Constants of {@link significantTrendLearningRate}. */
export interface SignificantTrendLearningRateOptions {
  /** Factor u > 1 applied while the loss falls significantly. */
  readonly up: number;
  /** Factor d in (0, 1) applied while the loss rises significantly. */
  readonly down: number;
  /** Factor in (0, 1] applied when neither is significant (the loss only fluctuates). */
  readonly hold: number;
  /** |trend score| above this is significant (a one-sided z; 2 ≈ 2.3 % false alarms per step). */
  readonly confidence: number;
}

/** Defaults of {@link significantTrendLearningRate} (measured on the scheduler suite, bench/). */
export const DEFAULT_SIGNIFICANT_TREND_LEARNING_RATE_OPTIONS: SignificantTrendLearningRateOptions =
  Object.freeze({
    up: 1.05,
    down: 0.7,
    hold: 0.995,
    confidence: 2,
  });

/**
 * The seed's multiplicative α law (AE-DDSP §3, docs/method.md) with a trend test that noise
 * cannot fool: instead of "the EMA fell by ε", the loss must fall *significantly* over the
 * last `varianceWindow` raw losses, measured against their own scatter by the Mann–Kendall
 * score (`signals.lossTrendScore`). f_α = u when it falls significantly (so α grows back
 * after a cut), d when it rises significantly, and `hold` when the loss only fluctuates
 * around a level, which anneals α on a noise floor.
 *
 * @example
 * ```ts
 * const law = significantTrendLearningRate({ up: 1.03 });
 * const scheduler = new AdaptiveScheduler({ ...robust, learningRate: 0.01, learningRateLaw: law });
 * ```
 */
export function significantTrendLearningRate(
  options: Partial<SignificantTrendLearningRateOptions> = {},
): LearningRateLaw {
  const { up, down, hold, confidence } = { ...DEFAULT_SIGNIFICANT_TREND_LEARNING_RATE_OPTIONS, ...options };
  return (signals) => {
    if (signals.samples < 2) return 1;
    if (signals.lossRiseScore > confidence) return down;
    if (signals.lossTrendScore > confidence) return up;
    return hold;
  };
}

/** Constants of {@link significantTrendMomentum}. */
export interface SignificantTrendMomentumOptions {
  /** δμ added while the loss falls significantly (or the reward rises). */
  readonly increment: number;
  /** κμ: μ shrinks by κμ·μ while the loss rises significantly (or the reward falls). */
  readonly decay: number;
  /** |trend score| above this is significant (same test as {@link significantTrendLearningRate}). */
  readonly confidence: number;
}

/** Defaults of {@link significantTrendMomentum}. */
export const DEFAULT_SIGNIFICANT_TREND_MOMENTUM_OPTIONS: SignificantTrendMomentumOptions = Object.freeze({
  increment: 0.02,
  decay: 0.02,
  confidence: 2,
});

/**
 * The seed's reward-nudged momentum (AE-DDSP §3, docs/method.md) with the noise-proof trend
 * test: when a reward is fed, f_μ = +δμ if it rose and −κμ·μ if it fell (the seed's rule);
 * without one, the loss's Mann–Kendall score decides, and μ holds (f_μ = 0) while the loss
 * only fluctuates, instead of collapsing to zero under noise.
 *
 * @example
 * ```ts
 * const scheduler = new AdaptiveScheduler({ ...robust, momentumLaw: significantTrendMomentum({ decay: 0.05 }) });
 * ```
 */
export function significantTrendMomentum(
  options: Partial<SignificantTrendMomentumOptions> = {},
): MomentumLaw {
  const { increment, decay, confidence } = { ...DEFAULT_SIGNIFICANT_TREND_MOMENTUM_OPTIONS, ...options };
  return (signals, current, base) => {
    const regrow = Math.max(0, Math.min(increment, base.momentum - current.momentum));
    if (signals.rewardTrend !== undefined)
      return signals.rewardTrend > 0 ? regrow : -decay * current.momentum;
    if (signals.samples < 2) return 0;
    if (signals.lossRiseScore > confidence) return -decay * current.momentum;
    if (signals.lossTrendScore > confidence) return regrow;
    return 0;
  };
}
