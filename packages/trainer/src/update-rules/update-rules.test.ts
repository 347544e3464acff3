import { describe, expect, it } from 'vitest';
import { adam } from './adam';
import { heavyBall } from './heavy-ball';
import { resilient } from './resilient';

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

describe('resilient', () => {
  it('grows a step while the sign holds, halves it and skips the step on a flip', () => {
    const rule = resilient(2, { increase: 1.2, decrease: 0.5 });
    const h = { learningRate: 0.1, momentum: 0.9 };
    expect(Array.from(rule.step(g(3, -0.001), h))).toEqual([0.1, -0.1].map(Math.fround));
    const u2 = rule.step(g(0.5, -7), h); // same signs: ×1.2
    expect(u2[0]).toBeCloseTo(0.12, 7);
    expect(u2[1]).toBeCloseTo(-0.12, 7);
    const u3 = rule.step(g(-1, -1), h); // coordinate 0 flips: no move, step ×0.5
    expect(u3[0]).toBe(0);
    expect(u3[1]).toBeCloseTo(-0.144, 7);
    expect(rule.step(g(-1, -1), h)[0]).toBeCloseTo(-0.06, 7); // 0.12 × 0.5, fresh sign
  });

  it('moves a parameter that sits at its optimum less and less (a right parameter stays right)', () => {
    // f(x) = (x0 − 0.3)² + (x1 − 0.8)², started with x0 right and x1 far off.
    const rule = resilient(2);
    const x = [0.3001, 0.1];
    let worst = 0;
    for (let t = 0; t < 60; t++) {
      const u = rule.step(g(2 * (x[0]! - 0.3), 2 * (x[1]! - 0.8)), { learningRate: 0.02, momentum: 0.9 });
      x[0] = x[0]! - u[0]!;
      x[1] = x[1]! - u[1]!;
      worst = Math.max(worst, Math.abs(x[0]! - 0.3));
    }
    expect(worst).toBeLessThan(0.021); // at most one α-sized excursion, never a run of them
    expect(Math.abs(x[0]! - 0.3)).toBeLessThan(1e-4);
    expect(Math.abs(x[1]! - 0.8)).toBeLessThan(1e-4);
  });

  it('keeps steps within α·stepBounds, checkpoints exactly and checks its options', () => {
    const rule = resilient(1, { stepBounds: [0.25, 2] });
    const h = { learningRate: 1, momentum: 0 };
    let u = 0;
    for (let t = 0; t < 20; t++) u = rule.step(g(1), h)[0]!;
    expect(u).toBe(2);
    const saved = JSON.parse(JSON.stringify(rule.toJSON()));
    const copy = resilient(1, { stepBounds: [0.25, 2] });
    copy.restore(saved);
    expect(copy.step(g(-1), h)).toEqual(rule.step(g(-1), h));
    expect(() => resilient(1, { increase: 1 })).toThrow(/increase must be/);
    expect(() => resilient(1, { decrease: 1 })).toThrow(/decrease must be/);
    expect(() => resilient(1, { stepBounds: [0, 2] })).toThrow(/stepBounds must be/);
    expect(() => adam(1).restore(saved)).toThrow(/cannot restore/);
  });
});
