/**
 * The seeded pseudo-random generator used by the noise module (mulberry32): the same seed
 * gives the same sequence everywhere.
 *
 * @example
 * ```ts
 * const next = mulberry32(1);
 * next(); // a float in [0, 1)
 * ```
 * @module
 */

/** A uniform [0, 1) generator from a 32-bit integer seed, `skip` draws ahead (the state moves by a constant per draw). */
export function mulberry32(seed: number, skip = 0): () => number {
  let a = (seed + Math.imul(skip, 0x6d2b79f5)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `rows × samples` uniform white noise in [−1, 1), row r seeded with `seed + r`, from sample
 * `firstSample` of each row's stream on (so blocks of a long render continue one stream).
 */
export function whiteNoise(seed: number, rows: number, samples: number, firstSample = 0): Float32Array {
  const out = new Float32Array(rows * samples);
  for (let r = 0; r < rows; r++) {
    const next = mulberry32(seed + r, firstSample);
    for (let n = 0; n < samples; n++) out[r * samples + n] = 2 * next() - 1;
  }
  return out;
}
