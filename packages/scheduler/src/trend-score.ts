/**
 * Mann–Kendall trend score of a series, oldest first: S = Σ_{i<j} sign(x_i − x_j) over all
 * pairs, divided by its standard deviation √(n(n−1)(2n+5)/18) under "no trend" (independent
 * noise). Positive when the series falls. About N(0, 1) for pure noise whatever its size,
 * and ±3·√(n(n−1)/(2(2n+5))) (4.02 for n = 10, 6.85 for n = 24) for a strictly monotone series
 * whatever its shape, so a threshold on it tests "improving beyond the loss's own noise"
 * with no scale to tune. Ties count 0 (no tie correction: conservative). 0 for n < 2.
 *
 * @example
 * ```ts
 * trendScore([5, 4, 3, 2, 1]); // 2.45: strictly falling
 * ```
 */
export function trendScore(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = values[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign(a - (values[j] as number));
  }
  return s / Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
}
