import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_STATE, type FeedbackFilterOptions, filterFeedback } from './feedback-filter';

const options: FeedbackFilterOptions = {
  emaBeta: 0.9,
  varianceWindow: 3,
  plateauPatience: 2,
  plateauTolerance: 1e-3,
  scaleFloor: 1e-12,
};

function feed(losses: number[], rewards: (number | undefined)[] = []) {
  let state = EMPTY_FILTER_STATE;
  const out = [];
  for (let i = 0; i < losses.length; i++) {
    const r = filterFeedback(state, i, { loss: losses[i]!, reward: rewards[i] }, options);
    state = r.state;
    out.push(r.signals);
  }
  return { signals: out, state };
}

describe('filterFeedback', () => {
  it('computes the EMA, trend and windowed variance by the seed equations', () => {
    const { signals } = feed([1, 0.8, 0.5, 0.5]);
    // ℓ̄ seeded with the first loss, then β·ℓ̄ + (1−β)·ℓ.
    expect(signals[0]!.filteredLoss).toBe(1);
    expect(signals[1]!.filteredLoss).toBeCloseTo(0.98, 15);
    expect(signals[2]!.filteredLoss).toBeCloseTo(0.9 * 0.98 + 0.1 * 0.5, 15);
    // Δℓ = ℓ̄_{t−1} − ℓ̄_t, 0 at the first sample.
    expect(signals[0]!.lossTrend).toBe(0);
    expect(signals[1]!.lossTrend).toBeCloseTo(0.02, 15);
    expect(signals[2]!.lossTrend).toBeCloseTo(0.98 - 0.932, 15);
    // Population variance over the last k = 3 raw losses.
    expect(signals[0]!.lossVariance).toBe(0);
    expect(signals[1]!.lossVariance).toBeCloseTo(0.01, 15);
    const m = (1 + 0.8 + 0.5) / 3;
    expect(signals[2]!.lossVariance).toBeCloseTo(((1 - m) ** 2 + (0.8 - m) ** 2 + (0.5 - m) ** 2) / 3, 15);
    const m2 = (0.8 + 0.5 + 0.5) / 3;
    expect(signals[3]!.lossVariance).toBeCloseTo(((0.8 - m2) ** 2 + 2 * (0.5 - m2) ** 2) / 3, 15);
    // Relative variance is measured against the best filtered loss so far.
    expect(signals[3]!.lossScale).toBeCloseTo(signals[3]!.filteredLoss, 15);
    expect(signals[3]!.relativeVariance).toBeCloseTo(
      signals[3]!.lossVariance / signals[3]!.lossScale ** 2,
      12,
    );
  });

  it('tracks the reward EMA and trend only when rewards are given', () => {
    const { signals } = feed([1, 1, 1], [undefined, 0.5, 0.7]);
    expect(signals[0]!.filteredReward).toBeUndefined();
    expect(signals[0]!.rewardTrend).toBeUndefined();
    expect(signals[1]!.filteredReward).toBe(0.5);
    expect(signals[1]!.rewardTrend).toBeUndefined();
    expect(signals[2]!.filteredReward).toBeCloseTo(0.9 * 0.5 + 0.1 * 0.7, 15);
    expect(signals[2]!.rewardTrend).toBeCloseTo(0.02, 15);
  });

  it('declares a plateau after p flat steps and resets when the loss moves', () => {
    const { signals } = feed([2, 2, 2, 2, 1]);
    expect(signals.map((s) => s.plateauSteps)).toEqual([0, 1, 2, 3, 0]);
    expect(signals.map((s) => s.plateau)).toEqual([false, false, true, true, false]);
  });

  it('passes a success rate in [0, 1] through and ignores anything else', () => {
    const at = (successRate: number) =>
      filterFeedback(EMPTY_FILTER_STATE, 0, { loss: 1, successRate }, options).signals;
    expect(at(0.25).successRate).toBe(0.25);
    expect(at(0).successRate).toBe(0);
    expect(at(1.5).successRate).toBeUndefined();
    expect(at(Number.NaN).successRate).toBeUndefined();
    expect(filterFeedback(EMPTY_FILTER_STATE, 0, { loss: 1 }, options).signals.successRate).toBeUndefined();
  });

  it('does not modify the state it is given', () => {
    const first = filterFeedback(EMPTY_FILTER_STATE, 0, { loss: 1, reward: 0.5 }, options);
    const copy = structuredClone(first.state);
    filterFeedback(first.state, 1, { loss: 3, reward: 0.1 }, options);
    expect(first.state).toEqual(copy);
  });

  it('keeps every signal free of NaN for values near ±Number.MAX_VALUE', () => {
    const { signals } = feed([1e308, -1e308, 1.7e308, -1.7e308, 1e308]);
    for (const s of signals) {
      for (const [key, value] of Object.entries(s)) {
        if (typeof value === 'number') expect(Number.isNaN(value), key).toBe(false);
      }
      expect(Number.isFinite(s.filteredLoss)).toBe(true);
    }
  });
});
