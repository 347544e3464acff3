/**
 * Category choice and match for one complement-coded input against every category at once,
 * over flat row-major weight storage (category j at `weights[j * width … (j + 1) * width)`).
 *
 * - choice T_j = |I ∧ w_j| / (α + |w_j|)
 * - match  M_j = |I ∧ w_j| / d, with d the features before complement coding (|I| = d)
 *
 * where ∧ is the element-wise minimum and |·| the L1 norm. The search of Fuzzy ART visits
 * categories in descending T (ties to the lowest index) and stops at the first with M ≥ ρ;
 * {@link resonantCategory} finds that category in one pass, without sorting.
 *
 * @example
 * ```ts
 * const input = Float64Array.of(0.2, 0.8); // one feature, complement coded
 * const weights = Float64Array.of(0.1, 0.7, 0.5, 0.4); // two categories
 * const norms = Float64Array.of(0.8, 0.9);
 * const choice = new Float64Array(2);
 * const match = new Float64Array(2);
 * scoreCategories(input, weights, norms, 2, 0.001, choice, match);
 * resonantCategory(choice, match, 2, 0.75); // 0 (match 0.8 ≥ 0.75; category 1 has 0.6)
 * ```
 * @module
 */

/** L1 norm of `width` values of `w` starting at `offset`, summed in order. */
export function l1Norm(w: Float64Array, offset: number, width: number): number {
  let s = 0;
  for (let k = offset, end = offset + width; k < end; k++) s += w[k]!;
  return s;
}

/**
 * Writes the choice T_j and match M_j of the complement-coded `input` (length 2d) for the
 * first `count` categories of `weights` (norms |w_j| cached in `norms`) into `choice` and
 * `match`. A category with α + |w_j| = 0 (only possible with α = 0) gets T_j = 0, the limit
 * of the choice as α → 0⁺.
 */
export function scoreCategories(
  input: Float64Array,
  weights: Float64Array,
  norms: Float64Array,
  count: number,
  alpha: number,
  choice: Float64Array,
  match: Float64Array,
): void {
  const width = input.length;
  const features = width / 2;
  for (let j = 0, o = 0; j < count; j++, o += width) {
    let overlap = 0;
    for (let k = 0; k < width; k++) {
      overlap += Math.min(input[k]!, weights[o + k]!);
    }
    const denominator = alpha + norms[j]!;
    choice[j] = denominator > 0 ? overlap / denominator : 0;
    match[j] = overlap / features;
  }
}

/**
 * The category Fuzzy ART's search settles on: among the first `count` categories with
 * match ≥ `rho` and not marked in `excluded`, the one with the highest choice (ties to the
 * lowest index); −1 when none resonates. This equals visiting categories in descending
 * choice and stopping at the first that passes vigilance.
 */
export function resonantCategory(
  choice: Float64Array,
  match: Float64Array,
  count: number,
  rho: number,
  excluded?: Uint8Array,
): number {
  let best = -1;
  let bestChoice = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < count; j++) {
    if (match[j]! >= rho && choice[j]! > bestChoice && (excluded === undefined || excluded[j] === 0)) {
      best = j;
      bestChoice = choice[j]!;
    }
  }
  return best;
}
