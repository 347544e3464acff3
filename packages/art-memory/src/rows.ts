/**
 * The two shapes of a batch of samples: an array of rows, or one flat row-major matrix.
 *
 * @example
 * ```ts
 * const matrix: Matrix = { data: Float64Array.of(0.1, 0.9, 0.4, 0.6), columns: 2 }; // 2 rows
 * rowCount(matrix); // 2
 * rowAt(matrix, 1); // Float64Array [0.4, 0.6]
 * ```
 * @module
 */

/** A flat row-major matrix: `data.length / columns` rows of `columns` values. */
export interface Matrix {
  /** The values, row after row. */
  readonly data: Float32Array | Float64Array;
  /** Values per row. */
  readonly columns: number;
}

/** Samples as an array of rows (plain arrays or typed arrays) or as one flat {@link Matrix}. */
export type Rows = readonly ArrayLike<number>[] | Matrix;

function isMatrix(rows: Rows): rows is Matrix {
  return !Array.isArray(rows);
}

/** Number of rows in `rows`; throws when `rows` is neither an array of rows nor a valid matrix. */
export function rowCount(rows: Rows, op: string): number {
  if (Array.isArray(rows)) return rows.length;
  const m = rows as Partial<Matrix> | null;
  if (m == null || !(m.data instanceof Float32Array || m.data instanceof Float64Array)) {
    throw new Error(
      `${op}: rows must be an array of rows or { data: Float32Array | Float64Array, columns }, got ${describe(rows)}`,
    );
  }
  if (
    !Number.isInteger(m.columns) ||
    (m.columns as number) < 1 ||
    m.data.length % (m.columns as number) !== 0
  ) {
    throw new Error(
      `${op}: rows.columns must be a positive integer dividing rows.data.length (${m.data.length}), got ${String(m.columns)}`,
    );
  }
  return m.data.length / (m.columns as number);
}

/** Row `i` of `rows` (a view, not a copy, for a matrix). */
export function rowAt(rows: Rows, i: number): ArrayLike<number> {
  if (isMatrix(rows)) return rows.data.subarray(i * rows.columns, (i + 1) * rows.columns);
  return rows[i]!;
}

/** A short description of any value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
