import { describe, expect, it } from 'vitest';
import { centralDifference, maxRelativeError } from './central-difference';

describe('maxRelativeError', () => {
  it('is the largest relative error with an absolute floor', () => {
    expect(maxRelativeError([1, 2.2, 0], [1, 2, 0.5], 0.5)).toBeCloseTo(0.5, 12); // |0 − 0.5| / (0.5 + 0.5)
    expect(maxRelativeError([1, 2.2], [1, 2], 0)).toBeCloseTo(0.1, 12);
  });

  it('is NaN when any element is NaN, first, last or in between (no tolerance passes it)', () => {
    const b = [1, 2, 3, 4];
    for (let at = 0; at < b.length; at++) {
      const a = [...b];
      a[at] = Number.NaN;
      expect(maxRelativeError(a, b)).toBeNaN();
      expect(maxRelativeError(b, a)).toBeNaN();
    }
  });

  it('rejects arrays of different lengths', () => {
    expect(() => maxRelativeError([1], [1, 2])).toThrow(/length mismatch: 1 vs 2/);
  });
});

describe('centralDifference', () => {
  it('differentiates a cubic to rounding', () => {
    const g = centralDifference((x) => x[0]! ** 3 + 2 * x[0]! * x[1]!, [1.5, -2], 1e-5);
    expect(g[0]).toBeCloseTo(3 * 1.5 ** 2 - 4, 8);
    expect(g[1]).toBeCloseTo(3, 8);
  });
});
