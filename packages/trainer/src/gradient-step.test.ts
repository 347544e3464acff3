import { SeededRandom } from '@ae-ddsp/explorer';
import { describe, expect, it } from 'vitest';
import { gradientStep, NO_RISK_LIMITS, norm } from './gradient-step';
import { heavyBall } from './update-rules/heavy-ball';

const v = (...x: number[]) => Float32Array.from(x);
const hyper = { learningRate: 0.5, momentum: 0, dither: 0.1 };

describe('gradientStep', () => {
  it('is θ − α·g for a plain rule, without limits', () => {
    const next = gradientStep(v(0.5, 0.5), v(0.2, -0.4), hyper, heavyBall(2), NO_RISK_LIMITS);
    expect(Array.from(next)).toEqual(
      [0.5 - 0.5 * Math.fround(0.2), 0.5 + 0.5 * Math.fround(0.4)].map(Math.fround),
    );
  });

  it('rescales the gradient to the norm limit and clips each move to the slew limit', () => {
    const g = v(3, 4);
    const next = gradientStep(v(0.5, 0.5), g, { ...hyper, learningRate: 1 }, heavyBall(2), {
      maxGradientNorm: 1,
      maxSlew: Number.POSITIVE_INFINITY,
    });
    expect(norm(g)).toBeCloseTo(1, 6); // the gradient handed to the rule
    expect(next[0]).toBeCloseTo(0.5 - 0.6, 6);
    expect(next[1]).toBeCloseTo(0.5 - 0.8, 6);
    const slewed = gradientStep(v(0.5, 0.5), v(1, -0.01), { ...hyper, learningRate: 1 }, heavyBall(2), {
      maxGradientNorm: Number.POSITIVE_INFINITY,
      maxSlew: 0.05,
    });
    expect(slewed[0]).toBeCloseTo(0.45, 6);
    expect(slewed[1]).toBeCloseTo(0.51, 6);
  });

  it('adds σ·η to the gradient when given a noise source', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const next = gradientStep(v(0.5, 0.5), v(0, 0), hyper, heavyBall(2), NO_RISK_LIMITS, () => a.gaussian());
    const eta = [b.gaussian(), b.gaussian()];
    expect(next[0]).toBeCloseTo(0.5 - 0.5 * 0.1 * eta[0]!, 6);
    expect(next[1]).toBeCloseTo(0.5 - 0.5 * 0.1 * eta[1]!, 6);
  });
});
