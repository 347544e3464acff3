import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand-index';

// Reference values from scikit-learn 1.x, sklearn.metrics.adjusted_rand_score on the same
// labels (computed with /usr/bin/python3; bench/peers/adjusted_rand_peer.py recomputes them).
describe('adjustedRandIndex', () => {
  it('agrees with sklearn.metrics.adjusted_rand_score', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
    expect(
      adjustedRandIndex([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], [0, 0, 1, 1, 1, 2, 2, 2, -1, 3, 3, 0]),
    ).toBeCloseTo(0.2376237623762376, 14);
    const truth = Array.from({ length: 40 }, (_, i) => i % 5);
    const predicted = Array.from({ length: 40 }, (_, i) => (i * 7) % 6);
    expect(adjustedRandIndex(truth, predicted)).toBeCloseTo(-0.09819494584837545, 14);
    expect(adjustedRandIndex([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [3, 4, 5])).toBe(1);
  });

  it('is 1 for a renamed partition and names bad input', () => {
    expect(adjustedRandIndex([0, 0, 1, 2, 2], [7, 7, 3, 9, 9])).toBe(1);
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/equally long, got 2 and 1/);
  });
});
