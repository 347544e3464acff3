import { BACKENDS, centralDifference, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbs, maxAbsDiff, referenceStft, seededNoise } from '../test-support/reference';
import { stft } from './stft';
import { stftComposite } from './stft-composite';
import { resolveStftOptions } from './stft-options';

const cases = [
  { fftLength: 64, hopLength: 16, power: 2 as const, center: true },
  { fftLength: 32, hopLength: 8, power: 1 as const, center: true, windowLength: 24 },
  { fftLength: 128, hopLength: 50, power: 2 as const, center: false },
  { fftLength: 64, hopLength: 20, power: 2 as const, window: 'hamming' as const, windowLength: 50 },
  { fftLength: 64, hopLength: 16, power: 1 as const, window: 'blackman' as const },
];

for (const backend of BACKENDS) {
  describe(`stft on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    for (const c of cases) {
      it(`matches a direct float64 DFT reference (${JSON.stringify(c)})`, () => {
        const length = 300;
        const signals = [seededNoise(length, 3), seededNoise(length, 4)];
        const audio = tf.tensor2d([...signals[0]!, ...signals[1]!], [2, length]);
        const out = stft(audio, c);
        const got = out.dataSync();
        const ref = signals.flatMap((s) => referenceStft(s, c).flat());
        expect(out.shape).toEqual([2, ref.length / 2 / (c.fftLength / 2 + 1), c.fftLength / 2 + 1]);
        // float32 round-off: relative to the spectrum's peak
        expect(maxAbsDiff(got, ref)).toBeLessThan(2e-6 * maxAbs(ref));
        tf.dispose([audio, out]);
      });
    }

    it('has the gradient of a float64 finite-difference reference (power and magnitude)', () => {
      const length = 40;
      const x0 = seededNoise(length, 7);
      for (const c of [
        { fftLength: 16, hopLength: 4, power: 2 as const },
        { fftLength: 16, hopLength: 6, power: 1 as const, windowLength: 12 },
        { fftLength: 8, hopLength: 3, power: 2 as const, center: false },
      ]) {
        const frames = referenceStft(x0, c).length;
        const weights = seededNoise(frames * (c.fftLength / 2 + 1), 11);
        const f64 = (x: Float64Array) => {
          const s = referenceStft(x, c).flat();
          let acc = 0;
          for (let i = 0; i < s.length; i++) acc += s[i]! * weights[i]!;
          return acc;
        };
        const numeric = centralDifference(f64, x0, 1e-6);
        const w = tf.tensor3d(weights, [1, frames, c.fftLength / 2 + 1]);
        const x = tf.tensor2d(x0, [1, length]);
        const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(stft(a, c), w)))(x);
        expect(maxAbsDiff(g.dataSync(), numeric)).toBeLessThan(2e-4 * maxAbs(numeric));
        tf.dispose([w, x, g]);
      }
    });

    it('rejects wrong rank and signals shorter than one frame', () => {
      const x1 = tf.zeros([100]);
      expect(() => stft(x1 as tf.Tensor2D, { fftLength: 64 })).toThrow(/rank-2 tensor \[batch, samples\]/);
      const short = tf.zeros([1, 32]);
      expect(() => stft(short as tf.Tensor2D, { fftLength: 64 })).toThrow(
        /shorter than one frame: need at least 33/,
      );
      expect(() => stft(tf.zeros([1, 100]) as tf.Tensor2D, { fftLength: 100 })).toThrow(/power of two/);
      expect(() => stft(tf.zeros([1, 100]), { fftLength: 64, window: 'kaiser' as 'hann' })).toThrow(
        /window must be one of/,
      );
      tf.dispose([x1, short]);
    });
  });
}

describe('stft kernel vs composite path (cpu)', () => {
  beforeAll(() => useBackend('cpu'));
  it('agree in value and gradient', () => {
    const length = 1000;
    const x = tf.tensor2d(seededNoise(2 * length, 5), [2, length]);
    for (const power of [1, 2] as const) {
      const config = resolveStftOptions({ fftLength: 256, hopLength: 64, power });
      const kernel = stft(x, config);
      const composite = stftComposite(x, config);
      expect(maxAbsDiff(kernel.dataSync(), composite.dataSync())).toBeLessThan(
        2e-6 * maxAbs(composite.dataSync()),
      );
      const w = tf.randomUniform(kernel.shape, -1, 1, 'float32', 3);
      const gk = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(stft(a, config), w)))(x);
      const gc = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(stftComposite(a, config), w)))(x);
      expect(maxAbsDiff(gk.dataSync(), gc.dataSync())).toBeLessThan(1e-4 * maxAbs(gc.dataSync()));
      tf.dispose([kernel, composite, w, gk, gc]);
    }
    x.dispose();
  });
});
