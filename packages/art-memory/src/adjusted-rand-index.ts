/**
 * The adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items: 1 for
 * identical partitions (up to renaming), about 0 for independent ones, negative below
 * chance. Used to score a memory's categories against true classes. Labels are any
 * integers (−1, "no category", is a label like any other).
 *
 * @example
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2]); // 1
 * adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]); // -0.5
 * ```
 * @module
 */

const pairs = (n: number) => (n * (n - 1)) / 2;

/** ARI of `truth` and `predicted` (same length ≥ 1); throws naming a length mismatch. */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  if (n !== predicted.length || n === 0)
    throw new RangeError(
      `adjustedRandIndex: truth and predicted must be non-empty and equally long, got ${n} and ${predicted.length}`,
    );
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const a = truth[i]!;
    const b = predicted[i]!;
    table.set(`${a},${b}`, (table.get(`${a},${b}`) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  }
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let sumRows = 0;
  for (const count of rows.values()) sumRows += pairs(count);
  let sumColumns = 0;
  for (const count of columns.values()) sumColumns += pairs(count);
  const expected = (sumRows * sumColumns) / pairs(n);
  const maximum = (sumRows + sumColumns) / 2;
  // one cluster on both sides, or every item its own cluster on both: identical partitions
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
