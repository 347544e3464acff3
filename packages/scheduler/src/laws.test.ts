import { describe, expect, it } from 'vitest';
import { plateauGatedDither } from './dither-law';
import { trendVarianceLearningRate } from './learning-rate-law';
import { rewardTrendMomentum } from './momentum-law';
import type { FeedbackSignals, Hyperparameters } from './types';

function signals(over: Partial<FeedbackSignals>): FeedbackSignals {
  return {
    step: 5,
    samples: 5,
    loss: 1,
    filteredLoss: 1,
    lossTrend: 0,
    lossVariance: 0,
    relativeVariance: 0,
    lossTrendScore: 0,
    lossNoise: 0,
    lossRiseScore: 0,
    lossScale: 1,
    reward: undefined,
    filteredReward: undefined,
    rewardTrend: undefined,
    rewardScale: 1,
    plateauSteps: 0,
    plateau: false,
    successRate: undefined,
    ...over,
  };
}
const base: Hyperparameters = { learningRate: 0.1, momentum: 0.9, dither: 1e-3 };

describe('trendVarianceLearningRate (f_α)', () => {
  const law = trendVarianceLearningRate({ up: 1.02, down: 0.8, varianceDamping: 5, tolerance: 1e-3 });
  it('returns u when the loss improves by more than ε·scale', () => {
    expect(law(signals({ lossTrend: 0.01, lossScale: 2 }), base, base)).toBe(1.02);
  });
  it('returns d/(1 + λ·v) otherwise', () => {
    expect(law(signals({ lossTrend: 0.001, lossScale: 2, relativeVariance: 0.3 }), base, base)).toBeCloseTo(
      0.8 / 2.5,
      15,
    );
    expect(law(signals({ lossTrend: -1 }), base, base)).toBe(0.8);
  });
  it('uses |best|-relative thresholds, so negative losses behave like positive ones', () => {
    // Same trend, losses around −200: scale 200, threshold 0.2.
    expect(law(signals({ lossTrend: 0.3, lossScale: 200, filteredLoss: -200 }), base, base)).toBe(1.02);
    expect(law(signals({ lossTrend: 0.1, lossScale: 200, filteredLoss: -200 }), base, base)).toBe(0.8);
  });
  it('is neutral before a trend exists', () => {
    expect(law(signals({ samples: 1, lossTrend: 0 }), base, base)).toBe(1);
  });
  it('damps to zero (not NaN) for infinite variance', () => {
    expect(law(signals({ relativeVariance: Number.POSITIVE_INFINITY }), base, base)).toBe(0);
  });
});

describe('rewardTrendMomentum (f_μ)', () => {
  const law = rewardTrendMomentum({ increment: 0.02, decay: 0.1 });
  const current = { ...base, momentum: 0.5 };
  it('adds δμ while the reward rises', () => {
    expect(law(signals({ rewardTrend: 0.01 }), current, base)).toBe(0.02);
  });
  it('removes κμ·μ otherwise', () => {
    expect(law(signals({ rewardTrend: -0.01 }), current, base)).toBeCloseTo(-0.05, 15);
    expect(law(signals({ rewardTrend: 0 }), current, base)).toBeCloseTo(-0.05, 15);
  });
  it('works with negative rewards: a rise from −5 to −4 is a rise', () => {
    expect(law(signals({ rewardTrend: 1, filteredReward: -4, rewardScale: 4 }), current, base)).toBe(0.02);
  });
  it('uses the loss trend when no reward is fed', () => {
    expect(law(signals({ lossTrend: 0.1 }), current, base)).toBe(0.02);
    expect(law(signals({ lossTrend: -0.1 }), current, base)).toBeCloseTo(-0.05, 15);
    expect(law(signals({ samples: 1 }), current, base)).toBe(0);
  });
});

describe('plateauGatedDither (f_σ)', () => {
  const law = plateauGatedDither({ raise: 1.5, highVariance: 0.01, varianceDamping: 5, settle: 0.9 });
  it('raises σ only on plateaus', () => {
    expect(law(signals({ plateau: true }), base, base)).toBe(1.5);
    expect(law(signals({ plateau: false }), base, base)).toBe(1);
  });
  it('reduces σ when the variance is high, even on a plateau', () => {
    expect(law(signals({ plateau: true, relativeVariance: 0.2 }), base, base)).toBeCloseTo(1 / 2, 15);
  });
  it('settles a raised σ back to σ0 and never below it', () => {
    expect(law(signals({}), { ...base, dither: 4e-3 }, base)).toBe(0.9);
    expect(law(signals({}), { ...base, dither: 1.05e-3 }, base)).toBeCloseTo(1 / 1.05, 12);
  });
});
