// `ae-ddsp batch` throughput: matches per minute with 1 and 2 local pool threads, with 2
// BullMQ worker processes on a private redis-server, the queue overhead per job (enqueue →
// start, from index.jsonl), and one job at match's default budget for the cost estimate in
// the cli README. Runs the built executable (packages/cli/dist/bin.js).
//
//   node bench/batch.bench.mjs            measures and writes bench/results/batch.json
//   node bench/batch.bench.mjs --report   prints the cli README's table from that file
//
// Environment: BATCH_BENCH_JOBS (default 8 targets), BATCH_BENCH_STEPS (default 40).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '../packages/cli/dist/bin.js');
const EXAMPLE = join(here, '../packages/cli/examples/sawlead_62.wav');
const RESULTS = join(here, 'results/batch.json');

if (process.argv.includes('--report')) {
  report(JSON.parse(readFileSync(RESULTS, 'utf8')));
  process.exit(0);
}

const JOBS = Number(process.env.BATCH_BENCH_JOBS ?? 8);
const STEPS = Number(process.env.BATCH_BENCH_STEPS ?? 40);
const OVERHEAD_RUNS = 5;
const work = mkdtempSync(join(tmpdir(), 'ae-ddsp-batch-bench-'));
const loadBefore = loadavg();

// JOBS distinct 1 s targets: alternating sine and saw tones, a fifth apart.
const lib = join(work, 'lib');
mkdirSync(lib);
for (let i = 0; i < JOBS; i++) {
  const wave = i % 2 ? 'sawtooth' : 'sine';
  const frequency = (110 * 1.5 ** (i % 5) * 2 ** Math.floor(i / 5)).toFixed(1);
  const r = spawnSync('sox', [
    '-n',
    '-r',
    '16000',
    '-b',
    '16',
    join(lib, `t${i}.wav`),
    'synth',
    '1',
    wave,
    frequency,
    'vol',
    '0.5',
  ]);
  if (r.status !== 0) throw new Error(`sox failed: ${r.stderr}`);
}

