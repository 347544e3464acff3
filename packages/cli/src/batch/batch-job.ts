/**
 * One job of `ae-ddsp batch`: a target file matched with one preset and one method under the
 * batch's settings. A job's id is its output folder's name; it ends in a hash of the target's
 * bytes, the settings and the package version, so the same sound with the same settings is
 * the same job on any machine, and a finished job is recognised by its folder.
 *
 * @example
 * ```ts
 * const job = createJob('/lib/kick.wav', bytes, { ...DEFAULT_BATCH_SETTINGS, preset: 'fm' });
 * job.id; // 'kick-fm-ae-ddsp-3f2a9c01d4e7'
 * ```
 * @module
 */

import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { CLI_VERSION } from '../cli/version';

/** The `match` settings of one job (the flags `batch` passes to `match`). */
export interface JobSettings {
  /** Synth preset. */
  readonly preset: string;
  /** Optimisation method. */
  readonly method: string;
  /** Optimisation steps. */
  readonly steps: number;
  /** Random seed. */
  readonly seed: number;
  /** Working sample rate, Hz. */
  readonly sample_rate: number;
  /** Loss name (`match --loss`). */
  readonly loss: string;
  /** Weight of the pitch term of the `match` loss. */
  readonly pitch_weight: number;
  /** Write matched.wav as 32-bit float. */
  readonly float: boolean;
}

/** A job as it travels to a worker (plain data: it crosses threads and Redis). */
export interface BatchJob {
  /** Output folder name inside `--out`, unique per target bytes + settings + version. */
  readonly id: string;
  /** Full hash (SHA-256, hex) of version, settings and target bytes. */
  readonly key: string;
  /** Absolute path of the target file (it must be the same path on every worker). */
  readonly target: string;
  /** The settings. */
  readonly settings: JobSettings;
  /** Absolute path of the batch's output folder. */
  readonly out: string;
  /** Redo the job even when its folder exists. */
  readonly force: boolean;
  /** When the job was handed to the engine (ms since the epoch; the engines stamp it). */
  readonly queuedAt: number;
}

/** Length of the hash suffix of a job id. */
const ID_HASH_LENGTH = 12;

/** The hash of a job: package version, canonical settings and the target's bytes. */
export function jobKey(targetBytes: Uint8Array, settings: JobSettings, version = CLI_VERSION): string {
  const canonical = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256')
    .update(`ae-ddsp/batch-job@1\0${version}\0${JSON.stringify(canonical)}\0`)
    .update(targetBytes)
    .digest('hex');
}

/** A folder-name-safe stem of a target path (letters, digits, `.`, `_`, `-`). */
function safeStem(target: string): string {
  const stem = basename(target, extname(target)).replace(/[^A-Za-z0-9._-]+/g, '_');
  return stem.replace(/^[.]+/, '').slice(0, 80) || 'target';
}

/** The job for `target` (its bytes already read) with `settings`, writing into `out`. */
export function createJob(
  target: string,
  targetBytes: Uint8Array,
  settings: JobSettings,
  options: { readonly out: string; readonly force?: boolean; readonly version?: string },
): BatchJob {
  const key = jobKey(targetBytes, settings, options.version);
  return {
    id: `${safeStem(target)}-${settings.preset}-${settings.method}-${key.slice(0, ID_HASH_LENGTH)}`,
    key,
    target,
    settings,
    out: options.out,
    force: options.force ?? false,
    queuedAt: Date.now(),
  };
}

/** The `match` command line of a job (target first), writing into `outFolder`. */
export function matchArguments(job: BatchJob, outFolder: string): string[] {
  const s = job.settings;
  return [
    job.target,
    '--out',
    outFolder,
    '--json',
    '--preset',
    s.preset,
    '--method',
    s.method,
    '--steps',
    String(s.steps),
    '--seed',
    String(s.seed),
    '--sample-rate',
    String(s.sample_rate),
    '--loss',
    s.loss,
    `--pitch-weight=${s.pitch_weight}`,
    ...(s.float ? ['--float'] : []),
  ];
}
