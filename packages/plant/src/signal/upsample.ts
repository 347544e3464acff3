/**
 * Linear interpolation weights from F control points to N samples: point j sits at sample
 * j·(N − 1)/(F − 1), so the first and last points land on the first and last samples.
 *
 * @example
 * ```ts
 * const w = interpolationWeights(4, 16000); // [4 × 16000], row-major
 * ```
 * @module
 */

const cache = new Map<string, Float32Array>();

/** Row-major `[points, samples]` weights; each column sums to 1. Cached per size. */
export function interpolationWeights(points: number, samples: number): Float32Array {
  const key = `${points}x${samples}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const w = new Float32Array(points * samples);
  for (let n = 0; n < samples; n++) {
    const [j, frac] = interpolationPosition(n, points, samples);
    w[j * samples + n] = 1 - frac;
    if (frac > 0) w[(j + 1) * samples + n] = frac;
  }
  if (cache.size > 32) cache.clear();
  cache.set(key, w);
  return w;
}

/** Index of the control point at or before sample n, and the fraction towards the next one. */
export function interpolationPosition(n: number, points: number, samples: number): [number, number] {
  if (points === 1 || samples === 1) return [0, 0];
  const x = (n * (points - 1)) / (samples - 1);
  const j = Math.min(points - 2, Math.floor(x));
  return [j, x - j];
}
