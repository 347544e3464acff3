/**
 * Central finite-difference gradient of a scalar function of a vector, in float64.
 * `step` is absolute per coordinate unless `relative` is set, in which case each
 * coordinate uses `step * max(1, |x_i|)`.
 */
export function centralDifference(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  step = 1e-4,
  relative = false,
): Float64Array {
  const point = Float64Array.from(x);
  const gradient = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const original = point[i]!;
    const h = relative ? step * Math.max(1, Math.abs(original)) : step;
    point[i] = original + h;
    const up = f(point);
    point[i] = original - h;
    const down = f(point);
    point[i] = original;
    gradient[i] = (up - down) / (2 * h);
  }
  return gradient;
}

/**
 * Largest |a_i − b_i| / (|b_i| + scale): a relative error with an absolute floor. A NaN in
 * either array makes the result NaN (so no tolerance passes it), wherever it is.
 */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, scale = 1e-6): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) + scale);
    // `if (!(err <= worst)) worst = err` would let the next element overwrite a NaN
    if (Number.isNaN(err)) return Number.NaN;
    if (err > worst) worst = err;
  }
  return worst;
}
