/** The three hyperparameters the scheduler sets: learning rate α, momentum μ and dither σ. */
export interface Hyperparameters {
  /** Learning rate α (the optimiser's step size, in the optimiser's units). */
  readonly learningRate: number;
  /** Momentum μ in [0, 1): how much of the previous update is carried into the next. */
  readonly momentum: number;
  /** Dither strength σ ≪ 1: scale of the exploratory noise, relative to parameter RMS. */
  readonly dither: number;
}

/** One step's scalar feedback from the optimisation: the loss and, optionally, a reward. */
export interface Feedback {
  /** Task loss ℓ_t (lower is better; may be negative). */
  readonly loss: number;
  /** Optional reward r_t (higher is better; may be negative). */
  readonly reward?: number | undefined;
  /**
   * Optional success rate in [0, 1] of exploratory probes (e.g. the explorer's local tests),
   * passed through to the laws as `signals.successRate` for a 1/5th-success dither rule.
   * Values outside [0, 1] or non-finite are ignored.
   */
  readonly successRate?: number | undefined;
}

/**
 * The filtered feedback the laws see at one step (AE-DDSP §1, docs/method.md):
 * ℓ̄_t = EMA_β(ℓ_t), v_t = VarWindow(ℓ_{t−k:t}), Δℓ_t = ℓ̄_{t−1} − ℓ̄_t, Δr_t = r̄_t − r̄_{t−1}.
 * Thresholds in the default laws are relative to `lossScale` / `rewardScale`, so they behave
 * the same for negative values and for any scale of loss.
 */
export interface FeedbackSignals {
  /** Index of this update, counting every call including divergent ones (0-based). */
  readonly step: number;
  /** Number of finite feedbacks filtered so far, this one included. Trends need ≥ 2. */
  readonly samples: number;
  /** The raw loss ℓ_t of this step. */
  readonly loss: number;
  /** EMA of the loss, ℓ̄_t. */
  readonly filteredLoss: number;
  /** Loss trend Δℓ_t = ℓ̄_{t−1} − ℓ̄_t: positive when the loss is falling; 0 at the first sample. */
  readonly lossTrend: number;
  /** Population variance of the last `varianceWindow` raw losses (0 with fewer than two). */
  readonly lossVariance: number;
  /** `lossVariance / lossScale²`: the variance in units of the loss's own size. */
  readonly relativeVariance: number;
  /**
   * Mann–Kendall score of the last `varianceWindow` raw losses ({@link trendScore}): positive
   * when they fall, about N(0, 1) when they only fluctuate, whatever the loss's scale or noise.
   */
  readonly lossTrendScore: number;
  /**
   * The loss's noise level: standard deviation estimated from the second differences of the
   * last `varianceWindow` raw losses, which cancel a steady trend (0 with fewer than three).
   */
  readonly lossNoise: number;
  /**
   * (ℓ_t − ℓ̄_{t−1}) / (the `lossNoise` of the losses before this one): how far this loss lies
   * above the running level, in units of the noise. Large for a real rise (on a so-far
   * noiseless loss, any rise: +Infinity); negative below the level; 0 at the first sample.
   */
  readonly lossRiseScore: number;
  /** max(|best filtered loss so far|, scaleFloor): the yardstick for loss thresholds. */
  readonly lossScale: number;
  /** The raw reward of this step, if one was given. */
  readonly reward: number | undefined;
  /** EMA of the reward, r̄_t, once any reward has been given. */
  readonly filteredReward: number | undefined;
  /** Reward trend Δr_t = r̄_t − r̄_{t−1} when this step and an earlier one had rewards. */
  readonly rewardTrend: number | undefined;
  /** max(|best filtered reward so far|, scaleFloor): the yardstick for reward thresholds. */
  readonly rewardScale: number;
  /** Consecutive steps (this one included) whose |Δℓ| stayed within the plateau tolerance. */
  readonly plateauSteps: number;
  /** True when `plateauSteps` has reached the plateau patience p. */
  readonly plateau: boolean;
  /** The feedback's success rate of exploratory probes, when one in [0, 1] was given. */
  readonly successRate: number | undefined;
}

/**
 * f_α: returns the multiplicative factor applied to α (AE-DDSP §3, docs/method.md: α_{t+1} = clip(α_t·f_α)).
 * `base` holds the initial hyperparameters (α0, μ0, σ0).
 */
export type LearningRateLaw = (
  signals: FeedbackSignals,
  current: Hyperparameters,
  base: Hyperparameters,
) => number;

/** f_μ: returns the additive increment applied to μ (μ_{t+1} = clip(μ_t + f_μ)). */
export type MomentumLaw = (
  signals: FeedbackSignals,
  current: Hyperparameters,
  base: Hyperparameters,
) => number;

/** f_σ: returns the multiplicative factor applied to σ (σ_{t+1} = clip(σ_t·f_σ)). */
export type DitherLaw = (signals: FeedbackSignals, current: Hyperparameters, base: Hyperparameters) => number;

/**
 * A macro schedule multiplied onto the adaptive learning rate: step index → factor
 * (e.g. {@link cosineEnvelope}). Must return a finite factor ≥ 0.
 */
export type LearningRateEnvelope = (step: number) => number;

/** Why a step was treated as a divergence: its loss or its reward was NaN or ±Infinity. */
export interface DivergenceEvent {
  /** Index of the step whose feedback was non-finite. */
  readonly step: number;
  /** Which feedback value was not finite. */
  readonly cause: 'loss' | 'reward';
  /** The offending value (NaN, Infinity or -Infinity). */
  readonly value: number;
  /** The (damped, clipped) adaptive learning rate after the event. */
  readonly learningRate: number;
}

/**
 * What every scheduler of this package is: feed it each step's feedback, get the
 * hyperparameters for the next optimiser step; its state round-trips through JSON.
 * {@link AdaptiveScheduler}, {@link ReduceLROnPlateau}, {@link BoldDriver},
 * {@link CosineAnnealing} and {@link CosineWarmRestarts} all have this shape.
 */
export interface Scheduler {
  /** The hyperparameters in effect now (the last value `update` returned). */
  readonly hyperparameters: Hyperparameters;
  /** Number of updates consumed. */
  readonly step: number;
  /** Feeds one step's feedback (a bare number is the loss) and returns the hyperparameters to use next. */
  update(feedback: Feedback | number): Hyperparameters;
  /** The complete state, JSON-safe. */
  toJSON(): unknown;
  /** Replaces the state with `toJSON()` output (object or JSON text) of a scheduler built with the same options. */
  restore(state: unknown): void;
}
