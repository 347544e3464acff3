// The scheduler suite: does @ae-ddsp/scheduler make other people's optimisers better?
// Problems: Rosenbrock 2-D and 20-D, a noisy 20-D quadratic at three noise levels, logistic
// regression on sklearn's breast-cancer data and a small MLP on sklearn's digits (tfjs-core).
// Each problem × optimiser (SGD, heavy-ball, Adam) runs an α0 sweep of three decades (7 values)
// × 10 seeds for every schedule: fixed α, the seed's law, the robust law, our
// ReduceLROnPlateau, CosineAnnealing and BoldDriver, and PyTorch's ReduceLROnPlateau and
// CosineAnnealingLR (bench/peers/scheduler_peer.py) on the problems it mirrors.
// A run's score is its final true loss; a cell's is the median over seeds. Per optimiser ×
// problem × schedule: best-of-sweep = the best cell; robustness = how many α0 end within 2×
// of the best fixed-α cell. Goal: robust within 1.2× of the best fixed α at best-of-sweep and
// strictly more robust than fixed α and ReduceLROnPlateau.
//   node bench/scheduler-suite.bench.mjs             the full suite → bench/results/scheduler-suite.json
//   node bench/scheduler-suite.bench.mjs --quick     3 seeds, no MLP, no peer (for development)
//   node bench/scheduler-suite.bench.mjs --only=rosenbrock-2d,mlp-digits   some problems
//   node bench/scheduler-suite.bench.mjs --markdown  the README tables from the results file
//   node bench/scheduler-suite.bench.mjs --readme    rewrite them in packages/scheduler/README.md
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, runPythonPeer, writeResults } from './lib.mjs';
import { ABLATIONS, METHODS } from './scheduler-suite/methods.mjs';
import { mlpDigits } from './scheduler-suite/mlp.mjs';
import { logisticRegression, noisyQuadratic, rosenbrock } from './scheduler-suite/problems.mjs';
import { runGrid } from './scheduler-suite/run-grid.mjs';
import { summarise } from './scheduler-suite/summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, 'results', 'scheduler-suite.json');
const args = process.argv.slice(2);

if (args.includes('--markdown') || args.includes('--readme')) {
  const { markdown } = await import('./scheduler-suite/markdown.mjs');
  const tables = markdown(JSON.parse(readFileSync(RESULTS, 'utf8')));
  if (args.includes('--markdown')) console.log(tables);
  else {
    const readme = join(here, '..', 'packages', 'scheduler', 'README.md');
    const text = readFileSync(readme, 'utf8');
    const [start, end] = ['<!-- scheduler-suite:start -->', '<!-- scheduler-suite:end -->'];
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${readme} has no ${start} … ${end} block`);
    writeFileSync(readme, `${text.slice(0, a + start.length)}\n${tables}\n${text.slice(b)}`);
    console.log(`rewrote the tables in ${readme}`);
  }
  process.exit(0);
}

const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const OPTIMISER_NAMES = ['sgd', 'heavyBall', 'adam'];
const ALL_METHODS = { ...METHODS, ...ABLATIONS };
const sweep = (centre) => [-3, -2, -1, 0, 1, 2, 3].map((k) => centre * 10 ** (k / 2));

// [problem, sweep centre per optimiser, mirrored by the PyTorch peer]. The MLP (tfjs-core,
// the slow one) runs 3 seeds and the main schedules only; the others also run the ablation
// steps of the robust law.
const MLP_SEEDS = 3;
const config = {
  seeds: quick ? 3 : 10,
  problems: [
    ['rosenbrock-2d', () => rosenbrock(2, 1000), { sgd: 1e-3, heavyBall: 3e-3, adam: 3e-2 }, true],
    ['rosenbrock-20d', () => rosenbrock(20, 1000), { sgd: 3e-4, heavyBall: 1e-3, adam: 3e-2 }, false],
    [
      'noisy-quadratic-20d-0.1',
      () => noisyQuadratic(0.1, 500),
      { sgd: 1e-2, heavyBall: 3e-2, adam: 3e-2 },
      false,
    ],
    ['noisy-quadratic-20d-1', () => noisyQuadratic(1, 500), { sgd: 3e-3, heavyBall: 1e-2, adam: 1e-2 }, true],
    [
      'noisy-quadratic-20d-10',
      () => noisyQuadratic(10, 500),
      { sgd: 1e-3, heavyBall: 3e-3, adam: 1e-2 },
      false,
    ],
    ['logistic-breast-cancer', () => logisticRegression(500), { sgd: 0.3, heavyBall: 0.3, adam: 1e-2 }, true],
    ['mlp-digits', () => mlpDigits(150), { sgd: 0.3, heavyBall: 0.3, adam: 1e-2 }, false],
  ].filter(([name]) => (only ? only.includes(name) : !(quick && name === 'mlp-digits'))),
};

const rows = [];
const t0 = performance.now();
for (const [name, make, centres] of config.problems) {
  const problem = await make();
  for (const optimiser of OPTIMISER_NAMES) {
    const mlp = name === 'mlp-digits';
    const grid = {
      methods: mlp ? ['fixed', 'seedLaw', 'robust', 'reduceLROnPlateau', 'cosine'] : Object.keys(ALL_METHODS),
      learningRates: sweep(centres[optimiser]),
      seeds: Array.from({ length: mlp ? Math.min(MLP_SEEDS, config.seeds) : config.seeds }, (_, i) => i + 1),
    };
    const t = performance.now();
    for (const run of runGrid(problem, optimiser, grid, ALL_METHODS))
      rows.push({ problem: name, optimiser, ...run });
    console.log(`${name} ${optimiser}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

let peer = { unavailable: 'skipped (--quick)' };
if (!quick) {
  const mirrored = config.problems.filter(([, , , mirror]) => mirror);
  const request = {
    seeds: config.seeds,
    problems: mirrored.map(([name, , centres]) => ({
      name,
      learningRates: Object.fromEntries(OPTIMISER_NAMES.map((o) => [o, sweep(centres[o])])),
    })),
  };
  const t = performance.now();
  peer = runPythonPeer('scheduler_peer.py', [JSON.stringify(request)]);
  console.log(`PyTorch peer: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (!peer.unavailable) for (const r of peer.runs) rows.push(r);
}

const summary = summarise(rows);
printTable(
  summary.map((s) => ({
    problem: s.problem,
    optimiser: s.optimiser,
    method: s.method,
    best: s.bestOfSweep,
    'best α0': s.bestLearningRate,
    'vs fixed': s.ratioToFixed,
    robust: `${s.robustness}/${s.sweep}`,
  })),
);
if (!quick) {
  const file = writeResults('scheduler-suite', {
    seconds: (performance.now() - t0) / 1000,
    config: {
      seeds: config.seeds,
      mlpSeeds: MLP_SEEDS,
      sweep: 'centre × 10^(k/2), k = −3…3',
      problems: config.problems.map(([name, , centres, mirrored]) => ({
        name,
        centres,
        mirroredByPeer: mirrored,
      })),
    },
    peer: peer.unavailable ? peer : { torch: peer.torch, numpy: peer.numpy },
    summary,
    runs: rows,
  });
  console.log(`wrote ${file}`);
}
