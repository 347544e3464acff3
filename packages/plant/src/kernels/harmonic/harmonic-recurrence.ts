/**
 * The Chebyshev recurrence u_{k+1} = 2cos θ·u_k − u_{k−1} (sin kθ or cos kθ from the first two)
 * run for two samples side by side, shared by the harmonic kernel's forward and backward passes:
 * the two dependency chains are independent, so the processor overlaps them.
 *
 * @example
 * ```ts
 * const chains = Float64Array.of(Math.sin(t0), 0, 2 * Math.cos(t0), 0, Math.sin(t1), 0, 2 * Math.cos(t1), 0);
 * pairedSums(amplitudes, 0, 8, chains); // chains[3], chains[7]: Σ_{k≤8} A_k·sin kθ of each sample
 * ```
 * @module
 */

/** Slots of one chain in a {@link pairedSums} state: u_k, u_{k−1}, 2cos θ and the sum. */
export const CHAIN = 4;

/**
 * Runs two recurrences over partials 1 … `count`, adding weights[base + k − 1]·u_k to each
 * chain's sum. `chains` holds chain s at [CHAIN·s, CHAIN·s + 4): (u_k, u_{k−1}) at k = 1 on entry
 * and at k = count + 1 on return, 2cos θ, and the sum (added to).
 */
export function pairedSums(
  weights: ArrayLike<number>,
  base: number,
  count: number,
  chains: Float64Array,
): void {
  let cur0 = chains[0]!;
  let prev0 = chains[1]!;
  const c20 = chains[2]!;
  let acc0 = chains[3]!;
  let cur1 = chains[4]!;
  let prev1 = chains[5]!;
  const c21 = chains[6]!;
  let acc1 = chains[7]!;
  for (let k = 1; k <= count; k++) {
    const w = weights[base + k - 1]!;
    acc0 += w * cur0;
    acc1 += w * cur1;
    const next0 = c20 * cur0 - prev0;
    const next1 = c21 * cur1 - prev1;
    prev0 = cur0;
    cur0 = next0;
    prev1 = cur1;
    cur1 = next1;
  }
  chains[0] = cur0;
  chains[1] = prev0;
  chains[3] = acc0;
  chains[4] = cur1;
  chains[5] = prev1;
  chains[7] = acc1;
}

/** Starts chain `s` of `chains` at u_1 = `first`, u_0 = `zeroth`, with 2cos θ = `c2` and a sum of 0. */
export function startChain(chains: Float64Array, s: number, first: number, zeroth: number, c2: number): void {
  const at = CHAIN * s;
  chains[at] = first;
  chains[at + 1] = zeroth;
  chains[at + 2] = c2;
  chains[at + 3] = 0;
}

/** k·A_k for every amplitude of a `[rows, partials]` table. */
export function weightedAmplitudes(
  amplitudes: ArrayLike<number>,
  rows: number,
  partials: number,
): Float64Array {
  const weighted = new Float64Array(rows * partials);
  for (let j = 0; j < weighted.length; j++) weighted[j] = ((j % partials) + 1) * amplitudes[j]!;
  return weighted;
}
