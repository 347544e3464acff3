import { describe, expect, it } from 'vitest';
import { AdaptiveScheduler } from './adaptive-scheduler';
import { EMPTY_FILTER_STATE, filterFeedback } from './feedback-filter';
import { DEFAULT_SCHEDULER_OPTIONS } from './options';
import { robust, seedLaw } from './presets';
import { significantTrendLearningRate, significantTrendMomentum } from './significant-trend-law';
import { trendScore } from './trend-score';
import type { FeedbackSignals } from './types';

/** Seeded standard normals (mulberry32 + Box–Muller). */
function normals(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe('trendScore (Mann–Kendall)', () => {
  it('gives the analytic score 3·√(n(n−1)/(2(2n+5))) for any strictly falling series', () => {
    for (const n of [3, 10, 24]) {
      const expected = 3 * Math.sqrt((n * (n - 1)) / (2 * (2 * n + 5)));
      const linear = Array.from({ length: n }, (_, i) => -i);
      const exponential = Array.from({ length: n }, (_, i) => 1e6 * 0.5 ** i);
      expect(trendScore(linear)).toBeCloseTo(expected, 12);
      expect(trendScore(exponential)).toBeCloseTo(expected, 12);
      expect(trendScore(linear.map((x) => -x))).toBeCloseTo(-expected, 12);
    }
    expect(trendScore([1])).toBe(0);
    expect(trendScore([2, 2, 2])).toBe(0);
  });

  it('is about N(0, 1) on pure noise, whatever its scale', () => {
    const normal = normals(3);
    const scores = Array.from({ length: 2000 }, () =>
      trendScore(Array.from({ length: 20 }, () => 1e3 * normal())),
    );
    const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(sd).toBeGreaterThan(0.9);
    expect(sd).toBeLessThan(1.1);
  });
});

describe('the noise signals of the feedback filter', () => {
  const options = { ...DEFAULT_SCHEDULER_OPTIONS, varianceWindow: 20 };
  const feed = (losses: number[]) => {
    let state = EMPTY_FILTER_STATE;
    let signals: FeedbackSignals | undefined;
    losses.forEach((loss, step) => {
      ({ state, signals } = filterFeedback(state, step, { loss }, options));
    });
    return signals as FeedbackSignals;
  };

  it('estimates the noise level and ignores a steady trend', () => {
    expect(feed(Array.from({ length: 30 }, (_, t) => 5 - 0.1 * t)).lossNoise).toBeCloseTo(0, 12);
    const normal = normals(9);
    const estimates = Array.from(
      { length: 200 },
      () => feed(Array.from({ length: 20 }, (_, t) => 100 - t + 0.3 * normal())).lossNoise,
    );
    const mean = estimates.reduce((s, x) => s + x, 0) / estimates.length;
    expect(mean).toBeGreaterThan(0.27);
    expect(mean).toBeLessThan(0.33);
  });

  it('scores a rise in units of the noise: any rise of a noiseless loss is large', () => {
    expect(feed([5, 5, 5, 5, 5, 5.001]).lossRiseScore).toBe(Number.POSITIVE_INFINITY);
    expect(feed([5, 4, 3, 2, 1, 0.5]).lossRiseScore).toBeLessThan(0);
    // Noise of σ = 1 before the step: a rise of 3 above the level scores about 3.
    const normal = normals(4);
    const noisy = Array.from({ length: 400 }, () => 10 + normal());
    const level = feed(noisy).filteredLoss;
    const score = feed([...noisy, level + 3]).lossRiseScore;
    expect(score).toBeGreaterThan(2.2);
    expect(score).toBeLessThan(4);
  });
});

describe('significantTrendLearningRate and significantTrendMomentum', () => {
  const signals = (over: Partial<FeedbackSignals>) =>
    ({ samples: 10, lossTrendScore: 0, lossRiseScore: 0, ...over }) as FeedbackSignals;
  const base = { learningRate: 0.1, momentum: 0.9, dither: 0 };
  const alpha = significantTrendLearningRate({ up: 1.1, down: 0.5, hold: 0.99, confidence: 2 });
  const mu = significantTrendMomentum({ increment: 0.05, decay: 0.2, confidence: 2 });

  it('grows α on a significant fall, cuts it on a significant rise, and holds it in noise', () => {
    expect(alpha(signals({ lossTrendScore: 2.5 }), base, base)).toBe(1.1);
    expect(alpha(signals({ lossTrendScore: 2.5, lossRiseScore: 3 }), base, base)).toBe(0.5); // a rise wins
    expect(alpha(signals({ lossTrendScore: 1.5, lossRiseScore: 1.5 }), base, base)).toBe(0.99);
    expect(alpha(signals({ samples: 1, lossTrendScore: 9 }), base, base)).toBe(1);
  });

  it('cuts μ on a real rise and regrows it up to μ0, never above', () => {
    const low = { ...base, momentum: 0.5 };
    expect(mu(signals({ lossRiseScore: 3 }), low, base)).toBeCloseTo(-0.1, 15);
    expect(mu(signals({ lossTrendScore: 3 }), low, base)).toBe(0.05);
    expect(mu(signals({ lossTrendScore: 3 }), { ...base, momentum: 0.88 }, base)).toBeCloseTo(0.02, 15);
    expect(mu(signals({ lossTrendScore: 3 }), base, base)).toBe(0);
    expect(mu(signals({}), low, base)).toBe(0);
  });
});

describe('the presets', () => {
  it("seedLaw is what a bare AdaptiveScheduler does (the trainer's pinned law)", () => {
    const normal = normals(5);
    const losses = Array.from({ length: 80 }, (_, t) => 1 / (1 + t) + 0.01 * normal());
    const bare = new AdaptiveScheduler({ learningRate: 0.01 });
    const seeded = new AdaptiveScheduler({ ...seedLaw, learningRate: 0.01 });
    for (const loss of losses) expect(seeded.update(loss)).toEqual(bare.update(loss));
    expect(seedLaw.learningRateBounds).toEqual([0.3, 3]);
    expect(seedLaw.dither).toBe(1e-3);
  });

  it('robust keeps α up while a noisy loss is still falling, where seedLaw pins it at its floor', () => {
    // A fall of 1 % a step under noise of 10 %: the "α pinned at 0.3·α0 while the loss still falls".
    const normal = normals(11);
    const losses = Array.from({ length: 200 }, (_, t) => Math.exp(-0.01 * t) * (1 + 0.1 * normal()));
    const seed = new AdaptiveScheduler({ ...seedLaw, learningRate: 1 });
    const mine = new AdaptiveScheduler({ ...robust, learningRate: 1 });
    for (const loss of losses) {
      seed.update(loss);
      mine.update(loss);
    }
    expect(seed.hyperparameters.learningRate).toBeLessThan(0.35);
    expect(mine.hyperparameters.learningRate).toBeGreaterThan(1);
    expect(mine.hyperparameters.momentum).toBeGreaterThan(0.8);
  });

  it('robust cuts α at once when a noiseless loss rises, and does not dither', () => {
    const mine = new AdaptiveScheduler({ ...robust, learningRate: 1 });
    for (let t = 0; t < 30; t++) mine.update(10 - 0.1 * t);
    const before = mine.hyperparameters.learningRate;
    expect(before).toBeGreaterThan(1);
    expect(mine.update(9).learningRate).toBeCloseTo(0.7 * before, 12);
    expect(mine.hyperparameters.dither).toBe(0);
  });
});
