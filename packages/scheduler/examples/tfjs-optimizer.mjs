// A tfjs momentum optimiser whose learning rate and momentum follow the scheduler's robust law.
// The gradients are written out and applied with applyGradients, so tfjs-core and its cpu
// backend suffice (optimizer.minimize would need @tensorflow/tfjs, which registers gradients).
// Run: node examples/tfjs-optimizer.mjs  (npm i @tensorflow/tfjs-core @tensorflow/tfjs-backend-cpu)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AdaptiveScheduler, robust } from '@ae-ddsp/scheduler';
import { scheduleOptimizer } from '@ae-ddsp/scheduler/tfjs';

export async function run({ steps = 200, log = () => {} } = {}) {
  await tf.setBackend('cpu');
  // Fit y = 3x − 1 from 64 points by least squares.
  const xs = tf.linspace(-1, 1, 64);
  const ys = tf.sub(tf.mul(xs, 3), 1);
  const w = tf.variable(tf.scalar(0), true, 'w');
  const b = tf.variable(tf.scalar(0), true, 'b');

  const driven = scheduleOptimizer(
    tf.train.momentum(0.05, 0.9),
    new AdaptiveScheduler({ ...robust, learningRate: 0.05 }),
  );
  const trace = [];
  for (let step = 0; step < steps; step++) {
    // Loss and its gradient (written out, so any tfjs optimiser can take them).
    const { loss, gradients } = tf.tidy(() => {
      const residual = tf.sub(tf.add(tf.mul(xs, w), b), ys);
      return {
        loss: tf.mean(tf.square(residual)),
        gradients: { w: tf.mean(tf.mul(tf.mul(residual, xs), 2)), b: tf.mean(tf.mul(residual, 2)) },
      };
    });
    const lossValue = (await loss.data())[0];
    const { learningRate, momentum, applied } = driven.step({ loss: lossValue });
    driven.optimizer.applyGradients(gradients);
    tf.dispose([loss, gradients.w, gradients.b]);
    trace.push({ step, loss: lossValue, learningRate, momentum, momentumApplied: applied.momentum });
    if (step % 40 === 0) log(driven.scheduler.snapshot(), lossValue);
  }
  const fitted = { w: w.dataSync()[0], b: b.dataSync()[0] };
  tf.dispose([xs, ys, w, b]);
  driven.optimizer.dispose();
  return { fitted, trace };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { fitted } = await run({
    log: (s, loss) =>
      console.log(
        `step ${String(s.step).padStart(3)}  loss ${loss.toExponential(3)}  α ${s.learningRate.toFixed(4)}  μ ${s.momentum.toFixed(3)}`,
      ),
  });
  console.log(`fitted w = ${fitted.w.toFixed(4)} (true 3), b = ${fitted.b.toFixed(4)} (true -1)`);
}
