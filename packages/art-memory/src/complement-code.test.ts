import { describe, expect, it } from 'vitest';
import { checkUnitRows, complementCode } from './complement-code';

describe('complementCode', () => {
  it('codes x as [x, 1 − x], so |I| is the number of features', () => {
    const coded = complementCode([0.25, 1, 0, 0.6]);
    expect(Array.from(coded)).toEqual([0.25, 1, 0, 0.6, 0.75, 0, 1, 1 - 0.6]);
    expect(coded.reduce((s, v) => s + v, 0)).toBeCloseTo(4, 15);
  });

  it('writes into the given output and checks its length', () => {
    const out = new Float64Array(4);
    expect(complementCode(Float32Array.of(0.5, 0.25), out)).toBe(out);
    expect(Array.from(out)).toEqual([0.5, 0.25, 0.5, 0.75]);
    expect(() => complementCode([0.5], out)).toThrow('out has length 4; expected 2');
  });

  it('rejects values outside [0, 1] and NaN, naming the value and the expectation', () => {
    expect(() => complementCode([0.2, 1.5])).toThrow('row[1] is 1.5; expected a number in [0, 1]');
    expect(() => complementCode([-1e-9])).toThrow('row[0] is -1e-9; expected a number in [0, 1]');
    expect(() => complementCode([0.1, Number.NaN], undefined, 'x')).toThrow('x[1] is NaN');
    expect(() => complementCode([Number.POSITIVE_INFINITY])).toThrow('row[0] is Infinity');
    expect(() => complementCode(['0.5' as unknown as number])).toThrow('row[0] is "0.5"');
    expect(() => complementCode([])).toThrow('row is empty');
    expect(() => complementCode(null as unknown as number[])).toThrow('row must be an array of numbers');
  });
});

describe('checkUnitRows', () => {
  it('checks every row against the first row’s length and names the bad one', () => {
    expect(
      checkUnitRows(
        [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        'op',
      ),
    ).toBe(2);
    expect(() => checkUnitRows([[0.1, 0.2], [0.3]], 'op')).toThrow(
      'op: rows[1] has 1 values; expected 2 (the number of features)',
    );
    expect(() => checkUnitRows([[0.1, 0.2]], 'op', 3)).toThrow('op: rows[0] has 2 values; expected 3');
    expect(() => checkUnitRows({ data: Float64Array.of(0.1, 2), columns: 1 }, 'op')).toThrow(
      'op: rows[1][0] is 2; expected a number in [0, 1]',
    );
    expect(() => checkUnitRows({ data: Float64Array.of(0.1, 0.2, 0.3), columns: 2 }, 'op')).toThrow(
      'op: rows.columns must be a positive integer dividing rows.data.length (3), got 2',
    );
    expect(() => checkUnitRows('rows' as unknown as number[][], 'op')).toThrow(
      'op: rows must be an array of rows',
    );
  });
});
