/**
 * `ae-ddsp worker`'s engine: a BullMQ worker whose processor is sandboxed (a child process
 * running `dist/queue-processor.js`), so the worker's own event loop stays free to renew the
 * lock of a long CPU-bound job; a worker that dies loses its lock after `stallSeconds` and
 * another worker takes the job again. A job that fails for good (out of attempts, or stalled
 * too often) gets its `failed` line in the index here.
 *
 * @example
 * ```ts
 * const worker = startQueueWorker({ address, concurrency: 1, stallSeconds: 30 });
 * await worker.close();
 * ```
 * @module
 */

import { type Job, Worker } from 'bullmq';
import type { BatchJob } from './batch-job';
import { builtEntry } from './built-entry';
import { failedOutcome } from './failed-outcome';
import type { JobOutcome } from './job-record';
import { connectionOptions, type QueueAddress } from './queue-address';
import { DEFAULT_STALL_SECONDS, MAX_STALLS } from './queue-settings';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** Where the queue is. */
  readonly address: QueueAddress;
  /** Jobs run at once (each in its own child process). Default 1. */
  readonly concurrency?: number;
  /** Lock duration and stall check interval, seconds. Default {@link DEFAULT_STALL_SECONDS}. */
  readonly stallSeconds?: number;
  /** A job started. */
  readonly onStart?: (job: BatchJob) => void;
  /** A job ended: its outcome, or the error of a failed attempt (`final` when no retry follows). */
  readonly onEnd?: (
    job: BatchJob,
    result: { outcome: JobOutcome } | { error: string; final: boolean },
  ) => void;
  /** Connection trouble (Redis down); the worker keeps reconnecting. */
  readonly onError?: (error: Error) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Resolves when connected to Redis. */
  ready(): Promise<void>;
  /** Stops taking jobs, waits for the running ones, disconnects. */
  close(): Promise<void>;
}

const RETRY_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** Starts a worker on `options.address`. */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const lockMs = 1000 * (options.stallSeconds ?? DEFAULT_STALL_SECONDS);
  const worker = new Worker<BatchJob, JobOutcome>(options.address.name, builtEntry('queue-processor.js'), {
    connection: connectionOptions(options.address),
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: MAX_STALLS,
    useWorkerThreads: false,
  });
  worker.on('active', (job: Job<BatchJob>) => options.onStart?.(job.data));
  worker.on('completed', (job: Job<BatchJob>, outcome: JobOutcome) => options.onEnd?.(job.data, { outcome }));
  worker.on('failed', async (job: Job<BatchJob> | undefined, error: Error) => {
    if (!job) return;
    const state = await job.getState().catch(() => 'unknown');
    const final = !RETRY_STATES.has(state);
    if (final) await failedOutcome(job.data, error.message);
    options.onEnd?.(job.data, { error: error.message, final });
  });
  worker.on('error', (error: Error) => options.onError?.(error));
  return {
    ready: () => worker.waitUntilReady().then(() => undefined),
    close: () => worker.close(),
  };
}
