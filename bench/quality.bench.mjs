// Matching quality (issue 13): `ae-ddsp match` as the CLI runs it (runMatch: its loss, reward,
// annealing and windows) on real notes and seeded random synth targets, judged on the OUTPUT
// audio: pitch error against the label (cents, by analysing the matched sound), loudness error
// (dB), envelope correlation, multi-resolution log-mel distance, and an MFCC distance the
// trainer does not optimise. Methods get equal synth-evaluation budgets: the first method runs
// QB_STEPS steps and every other method as many steps as fit into the evaluations it used.
//
// The split is fixed and committed (bench/quality-split.json): tune on `dev`, report `test`.
// Everything is configurable so a small run is possible (the defaults are a modest run):
//   QB_SPLIT=dev|test (dev)          QB_NOTES=all|<count>|every:<k>|<regex> (all of the split's notes)
//   QB_AUDIO=1 (dev only: also ../shared/audio)   QB_SYNTH=<count> random subtractive targets (0)
//   QB_PRESETS=subtractive,fm,additive            QB_METHODS=ae-ddsp,adam (first = budget;
//                                    `start` = no optimisation: the starting point's own sound)
//   QB_INITS=analysis,preset (the CLI default)    QB_STEPS=<CLI default>  QB_SECONDS=1
//   QB_SAMPLE_RATE=16000             QB_SEED=1    QB_NAME=quality-<split> (results file name)
//   QB_ESCAPES=<every> (harmonic-ratio escapes every <every> steps; default: the CLI's, off)
// Writes bench/results/<QB_NAME>.json (commit, split, configuration, every run, the summary);
// `node bench/quality-table.mjs` writes the README table from bench/results/quality-test.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeFrameFeatures,
  DEFAULT_MATCH_INIT,
  DEFAULT_MATCH_STEPS,
  readAudio,
  runMatch,
} from '@ae-ddsp/cli';
import { SeededRandom } from '@ae-ddsp/explorer';
import { compareNotes, createLogMelLoss, estimatePitch, midiToHz } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { METHOD_PRESETS, TRAINER_EXPLORER_DEFAULTS } from '@ae-ddsp/trainer';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { printTable, writeResults } from './lib.mjs';

await tf.setBackend('cpu');
const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const SPLIT = env.QB_SPLIT ?? 'dev';
const SPLITS = JSON.parse(readFileSync(join(here, 'quality-split.json'), 'utf8'));
if (!SPLITS[SPLIT]) throw new Error(`QB_SPLIT must be dev or test, got ${SPLIT}`);
// the shared data sits next to the repository (../shared) or next to its worktree folder
const SHARED =
  env.QB_DATA ??
  [join(here, '..', '..', 'shared'), join(here, '..', '..', '..', 'shared')].find((d) =>
    existsSync(join(d, 'notes')),
  );
if (!SHARED) throw new Error('quality bench: no shared/notes next to the repository; set QB_DATA');
const NOTES_DIR = join(SHARED, 'notes');
const AUDIO_DIR = join(SHARED, 'audio');
const list = (v, d) => (v ?? d).split(',').filter(Boolean);
const PRESETS = list(env.QB_PRESETS, 'subtractive,fm,additive');
const METHODS = list(env.QB_METHODS, 'ae-ddsp,adam');
const INITS = list(env.QB_INITS, DEFAULT_MATCH_INIT);
const STEPS = Number(env.QB_STEPS ?? DEFAULT_MATCH_STEPS);
const SECONDS = Number(env.QB_SECONDS ?? 1);
const SR = Number(env.QB_SAMPLE_RATE ?? 16000);
const SEED = Number(env.QB_SEED ?? 1);
const SYNTH = Number(env.QB_SYNTH ?? 0);
const NAME = env.QB_NAME ?? `quality-${SPLIT}`;
const SAMPLES = Math.round(SECONDS * SR);
const ESCAPES = env.QB_ESCAPES ? { every: Number(env.QB_ESCAPES) } : undefined;

