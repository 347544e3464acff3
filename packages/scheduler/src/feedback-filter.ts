import { trendScore } from './trend-score';
import type { Feedback, FeedbackSignals } from './types';

/** Settings of the feedback filter (all unitless). */
export interface FeedbackFilterOptions {
  /** EMA coefficient β in [0, 1): ℓ̄_t = β·ℓ̄_{t−1} + (1−β)·ℓ_t. */
  readonly emaBeta: number;
  /** Window k (≥ 2) of raw losses whose variance is v_t. */
  readonly varianceWindow: number;
  /** Steps p of |Δℓ| within tolerance before a plateau is declared. */
  readonly plateauPatience: number;
  /** |Δℓ| ≤ plateauTolerance·lossScale counts as flat. */
  readonly plateauTolerance: number;
  /** Smallest loss/reward scale, so relative thresholds stay defined near zero. */
  readonly scaleFloor: number;
}

/** The filter's complete state: plain numbers, JSON-safe, enough to resume bit-for-bit. */
export interface FeedbackFilterState {
  /** Finite feedbacks filtered so far. */
  readonly samples: number;
  /** ℓ̄_t, or null before the first sample. */
  readonly filteredLoss: number | null;
  /** Lowest ℓ̄ seen, or null before the first sample. */
  readonly bestLoss: number | null;
  /** The last `varianceWindow` raw losses, oldest first. */
  readonly recentLosses: readonly number[];
  /** r̄_t, or null before the first reward. */
  readonly filteredReward: number | null;
  /** Highest r̄ seen, or null before the first reward. */
  readonly bestReward: number | null;
  /** Current run of flat steps. */
  readonly plateauSteps: number;
}

/** A filter state with no samples. */
export const EMPTY_FILTER_STATE: FeedbackFilterState = Object.freeze({
  samples: 0,
  filteredLoss: null,
  bestLoss: null,
  recentLosses: Object.freeze([]) as readonly number[],
  filteredReward: null,
  bestReward: null,
  plateauSteps: 0,
});

/**
 * Filters one finite feedback into the signals the laws use (AE-DDSP §1, docs/method.md) and returns
 * them together with the next filter state. Pure: the input state is not modified.
 * Callers must pass a finite `loss` and (if present) a finite `reward`.
 */
export function filterFeedback(
  state: FeedbackFilterState,
  step: number,
  feedback: Feedback,
  options: FeedbackFilterOptions,
): { signals: FeedbackSignals; state: FeedbackFilterState } {
  // `+ 0` turns −0 into 0, so a JSON round-trip of the state (which writes −0 as 0) is exact.
  const loss = feedback.loss + 0;
  const reward = feedback.reward === undefined ? undefined : feedback.reward + 0;
  const rate = feedback.successRate;
  const successRate = rate !== undefined && rate >= 0 && rate <= 1 ? rate : undefined;
  const { emaBeta, varianceWindow, plateauPatience, plateauTolerance, scaleFloor } = options;
  const samples = state.samples + 1;

  const filteredLoss = ema(state.filteredLoss, loss, emaBeta);
  const lossTrend = state.filteredLoss === null ? 0 : nanOr(state.filteredLoss - filteredLoss, 0);
  const bestLoss = state.bestLoss === null ? filteredLoss : Math.min(state.bestLoss, filteredLoss);
  const lossScale = Math.max(Math.abs(bestLoss), scaleFloor);

  const recentLosses = [...state.recentLosses, loss].slice(-varianceWindow);
  const lossVariance = variance(recentLosses);
  const relativeVariance = nanToInfinity(lossVariance / lossScale / lossScale);
  const lossTrendScore = trendScore(recentLosses);
  const lossNoise = noiseLevel(recentLosses);
  const lossRiseScore = riseScore(state, loss);

  let filteredReward = state.filteredReward;
  let bestReward = state.bestReward;
  let rewardTrend: number | undefined;
  if (reward !== undefined) {
    const next = ema(state.filteredReward, reward, emaBeta);
    rewardTrend = state.filteredReward === null ? undefined : nanOr(next - state.filteredReward, 0);
    filteredReward = next;
    bestReward = bestReward === null ? next : Math.max(bestReward, next);
  }
  const rewardScale = Math.max(Math.abs(bestReward ?? 0), scaleFloor);

  const flat = samples >= 2 && Math.abs(lossTrend) <= plateauTolerance * lossScale;
  const plateauSteps = flat ? state.plateauSteps + 1 : 0;

  return {
    signals: {
      step,
      samples,
      loss,
      filteredLoss,
      lossTrend,
      lossVariance,
      relativeVariance,
      lossTrendScore,
      lossNoise,
      lossRiseScore,
      lossScale,
      reward,
      filteredReward: filteredReward ?? undefined,
      rewardTrend,
      rewardScale,
      plateauSteps,
      plateau: plateauSteps >= plateauPatience,
      successRate,
    },
    state: { samples, filteredLoss, bestLoss, recentLosses, filteredReward, bestReward, plateauSteps },
  };
}

/** β·prev + (1−β)·x, seeded with the first value; kept finite even for values near ±MAX_VALUE. */
function ema(previous: number | null, x: number, beta: number): number {
  if (previous === null) return x;
  const mixed = beta * previous + (1 - beta) * x;
  // A convex combination of finite numbers can only overflow by round-off at the extremes.
  return Number.isFinite(mixed) ? mixed : Math.sign(mixed) * Number.MAX_VALUE;
}

/** Population variance; +Infinity when the values are too large to square. */
function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return nanToInfinity(squares / n);
}

/**
 * (ℓ_t − ℓ̄_{t−1}) in units of the noise level of the losses before this one: ±Infinity for
 * any rise or fall of a so-far noiseless loss, 0 at the first sample or for no change.
 */
function riseScore(state: FeedbackFilterState, loss: number): number {
  if (state.filteredLoss === null) return 0;
  const rise = loss - state.filteredLoss;
  if (rise === 0) return 0;
  const score = rise / Math.max(noiseLevel(state.recentLosses), Number.MIN_VALUE);
  return Number.isNaN(score) ? Math.sign(rise) : score;
}

/**
 * Standard deviation of the noise on a series, from its second differences (which cancel a
 * level and a linear trend): √(mean((x_t − 2x_{t−1} + x_{t−2})²)/6). 0 with fewer than 3 values.
 */
function noiseLevel(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  let squares = 0;
  for (let i = 2; i < n; i++) {
    const d = (values[i] as number) - 2 * (values[i - 1] as number) + (values[i - 2] as number);
    squares += d * d;
  }
  return nanToInfinity(Math.sqrt(squares / (6 * (n - 2))));
}

function nanToInfinity(x: number): number {
  return Number.isNaN(x) ? Number.POSITIVE_INFINITY : x;
}

function nanOr(x: number, fallback: number): number {
  return Number.isNaN(x) ? fallback : x;
}
