// DAR-DDSP patch bank on the dev notes (/work/shared/notes, 12 instruments × 4 notes): the
// notes are learned one by one in a seeded shuffled order into a Fuzzy ART memory of their
// learned embeddings (ρ 0.8, fast learning), each matched with the subtractive preset for a
// small step budget: warm from the stored patch of its resonant category (nearest f0) when
// one resonates, else cold. Measured:
// - warm start: for every warm-started note, a cold match of the same note too; steps the
//   warm run needs to reach the cold run's final distance (median), and whether it ends at
//   least as close;
// - no forgetting: after all 48, each of the first 12 notes' patches is recalled from the
//   bank (its category now, nearest f0) and its distance re-measured, against right after it
//   was learned and against a "keep the last patch" memory; prototype drift of their
//   categories (mean |Δw|);
// - the coupling: cold matches of the held-out instruments' notes with the trainer's memory
//   (the final bank's prototypes) with λ_ART and β at the seed's defaults, with each alone, and
//   without (plain AE-DDSP).
//   node bench/dar-bank.bench.mjs [--steps N]   writes bench/results/dar-bank.json
//   node bench/dar-bank.bench.mjs --report      prints the README tables from that file
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  DEFAULT_TIMBRE_ENCODER_WEIGHTS,
  embedClip,
  timbreEncoder,
} from '../packages/art-memory/dist/encoder/index.js';
import { FuzzyART } from '../packages/art-memory/dist/index.js';
import { matchLoss } from '../packages/features/dist/index.js';
import { presetPatch, SynthPlant } from '../packages/plant/dist/index.js';
import { DEFAULT_MEMORY_OPTIONS, Trainer } from '../packages/trainer/dist/index.js';
import { loadNotes, shuffled } from './dar-clustering.bench.mjs';
import { writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'dar-bank.json');
const stepsArg = process.argv.indexOf('--steps');
const STEPS = stepsArg > 0 ? Number(process.argv[stepsArg + 1]) : 25;
const RHO = 0.8;
const ORDER_SEED = 7;

if (process.argv.includes('--report')) {
  report(JSON.parse(readFileSync(resultsFile, 'utf8')));
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? null
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** One match: the best-so-far loss after every step, the best parameters and loss. */
function match(plant, samples, initial, memory) {
  const target = tf.tensor2d(samples, [1, samples.length]);
  const trainer = new Trainer({
    plant,
    target,
    loss: matchLoss({ sampleRate: 16000 }),
    method: 'ae-ddsp',
    seed: 1,
    initial,
    anneal: { steps: STEPS },
    ...(memory ? { memory } : {}),
  });
  const trace = trainer.run({ steps: STEPS }).history.map((e) => e.bestLoss);
  const best = trainer.best;
  trainer.dispose();
  target.dispose();
  return { trace, loss: best.loss, parameters: Array.from(best.parameters) };
}

/** The loss of `parameters` on `samples` (one evaluation, as the trainer measures it). */
function distance(plant, samples, parameters) {
  const target = tf.tensor2d(samples, [1, samples.length]);
  const trainer = new Trainer({
    plant,
    target,
    loss: matchLoss({ sampleRate: 16000 }),
    method: 'adam',
    initial: parameters,
  });
  const loss = trainer.evaluate(parameters);
  trainer.dispose();
  target.dispose();
  return loss;
}

async function main() {
  tf.setBackend('cpu');
  const started = performance.now();
  const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 16000 });
  const cold = Array.from(plant.initialNormalised());
  const encoder = timbreEncoder();
  const notes = await loadNotes();
  for (const n of notes) n.embedding = Array.from(embedClip(encoder, n.samples));
  const order = shuffled(notes.length, ORDER_SEED);
  const art = new FuzzyART({ rho: RHO, beta: 1, alpha: 0.001 });
  const entries = []; // { note, category, parameters, loss }
  const warmRows = [];
  const learned = [];
  for (const i of order) {
    const note = notes[i];
    const category = art.classify(note.embedding);
    const candidates = entries.filter((e) => e.category === category);
    const from = candidates.length
      ? candidates.reduce((a, b) =>
          Math.abs(b.note.midi - note.midi) < Math.abs(a.note.midi - note.midi) ? b : a,
        )
      : undefined;
    const run = match(plant, note.samples, from ? from.parameters : cold);
    if (from) {
      const coldRun = match(plant, note.samples, cold);
      const reach = run.trace.findIndex((l) => l <= coldRun.loss);
      warmRows.push({
        note: note.file,
        from: from.note.file,
        sameInstrument: from.note.instrument === note.instrument,
        coldLoss: coldRun.loss,
        warmLoss: run.loss,
        stepsToColdFinal: reach < 0 ? null : reach + 1,
      });
    }
    const assigned = art.learn(note.embedding);
    entries.push({ note, category: assigned, parameters: run.parameters, loss: run.loss });
    learned.push({ note: note.file, category: assigned, weight: Array.from(art.weights[assigned]) });
    console.log(
      `${note.file}: category ${assigned}, ${from ? `warm from ${from.note.file}` : 'cold'}, loss ${run.loss.toFixed(2)}`,
    );
  }
  // No forgetting: the first 12 notes' patches, recalled from the final bank.
  const last = entries.at(-1);
  const forgetting = entries.slice(0, 12).map((entry, k) => {
    const category = art.classify(entry.note.embedding);
    const candidates = entries.filter((e) => e.category === category);
    const recalled = candidates.length
      ? candidates.reduce((a, b) =>
          Math.abs(b.note.midi - entry.note.midi) < Math.abs(a.note.midi - entry.note.midi) ? b : a,
        )
      : undefined;
    const before = learned[k].weight;
    const after = art.weights[learned[k].category];
    return {
      note: entry.note.file,
      learnedDistance: entry.loss,
      recalledDistance: recalled ? distance(plant, entry.note.samples, recalled.parameters) : null,
      recalledOwnPatch: recalled?.note.file === entry.note.file,
      keepLastDistance: distance(plant, entry.note.samples, last.parameters),
      prototypeDrift: mean(before.map((w, j) => Math.abs(w - after[j]))),
    };
  });
  // The coupling on the held-out instruments: one note each (the lowest), four settings.
  const heldOut = DEFAULT_TIMBRE_ENCODER_WEIGHTS.training.notes?.heldOut ?? [];
  const dev = heldOut.map(
    (inst) => notes.filter((n) => n.instrument === inst).sort((a, b) => a.midi - b.midi)[0],
  );
  const prototypes = art.toJSON();
  const settings = {
    'AE-DDSP (no memory)': undefined,
    'λ_ART only': {
      embedding: encoder,
      prototypes,
      resonanceWeight: DEFAULT_MEMORY_OPTIONS.resonanceWeight,
      feedbackGain: 0,
    },
    'β only': { embedding: encoder, prototypes, resonanceWeight: 0 },
    'λ_ART and β': { embedding: encoder, prototypes },
  };
  const coupling = Object.entries(settings).map(([name, memory]) => {
    const losses = dev.map((n) => match(plant, n.samples, cold, memory).loss);
    return { setting: name, meanLoss: mean(losses), losses };
  });
  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--', 'packages', 'bench/dar-bank.bench.mjs'], {
      cwd: here,
      encoding: 'utf8',
    }).stdout.trim().length > 0;
  const file = writeResults('dar-bank', {
    commit,
    dirty,
    steps: STEPS,
    rho: RHO,
    orderSeed: ORDER_SEED,
    seconds: (performance.now() - started) / 1000,
    categories: art.categoryCount,
    memoryDefaults: DEFAULT_MEMORY_OPTIONS,
    warmStart: warmRows,
    forgetting,
    coupling: coupling.map((c, k) => ({ ...c, notes: dev.map((n) => n.file), index: k })),
  });
  report(JSON.parse(readFileSync(file, 'utf8')));
}

