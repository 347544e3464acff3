/**
 * Progress of a whole batch on stderr: one line per finished job with the counts (done,
 * running, failed, left) and an ETA from the jobs finished so far; on a terminal the counts
 * also stay on a status line redrawn in place. With `json`, one event per line on stdout
 * instead (`start`, `job-start`, `job`, `end`), for machines.
 *
 * @example
 * ```ts
 * const progress = createBatchProgress({ total: 10, skipped: 2, io, mode: 'text' });
 * progress.started('kick-fm-ae-ddsp-3f2a9c01d4e7');
 * progress.finished(outcome);
 * const counts = progress.end();
 * ```
 * @module
 */

import { basename } from 'node:path';
import type { CliIo } from '../cli/io';
import { formatDuration } from '../cli/progress';
import type { JobOutcome } from './job-record';

/** How progress is shown: lines/bar on stderr, JSON events on stdout, or nothing. */
export type ProgressMode = 'text' | 'json' | 'quiet';

/** Counts at the end of a batch. */
export interface BatchCounts {
  /** Jobs in the batch. */
  readonly total: number;
  /** Finished in this run. */
  readonly done: number;
  /** Failed in this run. */
  readonly failed: number;
  /** Skipped: finished before (or by another run meanwhile). */
  readonly skipped: number;
  /** Wall time of the run, seconds. */
  readonly seconds: number;
}

/** A batch progress display. */
export interface BatchProgress {
  /** A worker started job `id`. */
  started(id: string): void;
  /** A job came to an outcome. */
  finished(outcome: JobOutcome): void;
  /** Ends the display, prints the totals, returns the counts. */
  end(): BatchCounts;
}

/** Options of {@link createBatchProgress}. */
export interface BatchProgressOptions {
  /** Jobs in the batch, skipped ones included. */
  readonly total: number;
  /** Jobs skipped before the run (already finished). */
  readonly skipped: number;
  /** Streams. */
  readonly io: CliIo;
  /** Display mode. */
  readonly mode: ProgressMode;
  /** Extra fields of the `start` event (engine, workers, out). */
  readonly describe?: Readonly<Record<string, unknown>>;
  /** Clock in ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** Creates the batch progress display for `options.mode`. */
export function createBatchProgress(options: BatchProgressOptions): BatchProgress {
  const { io, mode, total } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const running = new Set<string>();
  let done = 0;
  let failed = 0;
  let skipped = options.skipped;
  const toRun = total - options.skipped;
  const event = (fields: Record<string, unknown>) => {
    if (mode === 'json') io.stdout.write(`${JSON.stringify(fields)}\n`);
  };
  const status = () => {
    const finished = done + failed;
    const left = total - skipped - finished;
    const eta = finished === 0 ? '?' : formatDuration((((now() - started) / 1000) * left) / finished);
    return `${finished + skipped}/${total}: ${done} done, ${running.size} running, ${failed} failed, ${skipped} skipped, eta ${left === 0 ? '0s' : eta}`;
  };
  let statusDrawn = false;
  const clearStatus = () => {
    if (statusDrawn) io.stderr.write('\r\x1b[2K');
    statusDrawn = false;
  };
  const drawStatus = () => {
    if (mode !== 'text' || !io.interactive) return;
    clearStatus();
    io.stderr.write(`batch ${status()}`);
    statusDrawn = true;
  };
  const line = (text: string) => {
    if (mode !== 'text') return;
    clearStatus();
    io.stderr.write(`${text}\n`);
    drawStatus();
  };

  event({ event: 'start', jobs: total, skipped: options.skipped, ...options.describe });
  line(`batch: ${total} jobs, ${options.skipped} already finished, ${toRun} to run`);
  return {
    started(id) {
      running.add(id);
      event({ event: 'job-start', id });
      drawStatus();
    },
    finished(outcome) {
      running.delete(outcome.id);
      if (outcome.status === 'skipped') skipped++;
      else if (outcome.status === 'done') done++;
      else failed++;
      if (outcome.status === 'skipped') {
        event({ event: 'job', id: outcome.id, status: 'skipped', reason: outcome.reason });
        line(`batch: skipped ${outcome.id} (${outcome.reason}) · ${status()}`);
        return;
      }
      const record = outcome.record;
      event({ event: 'job', ...record });
      const what = `${basename(record.target)} (${record.settings.preset}, ${record.settings.method})`;
      const result =
        record.status === 'done'
          ? `loss ${record.initial_loss?.toExponential(3) ?? '—'} → ${record.final_loss?.toExponential(3)} in ${record.time_s.toFixed(1)} s`
          : `FAILED: ${record.error}`;
      line(`batch: ${what} ${result} · ${status()}`);
    },
    end() {
      clearStatus();
      const counts = { total, done, failed, skipped, seconds: (now() - started) / 1000 };
      event({ event: 'end', ...counts });
      return counts;
    },
  };
}
