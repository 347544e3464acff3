import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen';

/** Largest |(V·diag(λ)·Vᵀ − A)_ij| and |(VᵀV − I)_ij|, NaN-aware. */
function residuals(a: ArrayLike<number>, n: number) {
  const { values, vectors } = symmetricEigen(a, n);
  let reconstruction = 0;
  let orthogonality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let r = 0;
      let o = 0;
      for (let k = 0; k < n; k++) {
        r += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        o += vectors[k * n + i]! * vectors[k * n + j]!;
      }
      const e = Math.abs(r - a[i * n + j]!);
      reconstruction = Math.max(reconstruction, e); // NaN propagates
      const f = Math.abs(o - (i === j ? 1 : 0));
      orthogonality = Math.max(orthogonality, f); // NaN propagates
    }
  }
  return { values, vectors, reconstruction, orthogonality };
}

describe('symmetricEigen', () => {
  it('solves a 2×2 matrix: λ = (a + c)/2 ∓ √(((a − c)/2)² + b²)', () => {
    const [a, b, c] = [3, -1.5, 0.25];
    const { values, vectors } = symmetricEigen([a, b, b, c], 2);
    const root = Math.hypot((a - c) / 2, b);
    expect(values[0]).toBeCloseTo((a + c) / 2 - root, 14);
    expect(values[1]).toBeCloseTo((a + c) / 2 + root, 14);
    // (A − λI)v = 0 for each column.
    for (let k = 0; k < 2; k++) {
      const v0 = vectors[k]!;
      const v1 = vectors[2 + k]!;
      expect(Math.abs((a - values[k]!) * v0 + b * v1)).toBeLessThan(1e-14);
      expect(Math.abs(b * v0 + (c - values[k]!) * v1)).toBeLessThan(1e-14);
    }
  });

  it('solves the second-difference matrix tridiag(−1, 2, −1): λ_k = 2 − 2cos(kπ/(n+1)), v_k,j ∝ sin(jkπ/(n+1))', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) {
        a[i * n + i + 1] = -1;
        a[(i + 1) * n + i] = -1;
      }
    }
    const { values, vectors, reconstruction, orthogonality } = residuals(a, n);
    expect(reconstruction).toBeLessThan(1e-13);
    expect(orthogonality).toBeLessThan(1e-13);
    for (let k = 1; k <= n; k++) {
      expect(values[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
      // Compare with the analytic unit vector up to sign.
      const analytic = Array.from(
        { length: n },
        (_, j) => Math.sqrt(2 / (n + 1)) * Math.sin(((j + 1) * k * Math.PI) / (n + 1)),
      );
      const dot = analytic.reduce((s, x, j) => s + x * vectors[j * n + k - 1]!, 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 12);
    }
  });

  it('recovers a spectrum spanning twelve decades from Q·diag(λ)·Qᵀ with a Householder Q', () => {
    const n = 9;
    const spectrum = Array.from({ length: n }, (_, i) => 10 ** (-6 + (12 * i) / (n - 1)));
    const u = Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + 0.3));
    const uu = u.reduce((s, x) => s + x * x, 0);
    const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * u[i]! * u[j]!) / uu;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) a[i * n + j] = a[i * n + j]! + q(i, k) * spectrum[k]! * q(j, k);
    const { values, reconstruction, orthogonality } = residuals(a, n);
    spectrum.forEach((lambda, k) => {
      // Absolute accuracy relative to the largest eigenvalue (backward stable).
      expect(Math.abs(values[k]! - lambda)).toBeLessThan(1e-14 * spectrum[n - 1]!);
    });
    expect(values[n - 1]! / values[0]!).toBeCloseTo(1e12, -10);
    expect(reconstruction).toBeLessThan(1e-9);
    expect(orthogonality).toBeLessThan(1e-13);
  });

  it('sorts a diagonal matrix and keeps an orthonormal basis for repeated eigenvalues', () => {
    const diagonal = symmetricEigen([5, 0, 0, 0, -1, 0, 0, 0, 2], 3);
    expect(Array.from(diagonal.values)).toEqual([-1, 2, 5]);
    expect(Array.from(diagonal.vectors).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    // All-ones 4×4: eigenvalues 0, 0, 0, 4.
    const ones = residuals(new Float64Array(16).fill(1), 4);
    [0, 0, 0, 4].forEach((lambda, k) => {
      expect(Math.abs(ones.values[k]! - lambda)).toBeLessThan(1e-14);
    });
    expect(ones.orthogonality).toBeLessThan(1e-14);
    expect(ones.reconstruction).toBeLessThan(1e-14);
  });

  it('reads only the upper triangle', () => {
    const upper = symmetricEigen([1, 2, Number.NaN, 3], 2);
    const full = symmetricEigen([1, 2, 2, 3], 2);
    expect(Array.from(upper.values)).toEqual(Array.from(full.values));
  });

  it('throws for a bad size or non-finite entries', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/n² = 4 entries, got 3/);
    expect(() => symmetricEigen([], 0)).toThrow(/n must be an integer ≥ 1/);
    expect(() => symmetricEigen([1, Number.POSITIVE_INFINITY, 0, 1], 2)).toThrow(
      /entry \(0, 1\) is Infinity/,
    );
  });
});
