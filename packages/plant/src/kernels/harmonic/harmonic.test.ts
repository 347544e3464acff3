import '@ae-ddsp/tfjs-gradients';
import { BACKENDS, centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformArray } from '../../test-support/random';
import { harmonic } from './harmonic';
import { harmonicComposite } from './harmonic-composite';
import { HARMONIC_FADE } from './harmonic-taper';

// Independent float64 references, written plainly.
function harmonicReference(phase: number, f: number, amps: ArrayLike<number>, sr: number) {
  const nyq = sr / 2;
  let y = 0;
  for (let k = 1; k <= amps.length; k++) {
    const u = Math.min(1, Math.max(0, (nyq - k * Math.abs(f)) / (HARMONIC_FADE * nyq)));
    y += amps[k - 1]! * u * u * (3 - 2 * u) * Math.sin(2 * Math.PI * k * phase);
  }
  return y;
}

const weights = (count: number) => uniformArray(count, 99);

for (const backend of BACKENDS) {
  describe(`harmonic on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

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

    it('rejects badly shaped inputs with clear errors', () => {
      const x = tf.zeros([2, 8]) as tf.Tensor2D;
      expect(() =>
        harmonic(x, tf.zeros([2, 7]) as tf.Tensor2D, tf.zeros([1, 3]) as tf.Tensor2D, 16000),
      ).toThrow(/phase and frequency/);
      expect(() => harmonic(x, x, tf.zeros([3, 3]) as tf.Tensor2D, 16000)).toThrow(/amplitudes must be/);
      tf.disposeVariables();
    });
  });
}
