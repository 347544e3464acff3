// Trainer quality (issue 5, benchmarks 2–4): every method gets the same loss (matchLoss: the
// seed's log-mel loss + the cumulative-spectrum pitch term) and the same budget of synth
// evaluations (every probe and random candidate counts).
//   2. frequency recovery: seeded `subtractive` targets, frequency log-uniform in 55–1760 Hz,
//      other parameters random; the run starts from the target's other parameters with the
//      frequency off by up to ±1 octave (log-uniform). Success: final pitch (frequency with
//      detune) within 50 cents of the target's.
//   3. whole-patch matching: seeded random `subtractive` targets, every parameter unknown (the
//      run starts from the preset's defaults); final multi-resolution log-mel distance
//      (the seed's loss) — median and 90th percentile per method.
//   4. real notes: each ../shared/audio/*.wav matched by `subtractive` and `additive`; final
//      log-mel distance per method.
// Sizes come from the environment so a quick run is possible:
//   QUALITY=freq|patch|notes|all  QUALITY_FREQ_TARGETS=100  QUALITY_PATCH_TARGETS=50
//   QUALITY_BUDGET=300 (evaluations)  QUALITY_SECONDS=0.5  QUALITY_METHODS=ae-ddsp,adam,...
//   QUALITY_TRAINER='{"explorer":{"testEvery":5}}' (extra Trainer options, JSON, for tuning)
// Each part writes its own results file (bench/results/trainer-quality-<part>.json), so the
// parts can run as separate processes side by side.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAudio } from '@ae-ddsp/cli';
import { SeededRandom } from '@ae-ddsp/explorer';
import { createLogMelLoss, matchLoss } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { METHOD_NAMES, METHOD_PRESETS, TRAINER_EXPLORER_DEFAULTS, Trainer } from '@ae-ddsp/trainer';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { printTable, writeResults } from './lib.mjs';

await tf.setBackend('cpu');
const env = process.env;
const KIND = env.QUALITY ?? 'all';
const N_FREQ = Number(env.QUALITY_FREQ_TARGETS ?? 100);
const N_PATCH = Number(env.QUALITY_PATCH_TARGETS ?? 50);
const BUDGET = Number(env.QUALITY_BUDGET ?? 300);
const SECONDS = Number(env.QUALITY_SECONDS ?? 0.5);
const METHODS = (env.QUALITY_METHODS ?? METHOD_NAMES.join(',')).split(',');
const SR = 16000;
const SAMPLES = Math.round(SECONDS * SR);
const EXTRA = JSON.parse(env.QUALITY_TRAINER ?? '{}');
const AUDIO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'audio');

/** Physical value ranges the random targets draw from (musically sensible, audible). */
const TARGET_RANGES = {
  'osc.frequency': [55, 1760, 'log'],
  'osc.detune': [0, 0],
  'osc.phase': [0, 360],
  'filterEnv.attack': [0.001, 0.3, 'log'],
  'filterEnv.decay': [0.02, 0.5, 'log'],
  'filterEnv.sustain': [0, 1],
  'filterEnv.release': [0.02, 0.5, 'log'],
  'vcf.cutoff': [100, 6000, 'log'],
  'vcf.resonance': [0, 0.8],
  'vcf.cutoffModulation': [-2, 4],
  'ampEnv.attack': [0.001, 0.1, 'log'],
  'ampEnv.decay': [0.05, 0.5, 'log'],
  'ampEnv.sustain': [0.3, 1],
  'ampEnv.release': [0.05, 0.5, 'log'],
  'vca.gain': [0.3, 1],
  'vca.amount': [1, 1],
};

function draw(random, [lo, hi, kind]) {
  const u = random.uniform();
  return kind === 'log' ? lo * (hi / lo) ** u : lo + (hi - lo) * u;
}

function randomTarget(plant, random) {
  return plant.parameterNames.map((name) => {
    const range = TARGET_RANGES[name];
    if (!range) throw new Error(`no target range for ${name}`);
    return draw(random, range);
  });
}

function renderPhysical(plant, physical) {
  const u = Float32Array.from(plant.toNormalised(physical));
  return tf.tidy(() => plant.render(tf.tensor2d(u, [1, plant.parameterCount]), SAMPLES));
}

/** Steps a method takes within the evaluation budget (to anneal over). */
function stepsFor(method) {
  const preset = METHOD_PRESETS[method];
  const { probes = 4, testEvery = TRAINER_EXPLORER_DEFAULTS.testEvery } = EXTRA.explorer ?? {};
  return preset.localTests
    ? Math.floor(BUDGET / (1 + probes / testEvery))
    : preset.rule === undefined
      ? Math.floor(BUDGET / probes)
      : BUDGET;
}

/** Runs one method on one target; returns the best normalised parameters and the seed-loss distance. */
function match(plant, target, method, initial, seed) {
  const trainer = new Trainer({
    plant,
    target,
    loss: matchLoss(),
    method,
    initial,
    seed,
    learningRate: 0.01,
    anneal: { steps: stepsFor(method) },
    ...EXTRA,
  });
  const result = trainer.run({ evaluations: BUDGET });
  trainer.dispose();
  const seedLoss = createLogMelLoss(target);
  const distance = tf.tidy(
    () =>
      seedLoss(
        plant.render(tf.tensor2d(result.bestParameters, [1, plant.parameterCount]), target.shape[1]),
      ).dataSync()[0],
  );
  seedLoss.dispose();
  return { parameters: result.bestParameters, distance, evaluations: result.evaluations };
}

