import { describe, expect, it } from 'vitest';
import { FuzzyART } from './fuzzy-art';

const rows = [
  [0.1, 0.2],
  [0.12, 0.22],
  [0.9, 0.8],
];

describe('FuzzyART', () => {
  it('clusters by hand: resonance shrinks the box, novelty makes a new category at w = I', () => {
    const art = new FuzzyART({ rho: 0.8, alpha: 0.001, beta: 1 });
    // row 1 vs w0 = [0.1, 0.2, 0.9, 0.8]: I ∧ w0 = [0.1, 0.2, 0.88, 0.78], M = 1.96 / 2 ≥ 0.8
    // row 2 vs w0 = [0.1, 0.2, 0.88, 0.78]: I ∧ w0 = [0.1, 0.2, 0.1, 0.2], M = 0.3 < 0.8 → new
    expect(Array.from(art.fit(rows))).toEqual([0, 0, 1]);
    expect(art.categoryCount).toBe(2);
    expect(art.features).toBe(2);
    expect(art.weights.map((w) => Array.from(w))).toEqual([
      [0.1, 0.2, 1 - 0.12, 1 - 0.22],
      [0.9, 0.8, 1 - 0.9, 1 - 0.8],
    ]);
  });

  it('slow learning moves the weight by β towards I ∧ w', () => {
    const art = new FuzzyART({ rho: 0.5, beta: 0.25 });
    art.learn([0.4, 0.6]);
    art.learn([0.2, 0.6]); // I ∧ w = [0.2, 0.6, 0.6, 0.4]; w = [0.4, 0.6, 0.6, 0.4]
    const w = art.weights[0]!;
    expect(w[0]).toBeCloseTo(0.4 - 0.25 * 0.2, 15);
    expect(Array.from(w.subarray(1))).toEqual([0.6, 0.6, 0.4]);
  });

  it('classifies without learning and returns −1 when nothing resonates', () => {
    const art = new FuzzyART({ rho: 0.8 });
    expect(art.classify([0.5, 0.5])).toBe(-1); // empty memory
    art.fit(rows);
    const before = art.weights;
    expect(art.classify([0.11, 0.21])).toBe(0);
    expect(art.classify([0.88, 0.79])).toBe(1);
    expect(art.classify([0.5, 0.5])).toBe(-1);
    expect(
      Array.from(
        art.predict([
          [0.11, 0.21],
          [0.5, 0.5],
        ]),
      ),
    ).toEqual([0, -1]);
    expect(art.weights).toEqual(before);
  });

  it('at the category cap, a novel input gets −1 and changes nothing; resonant ones still learn', () => {
    const art = new FuzzyART({ rho: 0.8, maxCategories: 1 });
    expect(Array.from(art.fit(rows))).toEqual([0, 0, -1]);
    expect(art.categoryCount).toBe(1);
    expect(art.weights.map((w) => Array.from(w))).toEqual([[0.1, 0.2, 1 - 0.12, 1 - 0.22]]);
    expect(art.learn([0.11, 0.25])).toBe(0);
    expect(Array.from(art.weights[0]!)).toEqual([0.1, 0.2, 1 - 0.12, 1 - 0.25]);
  });

  it('partialFit continues where it stopped; fit starts over; a matrix reads like rows', () => {
    const whole = new FuzzyART({ rho: 0.7 });
    const labels = whole.fit(rows);
    const pieces = new FuzzyART({ rho: 0.7 });
    const first = pieces.partialFit(rows.slice(0, 2));
    const rest = pieces.partialFit({ data: Float64Array.from(rows.slice(2).flat()), columns: 2 });
    expect([...first, ...rest]).toEqual(Array.from(labels));
    expect(pieces.weights).toEqual(whole.weights);
    pieces.fit([[0.5, 0.5, 0.5]]);
    expect(pieces.categoryCount).toBe(1);
    expect(pieces.features).toBe(3);
  });

  it('returns copies of the weights', () => {
    const art = new FuzzyART();
    art.learn([0.3, 0.4]);
    art.weights[0]![0] = 0.9;
    expect(art.weights[0]![0]).toBe(0.3);
  });

  it('names bad rows and learns nothing from a batch with one', () => {
    const art = new FuzzyART({ rho: 0.8 });
    art.fit(rows);
    const before = art.weights;
    expect(() =>
      art.partialFit([
        [0.1, 0.2],
        [0.3, 1.2],
      ]),
    ).toThrow('FuzzyART.partialFit: rows[1][1] is 1.2; expected a number in [0, 1]');
    expect(() => art.fit([[0.1, 0.2], [0.3]])).toThrow('FuzzyART.fit: rows[1] has 1 values; expected 2');
    expect(() => art.learn([0.1, 0.2, 0.3])).toThrow('FuzzyART.learn: row has 3 values; expected 2');
    expect(() => art.learn([0.1, Number.NaN])).toThrow('FuzzyART.learn: row[1] is NaN');
    expect(() => art.classify([-0.5, 0])).toThrow('FuzzyART.classify: row[0] is -0.5');
    expect(() => art.predict([[0.5]])).toThrow('FuzzyART.predict: rows[0] has 1 values; expected 2');
    expect(() => art.learn([0.1, 0.2], { accepts: () => true, epsilon: -1 })).toThrow(
      'FuzzyART.learn: matchTracking.epsilon must be a number >= 0, got -1',
    );
    expect(art.weights).toEqual(before);
    expect(() => new FuzzyART({ beta: 0 })).toThrow(
      'FuzzyART: options.beta must be a number in (0, 1], got 0',
    );
  });

  it('match tracking (MT+): a refused category raises vigilance just above its match', () => {
    // I = [0.3, 0.3, 0.7, 0.7] against
    //   w0 = [0.2, 0.2, 0.8, 0.8]:     |I ∧ w0| = 1.8, M = 0.9,  T = 1.8 / 2.001
    //   w1 = [0.35, 0.35, 0.65, 0.65]: |I ∧ w1| = 1.9, M = 0.95, T = 1.9 / 2.001
    //   w2 = [0.3, 0.3, 0.5, 0.5]:     |I ∧ w2| = 1.6, M = 0.8,  T = 1.6 / 1.601 (the highest)
    const memory = () =>
      FuzzyART.fromJSON({
        format: 'ae-ddsp/fuzzy-art',
        version: 1,
        options: { rho: 0.5, alpha: 0.001, beta: 1, maxCategories: null },
        features: 2,
        weights: [
          [0.2, 0.2, 0.8, 0.8],
          [0.35, 0.35, 0.65, 0.65],
          [0.3, 0.3, 0.5, 0.5],
        ],
      });
    const search = (refused: number[], epsilon: number) => {
      const art = memory();
      const visited: number[] = [];
      const accepts = (j: number) => {
        visited.push(j);
        return !refused.includes(j);
      };
      return { category: art.learn([0.3, 0.3], { accepts, epsilon }), visited, art };
    };
    expect(memory().classify([0.3, 0.3])).toBe(2);
    // refuse 2: ρ → 0.8, and 1 (M 0.95) is next in choice
    expect(search([2], 0)).toMatchObject({ category: 1, visited: [2, 1] });
    // refuse 2 then 1: ρ → 0.95, so 0 (M 0.9) no longer passes: a new category at w = I
    const both = search([2, 1], 0);
    expect(both).toMatchObject({ category: 3, visited: [2, 1] });
    expect(Array.from(both.art.weights[3]!)).toEqual([0.3, 0.3, 0.7, 0.7]);
    // ε lifts vigilance past 1's match at once
    expect(search([2], 0.2)).toMatchObject({ category: 3, visited: [2] });
  });
});
