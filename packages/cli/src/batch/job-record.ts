/**
 * One line of `index.jsonl`: what became of one job — its target, settings, status, final
 * distances, time, worker, and the error for a failed one.
 * @module
 */

import { CLI_VERSION } from '../cli/version';
import type { BatchJob, JobSettings } from './batch-job';

/** Final state of a job in the index. */
export type JobStatus = 'done' | 'failed';

/** One line of `DIR/index.jsonl`. */
export interface JobRecord {
  /** Record format. */
  readonly format: 'ae-ddsp/batch-job@1';
  /** Job id: the output folder's name inside DIR. */
  readonly id: string;
  /** Hash of target bytes + settings + version. */
  readonly key: string;
  /** Target file (absolute path). */
  readonly target: string;
  /** The settings. */
  readonly settings: JobSettings;
  /** `done` (folder written) or `failed` (see `error`). */
  readonly status: JobStatus;
  /** Loss at the starting patch (null for a failed job). */
  readonly initial_loss: number | null;
  /** Best loss reached (null for a failed job). */
  readonly final_loss: number | null;
  /** Wall time of the job, seconds. */
  readonly time_s: number;
  /** When the job was handed to the engine, ms since the epoch. */
  readonly queued_at: number;
  /** When a worker started it, ms since the epoch. */
  readonly started_at: number;
  /** When it finished, ms since the epoch. */
  readonly finished_at: number;
  /** Which worker ran it: `host:pid` plus `/thread` for a pool thread. */
  readonly worker: string;
  /** The error `match` would print, for a failed job; null otherwise. */
  readonly error: string | null;
  /** Warnings `match` printed (e.g. a clipped or resampled target). */
  readonly warnings: readonly string[];
  /** Package version that ran it. */
  readonly version: string;
}

/** Outcome of processing a job: its record, or `skipped` when its folder already existed. */
export type JobOutcome =
  | { readonly status: 'skipped'; readonly id: string; readonly reason: string }
  | { readonly status: JobStatus; readonly id: string; readonly record: JobRecord };

/** What {@link jobRecord} needs beyond the job. */
export interface JobResult {
  /** The match's summary when it succeeded. */
  readonly summary?: { readonly initial_loss: number | null; readonly final_loss: number | null } | undefined;
  /** The error when it failed. */
  readonly error?: string | null;
  /** Start, ms since the epoch. */
  readonly startedAt: number;
  /** End, ms since the epoch. */
  readonly finishedAt: number;
  /** Worker name. */
  readonly worker: string;
  /** Warnings printed by the match. */
  readonly warnings?: readonly string[];
}

/** The index line of `job` with `result`: `done` when there is a summary, else `failed`. */
export function jobRecord(job: BatchJob, result: JobResult): JobRecord {
  return {
    format: 'ae-ddsp/batch-job@1',
    id: job.id,
    key: job.key,
    target: job.target,
    settings: job.settings,
    status: result.summary ? 'done' : 'failed',
    initial_loss: result.summary?.initial_loss ?? null,
    final_loss: result.summary?.final_loss ?? null,
    time_s: Number(((result.finishedAt - result.startedAt) / 1000).toFixed(3)),
    queued_at: job.queuedAt,
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    worker: result.worker,
    error: result.summary ? null : (result.error ?? 'unknown error'),
    warnings: result.warnings ?? [],
    version: CLI_VERSION,
  };
}
