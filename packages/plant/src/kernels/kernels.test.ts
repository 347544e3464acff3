import '@ae-ddsp/tfjs-gradients';
import { BACKENDS, centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformArray } from '../test-support/random';
import { accumulate, accumulateComposite } from './accumulate';
import { allPole, allPoleComposite } from './all-pole';
import { HARMONIC_FADE, harmonic, harmonicComposite } from './harmonic';

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

function harmonicReference(phase: number, f: number, amps: ArrayLike<number>, sr: number) {
  const nyq = sr / 2;
  let y = 0;
  for (let k = 1; k <= amps.length; k++) {
    const u = Math.min(1, Math.max(0, (nyq - k * Math.abs(f)) / (HARMONIC_FADE * nyq)));
    y += amps[k - 1]! * u * u * (3 - 2 * u) * Math.sin(2 * Math.PI * k * phase);
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
  describe(`kernels on ${backend}`, () => {
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

    it('harmonic matches a direct sum of sines with the Nyquist taper, on both paths', () => {
      const [batch, n, k, sr] = [2, 16, 12, 8000];
      const phase = uniformArray(batch * n, 21, 0, 1);
      const f = uniformArray(batch * n, 22, 50, 800); // partials cross the fade band
      const amps = uniformArray(batch * k, 23);
      const ref = Float64Array.from({ length: batch * n }, (_, i) =>
        harmonicReference(
          phase[i]!,
          f[i]!,
          amps.subarray(Math.floor(i / n) * k, Math.floor(i / n) * k + k),
          sr,
        ),
      );
      const pt = tf.tensor2d(Float32Array.from(phase), [batch, n]);
      const ft = tf.tensor2d(Float32Array.from(f), [batch, n]);
      const at = tf.tensor2d(Float32Array.from(amps), [batch, k]);
      const y = harmonic(pt, ft, at, sr);
      const c = harmonicComposite(pt, ft, at, sr);
      expect(maxRelativeError(y.dataSync(), ref, 1e-2)).toBeLessThan(1e-4);
      expect(maxRelativeError(c.dataSync(), ref, 1e-2)).toBeLessThan(1e-4);
      tf.dispose([pt, ft, at, y, c]);
    });

    it('harmonic gradients (phase, frequency through the taper, amplitudes) match finite differences', () => {
      const [n, k, sr] = [10, 6, 8000];
      const phase = uniformArray(n, 31, 0, 1);
      const f = uniformArray(n, 32, 600, 760); // k·f inside the fade band for the top partials
      const amps = uniformArray(k, 33);
      const w = weights(n);
      const loss = (p: ArrayLike<number>, ff: ArrayLike<number>, aa: ArrayLike<number>) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i]! * harmonicReference(p[i]!, ff[i]!, aa, sr);
        return s;
      };
      const fdP = centralDifference((p) => loss(p, f, amps), phase, 1e-7);
      const fdF = centralDifference((p) => loss(phase, p, amps), f, 1e-4);
      const fdA = centralDifference((p) => loss(phase, f, p), amps, 1e-6);
      const pt = tf.tensor2d(Float32Array.from(phase), [1, n]);
      const ft = tf.tensor2d(Float32Array.from(f), [1, n]);
      const at = tf.tensor2d(Float32Array.from(amps), [1, k]);
      const wt = tf.tensor2d(Float32Array.from(w), [1, n]);
      const op = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(harmonic(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor2D, sr), wt));
      const [gp, gf, ga] = tf.grads(op)([pt, ft, at]);
      expect(maxRelativeError(gp!.dataSync(), fdP, 1)).toBeLessThan(2e-3);
      expect(maxRelativeError(gf!.dataSync(), fdF, 1e-3)).toBeLessThan(5e-3);
      expect(maxRelativeError(ga!.dataSync(), fdA, 1e-2)).toBeLessThan(1e-3);
      expect(Math.max(...fdF.map(Math.abs))).toBeGreaterThan(1e-4); // the taper really contributes
      tf.dispose([pt, ft, at, wt, gp!, gf!, ga!]);
    });

    it('accumulate is the wrapped exclusive running sum, with the reverse running sum as gradient', () => {
      const n = 300;
      const inc = uniformArray(n, 41, -0.3, 0.7);
      const ref = new Float64Array(n);
      let acc = 0;
      for (let i = 0; i < n; i++) {
        ref[i] = acc - Math.floor(acc);
        acc += inc[i]!;
      }
      const it = tf.tensor2d(Float32Array.from(inc), [1, n]);
      for (const f of [accumulate, accumulateComposite]) {
        const y = f(it).dataSync();
        let worst = 0;
        for (let i = 0; i < n; i++) {
          const d = Math.abs(y[i]! - ref[i]!);
          worst = Math.max(worst, Math.min(d, 1 - d)); // distance on the circle
        }
        expect(worst).toBeLessThan(2e-5);
        const w = tf.tensor2d(Float32Array.from(weights(n)), [1, n]);
        const g = tf
          .grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D), w)))(it)
          .dataSync();
        const wv = weights(n);
        for (const i of [0, 5, 150, n - 1]) {
          let expected = 0;
          for (let j = i + 1; j < n; j++) expected += wv[j]!;
          expect(g[i]).toBeCloseTo(expected, 3);
        }
        w.dispose();
      }
      it.dispose();
    });

    it('rejects badly shaped inputs with clear errors', () => {
      const x = tf.zeros([2, 8]) as tf.Tensor2D;
      expect(() => allPole(x, tf.zeros([2, 7, 2]) as tf.Tensor3D)).toThrow(/a must be \[2, 8, order/);
      expect(() =>
        harmonic(x, tf.zeros([2, 7]) as tf.Tensor2D, tf.zeros([1, 3]) as tf.Tensor2D, 16000),
      ).toThrow(/phase and frequency/);
      expect(() => harmonic(x, x, tf.zeros([3, 3]) as tf.Tensor2D, 16000)).toThrow(/amplitudes must be/);
      tf.disposeVariables();
    });
  });
}
