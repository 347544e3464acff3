/**
 * `ae-ddsp batch <folder | files… | manifest.jsonl> --out DIR`: one `match` per target (and
 * per preset and method when several are given), each into its own folder of DIR, on a pool
 * of threads on this machine or, with `--queue`, on BullMQ workers anywhere; plus
 * `DIR/index.jsonl` and `DIR/index.html`. Finished jobs are skipped, so a re-run resumes.
 * @module
 */

import { readFile, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { METHOD_NAMES } from '@ae-ddsp/trainer';
import { INDEX_HTML, INDEX_JSONL, writeIndexHtml } from '../batch/batch-index';
import { type BatchJob, createJob, type JobSettings } from '../batch/batch-job';
import { createBatchProgress, type ProgressMode } from '../batch/batch-progress';
import { collectTargets, type TargetSpec } from '../batch/batch-targets';
import { defaultWorkerCount } from '../batch/engine';
import { isJobFinished, removeStaleStaging, STAGING_FOLDER } from '../batch/process-job';
import { parseQueueAddress } from '../batch/queue-address';
import { commitFiles } from '../cli/atomic-write';
import type { Command } from '../cli/command';
import { type FlagValues, parseCommandLine } from '../cli/flags';
import { formatDuration } from '../cli/progress';
import { UsageError } from '../cli/usage-error';
import { PRESETS } from '../synth/synth-source';
import { matchCommand } from './match-command';

/** `match` flags that `batch` passes on unchanged. */
const PASSED_FLAGS = ['steps', 'seed', 'sample-rate', 'loss', 'pitch-weight', 'float'] as const;

const passedFlags = Object.fromEntries(PASSED_FLAGS.map((name) => [name, matchCommand.flags[name]!]));

/** A comma-separated list of choices (`fm,additive`), each checked. */
function listFlag(value: string, choices: readonly string[], flag: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!choices.includes(item))
      throw new UsageError(
        `--${flag} must be one or more of ${choices.join(', ')} separated by commas; got ${JSON.stringify(item)}`,
        'batch',
      );
  }
  return [...new Set(items)];
}

/** The settings of one manifest line: its overrides checked by match's own flag rules. */
function overridesOf(spec: TargetSpec): FlagValues {
  const argv = Object.entries(spec.overrides).flatMap(([key, value]) => [`--${key}=${value}`]);
  const specs = Object.fromEntries(Object.keys(spec.overrides).map((key) => [key, matchCommand.flags[key]!]));
  try {
    return parseCommandLine('batch', argv, specs, 0).values;
  } catch (error) {
    throw new Error(`${spec.origin}: ${(error as Error).message}`);
  }
}

