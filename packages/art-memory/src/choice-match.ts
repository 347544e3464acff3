/**
 * Category choice and match for one complement-coded input against every category at once,
 * over flat row-major weight storage (category j at `weights[j * width … (j + 1) * width)`).
 *
 * - choice T_j = |I ∧ w_j| / (α + |w_j|)
 * - match  M_j = |I ∧ w_j| / d, with d the features before complement coding (|I| = d)
 *
 * Categories that cannot reach vigilance are recognised early and skipped, exactly.
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
 * scoreCategories(input, weights, norms, 2, 0.001, 0.75, choice, match);
 * resonantCategory(choice, match, 2, 0.75); // 0 (match 0.8 ≥ 0.75; category 1 has 0.6 < 0.75)
 * ```
 * @module
 */

/** L1 norm of `width` values of `w` starting at `offset`, summed in order. */
export function l1Norm(w: Float64Array, offset: number, width: number): number {
  let s = 0;
  for (let k = offset, end = offset + width; k < end; k++) s += w[k]!;
  return s;
}

/** How many weights are summed between two checks of whether a category can still resonate. */
const BLOCK = 8;

/**
 * Writes the choice T_j and match M_j of the complement-coded `input` (length 2d) for the
 * first `count` categories of `weights` (norms |w_j| cached in `norms`) into `choice` and
 * `match`. A category with α + |w_j| = 0 (only possible with α = 0) gets T_j = 0, the limit
 * of the choice as α → 0⁺.
 *
 * Categories that cannot reach match `rho` are left early, exactly: |I ∧ w_j| ≤ |w_j| minus
 * the shortfall Σ (w_k − min(I_k, w_k)) met so far, so once that bound drops below ρd (by a
 * margin far above rounding) the category is written as M_j = −1, T_j = 0 and the rest of
 * its weights are not read. Every other category gets its exact T_j and M_j, summed in order.
 * With `rho` = 0 every category is scored in full.
 */
export function scoreCategories(
  input: Float64Array,
  weights: Float64Array,
  norms: Float64Array,
  count: number,
  alpha: number,
  rho: number,
  choice: Float64Array,
  match: Float64Array,
): void {
  const width = input.length;
  const features = width / 2;
  const needed = rho * features - 1e-9 * width; // overlap a category needs, less a rounding margin
  for (let j = 0, o = 0; j < count; j++, o += width) {
    const norm = norms[j]!;
    const allowance = rho > 0 ? norm - needed : Number.POSITIVE_INFINITY; // shortfall it can afford
    let overlap = 0;
    let seen = 0; // Σ w_k over the weights read so far
    let hopeless = false;
    for (let k = 0; k < width && !hopeless; ) {
      const end = Math.min(k + BLOCK, width);
      for (; k < end; k++) {
        const w = weights[o + k]!;
        overlap += Math.min(input[k]!, w);
        seen += w;
      }
      hopeless = seen - overlap > allowance;
    }
    if (hopeless) {
      choice[j] = 0;
      match[j] = -1;
      continue;
    }
    const denominator = alpha + norm;
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
