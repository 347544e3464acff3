// A hand-written heavy-ball optimiser (no tfjs) whose learning rate and momentum are set every
// step by the scheduler's robust law, next to the same optimiser at a fixed α and μ.
// Run: node examples/plain-optimizer.mjs
import { AdaptiveScheduler, robust } from '@ae-ddsp/scheduler';

/** An ill-conditioned quadratic: the loss and its gradient at theta. */
function lossAndGradient(theta) {
  const scales = [1, 10, 100];
  let loss = 0;
  const gradient = theta.map((x, i) => {
    loss += 0.5 * scales[i] * x * x;
    return scales[i] * x;
  });
  return { loss, gradient };
}

/** Runs 300 heavy-ball steps from α0 = 0.01, μ0 = 0.5, scheduled or fixed. */
export function run({ steps = 300, scheduled = true, log = () => {} } = {}) {
  const scheduler = new AdaptiveScheduler({ ...robust, learningRate: 0.01, momentum: 0.5 });
  let { learningRate, momentum } = scheduler.hyperparameters;
  let theta = [3, -2, 1];
  let velocity = [0, 0, 0];
  const trace = [];
  for (let step = 0; step < steps; step++) {
    const { loss, gradient } = lossAndGradient(theta);
    if (scheduled) ({ learningRate, momentum } = scheduler.update({ loss }));
    // h ← μ·h + (1 − μ)·g;  θ ← θ − α·h   (AE-DDSP §1, docs/method.md)
    velocity = velocity.map((h, i) => momentum * h + (1 - momentum) * gradient[i]);
    theta = theta.map((x, i) => x - learningRate * velocity[i]);
    trace.push({ step, loss, learningRate, momentum });
    if (step % 50 === 0) log({ step, loss, learningRate, momentum });
  }
  return { initialLoss: trace[0].loss, finalLoss: lossAndGradient(theta).loss, trace };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run({
    log: (s) =>
      console.log(
        `step ${String(s.step).padStart(3)}  loss ${s.loss.toExponential(3)}  α ${s.learningRate.toFixed(4)}  μ ${s.momentum.toFixed(3)}`,
      ),
  });
  const robustLoss = run().finalLoss.toExponential(2);
  const fixedLoss = run({ scheduled: false }).finalLoss.toExponential(2);
  console.log(`final loss: robust ${robustLoss}, fixed α = 0.01, μ = 0.5: ${fixedLoss}`);
}
