// A small MLP (64 → 16 tanh → 10 softmax) on sklearn's digits in tfjs-core (cpu backend).
// The backward pass is written out in tfjs ops (tfjs-core's Node entry registers no
// gradients), and many models (runs) are evaluated at once with batched matMuls; the parameters stay a flat
// Float64Array so that the same plain-JS optimisers as on the other problems step them.
// Minibatches of 16 with replacement; the true loss is the full-data cross-entropy.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadDataSet } from './problems.mjs';

export async function mlpDigits(steps, { hidden = 16, batch = 16 } = {}) {
  await tf.setBackend('cpu');
  const data = loadDataSet('digits');
  const inputs = data.features;
  const classes = 10;
  const shapes = [[inputs, hidden], [hidden], [hidden, classes], [classes]];
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const n = sizes.reduce((a, b) => a + b, 0);
  const xAll = tf.tensor2d(data.x);
  const yAll = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), classes), 'float32'));
  /** Mean cross-entropy of one batch per model and its gradient, for K models at once (batched matMul). */
  const batchedStep = (flats, rowsPerModel) =>
    tf.tidy(() => {
      const k = flats.length;
      const stack = (i, shape) => {
        let at = 0;
        for (let j = 0; j < i; j++) at += sizes[j];
        const values = new Float32Array(k * sizes[i]);
        flats.forEach((flat, m) => {
          values.set(flat.subarray(at, at + sizes[i]), m * sizes[i]);
        });
        return tf.tensor(values, [k, ...shape]);
      };
      const w1 = stack(0, shapes[0]);
      const b1 = stack(1, [1, hidden]);
      const w2 = stack(2, shapes[2]);
      const b2 = stack(3, [1, classes]);
      const idx = tf.tensor1d(rowsPerModel.flat(), 'int32');
      const x = tf.reshape(tf.gather(xAll, idx), [k, batch, inputs]);
      const y = tf.reshape(tf.gather(yAll, idx), [k, batch, classes]);
      const a1 = tf.tanh(tf.add(tf.matMul(x, w1), b1));
      const logP = tf.logSoftmax(tf.add(tf.matMul(a1, w2), b2));
      const losses = tf.neg(tf.div(tf.sum(tf.mul(y, logP), [1, 2]), batch)).dataSync();
      const dz2 = tf.div(tf.sub(tf.exp(logP), y), batch);
      const dz1 = tf.mul(tf.matMul(dz2, w2, false, true), tf.sub(1, tf.square(a1)));
      const parts = [
        tf.matMul(x, dz1, true, false),
        tf.sum(dz1, 1),
        tf.matMul(a1, dz2, true, false),
        tf.sum(dz2, 1),
      ].map((g) => g.dataSync());
      return flats.map((_, m) => {
        const gradient = new Float64Array(n);
        let at = 0;
        parts.forEach((values, i) => {
          gradient.set(values.subarray(m * sizes[i], (m + 1) * sizes[i]), at);
          at += sizes[i];
        });
        return { loss: losses[m], gradient };
      });
    });
  /** Mean cross-entropy over the whole data set for one model. */
  const fullLoss = (flat) =>
    tf.tidy(() => {
      let at = 0;
      const [w1, b1, w2, b2] = shapes.map((shape, i) => {
        const t = tf.tensor(Float32Array.from(flat.subarray(at, at + sizes[i])), shape);
        at += sizes[i];
        return t;
      });
      const logP = tf.logSoftmax(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(xAll, w1), b1)), w2), b2));
      return tf.neg(tf.div(tf.sum(tf.mul(yAll, logP)), data.samples)).dataSync()[0];
    });
  return {
    name: 'mlp-digits',
    dimension: n,
    steps,
    init(random) {
      // Glorot-uniform weights, zero biases.
      const flat = new Float64Array(n);
      let at = 0;
      shapes.forEach((shape, i) => {
        if (shape.length === 2) {
          const limit = Math.sqrt(6 / (shape[0] + shape[1]));
          for (let k = 0; k < sizes[i]; k++) flat[at + k] = limit * (2 * random.uniform() - 1);
        }
        at += sizes[i];
      });
      return flat;
    },
    sample: (flat, random) =>
      batchedStep([flat], [Array.from({ length: batch }, () => random.index(data.samples))])[0],
    sampleMany: (flats, randoms) =>
      batchedStep(
        flats,
        randoms.map((random) => Array.from({ length: batch }, () => random.index(data.samples))),
      ),
    evaluate: (flat) => (flat.every(Number.isFinite) ? fullLoss(flat) : Number.POSITIVE_INFINITY),
  };
}
