import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seq = (r: SeededRandom) => Array.from({ length: 20 }, () => r.uniform());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('resumes exactly from its state', () => {
    const r = new SeededRandom(3);
    for (let i = 0; i < 5; i++) r.gaussian();
    const saved = JSON.parse(JSON.stringify(r.state()));
    const next = Array.from({ length: 10 }, () => r.gaussian());
    const resumed = SeededRandom.fromState(saved);
    expect(Array.from({ length: 10 }, () => resumed.gaussian())).toEqual(next);
  });

  it('draws standard normal values (moments over 40 000 samples)', () => {
    const r = new SeededRandom(11);
    const n = 40_000;
    let sum = 0;
    let squares = 0;
    let fourth = 0;
    for (let i = 0; i < n; i++) {
      const x = r.gaussian();
      sum += x;
      squares += x * x;
      fourth += x ** 4;
    }
    // Standard errors: mean 1/√n = 0.005, variance √(2/n) = 0.007, 4th moment √(96/n) = 0.05.
    expect(Math.abs(sum / n)).toBeLessThan(0.025);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.035);
    expect(Math.abs(fourth / n - 3)).toBeLessThan(0.25);
  });

  it('rejects bad seeds and states', () => {
    expect(() => new SeededRandom(1.5)).toThrow(/seed/);
    expect(() => SeededRandom.fromState([1, 2])).toThrow(/state/);
  });
});
