import { describe, expect, it } from 'vitest';
import { minMaxBounds, minMaxNormalize } from './min-max';

describe('min-max normalisation', () => {
  it('maps each feature onto [0, 1] and a constant feature to 0 (artlib’s convention)', () => {
    const data = [
      [2, 10, -1],
      [4, 10, 3],
      [3, 10, 1],
    ];
    const bounds = minMaxBounds(data);
    expect(Array.from(bounds.lower)).toEqual([2, 10, -1]);
    expect(Array.from(bounds.upper)).toEqual([4, 10, 3]);
    expect(minMaxNormalize(data, bounds).map((r) => Array.from(r))).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [0.5, 0, 0.5],
    ]);
  });

  it('reads a flat matrix too', () => {
    const matrix = { data: Float32Array.of(0, 8, 2, 4), columns: 2 };
    const bounds = minMaxBounds(matrix);
    expect(minMaxNormalize(matrix, bounds).map((r) => Array.from(r))).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('names bad input', () => {
    expect(() => minMaxBounds([])).toThrow('minMaxBounds: rows is empty');
    expect(() => minMaxBounds([[1, 2], [3]])).toThrow('minMaxBounds: rows[1] has 1 values; expected 2');
    expect(() => minMaxBounds([[1, Number.NaN]])).toThrow(
      'minMaxBounds: rows[0][1] is NaN; expected a finite number',
    );
    const bounds = { lower: Float64Array.of(0, 0), upper: Float64Array.of(1) };
    expect(() => minMaxNormalize([[1, 2]], bounds)).toThrow('bounds.upper has 1 values; expected 2');
  });
});
