import { describe, expect, it } from 'vitest';
import { dither, ditherScales } from './dither';
import { rms } from './parameter-groups';
import { SeededRandom } from './seeded-random';

function spread(before: Float32Array, after: Float32Array): number {
  let s = 0;
  for (let i = 0; i < before.length; i++) s += (after[i]! - before[i]!) ** 2;
  return Math.sqrt(s / before.length);
}

describe('dither', () => {
  it('adds σ·RMS(group)·η per group and leaves the input untouched', () => {
    const big = Float32Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 4 : -4));
    const small = Float32Array.from({ length: 20_000 }, () => 0.5);
    const copy = Float32Array.from(big);
    const [b, s] = dither([big, small], 0.01, new SeededRandom(1));
    expect(big).toEqual(copy);
    // Empirical std of the perturbation ≈ σ·RMS: 0.04 and 0.005 (±2 %).
    expect(spread(big, b!) / 0.04).toBeCloseTo(1, 1);
    expect(spread(small, s!) / 0.005).toBeCloseTo(1, 1);
  });

  it('floors the RMS so a group at zero still moves', () => {
    const zero = new Float32Array(10_000);
    const [z] = dither([zero], 0.5, new SeededRandom(2), { rmsFloor: 1e-2 });
    expect(spread(zero, z!) / 5e-3).toBeCloseTo(1, 1);
  });

  it('is exact identity at σ = 0 and reproducible for a seed', () => {
    const g = [Float32Array.from([0.1, 0.2, 0.3])];
    expect(dither(g, 0, new SeededRandom(3))).toEqual(g);
    expect(dither(g, 0.1, new SeededRandom(3))).toEqual(dither(g, 0.1, new SeededRandom(3)));
  });

  it('shapes by a preconditioner, normalised to unit RMS per group', () => {
    const p = Float32Array.from({ length: 2 }, (_, i) => (i ? 2 : 1));
    const [scale] = ditherScales([new Float32Array(2)], { shaping: { preconditioner: [p] } });
    // q / rms(q): rms([1, 2]) = √2.5.
    expect(Array.from(scale!)).toEqual([1 / Math.sqrt(2.5), 2 / Math.sqrt(2.5)].map(Math.fround));
    expect(rms(scale!)).toBeCloseTo(1, 6);
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => dither([Float32Array.from([Number.NaN])], 0.1, new SeededRandom(1))).toThrow(
      /groups\[0\] contains NaN/,
    );
    expect(() => dither([new Float32Array(2)], -1, new SeededRandom(1))).toThrow(/sigma/);
    expect(() => dither([[1, 2] as never], 0.1, new SeededRandom(1))).toThrow(/Float32Array/);
    expect(() =>
      ditherScales([new Float32Array(2)], { shaping: { preconditioner: [new Float32Array(3)] } }),
    ).toThrow(/same group sizes/);
  });
});
