// Compares two checkouts of the repository by instructions executed, which, unlike time, does
// not drift with the machine's load: a shared two-core machine's wall and CPU times move by
// ±10 % between runs, while callgrind's count moves by well under 1 %. For each job (trainer
// steps on a preset; the plant's render + backward) it runs `valgrind --tool=callgrind` on
// `node --single-threaded` twice, with `STEPS` iterations and with none, and reports the
// difference per iteration, so start-up cost cancels. Each checkout must be built
// (`npx turbo run build`); its packages are loaded from its own node_modules. Usage:
//   git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npx turbo run build)
//   node bench/instructions-ab.mjs /tmp/old .
// Writes bench/results/instructions-ab.json (both commits; rows of an earlier run on the same
// commits are kept, so `JOBS=…` can add or re-measure a job) and prints a Markdown table.
// Needs valgrind (Debian `valgrind`); about 10 minutes for the default jobs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './lib.mjs';

const here = fileURLToPath(import.meta.url);
const JOBS = (process.env.JOBS ?? 'trainer:subtractive,trainer:seed-stub,plant:subtractive').split(',');
const STEPS = Number(process.env.STEPS ?? 40);
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'instructions-ab.json');

function readPrevious() {
  return existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : undefined;
}

if (process.argv[2] === '--child') {
  const [tree, job, iterations] = process.argv.slice(3);
  const [kind, preset] = job.split(':');
  const req = createRequire(`${tree}/package.json`);
  const load = (name) => import(req.resolve(name));
  const tf = await load('@tensorflow/tfjs-core');
  await load('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { presetPatch, SynthPlant } = await load('@ae-ddsp/plant');
  const sr = 16000;
  const plant = new SynthPlant(presetPatch(preset), { sampleRate: sr });
  const truth = plant.initialNormalised();
  let step;
  if (kind === 'trainer') {
    const { createLogMelLoss } = await load('@ae-ddsp/features');
    const { Trainer } = await load('@ae-ddsp/trainer');
    const target = tf.tidy(() =>
      plant.render(tf.tensor2d(Float32Array.from(truth), [1, plant.parameterCount]), sr),
    );
    const start = Float32Array.from(truth, (u, i) => Math.min(1, Math.max(0, u + (i % 2 ? 0.03 : -0.03))));
    const trainer = new Trainer({
      plant,
      target,
      loss: (t) => createLogMelLoss(t),
      method: 'ae-ddsp',
      initial: start,
      seed: 1,
    });
    step = () => trainer.step();
  } else {
    const variable = tf.variable(plant.initialParameters(1));
    const dy = tf.randomNormal([1, sr], 0, 1, 'float32', 1);
    step = () => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(plant.render(variable, sr), dy)),
        [variable],
      );
      grads[variable.name].dataSync();
      tf.dispose([value, grads[variable.name]]);
    };
  }
  for (let i = 0; i < Number(iterations); i++) step();
} else {
  const trees = process.argv.slice(2, 4).map((t) => resolve(t));
  if (trees.length !== 2) {
    console.error('usage: node bench/instructions-ab.mjs <before checkout> <after checkout>');
    process.exit(2);
  }
  const count = (tree, job, iterations) => {
    const r = spawnSync(
      'valgrind',
      [
        '--tool=callgrind',
        '--smc-check=all-non-file',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        '--single-threaded',
        here,
        '--child',
        tree,
        job,
        String(iterations),
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const m = /Collected : (\d+)/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m)
      throw new Error(`callgrind failed for ${tree} ${job}: ${(r.stderr ?? '').slice(-500)}`);
    return Number(m[1]);
  };
  const commit = (tree) => ({
    hash: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: tree, encoding: 'utf8' }).trim(),
    dirty: execFileSync('git', ['status', '--porcelain'], { cwd: tree, encoding: 'utf8' }).trim() !== '',
  });
  const rows = JOBS.map((job) => {
    const [before, after] = trees.map((tree) => (count(tree, job, STEPS) - count(tree, job, 0)) / STEPS);
    return { job, before, after, ratio: after / before };
  });
  // rows of earlier runs on the same two commits are kept unless this run measured that job again
  const before = commit(trees[0]);
  const after = commit(trees[1]);
  const previous = readPrevious();
  const same =
    previous &&
    previous.before.hash === before.hash &&
    previous.after.hash === after.hash &&
    previous.steps === STEPS;
  const kept = same ? previous.rows.filter((r) => !JOBS.includes(r.job)) : [];
  const file = writeResults('instructions-ab', { steps: STEPS, before, after, rows: [...kept, ...rows] });
  console.log(`instructions per iteration (callgrind), ${STEPS} iterations minus none; ${file}`);
  console.log('| job | before | after | after / before |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of [...kept, ...rows])
    console.log(
      `| ${r.job} | ${(r.before / 1e6).toFixed(2)} M | ${(r.after / 1e6).toFixed(2)} M | ${r.ratio.toFixed(3)} |`,
    );
}
