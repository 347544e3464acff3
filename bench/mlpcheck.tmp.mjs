import { mlpDigits } from './scheduler-suite/mlp.mjs';
import { runGrid } from './scheduler-suite/run-grid.mjs';
import { METHODS } from './scheduler-suite/methods.mjs';
const p = await mlpDigits(150);
const sweep = (c) => [-3, -2, -1, 0, 1, 2, 3].map((k) => c * 10 ** (k / 2));
for (const [o, c] of [['sgd', 0.3], ['heavyBall', 0.3], ['adam', 3e-3]]) {
  const t = performance.now();
  const r = runGrid(p, o, { methods: ['fixed', 'robust'], learningRates: sweep(c), seeds: [1] }, METHODS);
  console.log(o, ((performance.now() - t) / 1000).toFixed(1), 's', r.map((x) => `${x.method[0]}${x.learningRate.toPrecision(2)}:${x.final.toPrecision(3)}`).join(' '));
}
