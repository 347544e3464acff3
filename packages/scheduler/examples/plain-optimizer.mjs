// A hand-written heavy-ball optimiser (no tfjs) whose learning rate, momentum and dither
// are set every step by the AE-DDSP scheduler law. Run: node examples/plain-optimizer.mjs
import { AdaptiveScheduler } from '@ae-ddsp/scheduler';

/** A tiny seeded random source (mulberry32) so the run is reproducible. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

export function run({ steps = 300, seed = 1, log = () => {} } = {}) {
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const scheduler = new AdaptiveScheduler({ learningRate: 0.01, momentum: 0.5 });
  let theta = [3, -2, 1];
  let velocity = [0, 0, 0];
  const trace = [];
  for (let step = 0; step < steps; step++) {
    const { loss, gradient } = lossAndGradient(theta);
    const { learningRate, momentum, dither } = scheduler.update({ loss });
    // h ← μ·h + (1 − μ)·g;  θ ← θ − α·h + σ·RMS(θ)·η   (AE-DDSP §1, docs/method.md)
    velocity = velocity.map((h, i) => momentum * h + (1 - momentum) * gradient[i]);
    const rms = Math.sqrt(theta.reduce((s, x) => s + x * x, 0) / theta.length);
    theta = theta.map((x, i) => x - learningRate * velocity[i] + dither * rms * gaussian());
    trace.push({ step, loss, learningRate, momentum, dither });
    if (step % 50 === 0) log(scheduler.snapshot(), loss);
  }
  return { initialLoss: trace[0].loss, finalLoss: lossAndGradient(theta).loss, trace };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = run({
    log: (s, loss) =>
      console.log(
        `step ${String(s.step).padStart(3)}  loss ${loss.toExponential(3)}  α ${s.learningRate.toFixed(4)}  μ ${s.momentum.toFixed(3)}  σ ${s.dither.toExponential(2)}`,
      ),
  });
  console.log(`loss ${result.initialLoss.toFixed(3)} → ${result.finalLoss.toExponential(3)}`);
}
