/**
 * `ae-ddsp bench`: runs the repository's trainer speed benchmark (`bench/trainer-speed.bench.mjs`,
 * which measures the AE-DDSP loop against its PyTorch peer) when the command runs inside an
 * ae-ddsp checkout; otherwise says clearly that it is not available.
 * @module
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../cli/command';

/** Prefix of the trainer speed benchmark's file name in `bench/`. */
export const TRAINER_BENCHMARK_PREFIX = 'trainer-speed';

/** The benchmark folder and the trainer benchmark scripts in it. */
export interface BenchmarkLocation {
  /** The repository's `bench/` folder. */
  readonly folder: string;
  /** Trainer benchmark files found there (e.g. `trainer-speed.bench.mjs`). */
  readonly scripts: readonly string[];
}

function benchFolderFrom(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'bench');
    if (existsSync(join(candidate, 'run.mjs')) && existsSync(join(candidate, 'lib.mjs'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Finds the repository's bench folder above `cwd` or above this package, if any. */
export function findTrainerBenchmark(cwd: string): BenchmarkLocation | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const folder = benchFolderFrom(cwd) ?? benchFolderFrom(here);
  if (!folder) return undefined;
  const scripts = readdirSync(folder)
    .filter((f) => f.startsWith(TRAINER_BENCHMARK_PREFIX) && f.endsWith('.bench.mjs'))
    .sort();
  return { folder, scripts };
}

function newestResult(folder: string, since: number): string | undefined {
  const results = join(folder, 'results');
  if (!existsSync(results)) return undefined;
  const files = readdirSync(results)
    .filter((f) => f.startsWith(TRAINER_BENCHMARK_PREFIX) && f.endsWith('.json'))
    .map((f) => join(results, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

/** The `bench` command. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the trainer speed benchmark (in an ae-ddsp checkout)',
  description: [
    "Runs the repository's trainer speed benchmark (bench/trainer-speed.bench.mjs: ms per step",
    'of the AE-DDSP loop, as a ratio against the PyTorch peer measured in the same run) and',
    'prints its table, or with --json its results. The benchmark ships with the ae-ddsp',
    'repository, not with the npm package: outside a checkout this command says so and fails.',
  ].join('\n'),
  positionals: [],
  flags: {
    json: { kind: 'boolean', description: 'print the results JSON on stdout (the table goes to stderr)' },
  },
  examples: [
    ['bench', 'run it and print the table'],
    ['bench --json > trainer-bench.json', 'results as JSON'],
  ],
  async run({ values, io }) {
    const location = findTrainerBenchmark(io.cwd);
    if (!location || location.scripts.length === 0) {
      throw new Error(
        location
          ? `the trainer speed benchmark is not available: ${location.folder} has no ${TRAINER_BENCHMARK_PREFIX}*.bench.mjs yet`
          : 'the trainer speed benchmark is not available: it ships with the ae-ddsp repository (bench/), run this inside a checkout',
      );
    }
    const started = Date.now();
    const json = values['json'] === true;
    const code = await new Promise<number>((done, fail) => {
      const child = spawn(process.execPath, [join(location.folder, 'run.mjs'), TRAINER_BENCHMARK_PREFIX], {
        cwd: location.folder,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (json ? io.stderr : io.stdout).write(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
      child.on('error', fail);
      child.on('close', (status) => done(status ?? 1));
    });
    if (code !== 0) throw new Error(`the trainer speed benchmark failed (exit status ${code})`);
    if (json) {
      const result = newestResult(location.folder, started - 1000);
      if (!result)
        throw new Error(
          `the trainer speed benchmark wrote no results to ${join(location.folder, 'results')}`,
        );
      io.stdout.write(`${JSON.stringify(JSON.parse(readFileSync(result, 'utf8')))}\n`);
    }
    return 0;
  },
};
