import { AdaptiveScheduler, ReduceLROnPlateau, robust, significantTrendLearningRate, significantTrendMomentum } from '../packages/scheduler/dist/index.js';
import { logisticRegression, noisyQuadratic, rosenbrock } from './scheduler-suite/problems.mjs';
import { runGrid } from './scheduler-suite/run-grid.mjs';
import { summarise } from './scheduler-suite/summary.mjs';
const variants = JSON.parse(process.argv[2]);
const methods = { fixed: (lr) => { const h = { learningRate: lr, momentum: 0.9, dither: 0 }; return { hyperparameters: h, update: () => h }; },
  reduceLROnPlateau: (lr) => new ReduceLROnPlateau({ learningRate: lr, momentum: 0.9 }) };
variants.forEach((v, i) => { methods[`v${i}`] = (lr) => new AdaptiveScheduler({ ...robust, learningRate: lr, momentum: 0.9,
  learningRateBounds: v.bounds ?? robust.learningRateBounds, varianceWindow: v.window ?? 20, emaBeta: v.beta ?? 0.9,
  learningRateLaw: significantTrendLearningRate(v.law ?? {}), momentumLaw: v.mu === 'none' ? () => 0 : significantTrendMomentum(v.mu ?? {}) }); });
const sweep = (c) => [-3, -2, -1, 0, 1, 2, 3].map((k) => c * 10 ** (k / 2));
const problems = [[rosenbrock(2, 1000), { sgd: 1e-3, heavyBall: 3e-3, adam: 3e-2 }], [rosenbrock(20, 1000), { sgd: 3e-4, heavyBall: 1e-3, adam: 3e-2 }],
  [noisyQuadratic(0.1, 500), { sgd: 1e-2, heavyBall: 3e-2, adam: 3e-2 }], [noisyQuadratic(1, 500), { sgd: 3e-3, heavyBall: 1e-2, adam: 1e-2 }], [noisyQuadratic(10, 500), { sgd: 1e-3, heavyBall: 3e-3, adam: 1e-2 }],
  [logisticRegression(500), { sgd: 0.3, heavyBall: 0.3, adam: 1e-2 }]];
const rows = [];
for (const [p, c] of problems) for (const o of ['sgd', 'heavyBall', 'adam'])
  for (const r of runGrid(p, o, { methods: Object.keys(methods), learningRates: sweep(c[o]), seeds: [1, 2, 3] }, methods)) rows.push({ problem: p.name, optimiser: o, ...r });
const s = summarise(rows);
const fixedBestIdx = {};
for (const [i] of variants.entries()) {
  let pass = 0, n = 0; const fails = [];
  for (const r of s.filter((x) => x.method === `v${i}`)) {
    const f = s.find((x) => x.problem === r.problem && x.optimiser === r.optimiser && x.method === 'fixed');
    const p = s.find((x) => x.problem === r.problem && x.optimiser === r.optimiser && x.method === 'reduceLROnPlateau');
    const ok = r.ratioToFixed <= 1.2 && r.robustness > f.robustness && r.robustness > p.robustness; n++; if (ok) pass++;
    else fails.push(`${r.problem.replace('noisy-quadratic-20d','nq').replace('rosenbrock','rb').replace('logistic-breast-cancer','lr')}/${r.optimiser}:${r.ratioToFixed.toPrecision(2)},${r.robustness}v${f.robustness}`);
  }
  console.log(JSON.stringify(variants[i]), `pass ${pass}/${n}`, fails.join(' '));
}
const f = s.filter((x) => x.method === 'fixed').map((r) => `${r.problem.slice(0, 12)}/${r.optimiser}:${r.bestLearningRate.toPrecision(2)}`); console.log(f.join(' '));
