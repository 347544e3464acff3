// Peak memory and wall time of `ae-ddsp render` against duration: the render streams in
// blocks, so peak RSS should stay flat and time grow linearly. Each run is its own process,
// measured by GNU time (maximum resident set size). Durations: `node render-memory.bench.mjs 10 60 600`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'packages', 'cli', 'dist', 'bin.js');
const preset = 'additive';
const sampleRateHz = 96000;
const durations = process.argv.slice(2).map(Number);
if (durations.length === 0) durations.push(10, 60, 600);

const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: here, encoding: 'utf8' }).stdout.trim();
const folder = mkdtempSync(join(tmpdir(), 'render-memory-'));
const rows = [];
try {
  for (const seconds of durations) {
    const out = join(folder, `${seconds}.wav`);
    const args = ['render', preset, '--duration', String(seconds), '--sample-rate', String(sampleRateHz)];
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, bin, ...args, '-q', '-o', out], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`render --duration ${seconds} failed: ${r.stderr}`);
    const [elapsed, maxKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    rows.push({
      seconds,
      sampleRateHz,
      samples: Math.round(seconds * sampleRateHz),
      wavMiB: statSync(out).size / 2 ** 20,
      peakRssMiB: maxKb / 1024,
      wallSeconds: elapsed,
    });
    rmSync(out);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
printTable(rows);
console.log(
  `\n| duration at ${sampleRateHz / 1000} kHz | samples | peak RSS | time |\n| --- | --- | --- | --- |`,
);
for (const r of rows)
  console.log(
    `| ${r.seconds} s | ${(r.samples / 1e6).toFixed(2)} M | ${r.peakRssMiB.toFixed(0)} MiB | ${r.wallSeconds.toFixed(1)} s |`,
  );
console.log(
  `\nwrote ${writeResults('render-memory', { commit, preset, command: `ae-ddsp render ${preset}`, rows })}`,
);
