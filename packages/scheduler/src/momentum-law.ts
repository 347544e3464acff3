import type { MomentumLaw } from './types';

/** Constants of {@link rewardTrendMomentum}. */
export interface RewardTrendMomentumOptions {
  /** δμ added while the reward improves (seed default 0.02). */
  readonly increment: number;
  /** κμ: otherwise μ shrinks by κμ·μ (seed default 0.1). */
  readonly decay: number;
  /** Δr > tolerance·rewardScale counts as improving (0: any rise). */
  readonly tolerance: number;
}

/** The seed's practical defaults for the momentum law. */
export const DEFAULT_MOMENTUM_LAW_OPTIONS: RewardTrendMomentumOptions = Object.freeze({
  increment: 0.02,
  decay: 0.1,
  tolerance: 0,
});

/**
 * Momentum nudged by the reward trend (AE-DDSP §3, docs/method.md): f_μ = +δμ when Δr > 0,
 * −κμ·μ otherwise. When no reward is fed, the loss trend Δℓ stands in for Δr
 * (a falling loss is a rising reward). Neutral (0) until a trend exists.
 *
 * @example
 * ```ts
 * const scheduler = new AdaptiveScheduler({ momentumLaw: rewardTrendMomentum({ decay: 0.05 }) });
 * ```
 */
export function rewardTrendMomentum(options: Partial<RewardTrendMomentumOptions> = {}): MomentumLaw {
  const { increment, decay, tolerance } = { ...DEFAULT_MOMENTUM_LAW_OPTIONS, ...options };
  return (signals, current) => {
    const useReward = signals.rewardTrend !== undefined;
    if (!useReward && signals.samples < 2) return 0;
    const trend = useReward ? (signals.rewardTrend as number) : signals.lossTrend;
    const scale = useReward ? signals.rewardScale : signals.lossScale;
    return trend > tolerance * scale ? increment : -decay * current.momentum;
  };
}
