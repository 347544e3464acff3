import '@ae-ddsp/tfjs-gradients';
import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformArray } from '../../test-support/random';
import { accumulate } from './accumulate';
import { accumulateComposite } from './accumulate-composite';

// Independent float64 references, written plainly.
const weights = (count: number) => uniformArray(count, 99);

for (const backend of BACKENDS) {
  describe(`accumulate on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

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
  });
}
