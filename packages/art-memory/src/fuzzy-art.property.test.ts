// Properties of Fuzzy ART on random data (fast-check, fixed seed, bounded runs).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FuzzyART } from './fuzzy-art';

const SEED = 20261205;
const RUNS = 60;

const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** d features, then 1–60 rows of d values in [0, 1]; coarse values sometimes, so ties occur. */
const data = fc.integer({ min: 1, max: 6 }).chain((d) =>
  fc.array(
    fc.array(
      fc.oneof(
        unit,
        fc.integer({ min: 0, max: 4 }).map((v) => v / 4),
      ),
      { minLength: d, maxLength: d },
    ),
    {
      minLength: 1,
      maxLength: 60,
    },
  ),
);
const options = fc.record({
  rho: fc.double({ min: 0, max: 1, noNaN: true }),
  alpha: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })),
  beta: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
});

describe('FuzzyART properties', () => {
  it('under fast learning weights only shrink (w_new ≤ w_old element-wise), one row at a time', () => {
    fc.assert(
      fc.property(data, options, (rows, o) => {
        const art = new FuzzyART({ ...o, beta: 1 });
        for (const row of rows) {
          const before = art.weights;
          const c = art.learn(row);
          const after = art.weights;
          before.forEach((w, j) => {
            for (let k = 0; k < w.length; k++) expect(after[j]![k]!).toBeLessThanOrEqual(w[k]!);
            if (j !== c) expect(after[j]).toEqual(w); // only the winner learns
          });
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('slow learning never grows a weight either, and every weight stays in [0, 1]', () => {
    fc.assert(
      fc.property(data, options, (rows, o) => {
        const art = new FuzzyART(o);
        for (const row of rows) {
          const before = art.weights;
          art.learn(row);
          const after = art.weights;
          before.forEach((w, j) => {
            for (let k = 0; k < w.length; k++) expect(after[j]![k]!).toBeLessThanOrEqual(w[k]!);
          });
          for (const w of after) for (const v of w) expect(v >= 0 && v <= 1).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('fast learning: each row ends inside its category’s box, and every box keeps |w| ≥ ρd', () => {
    fc.assert(
      fc.property(data, options, (rows, o) => {
        const art = new FuzzyART({ ...o, beta: 1 });
        const labels = art.fit(rows);
        const d = rows[0]!.length;
        const weights = art.weights;
        rows.forEach((x, i) => {
          const w = weights[labels[i]!]!;
          for (let k = 0; k < d; k++) {
            expect(w[k]!).toBeLessThanOrEqual(x[k]!); // lower corner u ≤ x
            expect(w[d + k]!).toBeLessThanOrEqual(1 - x[k]!); // upper corner 1 − v ≥ x
          }
        });
        for (const w of weights)
          expect(w.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(o.rho * d - 1e-12);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('presentation order is the only source of nondeterminism', () => {
    const random = vi.spyOn(Math, 'random');
    fc.assert(
      fc.property(data, options, fc.integer({ min: 0, max: 59 }), (rows, o, cut) => {
        // the same rows in the same order: the same labels and weights, bit for bit, however
        // they are split into calls or stored (arrays, Float64Array rows, one flat matrix)
        const a = new FuzzyART(o);
        const labels = a.fit(rows);
        const b = new FuzzyART(o);
        const split = Math.min(cut, rows.length);
        const pieces = [
          ...b.partialFit(rows.slice(0, split).map((r) => Float64Array.from(r))),
          ...b.partialFit({ data: Float64Array.from(rows.slice(split).flat()), columns: rows[0]!.length }),
        ];
        expect(pieces).toEqual(Array.from(labels));
        expect(b.weights).toEqual(a.weights);
        // another order gives an equally valid memory, and the same one every time
        const reversed = [...rows].reverse();
        const c1 = new FuzzyART(o);
        const c2 = new FuzzyART(o);
        expect(c1.fit(reversed)).toEqual(c2.fit(reversed));
        expect(c1.weights).toEqual(c2.weights);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });

  it('classify agrees with learn’s choice and never changes the memory', () => {
    fc.assert(
      fc.property(data, options, (rows, o) => {
        const art = new FuzzyART(o);
        art.fit(rows);
        const before = art.weights;
        const predicted = art.predict(rows);
        expect(art.weights).toEqual(before);
        // a resonant category is what learning that row again would pick
        rows.forEach((row, i) => {
          if (predicted[i]! < 0) return;
          const copy = FuzzyART.fromJSON(art.toJSON());
          expect(copy.learn(row)).toBe(predicted[i]);
        });
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
