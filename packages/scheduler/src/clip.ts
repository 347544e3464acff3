/**
 * Clamps `value` into [lo, hi]. NaN is never let through: it yields `fallback`, which the
 * scheduler sets to the current (already valid) value so a bad law cannot corrupt state.
 */
export function clip(value: number, lo: number, hi: number, fallback: number): number {
  if (Number.isNaN(value)) return fallback;
  return Math.min(Math.max(value, lo), hi);
}
