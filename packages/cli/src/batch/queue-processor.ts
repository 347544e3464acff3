/**
 * Entry point of BullMQ's sandboxed processor (`ae-ddsp worker` forks it as
 * `dist/queue-processor.js`): the CPU-bound match runs in this child process while the
 * worker's own process keeps the job's lock renewed, so a long job is not taken for stalled.
 * The child exits when its worker dies, so a killed worker leaves no orphan matching on.
 * @module
 */

import type { BatchJob } from './batch-job';
import type { JobOutcome } from './job-record';
import { processJob } from './process-job';
import { workerName } from './worker-name';

process.on('disconnect', () => process.exit(1));

/** Processes one queued job (`job.data` is a {@link BatchJob}). */
export default function queueProcessor(job: { readonly data: BatchJob }): Promise<JobOutcome> {
  return processJob(job.data, { worker: workerName() });
}
