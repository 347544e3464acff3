// Compares whole checkouts of the repository under the same conditions: one full trainer step
// (render + multi-resolution log-mel loss + backward + scheduler + explorer, local tests
// amortised in) on a preset, 1 s at 16 kHz, CPU time per step, in fresh
// `node --single-threaded` processes that alternate between the checkouts for ROUNDS rounds
// (default 6), so that the machine's drifting speed affects each alike. Prints min, p25 and
// median per checkout and preset. Each checkout must be built (`npx turbo run build`); this
// file is run from inside each one, so copy it into an older checkout that lacks it, e.g.
//   git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npx turbo run build)
//   cp bench/trainer-ab.mjs /tmp/old/bench/
//   node bench/trainer-ab.mjs /tmp/old .
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const PRESETS = (process.env.PRESETS ?? 'subtractive,seed-stub').split(',');
const METHOD = process.env.METHOD ?? 'ae-ddsp';

if (process.argv[2] === '--child') {
  const [preset, method] = process.argv.slice(3);
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { createLogMelLoss } = await import('@ae-ddsp/features');
  const { presetPatch, SynthPlant } = await import('@ae-ddsp/plant');
  const { Trainer } = await import('@ae-ddsp/trainer');
  const sr = 16000;
  const plant = new SynthPlant(presetPatch(preset), { sampleRate: sr });
  const truth = plant.initialNormalised();
  const target = tf.tidy(() =>
    plant.render(tf.tensor2d(Float32Array.from(truth), [1, plant.parameterCount]), sr),
  );
  const start = Float32Array.from(truth, (u, i) => Math.min(1, Math.max(0, u + (i % 2 ? 0.03 : -0.03))));
  const trainer = new Trainer({
    plant,
    target,
    loss: (t) => createLogMelLoss(t),
    method,
    initial: start,
    seed: 1,
  });
  trainer.run({ steps: 40 });
  const times = [];
  for (let i = 0; i < 60; i++) {
    const c0 = process.cpuUsage();
    trainer.step();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  console.log(JSON.stringify(times));
} else {
  const trees = process.argv.slice(2).map((t) => resolve(t));
  if (trees.length === 0) {
    console.error('usage: node bench/trainer-ab.mjs <checkout> [more checkouts …]');
    process.exit(2);
  }
  const rounds = Number(process.env.ROUNDS ?? 6);
  const times = trees.map(() => PRESETS.map(() => []));
  for (let r = 0; r < rounds; r++) {
    trees.forEach((tree, k) => {
      PRESETS.forEach((preset, p) => {
        const script = join(tree, 'bench', 'trainer-ab.mjs');
        const out = execFileSync(process.execPath, ['--single-threaded', script, '--child', preset, METHOD], {
          cwd: tree,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        times[k][p].push(...JSON.parse(out.toString()));
      });
    });
  }
  const at = (sorted, q) => sorted[Math.floor(q * (sorted.length - 1))].toFixed(2);
  console.log(`trainer step (${METHOD}), CPU ms per step, ${rounds} alternating rounds of 60 steps`);
  console.log('| checkout | preset | min | p25 | median |');
  console.log('| --- | --- | --- | --- | --- |');
  trees.forEach((tree, k) => {
    PRESETS.forEach((preset, p) => {
      const sorted = [...times[k][p]].sort((a, b) => a - b);
      console.log(`| ${tree} | ${preset} | ${at(sorted, 0)} | ${at(sorted, 0.25)} | ${at(sorted, 0.5)} |`);
    });
  });
}
