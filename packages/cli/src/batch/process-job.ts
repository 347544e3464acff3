/**
 * The job processor both engines run: one `ae-ddsp match` of one target, through the match
 * command itself (same outputs, same errors), into a staging folder that is renamed into
 * `DIR/<job id>` only when complete; then one line in `DIR/index.jsonl`. A job whose folder
 * already exists is skipped (unless `force`), and when two processes finish the same job the
 * second rename fails and its copy is discarded, so a job is finished once.
 *
 * @example
 * ```ts
 * const outcome = await processJob(job, { worker: 'host:123' });
 * ```
 * @module
 */

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseCommandLine } from '../cli/flags';
import { isProcessAlive } from '../cli/folder-lock';
import type { CliIo } from '../cli/io';
import { matchCommand } from '../commands/match-command';
import type { MatchSummary } from '../match/match-records';
import { appendJobRecord } from './batch-index';
import { type BatchJob, matchArguments } from './batch-job';
import { errorLine } from './error-line';
import { type JobOutcome, jobRecord } from './job-record';

/** Folder inside DIR where jobs are written before they are renamed into place. */
export const STAGING_FOLDER = '.staging';

/** Staging folders are named `<id>.<host>.<pid>.<hex>`, so a dead process's can be told apart. */
const STAGING_NAME = /^.+\.([^.]+)\.(\d+)\.[0-9a-f]{8}$/;

/** Options of {@link processJob}. */
export interface ProcessJobOptions {
  /** Name of the worker, written to the index. */
  readonly worker: string;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** True when `DIR/<id>` holds a finished job (its summary.json is there). */
export async function isJobFinished(out: string, id: string): Promise<boolean> {
  return (await stat(join(out, id, 'summary.json')).catch(() => undefined))?.isFile() === true;
}

/** Removes staging folders in `out` left by processes of this host that are no longer running. */
export async function removeStaleStaging(out: string): Promise<string[]> {
  const folder = join(out, STAGING_FOLDER);
  const host = hostTag();
  const stale = (await readdir(folder).catch(() => [] as string[])).filter((name) => {
    const match = STAGING_NAME.exec(name);
    return match !== null && match[1] === host && !isProcessAlive(Number(match[2]));
  });
  await Promise.all(stale.map((name) => rm(join(folder, name), { recursive: true, force: true })));
  return stale;
}

/** A fresh staging folder path for `name` in `out`. */
function stagingPath(out: string, name: string): string {
  return join(out, STAGING_FOLDER, `${name}.${hostTag()}.${process.pid}.${randomBytes(4).toString('hex')}`);
}

function hostTag(): string {
  return hostname().replace(/[^A-Za-z0-9_-]+/g, '_') || 'host';
}

/** A CliIo that keeps what the command writes. */
function capturingIo(): CliIo & { readonly out: string[]; readonly err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text) => out.push(String(text)) },
    stderr: { write: (text) => err.push(String(text)) },
    interactive: false,
    cwd: process.cwd(),
  };
}

/** Runs `job` and records it (see the module comment). Never throws for a bad target: that is a failed job. */
export async function processJob(job: BatchJob, options: ProcessJobOptions): Promise<JobOutcome> {
  const now = options.now ?? Date.now;
  const final = join(job.out, job.id);
  if (!job.force && (await isJobFinished(job.out, job.id)))
    return { status: 'skipped', id: job.id, reason: 'already finished' };
  await removeStaleStaging(job.out);
  await mkdir(join(job.out, STAGING_FOLDER), { recursive: true });
  const staging = stagingPath(job.out, job.id);
  const startedAt = now();
  const io = capturingIo();
  let summary: MatchSummary | undefined;
  let error: string | null = null;
  try {
    const argv = matchArguments(job, staging);
    const parsed = parseCommandLine('match', argv, matchCommand.flags, 1);
    await matchCommand.run({ positionals: parsed.positionals, values: parsed.values, io });
    summary = JSON.parse(io.out.join('')) as MatchSummary;
  } catch (caught) {
    error = errorLine(caught);
  }
  try {
    if (summary && !(await moveIntoPlace(staging, final, job.force)))
      return { status: 'skipped', id: job.id, reason: 'finished meanwhile by another worker' };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const record = jobRecord(job, {
    summary,
    error,
    startedAt,
    finishedAt: now(),
    worker: options.worker,
    warnings: io.err
      .join('')
      .split('\n')
      .filter((line) => line.length > 0),
  });
  await appendJobRecord(job.out, record);
  return { status: record.status, id: job.id, record };
}

/**
 * Renames the complete `staging` folder to `final`. False when `final` already holds a job
 * (another worker finished it first) and `force` is off; with `force` the old folder is
 * moved aside first and removed after.
 */
async function moveIntoPlace(staging: string, final: string, force: boolean): Promise<boolean> {
  let aside: string | undefined;
  if (force && (await stat(final).catch(() => undefined))) {
    aside = stagingPath(dirname(final), `${basename(final)}~old`);
    await rename(final, aside);
  }
  try {
    await rename(staging, final);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  } finally {
    if (aside) await rm(aside, { recursive: true, force: true });
  }
}
