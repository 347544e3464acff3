import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FuzzyART } from './fuzzy-art';
import { SimpleARTMAP } from './simple-artmap';

// iris, min-max normalised and shuffled with a fixed seed (from make_numpy_fixture.py)
const iris = (
  JSON.parse(readFileSync(new URL('../test-data/fuzzy-art-numpy.json', import.meta.url), 'utf8')) as {
    cases: { data: string; X: number[][]; labels?: number[] }[];
  }
).cases.find((c) => c.data === 'iris ARTMAP')!;

describe('SimpleARTMAP', () => {
  it('splits a category on a label conflict where plain Fuzzy ART would merge', () => {
    const rows = [
      [0.1, 0.1],
      [0.15, 0.1],
      [0.9, 0.9],
    ];
    expect(Array.from(new FuzzyART({ rho: 0.7 }).fit(rows))).toEqual([0, 0, 1]);
    const map = new SimpleARTMAP({ rho: 0.7 });
    expect(Array.from(map.fit(rows, [3, 7, 3]))).toEqual([0, 1, 2]);
    expect(Array.from(map.categoryLabels)).toEqual([3, 7, 3]);
    expect(map.classify([0.1, 0.1])).toBe(3);
    expect(map.classify([0.15, 0.1])).toBe(7);
    expect(map.classify([0.5, 0.5])).toBe(-1);
    expect(Array.from(map.predict(rows))).toEqual([3, 7, 3]);
  });

  it('classifies held-out iris well after one pass (train 100, test 50)', () => {
    const X = iris.X;
    const y = iris.labels!;
    const map = new SimpleARTMAP({ rho: 0.75, alpha: 0.001, beta: 1 });
    map.fit(X.slice(0, 100), y.slice(0, 100));
    // every category carries one label, and the training rows are (nearly all) recalled
    const train = map.predict(X.slice(0, 100));
    const recalled = train.filter((label, i) => label === y[i]).length;
    expect(recalled).toBeGreaterThanOrEqual(95);
    const test = map.predict(X.slice(100));
    const correct = test.filter((label, i) => label === y[100 + i]).length;
    const wrong = test.filter((label, i) => label !== -1 && label !== y[100 + i]).length;
    console.log(`iris held-out: ${correct} right, ${wrong} wrong, ${50 - correct - wrong} unknown (−1)`);
    expect(correct).toBeGreaterThanOrEqual(40);
    expect(wrong).toBeLessThanOrEqual(5);
  });

  it('respects the cap: a conflicting input with no room gets −1', () => {
    const map = new SimpleARTMAP({ rho: 0, maxCategories: 1 });
    expect(Array.from(map.fit([[0.2], [0.25]], [0, 1]))).toEqual([0, -1]);
    expect(Array.from(map.categoryLabels)).toEqual([0]);
  });

  it('round-trips through JSON exactly, with strict checks', () => {
    const map = new SimpleARTMAP({ rho: 0.6, beta: 0.5, epsilon: 1e-6 });
    map.fit(iris.X.slice(0, 60), iris.labels!.slice(0, 60));
    const copy = SimpleARTMAP.fromJSON(JSON.parse(JSON.stringify(map)));
    expect(copy.epsilon).toBe(1e-6);
    expect(copy.categoryLabels).toEqual(map.categoryLabels);
    expect(copy.art.weights).toEqual(map.art.weights);
    expect(copy.partialFit(iris.X.slice(60), iris.labels!.slice(60))).toEqual(
      map.partialFit(iris.X.slice(60), iris.labels!.slice(60)),
    );
    const json = JSON.parse(JSON.stringify(map));
    expect(() => SimpleARTMAP.fromJSON({ ...json, categoryLabels: json.categoryLabels.slice(1) })).toThrow(
      `SimpleARTMAP.fromJSON: json.categoryLabels must be an array of ${json.art.weights.length} labels`,
    );
    expect(() =>
      SimpleARTMAP.fromJSON({ ...json, categoryLabels: [-1, ...json.categoryLabels.slice(1)] }),
    ).toThrow(
      'SimpleARTMAP.fromJSON: json.categoryLabels[0] must be a non-negative integer class label, got -1',
    );
    expect(() => SimpleARTMAP.fromJSON({ ...json, epsilon: -1 })).toThrow(
      'SimpleARTMAP.fromJSON: json.epsilon',
    );
    expect(() => SimpleARTMAP.fromJSON({ ...json, format: 'x' })).toThrow(
      'SimpleARTMAP.fromJSON: json.format',
    );
    expect(() => SimpleARTMAP.fromJSON({ ...json, art: { ...json.art, version: 0 } })).toThrow(
      'SimpleARTMAP.fromJSON: json.art.version must be 1, got 0',
    );
  });

  it('names bad labels and rows', () => {
    const map = new SimpleARTMAP();
    expect(() => map.fit([[0.1], [0.2]], [0])).toThrow(
      'SimpleARTMAP.fit: labels must hold one label per row (2)',
    );
    expect(() => map.fit([[0.1], [0.2]], [0, 1.5])).toThrow(
      'SimpleARTMAP.fit: labels[1] must be a non-negative integer class label, got 1.5',
    );
    expect(() => map.fit([[0.1], [2]], [0, 1])).toThrow('SimpleARTMAP.fit: rows[1][0] is 2');
    expect(() => map.learn([0.1], -2)).toThrow('SimpleARTMAP.learn: label must be a non-negative integer');
    expect(() => new SimpleARTMAP({ epsilon: Number.NaN })).toThrow(
      'SimpleARTMAP: options.epsilon must be a number in [0, 1)',
    );
    expect(map.art.categoryCount).toBe(0);
  });
});
