/**
 * Parameters as groups ("tensors"): each Float32Array is one group whose RMS sets the
 * scale of the dither applied to it (seed: D(θ) by per-tensor RMS).
 */
export type ParameterGroups = readonly Float32Array[];

/** Deep copy of parameter groups. */
export function cloneGroups(groups: ParameterGroups): Float32Array[] {
  return groups.map((g) => Float32Array.from(g));
}

/** Root mean square of one group (0 for an empty group). */
export function rms(group: Float32Array): number {
  if (group.length === 0) return 0;
  let sum = 0;
  for (const x of group) sum += x * x;
  return Math.sqrt(sum / group.length);
}

/** Throws a TypeError naming `what` unless every group is a Float32Array of finite values. */
export function checkGroups(groups: ParameterGroups, what: string): void {
  if (!Array.isArray(groups) || groups.some((g) => !(g instanceof Float32Array))) {
    throw new TypeError(`${what} must be an array of Float32Array parameter groups`);
  }
  groups.forEach((g, i) => {
    if (!g.every(Number.isFinite)) throw new RangeError(`${what}[${i}] contains NaN or Infinity`);
  });
}
