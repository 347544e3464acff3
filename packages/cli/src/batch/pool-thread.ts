/**
 * Entry point of one thread of the local pool (piscina loads it as `dist/pool-thread.js`):
 * processes the job it is given with this thread's own TensorFlow.js, and says when it
 * starts through the task's port.
 * @module
 */

import type { MessagePort } from 'node:worker_threads';
import type { BatchJob } from './batch-job';
import type { JobOutcome } from './job-record';
import { processJob } from './process-job';
import { workerName } from './worker-name';

/** What the pool hands a thread: the job and a port to report its start on. */
export interface PoolTask {
  /** The job. */
  readonly job: BatchJob;
  /** Receives the start time (ms since the epoch) once. */
  readonly started: MessagePort;
}

/** Processes one job in this thread. */
export default async function poolThread(task: PoolTask): Promise<JobOutcome> {
  task.started.postMessage(Date.now());
  task.started.close();
  return processJob(task.job, { worker: workerName() });
}
