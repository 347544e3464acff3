/**
 * Per-feature min-max normalisation into [0, 1], the usual step before Fuzzy ART. It follows
 * artlib's `normalize`: (x − lower) / (upper − lower), and 0 for a constant feature.
 *
 * @example
 * ```ts
 * const data = [[2, 10], [4, 10], [3, 10]];
 * const bounds = minMaxBounds(data); // lower [2, 10], upper [4, 10]
 * minMaxNormalize(data, bounds); // [[0, 0], [1, 0], [0.5, 0]]
 * ```
 * @module
 */
import { type Rows, rowAt, rowCount } from './rows';

/** Per-feature lower and upper bounds of a data set. */
export interface MinMaxBounds {
  /** Per-feature value mapped to 0. */
  readonly lower: Float64Array;
  /** Per-feature value mapped to 1. */
  readonly upper: Float64Array;
}

/** The per-feature minimum and maximum over all rows (which must be finite numbers). */
export function minMaxBounds(rows: Rows): MinMaxBounds {
  const n = rowCount(rows, 'minMaxBounds');
  if (n === 0) throw new Error('minMaxBounds: rows is empty; expected at least one row');
  const d = rowAt(rows, 0).length;
  const lower = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const upper = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const row = rowAt(rows, i);
    if (row.length !== d) throw new Error(`minMaxBounds: rows[${i}] has ${row.length} values; expected ${d}`);
    for (let k = 0; k < d; k++) {
      const v = row[k]!;
      if (!Number.isFinite(v))
        throw new Error(`minMaxBounds: rows[${i}][${k}] is ${v}; expected a finite number`);
      if (v < lower[k]!) lower[k] = v;
      if (v > upper[k]!) upper[k] = v;
    }
  }
  return { lower, upper };
}

/**
 * Each row mapped to (x − lower) / (upper − lower) per feature (0 where upper = lower).
 * Values outside the bounds land outside [0, 1] and are left for Fuzzy ART to reject.
 */
export function minMaxNormalize(rows: Rows, bounds: MinMaxBounds): Float64Array[] {
  const n = rowCount(rows, 'minMaxNormalize');
  const { lower, upper } = bounds;
  const d = lower.length;
  if (upper.length !== d) {
    throw new Error(
      `minMaxNormalize: bounds.upper has ${upper.length} values; expected ${d} like bounds.lower`,
    );
  }
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = rowAt(rows, i);
    if (row.length !== d)
      throw new Error(`minMaxNormalize: rows[${i}] has ${row.length} values; expected ${d}`);
    const x = new Float64Array(d);
    for (let k = 0; k < d; k++) {
      const range = upper[k]! - lower[k]!;
      x[k] = range === 0 ? 0 : (row[k]! - lower[k]!) / range;
    }
    out.push(x);
  }
  return out;
}
