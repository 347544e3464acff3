// DAR-DDSP timbre clustering on the dev notes (/work/shared/notes: 12 instruments × 4 notes,
// instrument labels as ground truth): Fuzzy ART (fast learning) over the notes' embeddings,
// presented in 10 seeded shuffled orders, scored by the adjusted Rand index (our
// adjustedRandIndex, checked against sklearn's adjusted_rand_score on every run), for the
// learned encoder (the shipped weights) and the fixed pooled-log-mel embedding, against
// k-means with the true k (sklearn, 10 seeds) on the same embeddings, with a vigilance sweep.
// Scored on all 48 notes and on the 24 notes of the six instruments the encoder never saw
// in training (its weights name them).
//   node bench/dar-clustering.bench.mjs            writes bench/results/dar-clustering.json
//   node bench/dar-clustering.bench.mjs --report   prints the README tables from that file
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  DEFAULT_TIMBRE_ENCODER_WEIGHTS,
  embedClip,
  pooledLogMelEmbedding,
  timbreEncoder,
} from '../packages/art-memory/dist/encoder/index.js';
import { adjustedRandIndex, FuzzyART } from '../packages/art-memory/dist/index.js';
import { readAudio } from '../packages/cli/dist/index.js';
import { printTable, runPythonPeer, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'dar-clustering.json');
export const NOTES = process.env.AE_DDSP_NOTES ?? '/work/shared/notes';
const ORDERS = 10;
const SWEEP = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
const DEFAULT_RHO = 0.8;

if (process.argv.includes('--report')) {
  report(JSON.parse(readFileSync(resultsFile, 'utf8')));
  process.exit(0);
}

