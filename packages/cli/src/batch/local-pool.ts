/**
 * The default engine of `ae-ddsp batch`: a piscina pool of `worker_threads` on this machine,
 * each thread with its own TensorFlow.js, running {@link processJob} on one job at a time.
 *
 * @example
 * ```ts
 * await runLocalPool(jobs, { workers: 2, onStart: () => {}, onOutcome: console.log });
 * ```
 * @module
 */

import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { BatchJob } from './batch-job';
import { builtEntry } from './built-entry';
import { defaultWorkerCount, type EngineEvents } from './engine';
import { failedOutcome } from './failed-outcome';
import type { JobOutcome } from './job-record';
import type { PoolTask } from './pool-thread';

/** Options of {@link runLocalPool}. */
export interface LocalPoolOptions extends EngineEvents {
  /** Number of threads. Default {@link defaultWorkerCount}. */
  readonly workers?: number;
}

/** Runs every job on a pool of threads; resolves when all have an outcome. */
export async function runLocalPool(jobs: readonly BatchJob[], options: LocalPoolOptions): Promise<void> {
  const workers = options.workers ?? defaultWorkerCount();
  const pool = new Piscina<PoolTask, JobOutcome>({
    filename: builtEntry('pool-thread.js'),
    minThreads: Math.min(workers, jobs.length),
    maxThreads: workers,
    atomics: 'disabled',
  });
  try {
    await Promise.all(
      jobs.map(async (job) => {
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (startedAt: number) => options.onStart(job.id, startedAt));
        try {
          const task = { job: { ...job, queuedAt: Date.now() }, started: port2 };
          options.onOutcome(await pool.run(task, { transferList: [port2] }));
        } catch (error) {
          // The thread died or could not write: the job fails with that reason, the batch goes on.
          options.onOutcome(await failedOutcome(job, error));
        } finally {
          port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
