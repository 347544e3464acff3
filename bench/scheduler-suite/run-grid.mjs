// Runs every (method, α0, seed) of one problem × optimiser in lockstep, so a problem that can
// evaluate many models at once (the MLP's batched tfjs pass) does. Returns the final true loss
// of each run (Infinity once a run's loss or parameters stop being finite).
import { OPTIMISERS } from './optimisers.mjs';
import { seededRandom } from './random.mjs';

export function runGrid(problem, optimiser, grid, methods) {
  const runs = [];
  for (const method of grid.methods)
    for (const learningRate of grid.learningRates)
      for (const seed of grid.seeds) {
        const random = seededRandom(seed * 7919 + 1);
        const x = problem.init(random);
        runs.push({
          method,
          learningRate,
          seed,
          x,
          random,
          step: OPTIMISERS[optimiser](x.length),
          scheduler: methods[method](learningRate, problem.steps),
          alive: true,
        });
      }
  for (let t = 0; t < problem.steps; t++) {
    const active = runs.filter((r) => r.alive);
    if (active.length === 0) break;
    const samples = problem.sampleMany
      ? problem.sampleMany(
          active.map((r) => r.x),
          active.map((r) => r.random),
        )
      : active.map((r) => problem.sample(r.x, r.random));
    active.forEach((r, i) => {
      const { loss, gradient } = samples[i];
      if (!Number.isFinite(loss)) {
        r.alive = false;
        return;
      }
      const h = r.scheduler.update({ loss });
      r.step(r.x, gradient, h);
      if (h.dither > 0) dither(r.x, h.dither, r.random);
      if (!r.x.every(Number.isFinite)) r.alive = false;
    });
  }
  return runs.map(({ method, learningRate, seed, x, alive }) => {
    const final = alive ? problem.evaluate(x) : Number.POSITIVE_INFINITY;
    return { method, learningRate, seed, final: Number.isFinite(final) ? final : Number.POSITIVE_INFINITY };
  });
}

/** θ ← θ + σ·RMS(θ)·η (AE-DDSP §1, docs/method.md). */
function dither(x, sigma, random) {
  let s = 0;
  for (const v of x) s += v * v;
  const scale = sigma * Math.sqrt(s / x.length);
  for (let i = 0; i < x.length; i++) x[i] += scale * random.normal();
}