function records(out) {
  return readFileSync(join(out, 'index.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs one `ae-ddsp batch` and returns wall time and its index records. */
function batch(args, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'batch', ...args, '--out', out, '--quiet'], {
    encoding: 'utf8',
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`batch ${args.join(' ')} failed: ${r.stderr}`);
  const recs = records(out);
  if (recs.some((x) => x.status !== 'done')) throw new Error(`a job failed: ${JSON.stringify(recs)}`);
  return { wall, recs };
}

function throughput(label, args, out) {
  const { wall, recs } = batch([lib, '--steps', String(STEPS), ...args], out);
  const row = {
    engine: label,
    jobs: recs.length,
    wall_s: wall,
    matches_per_min: (60 * recs.length) / wall,
    job_median_s: median(recs.map((x) => x.time_s)),
  };
  console.log(
    `${label}: ${row.jobs} jobs in ${wall.toFixed(1)} s = ${row.matches_per_min.toFixed(1)} matches/min`,
  );
  return row;
}

/** Enqueue → start of a lone job, ms, over OVERHEAD_RUNS forced re-runs of one target. */
function overhead(args, out) {
  const one = join(lib, 't0.wav');
  const ms = [];
  for (let i = 0; i < OVERHEAD_RUNS; i++) {
    const { recs } = batch([one, '--steps', '3', '--force', ...args], out);
    const last = recs.at(-1);
    ms.push(last.started_at - last.queued_at);
  }
  return { median_ms: median(ms), runs_ms: ms };
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** A private redis-server on 127.0.0.1 and two `ae-ddsp worker` processes on it. */
async function startQueue() {
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((resolve, reject) => {
    let log = '';
    redis.on('exit', (code) => reject(new Error(`redis-server exited ${code}: ${log}`)));
    redis.stdout.on('data', (chunk) => {
      log += chunk;
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  const url = `redis://127.0.0.1:${port}/bench`;
  const workers = [0, 1].map(() =>
    spawn(process.execPath, [BIN, 'worker', '--queue', url, '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          let text = '';
          w.stdout.on('data', (chunk) => {
            text += chunk;
            if (text.includes('"event":"ready"')) resolve();
          });
        }),
    ),
  );
  return {
    url,
    async stop() {
      await Promise.all(
        workers.map((w) => {
          w.kill('SIGTERM');
          return once(w, 'exit');
        }),
      );
      redis.removeAllListeners('exit');
      redis.kill('SIGTERM');
      await once(redis, 'exit');
    },
  };
}

const rows = [];
rows.push(throughput('local, 1 thread', ['--workers', '1'], join(work, 'local-1')));
rows.push(throughput('local, 2 threads', ['--workers', '2'], join(work, 'local-2')));
const queue = await startQueue();
let queueOverhead;
try {
  rows.push(throughput('BullMQ, 2 worker processes', ['--queue', queue.url], join(work, 'bullmq-2')));
  queueOverhead = overhead(['--queue', queue.url], join(work, 'bullmq-overhead'));
} finally {
  await queue.stop();
}
const localOverhead = overhead(['--workers', '1'], join(work, 'local-overhead'));

// One job at match's defaults (150 steps, subtractive) on the 1 s example, for the cost estimate.
const { recs: defaultRecs } = batch([EXAMPLE, '--workers', '1'], join(work, 'default-job'));
const defaultJob = { steps: 150, target_s: 1, time_s: defaultRecs[0].time_s };

printTable(rows);
const [one, two, bull] = rows;
const results = {
  description: `ae-ddsp batch: ${JOBS} jobs of ${STEPS} steps on 1 s targets (16 kHz, subtractive, ae-ddsp); wall time of the batch command`,
  commit: gitCommit(),
  load: { before: loadBefore, after: loadavg() },
  jobs: JOBS,
  steps: STEPS,
  rows,
  speedup_2_vs_1: two.matches_per_min / one.matches_per_min,
  bullmq_vs_local: bull.matches_per_min / two.matches_per_min,
  overhead_ms: { local: localOverhead, bullmq: queueOverhead },
  default_job: defaultJob,
};
console.log(
  `2 vs 1 threads ${results.speedup_2_vs_1.toFixed(2)}×, BullMQ/local ${results.bullmq_vs_local.toFixed(2)}, ` +
    `overhead local ${localOverhead.median_ms} ms, BullMQ ${queueOverhead.median_ms} ms, default job ${defaultJob.time_s} s`,
);
console.log(`wrote ${writeResults('batch', results)}`);
rmSync(work, { recursive: true, force: true });

function gitCommit() {
  const run = (args) =>
    spawnSync('git', args, { cwd: join(here, '..'), encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = run(['status', '--porcelain', '--', 'packages/cli/src', 'bench/batch.bench.mjs']);
  return { hash: run(['rev-parse', 'HEAD']), dirty: dirty.length > 0 };
}

/** The cli README's table and cost estimate, from the results file. */
function report(r) {
  const f = (x, d = 1) => x.toFixed(d);
  console.log(
    `Measured ${r.date.slice(0, 10)} at commit ${r.commit.hash.slice(0, 7)}${r.commit.dirty ? ' (with local changes)' : ''}, ` +
      `Node ${r.node}, ${r.cpus} cores shared with other work (load average ${f(r.load.before[0])} → ${f(r.load.after[0])}); ` +
      `${r.jobs} jobs of ${r.steps} steps on 1 s targets.\n`,
  );
  console.log('| engine | jobs | wall (s) | matches/min | median job (s) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of r.rows)
    console.log(
      `| ${row.engine} | ${row.jobs} | ${f(row.wall_s)} | ${f(row.matches_per_min)} | ${f(row.job_median_s, 2)} |`,
    );
  console.log(
    `\n2 threads vs 1: ${f(r.speedup_2_vs_1, 2)}×. BullMQ (2 worker processes) vs the 2-thread pool: ${f(r.bullmq_vs_local, 2)}. ` +
      `Enqueue → start of a lone job (median of ${r.overhead_ms.bullmq.runs_ms.length}): ${f(r.overhead_ms.bullmq.median_ms, 0)} ms on BullMQ, ` +
      `${f(r.overhead_ms.local.median_ms, 0)} ms in a fresh local pool (there it includes starting the thread and its TensorFlow.js). One job at match's defaults (150 steps, 1 s target): ${f(r.default_job.time_s)} s.`,
  );
  // On paper: L jobs of t seconds plus o seconds of queue overhead each, on N machines of c
  // cores at the parallel efficiency e measured above (2 threads vs 1, at most 1).
  const L = 10_000;
  const t = r.default_job.time_s;
  const o = r.overhead_ms.bullmq.median_ms / 1000;
  const e = Math.min(1, r.speedup_2_vs_1 / 2);
  const hours = (machines, cores, efficiency) => (L * (t + o)) / (machines * cores * efficiency) / 3600;
  console.log(
    `\nA ${L.toLocaleString('en')}-file library at match's defaults, on paper: T = L·(t + o) / (N·c·e) with ` +
      `t = ${f(t)} s per job, o = ${f(o, 3)} s queue overhead, c cores per machine and e the parallel efficiency ` +
      `(${f(e, 2)} measured here; 1 when every core is free):\n`,
  );
  console.log(`| machines × cores | hours at e = ${f(e, 2)} | hours at e = 1 |`);
  console.log('| --- | --- | --- |');
  for (const [machines, cores] of [
    [1, 2],
    [4, 2],
    [16, 2],
    [4, 8],
    [16, 8],
  ])
    console.log(
      `| ${machines} × ${cores} | ${f(hours(machines, cores, e))} | ${f(hours(machines, cores, 1))} |`,
    );
}