const f = (x, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));

/** The README tables, from the results file. */
function report(r) {
  const w = r.warmStart;
  const reached = w.filter((x) => x.stepsToColdFinal !== null);
  const ratios = w.map((x) =>
    x.stepsToColdFinal === null ? Number.POSITIVE_INFINITY : x.stepsToColdFinal / r.steps,
  );
  console.log(
    `Measured ${r.date.slice(0, 10)} at commit ${r.commit.slice(0, 7)}${r.dirty ? ' (with local changes)' : ''}: ${r.steps} steps per match, ρ ${r.rho}, subtractive preset, ${r.categories} categories after 48 notes (${f(r.seconds, 0)} s).\n`,
  );
  console.log('| warm start (notes that resonated with a stored category) | value |');
  console.log('| --- | --- |');
  console.log(
    `| warm-started notes | ${w.length} of 48 (${w.filter((x) => x.sameInstrument).length} from the same instrument) |`,
  );
  console.log(
    `| median steps to the cold run's final distance, as a fraction of the budget | ${f(median(ratios))} (goal ≤ 0.5) |`,
  );
  console.log(`| warm runs that reach it within the budget | ${reached.length} of ${w.length} |`);
  console.log(
    `| warm runs ending at least as close as cold | ${w.filter((x) => x.warmLoss <= x.coldLoss).length} of ${w.length} |`,
  );
  console.log(
    `| median final distance, warm / cold | ${f(median(w.map((x) => x.warmLoss)))} / ${f(median(w.map((x) => x.coldLoss)))} |`,
  );
  const g = r.forgetting;
  console.log('\n| first 12 notes, after all 48 | bank (recall) | keep the last patch |');
  console.log('| --- | --- | --- |');
  console.log(
    `| mean distance (right after learning: ${f(mean(g.map((x) => x.learnedDistance)))}) | ${f(mean(g.map((x) => x.recalledDistance ?? Number.NaN)))} | ${f(mean(g.map((x) => x.keepLastDistance)))} |`,
  );
  console.log(
    `| notes recalled with their own patch (zero drift) | ${g.filter((x) => x.recalledOwnPatch && x.recalledDistance === x.learnedDistance).length} of 12 | — |`,
  );
  console.log(
    `| mean prototype drift of their categories, mean \\|Δw\\| | ${f(mean(g.map((x) => x.prototypeDrift)), 4)} | — |`,
  );
  console.log('\n| coupling, one note of each held-out instrument, cold start | mean final distance |');
  console.log('| --- | --- |');
  for (const c of r.coupling) console.log(`| ${c.setting} | ${f(c.meanLoss)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
