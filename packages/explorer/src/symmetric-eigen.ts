/** Eigenvalues (ascending) and eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** The n eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n: column k (entries `vectors[i * n + k]`) is the unit eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 64;

/**
 * Eigendecomposition A = V·diag(λ)·Vᵀ of a symmetric n×n matrix (row-major; only its upper
 * triangle is read) by the cyclic Jacobi method: sweeps of plane rotations, each zeroing one
 * off-diagonal entry, until the off-diagonal part is below rounding. Quadratic convergence,
 * accurate small eigenvalues, O(n³) per sweep — meant for the tens of dimensions of a
 * CMA-ES covariance, not for large matrices.
 *
 * @example
 * ```ts
 * const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
 * // values = [1, 3]; vectors' columns ∝ (1, −1) and (1, 1)
 * ```
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`symmetricEigen: n must be an integer ≥ 1, got ${n}`);
  if (matrix.length !== n * n) {
    throw new RangeError(`symmetricEigen: matrix must hold n² = ${n * n} entries, got ${matrix.length}`);
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = matrix[i * n + j]!;
      if (!Number.isFinite(x)) throw new RangeError(`symmetricEigen: entry (${i}, ${j}) is ${x}`);
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      diagonal += a[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    }
    if (off <= 1e-34 * diagonal || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // Below rounding of both diagonal entries: zeroing it changes nothing representable.
        if (
          Math.abs(app) + 100 * Math.abs(apq) === Math.abs(app) &&
          Math.abs(aqq) + 100 * Math.abs(apq) === Math.abs(aqq)
        ) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        // The rotation angle φ with cot 2φ = θ; t = tan φ is the smaller root of t² + 2θt − 1.
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        rotateColumns(a, n, p, q, c, s);
        rotateRows(a, n, p, q, c, s);
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        rotateColumns(v, n, p, q, c, s);
      }
    }
  }

  const order = Array.from({ length: n }, (_, k) => k).sort((k, l) => a[k * n + k]! - a[l * n + l]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((k, column) => {
    values[column] = a[k * n + k]!;
    for (let i = 0; i < n; i++) vectors[i * n + column] = v[i * n + k]!;
  });
  return { values, vectors };
}

/** M ← M·J on columns p, q, with J_pp = J_qq = c, J_pq = s, J_qp = −s. */
function rotateColumns(m: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mp = m[k * n + p]!;
    const mq = m[k * n + q]!;
    m[k * n + p] = c * mp - s * mq;
    m[k * n + q] = s * mp + c * mq;
  }
}

/** M ← Jᵀ·M on rows p, q. */
function rotateRows(m: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mp = m[p * n + k]!;
    const mq = m[q * n + k]!;
    m[p * n + k] = c * mp - s * mq;
    m[q * n + k] = s * mp + c * mq;
  }
}
