// Small helpers shared by the benchmarks: timing, a PyTorch peer, a table, JSON results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Median wall time in ms of `fn` over `repeats` runs after `warmup` runs. */
export async function medianMs(fn, { warmup = 3, repeats = 15 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Runs a Python peer script from bench/peers with one thread and returns its JSON output,
 * or `{ unavailable: reason }` when python3 / torch is missing (the table then says so).
 */
export function runPythonPeer(script, args = []) {
  const r = spawnSync('/usr/bin/python3', [join(here, 'peers', script), ...args.map(String)], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    return { unavailable: (r.stderr || r.error?.message || 'failed').trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Prints rows (objects with the same keys) as an aligned table. */
export function printTable(rows) {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cell = (v) =>
    typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : String(v);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals) => vals.map((v, i) => v.padStart(widths[i])).join('  ');
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => cell(r[k]))));
}

/** Writes bench/results/<name>.json atomically, with the machine facts alongside. */
export function writeResults(name, data) {
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const body = {
    name,
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: cpuCount(),
    ...data,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  return file;
}

/** The commit the benchmark ran at, and whether the tree had uncommitted changes. */
export function gitCommit() {
  const git = (args) => spawnSync('git', args, { cwd: here, encoding: 'utf8' }).stdout?.trim() ?? '';
  return { hash: git(['rev-parse', 'HEAD']) || 'unknown', dirty: git(['status', '--porcelain']).length > 0 };
}

function cpuCount() {
  return spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() ?? 'unknown';
}
