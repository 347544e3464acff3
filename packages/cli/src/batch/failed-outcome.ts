/**
 * A job that failed outside the match itself (its thread died, its worker was killed too
 * often, the output folder could not be written): recorded as failed with that reason.
 * @module
 */

import { appendJobRecord } from './batch-index';
import type { BatchJob } from './batch-job';
import { errorLine } from './error-line';
import { type JobOutcome, jobRecord } from './job-record';
import { workerName } from './worker-name';

/** Records `job` as failed with `error` in the index (if it can be written) and returns the outcome. */
export async function failedOutcome(
  job: BatchJob,
  error: unknown,
  worker = workerName(),
): Promise<JobOutcome> {
  const now = Date.now();
  const record = jobRecord(job, { error: errorLine(error), startedAt: now, finishedAt: now, worker });
  await appendJobRecord(job.out, record).catch(() => undefined);
  return { status: 'failed', id: job.id, record };
}
