/**
 * What both engines of `ae-ddsp batch` report while they run a list of jobs (a job started,
 * with the worker's clock; a job came to an outcome), and the local pool's default size.
 * Loads neither engine's library.
 * @module
 */

import { availableParallelism } from 'node:os';
import type { JobOutcome } from './job-record';

/** Default number of local pool threads: the cores this process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** Callbacks an engine calls while it runs jobs. */
export interface EngineEvents {
  /** A worker started job `id` at `startedAt` (ms since the epoch). */
  readonly onStart: (id: string, startedAt: number) => void;
  /** Job `id` finished, failed, or was skipped as finished elsewhere. */
  readonly onOutcome: (outcome: JobOutcome) => void;
}
