import '@ae-ddsp/tfjs-gradients';
import { BACKENDS, centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformArray } from '../../test-support/random';
import { allPole } from './all-pole';
import { allPoleComposite } from './all-pole-composite';

// Independent float64 references, written plainly.
function allPoleReference(x: ArrayLike<number>, a: ArrayLike<number>, batch: number, n: number, m: number) {
  const y = new Float64Array(batch * n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      let v = x[b * n + i]!;
      for (let k = 1; k <= m; k++) if (i - k >= 0) v -= a[(b * n + i) * m + k - 1]! * y[b * n + i - k]!;
      y[b * n + i] = v;
    }
  }
  return y;
}

/** Stable random time-varying 2nd-order coefficients (poles of radius ≤ 0.95). */
function stableCoefficients(batch: number, n: number, seed: number): Float64Array {
  const r = uniformArray(batch * n, seed, 0.3, 0.95);
  const th = uniformArray(batch * n, seed + 1, 0.1, 3);
  const a = new Float64Array(batch * n * 2);
  for (let i = 0; i < batch * n; i++) {
    a[2 * i] = -2 * r[i]! * Math.cos(th[i]!);
    a[2 * i + 1] = r[i]! * r[i]!;
  }
  return a;
}

const weights = (count: number) => uniformArray(count, 99);

for (const backend of BACKENDS) {
  describe(`allPole on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('allPole matches the float64 recursion (order 1, 2, 4) and the composite scan', () => {
      for (const m of [1, 2, 4]) {
        const [batch, n] = [2, 37];
        const x = uniformArray(batch * n, 1);
        const a = m === 2 ? stableCoefficients(batch, n, 5) : uniformArray(batch * n * m, 3, -0.2, 0.2);
        const ref = allPoleReference(x, a, batch, n, m);
        const xt = tf.tensor2d(Float32Array.from(x), [batch, n]);
        const at = tf.tensor3d(Float32Array.from(a), [batch, n, m]);
        const y = allPole(xt, at);
        const c = allPoleComposite(xt, at);
        expect(maxRelativeError(y.dataSync(), ref, 1e-3)).toBeLessThan(1e-4);
        expect(maxRelativeError(c.dataSync(), ref, 1e-3)).toBeLessThan(1e-4);
        tf.dispose([xt, at, y, c]);
      }
    });

    it('allPole gradients (x and every time-varying coefficient) match float64 finite differences', () => {
      const [batch, n, m] = [1, 24, 2];
      const x = uniformArray(batch * n, 11);
      const a = stableCoefficients(batch, n, 12);
      const w = weights(batch * n);
      const loss = (xx: ArrayLike<number>, aa: ArrayLike<number>) =>
        allPoleReference(xx, aa, batch, n, m).reduce((s, v, i) => s + v * w[i]!, 0);
      const fdX = centralDifference((p) => loss(p, a), x, 1e-6);
      const fdA = centralDifference((p) => loss(x, p), a, 1e-6);
      const xt = tf.tensor2d(Float32Array.from(x), [batch, n]);
      const at = tf.tensor3d(Float32Array.from(a), [batch, n, m]);
      const wt = tf.tensor2d(Float32Array.from(w), [batch, n]);
      for (const f of [allPole, allPoleComposite]) {
        const [gx, ga] = tf.grads((xx: tf.Tensor, aa: tf.Tensor) =>
          tf.sum(tf.mul(f(xx as tf.Tensor2D, aa as tf.Tensor3D), wt)),
        )([xt, at]);
        expect(maxRelativeError(gx!.dataSync(), fdX, 1e-2)).toBeLessThan(2e-3);
        expect(maxRelativeError(ga!.dataSync(), fdA, 1e-2)).toBeLessThan(2e-3);
        tf.dispose([gx!, ga!]);
      }
      tf.dispose([xt, at, wt]);
    });

    it('rejects badly shaped inputs with clear errors', () => {
      const x = tf.zeros([2, 8]) as tf.Tensor2D;
      expect(() => allPole(x, tf.zeros([2, 7, 2]) as tf.Tensor3D)).toThrow(/a must be \[2, 8, order/);
      tf.disposeVariables();
    });
  });
}
