// Fuzzy ART learn (fit, one pass) and classify (predict) throughput of @ae-ddsp/art-memory
// against a NumPy peer following the same equations, vectorised over all categories per
// sample (bench/peers/fuzzy_art_numpy.py), on one thread in the same run, on the same doubles:
// three sklearn data sets min-max normalised by the peer (iris, breast_cancer, digits) and,
// for how time grows, seeded uniform data (16 features) at several sizes and vigilances.
// Work is counted as sample-category pairs: Σ over samples of the categories present when it
// was learned (fit), samples × final categories (predict); time per pair staying flat across
// sizes is linear scaling in samples × categories. Labels of both sides are compared, and the
// parity of the package with artlib's fixture and the NumPy peer's fixture is recorded too.
//   node bench/art-memory.bench.mjs            runs it, writes bench/results/art-memory.json
//   node bench/art-memory.bench.mjs --report   prints the README tables from that file
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuzzyART, minMaxNormalize, SimpleARTMAP } from '../packages/art-memory/dist/index.js';
import { medianMs, printTable, runPythonPeer, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'art-memory.json');

if (process.argv.includes('--report')) {
  report(JSON.parse(readFileSync(resultsFile, 'utf8')));
  process.exit(0);
}
// One core means one core: V8's garbage collector and compilers also run on the main thread.
if (!process.execArgv.includes('--single-threaded')) {
  const r = spawnSync(process.execPath, ['--single-threaded', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'art-memory-bench-'));
const ALPHA = 0.001;
const BETA = 1;

// The data: the peer writes the normalised sklearn sets; the uniform sets are written here.
const sets = runPythonPeer('fuzzy_art_numpy.py', ['datasets', dir]);
if (sets.unavailable) {
  console.error(`NumPy peer unavailable: ${sets.unavailable}`);
  process.exit(1);
}
function readMatrix(file, columns) {
  const b = readFileSync(file);
  return { data: new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)), columns };
}
function uniform(rows, columns, seed) {
  let s = seed >>> 0; // mulberry32
  const data = new Float64Array(rows * columns);
  for (let i = 0; i < data.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    data[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return { data, columns };
}

const jobs = [];
const real = { iris: [0.75, 0.9], breast_cancer: [0.75, 0.9], digits: [0.5, 0.75] };
for (const [name, rhos] of Object.entries(real)) {
  const { rows, columns } = sets.datasets[name];
  for (const rho of rhos)
    jobs.push({ group: 'data sets', name, rho, rows, columns, file: join(dir, `${name}.f64`) });
}
for (const rows of [500, 1000, 2000, 4000]) {
  const file = join(dir, `uniform${rows}.f64`);
  writeFileSync(file, uniform(rows, 16, 7).data);
  for (const rho of [0.6, 0.7])
    jobs.push({ group: 'scaling', name: `uniform ${rows}×16`, rho, rows, columns: 16, file });
}

async function measureOurs(job) {
  const matrix = readMatrix(job.file, job.columns);
  const art = new FuzzyART({ rho: job.rho, alpha: ALPHA, beta: BETA });
  const small = job.rows * job.columns < 50000;
  const timing = { warmup: small ? 5 : 1, repeats: small ? 11 : 5 };
  const fitMs = await medianMs(() => art.fit(matrix), timing);
  const labels = art.fit(matrix);
  const predictMs = await medianMs(() => art.predict(matrix), timing);
  return { fitMs, predictMs, categories: art.categoryCount, labels };
}

// Two alternating rounds (ours, then the peer, twice); each side keeps its lower median, so a
// burst of load from other jobs on the shared machine penalises neither side.
const ours = jobs.map(() => ({}));
const peer = jobs.map(() => ({}));
let numpyVersion;
for (let round = 0; round < 2; round++) {
  for (const [i, job] of jobs.entries()) {
    const m = await measureOurs(job);
    const best = (key) => Math.min(ours[i][key] ?? Number.POSITIVE_INFINITY, m[key]);
    ours[i] = { ...m, fitMs: best('fitMs'), predictMs: best('predictMs') };
  }
  const jobsFile = join(dir, 'jobs.json');
  const peerJobs = jobs.map((j) => ({
    ...j,
    alpha: ALPHA,
    beta: BETA,
    repeats: j.rows >= 2000 ? 3 : 5,
    warmup: j.rows >= 2000 ? 0 : 1,
  }));
  writeFileSync(jobsFile, JSON.stringify(peerJobs));
  const p = runPythonPeer('fuzzy_art_numpy.py', ['bench', jobsFile]);
  if (p.unavailable) {
    console.error(`NumPy peer failed: ${p.unavailable}`);
    process.exit(1);
  }
  numpyVersion = p.numpy;
  p.jobs.forEach((r, i) => {
    const best = (key) => Math.min(peer[i][key] ?? Number.POSITIVE_INFINITY, r[key]);
    peer[i] = { ...r, fitMs: best('fitMs'), predictMs: best('predictMs') };
  });
}
rmSync(dir, { recursive: true, force: true });

/** Σ over samples of the categories present when each was learned. */
function fitPairs(labels) {
  let pairs = 0;
  let count = 0;
  for (const label of labels) {
    pairs += count;
    if (label === count) count++;
  }
  return pairs;
}

const rows = jobs.map((job, i) => {
  const o = ours[i];
  const p = peer[i];
  const labels = Array.from(o.labels);
  const fit = fitPairs(labels);
  const classify = job.rows * o.categories;
  return {
    group: job.group,
    data: job.name,
    rho: job.rho,
    samples: job.rows,
    features: job.columns,
    categories: o.categories,
    sameLabels: p.categories === o.categories && p.labels.every((l, k) => l === labels[k]),
    fitPairs: fit,
    oursFitMs: o.fitMs,
    numpyFitMs: p.fitMs,
    fitSpeedup: p.fitMs / o.fitMs,
    oursFitNsPerPair: fit > 0 ? (o.fitMs * 1e6) / fit : null,
    numpyFitNsPerPair: fit > 0 ? (p.fitMs * 1e6) / fit : null,
    classifyPairs: classify,
    oursPredictMs: o.predictMs,
    numpyPredictMs: p.predictMs,
    predictSpeedup: p.predictMs / o.predictMs,
    oursPredictNsPerPair: (o.predictMs * 1e6) / classify,
    numpyPredictNsPerPair: (p.predictMs * 1e6) / classify,
  };
});

const show = (group) =>
  rows
    .filter((r) => r.group === group)
    .map((r) => ({
      data: r.data,
      rho: r.rho,
      cats: r.categories,
      'same labels': r.sameLabels ? 'yes' : 'NO',
      'fit ms': r.oursFitMs,
      'numpy ms': r.numpyFitMs,
      'fit ×': r.fitSpeedup,
      'ns/pair': r.oursFitNsPerPair,
      'predict ms': r.oursPredictMs,
      'numpy ms ': r.numpyPredictMs,
      'predict ×': r.predictSpeedup,
      'ns/pair ': r.oursPredictNsPerPair,
    }));
console.log(
  `Fuzzy ART fit (one pass) and predict vs NumPy ${numpyVersion}, 1 thread (× = how many times faster)`,
);
printTable(show('data sets'));
console.log('\nscaling (uniform data, 16 features): time per sample-category pair');
printTable(show('scaling'));

// Parity, recorded with the timings: artlib's fixture (rounded inputs and weights) and the
// NumPy peer's full-precision fixture (see packages/art-memory/src/fuzzy-art.parity.test.ts).
const testData = join(here, '..', 'packages', 'art-memory', 'test-data');
const parity = { artlib: [], numpy: [] };
for (const c of JSON.parse(readFileSync(join(testData, 'fuzzy-art-artlib.json'), 'utf8')).cases) {
  const bounds = { lower: Float64Array.from(c.lower), upper: Float64Array.from(c.upper) };
  const x = minMaxNormalize(c.X, bounds).map((r) => r.map((v) => Math.min(1, Math.max(0, v))));
  const art = new FuzzyART({ rho: c.rho, alpha: c.alpha, beta: c.beta });
  const labels = Array.from(art.fit(x));
  parity.artlib.push({
    case: `${c.data} rho ${c.rho} alpha ${c.alpha} beta ${c.beta}`,
    samples: c.X.length,
    categories: art.categoryCount,
    labelsEqual: labels.length === c.labels.length && labels.every((l, i) => l === c.labels[i]),
    maxWeightError: maxError(art.weights, c.weights),
  });
}
for (const c of JSON.parse(readFileSync(join(testData, 'fuzzy-art-numpy.json'), 'utf8')).cases) {
  const options = { rho: c.rho, alpha: c.alpha, beta: c.beta, maxCategories: c.maxCategories ?? Infinity };
  let art;
  let labels;
  if (c.labels) {
    const map = new SimpleARTMAP({ ...options, epsilon: c.epsilon });
    labels = Array.from(map.fit(c.X, c.labels));
    art = map.art;
  } else {
    art = new FuzzyART(options);
    labels = Array.from(art.fit(c.X));
  }
  parity.numpy.push({
    case: `${c.data} rho ${c.rho} alpha ${c.alpha} beta ${c.beta}${c.maxCategories ? ` cap ${c.maxCategories}` : ''}`,
    samples: c.X.length,
    categories: art.categoryCount,
    labelsEqual: labels.every((l, i) => l === c.categories[i]),
    maxWeightError: maxError(art.weights, c.weights),
  });
}
function maxError(got, want) {
  if (got.length !== want.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  want.forEach((w, j) => {
    w.forEach((v, k) => {
      const e = Math.abs(got[j][k] - v);
      if (!(e <= worst)) worst = e;
    });
  });
  return worst;
}
console.log('\nparity');
printTable([
  ...parity.artlib.map((p) => ({ ref: 'artlib', ...p })),
  ...parity.numpy.map((p) => ({ ref: 'numpy', ...p })),
]);

const file = writeResults('art-memory', {
  description:
    'Fuzzy ART fit (one pass) and predict vs a NumPy peer (artlib equations, vectorised over categories), 1 thread',
  commit: gitCommit(),
  options: { alpha: ALPHA, beta: BETA },
  peer: { numpy: numpyVersion, sklearn: sets.sklearn },
  load: { before: loadBefore, after: loadavg() },
  rows,
  parity,
});
console.log(`\nwrote ${file}`);

function gitCommit() {
  const run = (args) => spawnSync('git', args, { cwd: here, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = run([
    'status',
    '--porcelain',
    '--',
    'packages/art-memory/src',
    'bench/art-memory.bench.mjs',
    'bench/peers',
  ]);
  return { hash: run(['rev-parse', 'HEAD']), dirty: dirty.length > 0 };
}

/** The README tables, from the results file. */
function report(r) {
  const f = (x, digits = 1) => (x == null ? 'n/a' : x.toFixed(digits));
  const table = (header, body) =>
    [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...body.map((b) => `| ${b.join(' | ')} |`),
    ].join('\n');
  console.log(
    `Measured ${r.date.slice(0, 10)} at commit ${r.commit.hash.slice(0, 7)}${r.commit.dirty ? ' (with local changes)' : ''}, Node ${r.node}, NumPy ${r.peer.numpy}, ${r.cpus} cores shared (load ${r.load.before[0].toFixed(1)} → ${r.load.after[0].toFixed(1)}), α ${r.options.alpha}, β ${r.options.beta}.\n`,
  );
  const line = (x) => [
    x.data,
    x.rho,
    `${x.samples}×${x.features}`,
    x.categories,
    x.sameLabels ? 'yes' : 'no',
    f(x.oursFitMs, 2),
    f(x.numpyFitMs, 1),
    `${f(x.fitSpeedup)}×`,
    f(x.oursPredictMs, 2),
    f(x.numpyPredictMs, 1),
    `${f(x.predictSpeedup)}×`,
  ];
  const header = [
    'data',
    'ρ',
    'samples×features',
    'categories',
    'same labels',
    'fit ms',
    'NumPy fit ms',
    'fit speed-up',
    'predict ms',
    'NumPy predict ms',
    'predict speed-up',
  ];
  console.log(table(header, r.rows.filter((x) => x.group === 'data sets').map(line)));
  console.log('\nScaling on uniform data (16 features): nanoseconds per sample-category pair.\n');
  console.log(
    table(
      [
        'data',
        'ρ',
        'categories',
        'fit pairs',
        'fit ms',
        'fit ns/pair',
        'NumPy fit ns/pair',
        'predict pairs',
        'predict ms',
        'predict ns/pair',
        'NumPy predict ns/pair',
        'fit / predict speed-up',
      ],
      r.rows
        .filter((x) => x.group === 'scaling')
        .map((x) => [
          x.data,
          x.rho,
          x.categories,
          x.fitPairs,
          f(x.oursFitMs, 1),
          f(x.oursFitNsPerPair, 2),
          f(x.numpyFitNsPerPair, 1),
          x.classifyPairs,
          f(x.oursPredictMs, 1),
          f(x.oursPredictNsPerPair, 2),
          f(x.numpyPredictNsPerPair, 1),
          `${f(x.fitSpeedup)}× / ${f(x.predictSpeedup)}×`,
        ]),
    ),
  );
  console.log('\nParity (labels exact; largest |Δweight|):\n');
  console.log(
    table(
      ['reference', 'case', 'samples', 'categories', 'labels equal', 'largest weight difference'],
      [
        ...r.parity.artlib.map((p) => [
          'artlib fixture',
          p.case,
          p.samples,
          p.categories,
          p.labelsEqual ? 'yes' : 'no',
          p.maxWeightError.toExponential(1),
        ]),
        ...r.parity.numpy.map((p) => [
          'NumPy peer',
          p.case,
          p.samples,
          p.categories,
          p.labelsEqual ? 'yes' : 'no',
          p.maxWeightError.toExponential(1),
        ]),
      ],
    ),
  );
}
