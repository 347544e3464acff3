// The suite's problems in plain JS: each gives a start point for a seed, one step's observed
// loss and gradient (noisy for the stochastic ones), and the true loss the table reports.
// bench/peers/scheduler_peer.py defines the same problems for PyTorch's schedulers.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** Loads bench/data/<name>.json, exporting it from Debian's sklearn first when missing. */
export function loadDataSet(name) {
  const file = join(dataDir, `${name}.json`);
  if (!existsSync(file)) execFileSync('/usr/bin/python3', [join(dataDir, 'export_sklearn.py')]);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Rosenbrock in n dimensions, started at the classic (−1.2, 1, −1.2, …) plus N(0, 0.1²) per seed. */
export function rosenbrock(n, steps) {
  return {
    name: `rosenbrock-${n}d`,
    dimension: n,
    steps,
    init: (random) =>
      Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1) + 0.1 * random.normal()),
    sample(x) {
      const g = new Float64Array(n);
      const loss = rosenbrockAt(x, g);
      return { loss, gradient: g };
    },
    evaluate: (x) => rosenbrockAt(x, null),
  };
}

function rosenbrockAt(x, g) {
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    if (g) {
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
  }
  return f;
}

/**
 * A noisy quadratic ½Σ h_i (x_i − c_i)² in 20-D with curvatures h log-spaced over [1, 100]
 * and a fresh minimum shift c_i ~ N(0, noise²/h_i) each step (the noisy quadratic model of
 * minibatch noise); the true loss is ½Σ h_i x_i². Start x ~ N(0, 1).
 */
export function noisyQuadratic(noise, steps, n = 20) {
  const h = Float64Array.from({ length: n }, (_, i) => 10 ** ((2 * i) / (n - 1)));
  return {
    name: `noisy-quadratic-20d-${noise}`,
    dimension: n,
    steps,
    init: (random) => Float64Array.from({ length: n }, () => random.normal()),
    sample(x, random) {
      const g = new Float64Array(n);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i] - (noise * random.normal()) / Math.sqrt(h[i]);
        g[i] = h[i] * d;
        loss += 0.5 * h[i] * d * d;
      }
      return { loss, gradient: g };
    },
    evaluate(x) {
      let f = 0;
      for (let i = 0; i < n; i++) f += 0.5 * h[i] * x[i] * x[i];
      return f;
    },
  };
}

/**
 * L2-regularised logistic regression (λ = 1e-3) on sklearn's breast-cancer data (569 × 30,
 * standardised), minibatches of 32 drawn with replacement; the true loss is the full-data
 * objective. Start w ~ N(0, 0.01²), bias 0.
 */
export function logisticRegression(steps, batch = 32, l2 = 1e-3) {
  const data = loadDataSet('breast-cancer');
  const { x, y, features } = data;
  const n = features + 1;
  const objective = (w, rows, g) => {
    let loss = 0;
    for (const r of rows) {
      const xr = x[r];
      let z = w[features];
      for (let j = 0; j < features; j++) z += w[j] * xr[j];
      // log(1 + e^z) − y·z, stably; its derivative is sigmoid(z) − y.
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z;
      if (g) {
        const e = 1 / (1 + Math.exp(-z)) - y[r];
        for (let j = 0; j < features; j++) g[j] += (e * xr[j]) / rows.length;
        g[features] += e / rows.length;
      }
    }
    let penalty = 0;
    for (let j = 0; j < features; j++) {
      penalty += 0.5 * l2 * w[j] * w[j];
      if (g) g[j] += l2 * w[j];
    }
    return loss / rows.length + penalty;
  };
  const all = Array.from({ length: data.samples }, (_, i) => i);
  return {
    name: 'logistic-breast-cancer',
    dimension: n,
    steps,
    init: (random) => Float64Array.from({ length: n }, (_, j) => (j < features ? 0.01 * random.normal() : 0)),
    sample(w, random) {
      const rows = Array.from({ length: batch }, () => random.index(data.samples));
      const g = new Float64Array(n);
      return { loss: objective(w, rows, g), gradient: g };
    },
    evaluate: (w) => objective(w, all, null),
  };
}
