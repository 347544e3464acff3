import { checkGroups, type ParameterGroups, rms } from './parameter-groups';
import type { RandomSource } from './seeded-random';

/**
 * How perturbations are scaled per coordinate (seed: the shaping D(θ)):
 * - `'rms'`: by the RMS of each group, floored at `rmsFloor`, so σ is a relative size;
 * - `{ preconditioner }`: by the optimiser's per-coordinate scale (e.g. Adam's
 *   1/(√v̂ + ε), normalised to unit RMS per group), so noise follows the geometry the
 *   optimiser sees.
 */
export type DitherShaping = 'rms' | { readonly preconditioner: ParameterGroups };

/** Options of {@link dither}. */
export interface DitherOptions {
  /** Shaping D(θ). Default `'rms'`. */
  readonly shaping?: DitherShaping;
  /** Smallest RMS used for `'rms'` shaping, so groups at zero still move. Default 1e-3. */
  readonly rmsFloor?: number;
}

/**
 * Returns θ + σ·D(θ)·η with η ~ N(0, I) drawn from `random` (AE-DDSP §1, step 7, docs/method.md).
 * The input groups are not modified.
 *
 * @example
 * ```ts
 * const next = dither([new Float32Array([0.2, 0.8])], 1e-3, new SeededRandom(1));
 * ```
 */
export function dither(
  groups: ParameterGroups,
  sigma: number,
  random: RandomSource,
  options: DitherOptions = {},
): Float32Array[] {
  checkGroups(groups, 'dither: groups');
  if (!(Number.isFinite(sigma) && sigma >= 0))
    throw new RangeError(`dither: sigma must be a finite number ≥ 0, got ${sigma}`);
  const scales = ditherScales(groups, options);
  return groups.map((g, i) => {
    const scale = scales[i]!;
    const out = new Float32Array(g.length);
    for (let j = 0; j < g.length; j++) out[j] = g[j]! + sigma * scale[j]! * random.gaussian();
    return out;
  });
}

/** The per-coordinate scale D(θ) of every group, for the given shaping. */
export function ditherScales(groups: ParameterGroups, options: DitherOptions = {}): Float32Array[] {
  const { shaping = 'rms', rmsFloor = 1e-3 } = options;
  if (shaping === 'rms') {
    return groups.map((g) => new Float32Array(g.length).fill(Math.max(rms(g), rmsFloor)));
  }
  const p = shaping.preconditioner;
  checkGroups(p, 'dither: preconditioner');
  if (p.length !== groups.length || p.some((q, i) => q.length !== groups[i]!.length)) {
    throw new RangeError('dither: preconditioner must have the same group sizes as the parameters');
  }
  return p.map((q) => {
    const norm = rms(q);
    return norm > 0 ? q.map((x) => Math.abs(x) / norm) : new Float32Array(q.length).fill(1);
  });
}
