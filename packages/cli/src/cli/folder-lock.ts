/**
 * A lock on an output folder, held while a set of files is renamed into it: in this process a
 * queue per folder, across processes a lock file (`.ae-ddsp.lock`, holding the owner's PID)
 * created exclusively. A lock file whose process is no longer running is taken over.
 *
 * @example
 * ```ts
 * await withFolderLock('results', async () => {
 *   // ...rename the staged files into results/...
 * });
 * ```
 * @module
 */

import { link, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Name of the lock file inside a locked folder. */
export const LOCK_FILE_NAME = '.ae-ddsp.lock';

/** How long to wait for another process's lock before giving up, ms. */
export const LOCK_TIMEOUT_MS = 60_000;

const queues = new Map<string, Promise<unknown>>();

/** True when a process with this PID is running (or exists under another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `task` while holding the lock on `folder` (which must exist); releases it after. */
export async function withFolderLock<T>(folder: string, task: () => Promise<T>): Promise<T> {
  const key = await realpath(folder);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const lockPath = join(key, LOCK_FILE_NAME);
      await acquire(lockPath, folder);
      try {
        return await task();
      } finally {
        await rm(lockPath, { force: true });
      }
    });
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}

async function acquire(lockPath: string, folder: string): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await lockOwner(lockPath);
    if (owner === 'gone') continue;
    if (owner !== 'starting' && !isProcessAlive(owner)) {
      await takeOver(lockPath, owner);
      continue;
    }
    if (Date.now() - started > LOCK_TIMEOUT_MS) {
      throw new Error(
        `${folder}: is being written by process ${owner} (lock ${LOCK_FILE_NAME}); try again when it has finished`,
      );
    }
    await sleep(Math.min(200, 10 * (attempt + 1)));
  }
}

/** The PID in a lock file; `'starting'` while a fresh one is still empty; `'gone'` if it vanished. */
async function lockOwner(lockPath: string): Promise<number | 'starting' | 'gone'> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === undefined) return 'gone';
  const pid = Number.parseInt(text, 10);
  if (Number.isSafeInteger(pid)) return pid;
  const info = await stat(lockPath).catch(() => undefined);
  return info && Date.now() - info.mtimeMs < 2000 ? 'starting' : Number.NaN;
}

/**
 * Removes the stale lock of dead process `owner`: renamed aside first, so only one process takes
 * a given lock file; if what was renamed turns out to be a newer live lock, it is put back.
 */
async function takeOver(lockPath: string, owner: number): Promise<void> {
  const aside = `${lockPath}.${process.pid}.stale`;
  if (
    !(await rename(lockPath, aside).then(
      () => true,
      () => false,
    ))
  )
    return;
  const taken = await lockOwner(aside);
  if (taken !== owner && !(Number.isNaN(owner) && Number.isNaN(taken)))
    await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}