/** The split's targets: { id, kind, f0Hz (label), samples }. */
async function targets() {
  const split = SPLITS[SPLIT];
  const labels = JSON.parse(readFileSync(join(NOTES_DIR, 'labels.json'), 'utf8')).notes;
  let notes = split.notes;
  const pick = env.QB_NOTES ?? 'all';
  if (/^\d+$/.test(pick)) notes = notes.slice(0, Number(pick));
  else if (/^every:\d+$/.test(pick)) notes = notes.filter((_, i) => i % Number(pick.slice(6)) === 0);
  else if (pick !== 'all') notes = notes.filter((f) => new RegExp(pick).test(f));
  const out = [];
  for (const file of notes) {
    const clip = await readAudio(join(NOTES_DIR, file), { sampleRateHz: SR });
    out.push({
      id: file.replace('.wav', ''),
      kind: 'note',
      f0Hz: labels[file].f0_hz,
      samples: fit(clip.samples),
    });
  }
  if (env.QB_AUDIO === '1' && split.audio === 'all') {
    for (const file of readdirSync(AUDIO_DIR)
      .filter((f) => f.endsWith('.wav'))
      .sort()) {
      const clip = await readAudio(join(AUDIO_DIR, file), { sampleRateHz: SR });
      const midi = Number(file.match(/_(\d+)\.wav$/)[1]);
      out.push({
        id: `audio/${file.replace('.wav', '')}`,
        kind: 'note',
        f0Hz: midiToHz(midi),
        samples: fit(clip.samples),
      });
    }
  }
  const [first, last] = split.seeds;
  for (let seed = first; seed < first + SYNTH && seed <= last; seed++) out.push(randomTarget(seed));
  return out;
}

/** The first QB_SECONDS of a clip (zero-padded when shorter). */
function fit(samples) {
  const out = new Float32Array(SAMPLES);
  out.set(samples.subarray(0, SAMPLES));
  return out;
}

/** Physical ranges of the random subtractive targets (musically sensible, audible). */
const RANGES = {
  'osc.frequency': [55, 1760, 'log'],
  'osc.detune': [0, 0],
  'filterEnv.attack': [0.001, 0.3, 'log'],
  'filterEnv.decay': [0.02, 0.5, 'log'],
  'filterEnv.release': [0.02, 0.5, 'log'],
  'vcf.cutoff': [100, 6000, 'log'],
  'vcf.resonance': [0, 0.8],
  'vcf.cutoffModulation': [-2, 4],
  'ampEnv.attack': [0.001, 0.2, 'log'],
  'ampEnv.decay': [0.05, 0.5, 'log'],
  'ampEnv.sustain': [0.3, 1],
  'ampEnv.release': [0.05, 0.5, 'log'],
  'vca.gain': [0.2, 1],
};

/** A seeded random `subtractive` patch rendered for QB_SECONDS; its label is its frequency. */
function randomTarget(seed) {
  const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
  const random = new SeededRandom(seed);
  const physical = plant.describe().map((row) => {
    const [lo, hi, kind] = RANGES[row.name] ?? [row.min, row.max];
    const u = random.uniform();
    return kind === 'log' ? lo * (hi / lo) ** u : lo + u * (hi - lo);
  });
  const u = Float32Array.from(plant.toNormalised(physical));
  const audio = tf.tidy(() => plant.render(tf.tensor2d(u, [1, plant.parameterCount]), SAMPLES));
  const samples = Float32Array.from(audio.dataSync());
  audio.dispose();
  return { id: `synth-${seed}`, kind: 'synth', f0Hz: physical[0], samples };
}

/** Mean Euclidean distance of MFCCs 1–12 (DCT-II of 64-band log-mel; c0, the level, left out). */
function mfccDistance(a, b) {
  const options = { sampleRateHz: SR, fftLength: 1024, hopLength: 256, melBins: 64 };
  const ma = mfcc(computeFrameFeatures(a, options).logmel);
  const mb = mfcc(computeFrameFeatures(b, options).logmel);
  let total = 0;
  for (let t = 0; t < ma.length; t++) {
    let d = 0;
    for (let k = 0; k < ma[t].length; k++) d += (ma[t][k] - mb[t][k]) ** 2;
    total += Math.sqrt(d);
  }
  return total / ma.length;
}

function mfcc(logmel) {
  return logmel.map((frame) => {
    const n = frame.length;
    const out = [];
    for (let k = 1; k <= 12; k++) {
      let s = 0;
      for (let m = 0; m < n; m++)
        s += (Number.isFinite(frame[m]) ? frame[m] : -20) * Math.cos((Math.PI * k * (m + 0.5)) / n);
      out.push(s * Math.sqrt(2 / n));
    }
    return out;
  });
}

/** Steps of `method` that fit into `evaluations` (after `initRenders`), given the budget method's shape. */
function stepsFor(method, evaluations, initRenders) {
  if (method === 'start') return 0;
  const preset = METHOD_PRESETS[method];
  const spend = evaluations - initRenders;
  if (!preset.rule) return Math.max(1, Math.floor(spend / TRAINER_EXPLORER_DEFAULTS.probes));
  if (!preset.localTests) return Math.max(1, spend);
  return STEPS; // the same step structure as ae-ddsp: dither and local tests every testEvery steps
}