/** A seeded permutation of 0..n−1 (mulberry32 + Fisher–Yates). */
export function shuffled(n, seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The notes with their instruments, in file-name order. */
export async function loadNotes() {
  const labels = JSON.parse(readFileSync(join(NOTES, 'labels.json'), 'utf8'));
  const files = Object.keys(labels.notes).sort();
  const notes = [];
  for (const file of files) {
    const clip = await readAudio(join(NOTES, file), { sampleRateHz: 16000 });
    notes.push({
      file,
      instrument: labels.notes[file].instrument,
      midi: labels.notes[file].midi,
      samples: clip.samples,
    });
  }
  return notes;
}

/** ART categories of `rows` presented in `order`, returned in the rows' own order. */
function artLabels(rows, order, rho) {
  const art = new FuzzyART({ rho, beta: 1, alpha: 0.001 });
  const labels = new Array(rows.length);
  for (const i of order) labels[i] = art.learn(rows[i]);
  return { labels, categories: art.categoryCount };
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main() {
  tf.setBackend('cpu');
  const notes = await loadNotes();
  const instruments = [...new Set(notes.map((n) => n.instrument))].sort();
  const truth = notes.map((n) => instruments.indexOf(n.instrument));
  const heldOut = DEFAULT_TIMBRE_ENCODER_WEIGHTS.training.notes?.heldOut ?? [];
  const subsets = {
    all: notes.map((_, i) => i),
    'held-out': notes.flatMap((n, i) => (heldOut.includes(n.instrument) ? [i] : [])),
  };
  const embeddings = { learned: timbreEncoder(), 'pooled-log-mel': pooledLogMelEmbedding() };
  const rows = {};
  for (const [name, e] of Object.entries(embeddings))
    rows[name] = notes.map((n) => Array.from(embedClip(e, n.samples)));

  const sweep = [];
  const checks = [];
  for (const [subset, indices] of Object.entries(subsets)) {
    if (indices.length === 0) continue;
    const t = indices.map((i) => truth[i]);
    for (const name of Object.keys(embeddings)) {
      const r = indices.map((i) => rows[name][i]);
      for (const rho of SWEEP) {
        const aris = [];
        const counts = [];
        for (let o = 0; o < ORDERS; o++) {
          const { labels, categories } = artLabels(r, shuffled(r.length, 1000 + o), rho);
          aris.push(adjustedRandIndex(t, labels));
          counts.push(categories);
          if (o === 0 && rho === DEFAULT_RHO)
            checks.push({ subset, embedding: name, truth: t, labels, ours: aris[0] });
        }
        sweep.push({
          subset,
          embedding: name,
          rho,
          ari: mean(aris),
          ariMin: Math.min(...aris),
          categories: mean(counts),
        });
      }
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'dar-clustering-'));
  const job = join(dir, 'job.json');
  const kmeansCases = [];
  for (const [subset, indices] of Object.entries(subsets)) {
    if (indices.length === 0) continue;
    const t = indices.map((i) => truth[i]);
    for (const name of Object.keys(embeddings))
      kmeansCases.push({
        subset,
        embedding: name,
        k: new Set(t).size,
        truth: t,
        rows: indices.map((i) => rows[name][i]),
        seeds: ORDERS,
      });
  }
  writeFileSync(job, JSON.stringify({ ari: checks.map((c) => [c.truth, c.labels]), kmeans: kmeansCases }));
  const peer = runPythonPeer('adjusted_rand_peer.py', [job]);
  rmSync(dir, { recursive: true, force: true });
  const ariCheck = checks.map((c, i) => ({
    subset: c.subset,
    embedding: c.embedding,
    ours: c.ours,
    sklearn: peer.ari?.[i] ?? null,
    difference: peer.ari ? Math.abs(c.ours - peer.ari[i]) : null,
  }));
  const kmeans = kmeansCases.map((c, i) => ({
    subset: c.subset,
    embedding: c.embedding,
    k: c.k,
    ari: peer.kmeans ? mean(peer.kmeans[i]) : null,
  }));
  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
  const dirty =
    spawnSync(
      'git',
      ['status', '--porcelain', '--', 'packages/art-memory/src', 'bench/dar-clustering.bench.mjs'],
      { cwd: here, encoding: 'utf8' },
    ).stdout.trim().length > 0;
  const file = writeResults('dar-clustering', {
    commit,
    dirty,
    notes: notes.length,
    instruments,
    heldOut,
    orders: ORDERS,
    defaultRho: DEFAULT_RHO,
    peerUnavailable: peer.unavailable ?? null,
    sweep,
    kmeans,
    ariCheck,
  });
  report(JSON.parse(readFileSync(file, 'utf8')));
}

function fmt(x, digits = 3) {
  return x === null || x === undefined ? '—' : x.toFixed(digits);
}

/** The README tables, from the results file. */
function report(r) {
  console.log(
    `Measured ${r.date.slice(0, 10)} at commit ${r.commit.slice(0, 7)}${r.dirty ? ' (with local changes)' : ''}: ${r.notes} notes, ${r.orders} shuffled orders, Fuzzy ART fast learning (β = 1, α = 0.001). Held-out instruments (never seen by the encoder): ${r.heldOut.join(', ')}.\n`,
  );
  console.log(
    '| notes | embedding | Fuzzy ART ARI at ρ = 0.8 (mean / worst) | categories | best ρ of the sweep: ARI | k-means, true k: ARI |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const subset of ['all', 'held-out']) {
    for (const embedding of ['learned', 'pooled-log-mel']) {
      const rows = r.sweep.filter((s) => s.subset === subset && s.embedding === embedding);
      if (rows.length === 0) continue;
      const at = rows.find((s) => s.rho === r.defaultRho);
      const best = rows.reduce((a, b) => (b.ari > a.ari ? b : a));
      const km = r.kmeans.find((k) => k.subset === subset && k.embedding === embedding);
      console.log(
        `| ${subset === 'all' ? 'all 48' : 'held-out 24'} | ${embedding} | ${fmt(at.ari)} / ${fmt(at.ariMin)} | ${fmt(at.categories, 1)} | ρ ${best.rho}: ${fmt(best.ari)} | ${fmt(km?.ari)} |`,
      );
    }
  }
  console.log('\nVigilance sweep (all 48 notes, mean over orders):\n');
  console.log(
    '| ρ | learned: categories | learned: ARI | pooled-log-mel: categories | pooled-log-mel: ARI |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const rho of [...new Set(r.sweep.map((s) => s.rho))]) {
    const l = r.sweep.find((s) => s.subset === 'all' && s.embedding === 'learned' && s.rho === rho);
    const p = r.sweep.find((s) => s.subset === 'all' && s.embedding === 'pooled-log-mel' && s.rho === rho);
    console.log(
      `| ${rho} | ${fmt(l.categories, 1)} | ${fmt(l.ari)} | ${fmt(p.categories, 1)} | ${fmt(p.ari)} |`,
    );
  }
  const worst = Math.max(...r.ariCheck.map((c) => c.difference ?? Number.NaN));
  console.log(
    `\nARI check against sklearn's adjusted_rand_score on ${r.ariCheck.length} labelings: largest difference ${worst.toExponential(1)}.`,
  );
  printTable(
    r.ariCheck.map(({ subset, embedding, ours, sklearn }) => ({ subset, embedding, ours, sklearn })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