const pitchOf = (plant, u) => {
  const p = plant.toPhysical(u);
  const names = plant.parameterNames;
  return p[names.indexOf('osc.frequency')] * 2 ** (p[names.indexOf('osc.detune')] / 1200);
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const settings = { budget: BUDGET, seconds: SECONDS, methods: METHODS, trainerOptions: EXTRA };
const t0 = performance.now();
/** Writes one part's results with the shared settings and the time it took so far. */
const save = (part, data) =>
  writeResults(`trainer-quality-${part}`, {
    ...settings,
    ...data,
    seconds_elapsed: (performance.now() - t0) / 1000,
  });

if (KIND === 'all' || KIND === 'freq') {
  const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
  const random = new SeededRandom(2026);
  const hits = Object.fromEntries(METHODS.map((m) => [m, 0]));
  const cents = Object.fromEntries(METHODS.map((m) => [m, []]));
  for (let i = 0; i < N_FREQ; i++) {
    const physical = randomTarget(plant, random);
    const truth = physical[plant.parameterNames.indexOf('osc.frequency')];
    const start = [...physical];
    start[plant.parameterNames.indexOf('osc.frequency')] = truth * 2 ** (2 * random.uniform() - 1);
    const initial = Float32Array.from(plant.toNormalised(start));
    const target = renderPhysical(plant, physical);
    const line = [];
    for (const method of METHODS) {
      const { parameters } = match(plant, target, method, initial, i + 1);
      const error = Math.abs(1200 * Math.log2(pitchOf(plant, parameters) / truth));
      cents[method].push(error);
      if (error <= 50) hits[method]++;
      line.push(`${method} ${error.toFixed(1)}`);
    }
    target.dispose();
    // Progress, and the tally so far, so an interrupted run still leaves its figures.
    console.log(`target ${i + 1}/${N_FREQ} ${truth.toFixed(1)} Hz — cents off: ${line.join(', ')}`);
    save('frequency', { targets: i + 1, hits: { ...hits }, cents });
  }
  const rows = METHODS.map((m) => ({
    method: m,
    'success %': (100 * hits[m]) / N_FREQ,
    'median cents': quantile(cents[m], 0.5),
    'p90 cents': quantile(cents[m], 0.9),
  }));
  console.log(
    `\n2. frequency recovery: ${N_FREQ} subtractive targets, budget ${BUDGET} evaluations, ${SECONDS} s`,
  );
  printTable(rows);
  console.log(`wrote ${save('frequency', { targets: N_FREQ, hits, cents, rows })}`);
}

if (KIND === 'all' || KIND === 'patch') {
  const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
  const random = new SeededRandom(7);
  const initial = Float32Array.from(plant.initialNormalised());
  const distances = Object.fromEntries(METHODS.map((m) => [m, []]));
  for (let i = 0; i < N_PATCH; i++) {
    const target = renderPhysical(plant, randomTarget(plant, random));
    for (const method of METHODS)
      distances[method].push(match(plant, target, method, initial, i + 1).distance);
    target.dispose();
    const line = METHODS.map((m) => `${m} ${distances[m].at(-1).toFixed(2)}`).join(', ');
    console.log(`target ${i + 1}/${N_PATCH} — log-mel distance: ${line}`);
    save('patch', { targets: i + 1, distances });
  }
  const rows = METHODS.map((m) => ({
    method: m,
    'median log-mel': quantile(distances[m], 0.5),
    'p90 log-mel': quantile(distances[m], 0.9),
  }));
  console.log(`\n3. whole-patch matching: ${N_PATCH} subtractive targets, all parameters unknown`);
  printTable(rows);
  console.log(`wrote ${save('patch', { targets: N_PATCH, distances, rows })}`);
}

if (KIND === 'all' || KIND === 'notes') {
  const files = readdirSync(AUDIO_DIR)
    .filter((f) => f.endsWith('.wav'))
    .sort();
  const rows = [];
  for (const preset of ['subtractive', 'additive']) {
    const plant = new SynthPlant(presetPatch(preset), { sampleRate: SR });
    const initial = Float32Array.from(plant.initialNormalised());
    for (const file of files) {
      const clip = await readAudio(join(AUDIO_DIR, file), { sampleRateHz: SR });
      const target = tf.tensor2d(clip.samples.subarray(0, SAMPLES), [1, SAMPLES]);
      const row = { preset, note: file.replace('.wav', '') };
      for (const method of METHODS) row[method] = match(plant, target, method, initial, 1).distance;
      rows.push(row);
      target.dispose();
      console.log(`${preset} ${row.note}: ${METHODS.map((m) => `${m} ${row[m].toFixed(2)}`).join(', ')}`);
      save('notes', { rows });
    }
  }
  const beats = (r, m) => !METHODS.includes(m) || r['ae-ddsp'] < r[m];
  const wins = rows.filter((r) => beats(r, 'adam') && beats(r, 'random'));
  console.log(
    `\n4. real notes: final log-mel distance (lower is better); AE-DDSP beats Adam and random on ${wins.length}/${rows.length}`,
  );
  printTable(rows);
  console.log(`wrote ${save('notes', { rows, aeDdspBeatsAdamAndRandom: wins.length, of: rows.length })}`);
}

console.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
