import { METHODS } from './scheduler-suite/methods.mjs';
import { OPTIMISERS } from './scheduler-suite/optimisers.mjs';
import { rosenbrock } from './scheduler-suite/problems.mjs';
import { seededRandom } from './scheduler-suite/random.mjs';
const [opt, lr] = [process.argv[2], Number(process.argv[3])];
const p = rosenbrock(2, 1000); const r = seededRandom(1); const x = p.init(r); const step = OPTIMISERS[opt](2);
const s = METHODS.robust(lr, 1000);
for (let t = 0; t < 1000; t++) { const { loss, gradient } = p.sample(x, r); const h = s.update({ loss }); step(x, gradient, h);
  const sig = s.snapshot().signals;
  if ((t >= 270 && t < 345) || t%100===0) console.log(t, loss.toExponential(3), h.learningRate.toExponential(2), h.momentum.toFixed(3), sig.lossTrendScore.toFixed(2), sig.lossRiseScore.toExponential(2), sig.lossNoise.toExponential(2)); }
