// Dev-split comparison for issue 13 (the laws and the `cma-es` method): each configuration
// gets the same budget of synth evaluations (every probe and candidate counts) on the same
// dev targets — seeded random `subtractive` patches (truths as in the recovery cases, the run
// starting from the preset's defaults) and notes of ../shared/notes (first 0.25 s), matched
// with `subtractive`. Metric: the seed's multi-resolution log-mel distance of the best match,
// and the output pitch error (YIN) against the truth or the label.
//   METHODS_BUDGET=300  METHODS_PATCHES=4  METHODS_NOTES=piano_69.wav,...  NOTES_DIR=../shared/notes
// Writes bench/results/trainer-methods.json (with the commit).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAudio } from '@ae-ddsp/cli';
import { importSources } from './bundle-sources.mjs';
import { printTable, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const m = await importSources(`
  import * as tf from '@tensorflow/tfjs-core';
  export { version_cpu } from '@tensorflow/tfjs-backend-cpu';
  export { tf };
  export { Trainer, METHOD_PRESETS, TRAINER_EXPLORER_DEFAULTS } from '@ae-ddsp/trainer';
  export { oneFifthSuccessDither } from '@ae-ddsp/explorer';
  export { createLogMelLoss, estimatePitch } from '@ae-ddsp/features';
  export * from './packages/trainer/src/test-support/recovery-cases';
`);
const { tf } = m;
await tf.setBackend('cpu');
const env = process.env;
const BUDGET = Number(env.METHODS_BUDGET ?? 300);
const PATCHES = Number(env.METHODS_PATCHES ?? 4);
const NOTES_DIR = env.NOTES_DIR ?? join(here, '..', '..', 'shared', 'notes');
const NOTES = (env.METHODS_NOTES ?? 'piano_69.wav,flute_70.wav,trumpet_65.wav').split(',').filter(Boolean);
const SR = m.RECOVERY_SAMPLE_RATE;
const SAMPLES = m.RECOVERY_SAMPLES;
const git = (args) => spawnSync('git', args, { cwd: here, encoding: 'utf8' }).stdout?.trim() ?? '';

const CONFIGS = {
  'ae-ddsp': { method: 'ae-ddsp' },
  'ae-ddsp, 1/5th-success σ': { method: 'ae-ddsp', scheduler: { ditherLaw: m.oneFifthSuccessDither() } },
  'ae-ddsp, regime steers': { method: 'ae-ddsp', resonance: { steer: true } },
  adam: { method: 'adam' },
  'cma-es': { method: 'cma-es' },
};

/** Steps a configuration takes within the budget (to anneal over). */
function stepsFor(options, size) {
  const preset = m.METHOD_PRESETS[options.method];
  if (preset.search === 'cma-es') return Math.floor(BUDGET / (4 + Math.floor(3 * Math.log(size))));
  const { probes, testEvery } = { probes: 4, ...m.TRAINER_EXPLORER_DEFAULTS };
  return preset.localTests ? Math.floor(BUDGET / (1 + probes / testEvery)) : BUDGET;
}

function measure(plant, target, parameters, f0) {
  const audio = tf.tidy(() => plant.render(tf.tensor2d(parameters, [1, plant.parameterCount]), SAMPLES));
  const loss = m.createLogMelLoss(target);
  const distance = tf.tidy(() => loss(audio).dataSync()[0]);
  loss.dispose();
  const pitch = m.estimatePitch(audio.dataSync(), SR);
  audio.dispose();
  return { distance, cents: Math.abs(1200 * Math.log2(pitch.f0Hz / f0)) };
}

const targets = [];
const plant = m.recoveryPlant('subtractive');
for (let seed = 0; seed < PATCHES; seed++) {
  const { truth } = m.recoveryCase(plant, 'subtractive', 500 + seed);
  const audio = tf.tidy(() =>
    plant.render(
      tf.tensor2d(Float32Array.from(plant.toNormalised(truth)), [1, plant.parameterCount]),
      SAMPLES,
    ),
  );
  targets.push({
    name: `patch ${500 + seed}`,
    audio,
    f0: truth[plant.parameterNames.indexOf('osc.frequency')],
  });
}
const labels = JSON.parse(readFileSync(join(NOTES_DIR, 'labels.json'), 'utf8')).notes;
for (const note of NOTES) {
  const clip = await readAudio(join(NOTES_DIR, note), { sampleRateHz: SR });
  targets.push({
    name: note,
    audio: tf.tensor2d(clip.samples.slice(0, SAMPLES), [1, SAMPLES]),
    f0: labels[note].f0_hz,
  });
}

const rows = [];
const t0 = performance.now();
for (const target of targets) {
  const row = { target: target.name };
  for (const [name, options] of Object.entries(CONFIGS)) {
    const trainer = new m.Trainer({
      plant,
      target: target.audio,
      seed: 1,
      initial: Float32Array.from(plant.initialNormalised()),
      anneal: { steps: stepsFor(options, plant.parameterCount) },
      ...options,
    });
    const result = trainer.run({ evaluations: BUDGET });
    trainer.dispose();
    const { distance, cents } = measure(plant, target.audio, result.bestParameters, target.f0);
    row[name] = distance;
    row[`${name} cents`] = cents;
  }
  rows.push(row);
  console.log(JSON.stringify(row));
}
const names = Object.keys(CONFIGS);
const mean = (k) => rows.reduce((s, r) => s + r[k], 0) / rows.length;
const summary = names.map((name) => ({
  config: name,
  mean_log_mel: mean(name),
  best_on: rows.filter((r) => names.every((o) => r[name] <= r[o])).length,
  within_50c: rows.filter((r) => r[`${name} cents`] <= 50).length,
}));
printTable(summary);
writeResults('trainer-methods', {
  commit: git(['rev-parse', 'HEAD']),
  dirty: git(['status', '--porcelain', '--', 'packages', 'bench/trainer-methods.bench.mjs']) !== '',
  split: 'dev',
  budget: BUDGET,
  seconds: SAMPLES / SR,
  seconds_elapsed: (performance.now() - t0) / 1000,
  targets: rows.length,
  rows,
  summary,
});