/** The `batch` command. */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'match many targets: a pool of threads here, or BullMQ workers anywhere (--queue)',
  description: [
    "Runs one 'ae-ddsp match' per target (and per preset and method when several are given,",
    'comma-separated) and writes its usual outputs into DIR/<target>-<preset>-<method>-<hash>/, a',
    'folder that appears only when the job is complete. The hash covers the target audio, the',
    'settings and the version: a re-run skips finished jobs (resume); --force redoes them.',
    '',
    'Targets: folders (searched recursively for .wav .flac .mp3 .ogg .oga .opus), audio files,',
    'or a manifest.jsonl with one {"target": "a.wav", "preset": "fm", "method": "adam", "steps":',
    '50, "seed": 3} per line (every key but "target" optional; paths relative to the manifest).',
    '',
    'DIR/index.jsonl gets one line per job (target, settings, status, initial and final loss, time,',
    'worker, and the error for a failed one); DIR/index.html is a sortable overview linking each',
    "job's report. A bad target fails its own job with match's error and the batch goes on; the",
    'exit status is 1 when any job failed.',
    '',
    'By default the jobs run on --workers threads of this machine. With --queue redis://host:port/name',
    "they are put on a BullMQ queue instead, for 'ae-ddsp worker --queue ...' processes on any",
    'machines that see the same DIR and target paths; batch waits for them and shows progress.',
  ].join('\n'),
  positionals: [
    {
      name: '<targets…>',
      description: 'folders, audio files or a manifest.jsonl',
      variadic: true,
    },
  ],
  flags: {
    out: { kind: 'string', placeholder: 'DIR', description: 'output folder (required)' },
    preset: {
      kind: 'string',
      default: 'subtractive',
      placeholder: 'NAMES',
      description: `synth presets, comma-separated (${PRESETS.join(', ')})`,
    },
    method: {
      kind: 'string',
      default: 'ae-ddsp',
      placeholder: 'NAMES',
      description: `optimisation methods, comma-separated (${METHOD_NAMES.join(', ')})`,
    },
    ...passedFlags,
    workers: {
      kind: 'integer',
      min: 1,
      max: 1024,
      placeholder: 'N',
      description: `threads of the local pool (default: the cores available, ${defaultWorkerCount()} here)`,
    },
    queue: {
      kind: 'string',
      placeholder: 'URL',
      description: "enqueue on BullMQ at redis://host:port/name for 'ae-ddsp worker' processes",
    },
    force: { kind: 'boolean', description: 'redo jobs that are already finished' },
    quiet: { kind: 'boolean', short: 'q', description: 'no progress; errors only' },
    json: { kind: 'boolean', description: 'no progress on stderr; one JSON event per line on stdout' },
  },
  examples: [
    ['batch samples/ --out patches', 'every sound in samples/ on all cores, results in patches/'],
    ['batch kick.wav snare.wav --preset fm,additive --steps 300 --out patches', 'two presets per sound'],
    ['batch library.jsonl --out /shared/patches --queue redis://10.0.0.5:6379/lib', 'on BullMQ workers'],
  ],
  async run({ positionals, values, io }) {
    const outTyped = values['out'] as string | undefined;
    if (outTyped === undefined) throw new UsageError('--out DIR is required', 'batch');
    const queueTyped = values['queue'] as string | undefined;
    if (queueTyped !== undefined && values['workers'] !== undefined)
      throw new UsageError(
        "--workers sizes the local pool; with --queue, start 'ae-ddsp worker' processes",
        'batch',
      );
    let address: ReturnType<typeof parseQueueAddress> | undefined;
    try {
      address = queueTyped === undefined ? undefined : parseQueueAddress(queueTyped);
    } catch (error) {
      throw new UsageError((error as Error).message, 'batch');
    }
    const presets = listFlag(values['preset'] as string, PRESETS, 'preset');
    const methods = listFlag(values['method'] as string, METHOD_NAMES, 'method');
    const workers = (values['workers'] as number | undefined) ?? defaultWorkerCount();
    const force = values['force'] === true;
    const mode: ProgressMode = values['json'] ? 'json' : values['quiet'] ? 'quiet' : 'text';
    const out = resolve(io.cwd, outTyped);
    // Creates DIR (and fails clearly when it is a file) through the same code as match's outputs.
    await commitFiles(out, {});

    const jobs = new Map<string, BatchJob>();
    for (const spec of await collectTargets(positionals, io.cwd)) {
      const overrides = overridesOf(spec);
      // An unreadable target is keyed by its path; its job then fails with match's own error.
      const bytes = await readFile(spec.target).catch(() => Buffer.from(spec.target));
      for (const preset of overrides['preset'] !== undefined ? [overrides['preset'] as string] : presets) {
        for (const method of overrides['method'] !== undefined ? [overrides['method'] as string] : methods) {
          const settings: JobSettings = {
            preset,
            method,
            steps: (overrides['steps'] ?? values['steps']) as number,
            seed: (overrides['seed'] ?? values['seed']) as number,
            sample_rate: values['sample-rate'] as number,
            loss: values['loss'] as string,
            pitch_weight: values['pitch-weight'] as number,
            float: values['float'] === true,
          };
          const job = createJob(spec.target, bytes, settings, { out, force });
          if (!jobs.has(job.id)) jobs.set(job.id, job);
        }
      }
    }
    await removeStaleStaging(out);
    const all = [...jobs.values()];
    const finished = new Set<string>();
    if (!force) for (const job of all) if (await isJobFinished(out, job.id)) finished.add(job.id);
    const todo = all.filter((job) => !finished.has(job.id));

    const progress = createBatchProgress({
      total: all.length,
      skipped: finished.size,
      io,
      mode,
      describe: { engine: address ? 'bullmq' : 'local', workers: address ? null : workers, out },
    });
    const events = { onStart: (id: string) => progress.started(id), onOutcome: progress.finished };
    // The engines load their libraries (piscina, bullmq) only when a batch runs.
    if (address) await (await import('../batch/queue-engine')).runOnQueue(todo, { ...events, address });
    else await (await import('../batch/local-pool')).runLocalPool(todo, { ...events, workers });
    const counts = progress.end();
    await writeIndexHtml(out);
    await rmdir(join(out, STAGING_FOLDER)).catch(() => undefined); // only when empty
    if (mode === 'text') {
      io.stderr.write(
        `batch: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped in ${formatDuration(counts.seconds)}; ` +
          `overview: ${join(outTyped, INDEX_HTML)}\n`,
      );
    }
    if (counts.failed > 0)
      throw new Error(
        `${counts.failed} of ${counts.total} jobs failed; ${join(outTyped, INDEX_JSONL)} says why`,
      );
    return 0;
  },
};
