/**
 * The scale-out engine of `ae-ddsp batch`: enqueues the jobs on a BullMQ queue in Redis and
 * waits while `ae-ddsp worker` processes (on this or other machines) run them. Workers write
 * each job's folder and its `index.jsonl` line into the shared output folder; this process
 * follows `index.jsonl` for the outcomes (and asks the queue about jobs that left it without
 * a line). A job's queue id is its folder name, so a job already waiting or running is not
 * queued twice.
 *
 * @example
 * ```ts
 * await runOnQueue(jobs, { address: parseQueueAddress('redis://127.0.0.1:6379/lib'), onStart, onOutcome });
 * ```
 * @module
 */

import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import type { BatchJob } from './batch-job';
import type { EngineEvents } from './engine';
import { failedOutcome } from './failed-outcome';
import { IndexTail } from './index-tail';
import { isJobFinished } from './process-job';
import { connectionOptions, type QueueAddress } from './queue-address';
import { QUEUE_RETRIES } from './queue-settings';

/** Options of {@link runOnQueue}. */
export interface QueueRunOptions extends EngineEvents {
  /** Where the queue is. */
  readonly address: QueueAddress;
  /** How often the index is read, ms. Default 500. */
  readonly pollMs?: number;
}

/** The queue id of a job: its folder name; a forced re-run gets a fresh id (`run` tells runs apart). */
export function queueJobId(job: BatchJob, run: string): string {
  return job.force ? `${job.id}.force-${run}` : job.id;
}

/** Enqueues `jobs` and resolves when every one has an outcome. */
export async function runOnQueue(jobs: readonly BatchJob[], options: QueueRunOptions): Promise<void> {
  if (jobs.length === 0) return;
  const out = jobs[0]!.out;
  const connection = connectionOptions(options.address);
  const queue = new Queue(options.address.name, { connection });
  const events = new QueueEvents(options.address.name, { connection });
  const pending = new Map(jobs.map((job) => [job.id, job]));
  const run = randomBytes(4).toString('hex');
  const byQueueId = new Map(jobs.map((job) => [queueJobId(job, run), job]));
  events.on('active', ({ jobId }) => {
    const job = byQueueId.get(jobId);
    if (job && pending.has(job.id)) options.onStart(job.id, Date.now());
  });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const tail = await IndexTail.atEnd(out);
    const queuedAt = Date.now();
    await queue.addBulk(
      jobs
        .map((job) => ({ ...job, queuedAt }))
        .map((job) => ({
          name: 'match',
          data: job,
          opts: {
            jobId: queueJobId(job, run),
            attempts: QUEUE_RETRIES.attempts,
            backoff: { type: 'exponential', delay: QUEUE_RETRIES.backoffMs },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
    );
    const settle = async () => {
      for (const record of await tail.read()) {
        if (!pending.delete(record.id)) continue;
        options.onOutcome({ status: record.status, id: record.id, record });
      }
    };
    for (let tick = 0; pending.size > 0; tick++) {
      await sleep(options.pollMs ?? 500);
      await settle();
      // Every few seconds: jobs no longer in the queue that left no line.
      if (tick % 10 !== 9) continue;
      for (const job of [...pending.values()].slice(0, 200)) {
        if ((await queue.getJobState(queueJobId(job, run))) !== 'unknown') continue;
        await settle();
        if (!pending.has(job.id)) continue;
        pending.delete(job.id);
        if (await isJobFinished(out, job.id))
          options.onOutcome({
            status: 'skipped',
            id: job.id,
            reason: 'finished meanwhile by another worker',
          });
        else options.onOutcome(await failedOutcome(job, 'the job left the queue without a result'));
      }
    }
  } finally {
    await events.close();
    await queue.close();
  }
}
