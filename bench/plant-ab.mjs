// Compares builds of @ae-ddsp/plant under the same conditions: subtractive, 1 s at 16 kHz,
// batch 1, render + backward timed as in plant.bench.mjs (CPU time per call), in fresh
// `node --single-threaded` processes that alternate between the builds for ROUNDS rounds
// (default 8), so that the machine's drifting speed affects every build alike. Prints min, p25
// and median per build. Build an older commit into a directory inside the repository (so that
// its imports resolve), e.g.
//   git worktree add /tmp/old <commit> && (cd /tmp/old/packages/plant && npx tsup)
//   cp -r /tmp/old/packages/plant/dist bench/_old
//   node bench/plant-ab.mjs bench/_old/index.js packages/plant/dist/index.js
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { SynthPlant, presetPatch } = await import(process.argv[3]);
  const n = 16000;
  const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: n });
  const variable = tf.variable(plant.initialParameters(1));
  const dy = tf.randomNormal([1, n], 0, 1, 'float32', 1);
  const dyColumn = tf.reshape(dy, [n, 1]);
  const loss = tf.customGrad((x) => ({
    value: tf.reshape(tf.matMul(tf.reshape(x, [1, n]), dyColumn), []),
    gradFunc: (g) => tf.mul(dy, tf.reshape(g, [])),
  }));
  const step = () => {
    const { value, grads } = tf.variableGrads(() => loss(plant.render(variable, n)), [variable]);
    grads[variable.name].dataSync();
    tf.dispose([value, grads[variable.name]]);
  };
  for (let i = 0; i < 60; i++) step();
  const times = [];
  for (let i = 0; i < 150; i++) {
    const c0 = process.cpuUsage();
    step();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  console.log(JSON.stringify(times));
} else {
  const builds = process.argv.slice(2).map((b) => pathToFileURL(resolve(b)).href);
  if (builds.length === 0) {
    console.error('usage: node bench/plant-ab.mjs <plant dist/index.js> [more builds …]');
    process.exit(2);
  }
  const rounds = Number(process.env.ROUNDS ?? 8);
  const times = builds.map(() => []);
  for (let r = 0; r < rounds; r++) {
    builds.forEach((build, k) => {
      const out = execFileSync(process.execPath, ['--single-threaded', here, '--child', build], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      times[k].push(...JSON.parse(out.toString()));
    });
  }
  const at = (sorted, q) => sorted[Math.floor(q * (sorted.length - 1))].toFixed(2);
  console.log(`subtractive, 1 s, batch 1, render + backward, CPU ms over ${rounds} alternating rounds`);
  times.forEach((buildTimes, k) => {
    const sorted = buildTimes.sort((a, b) => a - b);
    console.log(
      `${process.argv[2 + k]}: min ${at(sorted, 0)}  p25 ${at(sorted, 0.25)}  median ${at(sorted, 0.5)}`,
    );
  });
}
