import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { l1Norm, resonantCategory, scoreCategories } from './choice-match';

function score(input: number[], weights: number[][], alpha: number, rho = 0) {
  const flat = Float64Array.from(weights.flat());
  const width = input.length;
  const norms = Float64Array.from(weights.map((_, j) => l1Norm(flat, j * width, width)));
  const choice = new Float64Array(weights.length);
  const match = new Float64Array(weights.length);
  scoreCategories(Float64Array.from(input), flat, norms, weights.length, alpha, rho, choice, match);
  return { choice, match };
}

describe('scoreCategories', () => {
  it('computes T = |I ∧ w| / (α + |w|) and M = |I ∧ w| / d by hand', () => {
    // I = [0.2, 0.8]; w0 = [0.1, 0.7]: I ∧ w0 = [0.1, 0.7], |·| = 0.8, |w0| = 0.8
    //                  w1 = [0.5, 0.4]: I ∧ w1 = [0.2, 0.4], |·| = 0.6, |w1| = 0.9
    const { choice, match } = score(
      [0.2, 0.8],
      [
        [0.1, 0.7],
        [0.5, 0.4],
      ],
      0.001,
    );
    expect(choice[0]).toBeCloseTo(0.8 / 0.801, 15);
    expect(choice[1]).toBeCloseTo(0.6 / 0.901, 15);
    expect(match[0]).toBeCloseTo(0.8, 15);
    expect(match[1]).toBeCloseTo(0.6, 15);
  });

  it('gives T = 0 to an all-zero weight when α = 0 (the α → 0⁺ limit), not NaN', () => {
    const { choice, match } = score(
      [0.3, 0.7],
      [
        [0, 0],
        [0.3, 0.7],
      ],
      0,
    );
    expect(choice[0]).toBe(0);
    expect(match[0]).toBe(0);
    expect(choice[1]).toBe(1);
  });
});

describe('scoreCategories skips hopeless categories exactly', () => {
  it('by hand: a category far below vigilance is marked M = −1, T = 0', () => {
    const { choice, match } = score(
      [0.2, 0.8],
      [
        [0.1, 0.7],
        [0.5, 0.4],
      ],
      0.001,
      0.75,
    );
    expect(match[0]).toBeCloseTo(0.8, 15);
    expect(choice[0]).toBeCloseTo(0.8 / 0.801, 15);
    expect(match[1]).toBe(-1);
    expect(choice[1]).toBe(0);
  });

  it('scores every category that can resonate exactly as in full, and skips only those with M < ρ (fixed seed)', () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    let skipped = 0;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((d) =>
            fc.tuple(
              fc.array(unit, { minLength: d, maxLength: d }),
              fc.array(fc.array(unit, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 12 }),
            ),
          ),
        unit,
        ([x, boxes], rho) => {
          // weights as complement-coded boxes [u, 1 − v] around random corners
          const input = [...x, ...x.map((v) => 1 - v)];
          const weights = boxes.map((b) => [...b.map((v) => v * 0.5), ...b.map((v) => 0.5 - v * 0.5)]);
          const full = score(input, weights, 0.01, 0);
          const fast = score(input, weights, 0.01, rho);
          for (let j = 0; j < weights.length; j++) {
            if (fast.match[j] === -1) {
              skipped++;
              expect(full.match[j]!).toBeLessThan(rho);
            } else {
              expect(fast.match[j]).toBe(full.match[j]);
              expect(fast.choice[j]).toBe(full.choice[j]);
            }
            if (full.match[j]! >= rho) expect(fast.match[j]).toBe(full.match[j]);
          }
        },
      ),
      { seed: 20261205, numRuns: 300 },
    );
    expect(skipped).toBeGreaterThan(100); // the shortcut was taken, often
  });
});

describe('resonantCategory', () => {
  it('breaks ties in choice towards the lowest index', () => {
    const choice = Float64Array.of(0.5, 0.9, 0.9, 0.9);
    const match = Float64Array.of(1, 0.5, 0.8, 0.8);
    expect(resonantCategory(choice, match, 4, 0.7)).toBe(2);
    expect(resonantCategory(choice, match, 4, 0.4)).toBe(1);
    expect(resonantCategory(choice, match, 4, 0.95)).toBe(0);
    expect(resonantCategory(choice, match, 4, 1.01)).toBe(-1);
    expect(resonantCategory(choice, match, 4, 0.7, Uint8Array.of(0, 0, 1, 0))).toBe(3);
  });

  it('equals the search in descending choice that stops at the first match ≥ ρ (fixed seed)', () => {
    const level = fc.integer({ min: 0, max: 8 }).map((v) => v / 8); // coarse values: many ties
    fc.assert(
      fc.property(
        fc.array(fc.tuple(level, level), { minLength: 1, maxLength: 20 }),
        level,
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (pairs, rho, skip) => {
          const choice = Float64Array.from(pairs.map((p) => p[0]));
          const match = Float64Array.from(pairs.map((p) => p[1]));
          const excluded = Uint8Array.from(skip.slice(0, pairs.length).map(Number));
          const order = pairs.map((_, j) => j).sort((a, b) => choice[b]! - choice[a]! || a - b);
          const expected = order.find((j) => excluded[j] === 0 && match[j]! >= rho) ?? -1;
          expect(resonantCategory(choice, match, pairs.length, rho, excluded)).toBe(expected);
        },
      ),
      { seed: 20261205, numRuns: 300 },
    );
  });
});
