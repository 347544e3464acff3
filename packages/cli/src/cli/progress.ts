/**
 * Progress of a long run: a one-line bar with the loss and an ETA redrawn in place on a
 * terminal, plain lines every few seconds (and at 25 % marks) otherwise, nothing with
 * `quiet`. Always written to stderr, so stdout stays clean for results.
 *
 * @example
 * ```ts
 * const progress = createProgress({ total: 300, io, label: 'match' });
 * progress.update(1, { loss: 0.42, best: 0.40 });
 * progress.finish('done');
 * ```
 * @module
 */

import type { CliIo } from './io';

/** Numbers shown with the progress. */
export interface ProgressValues {
  /** Current loss. */
  readonly loss: number;
  /** Best loss so far. */
  readonly best: number;
}

/** A progress display. */
export interface Progress {
  /** Reports that `done` of the total units are complete. */
  update(done: number, values: ProgressValues): void;
  /** Ends the display (clears the bar) and prints `message` if given. */
  finish(message?: string): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Total units (steps). */
  readonly total: number;
  /** Streams; `interactive` selects the bar. */
  readonly io: CliIo;
  /** Word in front of the line, e.g. `match`. */
  readonly label: string;
  /** Print nothing. */
  readonly quiet?: boolean;
  /** Seconds between plain lines when not interactive. Default 5. */
  readonly lineIntervalSeconds?: number;
  /** Clock in milliseconds (injectable for tests). Default `performance.now`. */
  readonly now?: () => number;
}

/** Formats a duration in seconds as `12s`, `3m04s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const formatLoss = (x: number) => (Number.isFinite(x) ? x.toExponential(3) : String(x));

/** Creates the display that suits `io` (bar on a terminal, lines otherwise, nothing when quiet). */
export function createProgress(options: ProgressOptions): Progress {
  const { total, io, label } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  if (options.quiet) return { update() {}, finish() {} };
  const eta = (done: number) => ((now() - started) / 1000 / Math.max(done, 1)) * (total - done);
  if (io.interactive) {
    let lastDraw = Number.NEGATIVE_INFINITY;
    let drawn = false;
    return {
      update(done, values) {
        const t = now();
        if (done < total && t - lastDraw < 100) return; // at most 10 redraws per second
        lastDraw = t;
        const width = 24;
        const filled = Math.round((done / total) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        const percent = `${Math.floor((100 * done) / total)}`.padStart(3);
        io.stderr.write(
          `\r\x1b[2K${label} ${bar} ${percent}% ${done}/${total}  loss ${formatLoss(values.loss)}  best ${formatLoss(values.best)}  ETA ${formatDuration(eta(done))}`,
        );
        drawn = true;
      },
      finish(message) {
        if (drawn) io.stderr.write('\r\x1b[2K');
        if (message) io.stderr.write(`${message}\n`);
      },
    };
  }
  const interval = (options.lineIntervalSeconds ?? 5) * 1000;
  let lastLine = started;
  let lastQuarter = 0;
  return {
    update(done, values) {
      const t = now();
      const quarter = Math.floor((4 * done) / total);
      if (t - lastLine < interval && quarter === lastQuarter) return;
      lastLine = t;
      lastQuarter = quarter;
      io.stderr.write(
        `${label}: step ${done}/${total} loss ${formatLoss(values.loss)} best ${formatLoss(values.best)} eta ${formatDuration(eta(done))}\n`,
      );
    },
    finish(message) {
      if (message) io.stderr.write(`${message}\n`);
    },
  };
}
