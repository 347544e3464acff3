import { SeededRandom } from '@ae-ddsp/explorer';
import { describe, expect, it } from 'vitest';
import { lowestIndex, randomCandidates } from './random-search';

describe('random search', () => {
  it('draws seeded uniform candidates in the normalised box', () => {
    const a = randomCandidates(new SeededRandom(3), 50, 4);
    expect(a).toHaveLength(50);
    const all = a.flatMap((c) => Array.from(c));
    expect(all.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(new Set(all).size).toBeGreaterThan(190);
    expect(randomCandidates(new SeededRandom(3), 50, 4)).toEqual(a);
  });

  it('picks the first lowest loss; NaN and +Infinity never win', () => {
    expect(lowestIndex([3, Number.NaN, 1, 1, 2])).toBe(2);
    expect(lowestIndex([Number.NaN, 5])).toBe(1);
    expect(lowestIndex([Number.NaN, Number.POSITIVE_INFINITY])).toBe(-1);
    expect(lowestIndex([])).toBe(-1);
  });
});
