// Parity with artlib's FuzzyART and with the NumPy peer that follows its equations.
//
// 1. test-data/fuzzy-art-artlib.json (copied verbatim from the shared fixtures): artlib's
//    labels and weights. The fixture stores its inputs X to 6 decimals and its weights to 8,
//    while artlib ran on the unrounded inputs with the stored bounds. So labels must agree
//    exactly; each weight component of feature k must agree to the rounding the fixture
//    carries: 0.5e-6 / (upper_k − lower_k) from X plus 0.5e-8 from the weight itself (a weight
//    is a min or a convex combination of inputs, so input errors never grow). The rounded X
//    can fall outside the stored bounds by that same rounding; those values are clamped into
//    [0, 1], and the test checks that no clamp exceeds it.
// 2. test-data/fuzzy-art-numpy.json (make_numpy_fixture.py): the NumPy peer's full-precision
//    results on inputs already in [0, 1], including a category cap and the simplified ARTMAP
//    (MT+); categories, predictions and category labels exact, weights to 1e-12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FuzzyART } from './fuzzy-art';
import { minMaxNormalize } from './min-max';
import { SimpleARTMAP } from './simple-artmap';

interface ArtlibCase {
  data: string;
  rho: number;
  alpha: number;
  beta: number;
  X: number[][];
  lower: number[];
  upper: number[];
  labels: number[];
  weights: number[][];
}
interface PeerCase {
  data: string;
  rho: number;
  alpha: number;
  beta: number;
  maxCategories: number | null;
  X: number[][];
  labels?: number[];
  epsilon?: number;
  categoryLabels?: number[];
  categories: number[];
  weights: number[][];
  classified: number[];
}
function load<T>(file: string): { cases: T[] } {
  return JSON.parse(readFileSync(new URL(`../test-data/${file}`, import.meta.url), 'utf8')) as { cases: T[] };
}

/** Largest |got − want| / tolerance(k) over all weights (NaN-aware); ≤ 1 passes. */
function worstScaledError(got: Float64Array[], want: number[][], tolerance: (k: number) => number): number {
  let worst = 0;
  want.forEach((row, j) => {
    row.forEach((v, k) => {
      const e = Math.abs(got[j]![k]! - v) / tolerance(k);
      worst = Math.max(worst, e); // NaN propagates
    });
  });
  return worst;
}

describe('parity with artlib FuzzyART (fuzzy-art-artlib.json)', () => {
  for (const c of load<ArtlibCase>('fuzzy-art-artlib.json').cases) {
    it(`${c.data}, rho ${c.rho}, alpha ${c.alpha}, beta ${c.beta}`, () => {
      const d = c.lower.length;
      const span = c.lower.map((lo, k) => c.upper[k]! - lo);
      const inputRounding = span.map((s) => 0.5e-6 / s);
      const bounds = { lower: Float64Array.from(c.lower), upper: Float64Array.from(c.upper) };
      const rows = minMaxNormalize(c.X, bounds).map((x) =>
        x.map((v, k) => {
          const clamped = Math.min(1, Math.max(0, v));
          expect(Math.abs(clamped - v)).toBeLessThanOrEqual(inputRounding[k]!);
          return clamped;
        }),
      );
      const art = new FuzzyART({ rho: c.rho, alpha: c.alpha, beta: c.beta });
      expect(Array.from(art.fit(rows))).toEqual(c.labels);
      expect(art.weights.length).toBe(c.weights.length);
      const tolerance = (k: number) => inputRounding[k % d]! + 0.5e-8 + 1e-15;
      expect(worstScaledError(art.weights, c.weights, tolerance)).toBeLessThanOrEqual(1);
    });
  }
});

describe('parity with the NumPy peer (fuzzy-art-numpy.json), weights to 1e-12', () => {
  for (const c of load<PeerCase>('fuzzy-art-numpy.json').cases) {
    it(`${c.data}, rho ${c.rho}, alpha ${c.alpha}, beta ${c.beta}, cap ${c.maxCategories ?? 'none'}`, () => {
      const options = {
        rho: c.rho,
        alpha: c.alpha,
        beta: c.beta,
        maxCategories: c.maxCategories ?? Number.POSITIVE_INFINITY,
      };
      let art: FuzzyART;
      if (c.labels) {
        const map = new SimpleARTMAP({ ...options, epsilon: c.epsilon! });
        expect(Array.from(map.fit(c.X, c.labels))).toEqual(c.categories);
        expect(Array.from(map.categoryLabels)).toEqual(c.categoryLabels);
        art = map.art;
      } else {
        art = new FuzzyART(options);
        expect(Array.from(art.fit(c.X))).toEqual(c.categories);
      }
      expect(Array.from(art.predict(c.X))).toEqual(c.classified);
      expect(art.weights.length).toBe(c.weights.length);
      expect(worstScaledError(art.weights, c.weights, () => 1e-12)).toBeLessThanOrEqual(1);
    });
  }
});
