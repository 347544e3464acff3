import { describe, expect, it } from 'vitest';
import { adam } from './adam';
import { heavyBall } from './heavy-ball';

const g = (...x: number[]) => Float32Array.from(x);

describe('heavyBall', () => {
  it('h ← μh + (1 − μ)g, u = αh, with μ and α read every step', () => {
    const rule = heavyBall(2);
    const u1 = rule.step(g(1, -2), { learningRate: 0.1, momentum: 0.5 });
    expect(Array.from(u1)).toEqual([0.05, -0.1].map(Math.fround));
    const u2 = rule.step(g(1, 0), { learningRate: 1, momentum: 0.9 });
    // h = 0.9·[0.5, −1] + 0.1·[1, 0] = [0.55, −0.9]
    expect(u2[0]).toBeCloseTo(0.55, 6);
    expect(u2[1]).toBeCloseTo(-0.9, 6);
  });

  it('without dampening is PyTorch SGD momentum: h ← μh + g', () => {
    const rule = heavyBall(1, { dampening: false });
    rule.step(g(1), { learningRate: 0.1, momentum: 0.9 });
    expect(rule.step(g(1), { learningRate: 0.1, momentum: 0.9 })[0]).toBeCloseTo(0.19, 6);
  });
});

describe('adam', () => {
  it('matches Adam’s formulas step by step with constant μ = β1', () => {
    const rule = adam(1, { beta2: 0.999, epsilon: 1e-8 });
    let m = 0;
    let v = 0;
    const grads = [0.5, -1, 2, 0.1];
    grads.forEach((x, i) => {
      const t = i + 1;
      m = 0.9 * m + 0.1 * x;
      v = 0.999 * v + 0.001 * x * x;
      const expected = (0.01 * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
      expect(rule.step(g(x), { learningRate: 0.01, momentum: 0.9 })[0]).toBeCloseTo(expected, 7);
    });
  });

  it('uses the product of the μ_t it was given for the bias correction', () => {
    const rule = adam(1);
    rule.step(g(1), { learningRate: 1, momentum: 0.5 });
    // m = 0.5·0.5 + 0.5·1 = 0.75 after a second gradient of 1 with μ = 0.5; Πμ = 0.25 → m̂ = 1.
    expect(rule.step(g(1), { learningRate: 1, momentum: 0.5 })[0]).toBeCloseTo(1, 6);
  });

  it('checkpoints and restores exactly, and refuses foreign state', () => {
    const a = adam(2);
    a.step(g(1, 2), { learningRate: 0.1, momentum: 0.8 });
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    const b = adam(2);
    b.restore(saved);
    expect(b.step(g(-1, 3), { learningRate: 0.1, momentum: 0.7 })).toEqual(
      a.step(g(-1, 3), { learningRate: 0.1, momentum: 0.7 }),
    );
    expect(() => heavyBall(2).restore(saved)).toThrow(/cannot restore/);
    expect(() => adam(3).restore(saved)).toThrow(/3 finite numbers/);
  });
});
