/**
 * Seeded random arrays for tests.
 * @module
 */
import { mulberry32 } from '../modules/random';

/** `count` uniform values in [lo, hi) from `seed`. */
export function uniformArray(count: number, seed: number, lo = -1, hi = 1): Float64Array {
  const next = mulberry32(seed);
  return Float64Array.from({ length: count }, () => lo + (hi - lo) * next());
}
