// Counts the machine instructions one render + gradient of a plant preset costs, with valgrind's
// callgrind, so that builds of @ae-ddsp/plant can be compared on a busy, shared machine (wall
// time is not comparable there; instruction counts are). Each build runs in
// `node --single-threaded --predictable` (JIT compilation on the main thread, counted) under
// callgrind twice:
// WARMUP + ITERATIONS render + backward steps, and WARMUP steps; the difference (startup,
// imports, plant construction and the first, mostly interpreted step cancel) is printed per
// step, with the change from the first build. Audio: 1 s at 16 kHz, batch 1, loss Σ audio·dy
// with a fixed random dy. Two runs of one build differed by 0.001 % (2 thousand of 316 million).
//
//   node bench/plant-instructions.mjs [--preset subtractive|fm|additive|seed-stub]
//        [--engine fused|tensor] [--waveform sine|square|sawtooth|triangle] [--warmup 1]
//        [--iterations 3] [--jobs 2] <plant dist/index.js> [more builds …]
//
// `--waveform` sets every oscillator of the preset to that waveform, to reach the paths a
// preset does not take (e.g. `--preset fm --waveform triangle`: a frequency-modulated table of
// many partials runs the harmonic Jacobian per sample; a sawtooth's backward takes a shortcut).
// `--engine fused` runs the fused engine (src/fused/, with the harmonic Jacobian kernel);
// `--engine tensor` the tensor engine with plant's cpu kernels (harmonic forward and backward,
// all-pole, accumulate). To compare with the code before a change, copy its build into
// bench/_old (ignored by git):
//   cp -r packages/plant/dist bench/_old/plant          # before the change
//   npx turbo run build --filter=@ae-ddsp/plant          # after it
//   node bench/plant-instructions.mjs --preset fm bench/_old/plant/index.js packages/plant/dist/index.js
// Needs valgrind (Debian package `valgrind`); a build takes a few minutes per preset.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** One JIT thread, fixed seeds and a fixed GC schedule: repeated runs of a build count alike. */
const NODE_FLAGS = ['--single-threaded', '--predictable', '--predictable-gc-schedule', '--random-seed=1'];

async function child(build, preset, engine, waveform, iterations) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { SynthPlant, presetPatch } = await import(build);
  const n = 16000;
  const patch = presetPatch(preset);
  if (waveform !== 'preset') {
    for (const node of patch.nodes) {
      if (node.type === 'oscillator') node.options = { ...node.options, waveform };
    }
  }
  const plant = new SynthPlant(patch, { sampleRate: n, engine });
  const variable = tf.variable(plant.initialParameters(1));
  const dy = tf.randomNormal([1, n], 0, 1, 'float32', 1);
  const loss = (audio) => tf.sum(tf.mul(audio, dy));
  let checksum = 0;
  for (let i = 0; i < iterations; i++) {
    const { value, grads } = tf.variableGrads(() => loss(plant.render(variable, n)), [variable]);
    checksum += value.dataSync()[0] + grads[variable.name].dataSync()[0];
    tf.dispose([value, grads[variable.name]]);
  }
  console.log(JSON.stringify({ checksum }));
}

/** Runs the child under callgrind (asynchronously) and resolves to its instruction count. */
function count(build, preset, engine, waveform, iterations) {
  const args = [
    '--tool=callgrind',
    '--smc-check=all-non-file',
    '--callgrind-out-file=/dev/null',
    process.execPath,
    ...NODE_FLAGS,
    here,
    '--child',
    build,
    preset,
    engine,
    waveform,
    String(iterations),
  ];
  return new Promise((done, fail) => {
    execFile('valgrind', args, { encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const match = /Collected\s*:\s*(\d+)/.exec(stderr ?? '');
      if (error || !match) fail(new Error(`valgrind failed on ${build}:\n${stderr}`));
      else {
        console.error(`${build} ${iterations} steps: ${match[1]} instructions`); // progress
        done({ instructions: Number(match[1]), stdout: stdout.trim() });
      }
    });
  });
}

/** Runs `tasks` (functions returning promises) with at most `jobs` at once, results in order. */
async function pool(tasks, jobs) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const at = next++;
      results[at] = await tasks[at]();
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}

if (process.argv[2] === '--child') {
  const [build, preset, engine, waveform, iterations] = process.argv.slice(3);
  await child(build, preset, engine, waveform, Number(iterations));
} else {
  const options = {
    preset: 'subtractive',
    engine: 'fused',
    waveform: 'preset',
    warmup: '1',
    iterations: '3',
    jobs: '2',
  };
  const builds = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const flag = /^--(preset|engine|waveform|warmup|iterations|jobs)$/.exec(argv[i]);
    if (flag) options[flag[1]] = argv[++i];
    else builds.push(argv[i]);
  }
  const warmup = Number(options.warmup);
  const iterations = Number(options.iterations);
  if (builds.length === 0 || !(iterations >= 1) || !(warmup >= 0)) {
    console.error(
      'usage: node bench/plant-instructions.mjs [--preset P] [--engine fused|tensor] [--waveform W] [--warmup W] [--iterations N] [--jobs J] <plant dist/index.js> …',
    );
    process.exit(2);
  }
  const urls = builds.map((b) => pathToFileURL(resolve(b)).href);
  const { preset, engine, waveform } = options;
  const counts = await pool(
    urls.flatMap((url) => [
      () => count(url, preset, engine, waveform, warmup),
      () => count(url, preset, engine, waveform, warmup + iterations),
    ]),
    Number(options.jobs),
  );
  console.log(
    `${preset}${waveform === 'preset' ? '' : ` (oscillators: ${waveform})`}, engine ${engine}, 1 s at 16 kHz, render + backward: instructions per step ` +
      `(callgrind; ${warmup + iterations} steps minus ${warmup})`,
  );
  let first;
  builds.forEach((build, k) => {
    const [idle, busy] = [counts[2 * k], counts[2 * k + 1]];
    const perStep = (busy.instructions - idle.instructions) / iterations;
    first ??= perStep;
    const change = (perStep / first - 1) * 100;
    console.log(
      `${build}: ${Math.round(perStep)} (${change >= 0 ? '+' : ''}${change.toFixed(2)} %) ${busy.stdout}`,
    );
  });
}