async function matchOne(target, preset, method, init, steps) {
  const plant = new SynthPlant(presetPatch(preset), { sampleRate: SR });
  const start = method === 'start'; // one Adam step evaluates only the start: best = the start
  const result = await runMatch({
    target: target.samples,
    sampleRateHz: SR,
    plant,
    method: start ? 'adam' : method,
    steps: start ? 1 : steps,
    seed: SEED,
    initial: init === 'analysis' ? { from: 'analysis' } : 'preset',
    ...(ESCAPES && !start ? { harmonicEscapes: ESCAPES } : {}),
  });
  const first = result.metrics[0];
  const initRenders = first.evaluations - 1 - (first.local_test ? TRAINER_EXPLORER_DEFAULTS.probes : 0);
  const c = compareNotes(target.samples, result.matched, SR);
  const matchedF0 = estimatePitch(result.matched, SR).f0Hz;
  const targetTensor = tf.tensor2d(target.samples, [1, SAMPLES]);
  const loss = createLogMelLoss(targetTensor);
  const logMel = tf.tidy(() => loss(tf.tensor2d(result.matched, [1, SAMPLES])).dataSync()[0]);
  loss.dispose?.();
  targetTensor.dispose();
  return {
    target: target.id,
    kind: target.kind,
    label_f0_hz: target.f0Hz,
    preset,
    method,
    init,
    steps: result.steps,
    evaluations: result.evaluations,
    init_renders: initRenders,
    seconds: result.seconds,
    pitch_error_cents: 1200 * Math.log2(matchedF0 / target.f0Hz),
    harmonic_ratio: c.harmonicRatio?.name ?? null,
    loudness_error_db: c.loudnessErrorDb,
    envelope_correlation: c.envelopeCorrelation,
    log_mel_distance: logMel,
    mfcc_distance: mfccDistance(target.samples, result.matched),
    match_peak: c.matchPeak,
    clipped: c.clipped,
  };
}

const quantile = (xs, q) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : Number.NaN;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (xs, ok) => xs.filter(ok).length / xs.length;

/** One summary row per (kind, preset, method, init). */
function summarise(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = [r.kind, r.preset, r.method, r.init].join('|');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()].map((rs) => ({
    kind: rs[0].kind,
    preset: rs[0].preset,
    method: rs[0].method,
    init: rs[0].init,
    n: rs.length,
    'pitch ≤50c': share(rs, (r) => Math.abs(r.pitch_error_cents) <= 50),
    'loud ≤2dB': share(rs, (r) => Math.abs(r.loudness_error_db) <= 2),
    'env corr med': quantile(
      rs.map((r) => r.envelope_correlation),
      0.5,
    ),
    'log-mel mean': mean(rs.map((r) => r.log_mel_distance)),
    'mfcc mean': mean(rs.map((r) => r.mfcc_distance)),
    clipped: share(rs, (r) => r.clipped),
    evals: mean(rs.map((r) => r.evaluations)),
    'sec med': quantile(
      rs.map((r) => r.seconds),
      0.5,
    ),
  }));
}

function commit() {
  const git = (args) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();
  return { hash: git(['rev-parse', 'HEAD']), dirty: git(['status', '--porcelain']).length > 0 };
}

const t0 = performance.now();
const all = await targets();
const config = {
  escapes: ESCAPES ?? null,
  split: SPLIT,
  presets: PRESETS,
  methods: METHODS,
  inits: INITS,
  steps: STEPS,
  seconds: SECONDS,
  sampleRate: SR,
  seed: SEED,
  targets: all.map((t) => t.id),
};
console.log(
  `quality bench: ${SPLIT} split, ${all.length} targets × ${PRESETS.length} presets × ${METHODS.length} methods × ${INITS.length} inits`,
);
const runs = [];
const save = () => writeResults(NAME, { commit: commit(), ...config, runs, summary: summarise(runs) });
for (const target of all) {
  for (const preset of PRESETS) {
    for (const init of INITS) {
      let budget;
      for (const method of METHODS) {
        const steps = budget ? stepsFor(method, budget.evaluations, budget.initRenders) : STEPS;
        const run = await matchOne(target, preset, method, init, steps);
        if (!budget) budget = { evaluations: run.evaluations, initRenders: run.init_renders };
        runs.push(run);
        console.log(
          `${target.id} ${preset} ${method} ${init}: pitch ${run.pitch_error_cents.toFixed(0)} c, loudness ${run.loudness_error_db.toFixed(1)} dB, env ${run.envelope_correlation.toFixed(2)}, log-mel ${run.log_mel_distance.toFixed(2)}, mfcc ${run.mfcc_distance.toFixed(1)}, ${run.evaluations} evals, ${run.seconds.toFixed(1)} s`,
        );
      }
      save();
    }
  }
}
const file = save();
printTable(summarise(runs));
console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
