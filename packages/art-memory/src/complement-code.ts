/**
 * Complement coding, Fuzzy ART's input encoding: a row x of features in [0, 1] becomes
 * I = [x, 1 − x], so |I| (L1) is always the number of features and a category's weight
 * describes a box [u, 1 − v] in feature space. Values outside [0, 1] are an error, never
 * clipped: out-of-range inputs make min-based matching fail silently.
 *
 * @example
 * ```ts
 * complementCode([0.25, 1]); // Float64Array [0.25, 1, 0.75, 0]
 * complementCode([1.5]); // throws: row[0] is 1.5; expected a number in [0, 1]
 * ```
 * @module
 */
import { describe, type Rows, rowAt, rowCount } from './rows';

/**
 * Throws unless `row` is array-like with `features` values (when given), each a number in
 * [0, 1]; `name` names the row in the message (e.g. `rows[3]`).
 */
export function checkUnitRow(row: ArrayLike<number>, name: string, features?: number): void {
  if (row == null || typeof row !== 'object' || typeof row.length !== 'number') {
    throw new Error(`${name} must be an array of numbers in [0, 1], got ${describe(row)}`);
  }
  if (features !== undefined && row.length !== features) {
    throw new Error(`${name} has ${row.length} values; expected ${features} (the number of features)`);
  }
  if (row.length === 0) throw new Error(`${name} is empty; expected at least one feature`);
  for (let k = 0; k < row.length; k++) {
    const v = row[k];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new Error(
        `${name}[${k}] is ${describe(v)}; expected a number in [0, 1] (min-max normalise features first)`,
      );
    }
  }
}

/**
 * Throws unless every row of `rows` passes {@link checkUnitRow} with the same number of
 * features (`features`, or the first row's); `op` names the caller. Returns the row count.
 */
export function checkUnitRows(rows: Rows, op: string, features?: number): number {
  const n = rowCount(rows, op);
  const d = features ?? (n > 0 ? rowAt(rows, 0)?.length : undefined);
  for (let i = 0; i < n; i++) checkUnitRow(rowAt(rows, i), `${op}: rows[${i}]`, d);
  return n;
}

/**
 * The complement code [x, 1 − x] of a row of features in [0, 1], written to `out` (length
 * 2 × features) when given. Throws a clear error for NaN or values outside [0, 1].
 */
export function complementCode(row: ArrayLike<number>, out?: Float64Array, name = 'row'): Float64Array {
  checkUnitRow(row, name);
  const d = row.length;
  const coded = out ?? new Float64Array(2 * d);
  if (coded.length !== 2 * d) {
    throw new Error(`complementCode: out has length ${coded.length}; expected ${2 * d} (twice the features)`);
  }
  for (let k = 0; k < d; k++) {
    const x = row[k]!;
    coded[k] = x;
    coded[d + k] = 1 - x;
  }
  return coded;
}
