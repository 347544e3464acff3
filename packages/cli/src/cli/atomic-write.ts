/**
 * File output that never leaves a half-written file and never replaces what is not a file.
 *
 * - A regular file (or a new path) is written to a temporary sibling and renamed over its
 *   destination only when complete.
 * - A symbolic link is followed: the file it points to is replaced, in the link target's folder,
 *   and the link stays.
 * - A FIFO, a character device (`/dev/null`, a terminal) or `/dev/stdout` is written through
 *   (streamed, no temporary file, no rename): nothing that is not a regular file is ever
 *   unlinked or renamed over. Block devices and sockets are refused.
 *
 * {@link commitFiles} writes a whole set of files into one folder under a lock (in this process
 * and across processes), so two runs into one folder leave one run's complete set, and it
 * removes the temporary files that killed runs left behind.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out.wav', bytes);
 * await commitFiles('results', { 'summary.json': json, 'report.html': html });
 * ```
 * @module
 */

import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isProcessAlive, withFolderLock } from './folder-lock';

/**
 * Contents of one output file: text, bytes, or chunks of bytes produced as they are written
 * (a long render streams its WAV; an error thrown by the chunks aborts the write).
 */
export type FileContents = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** How one output path is written. */
type WritePlan =
  | { readonly kind: 'replace'; readonly final: string; readonly temporary: string }
  | { readonly kind: 'stream'; readonly path: string };

/** Temporary files are named `.NAME.PID.HEX.tmp`, so stale ones can be told apart by their PID. */
const TEMPORARY_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Paths that are the process's own streams or the kernel's views of them: never renamed over. */
function isKernelPath(path: string): boolean {
  return /^\/(dev|proc)\//.test(resolve(path));
}

/** Follows symbolic links (even a dangling last one) to the path the data really goes to. */
async function followLinks(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw new Error(`${path}: too many levels of symbolic links`);
}

async function planWrite(path: string): Promise<WritePlan> {
  const own = await lstat(path).catch(() => undefined);
  let info: Stats | undefined = own;
  let target = path;
  if (own?.isSymbolicLink()) {
    info = await stat(path).catch(() => undefined);
    if (isKernelPath(path) && info) return streamPlan(path, info);
    target = info?.isFile() ? await realpath(path) : await followLinks(path);
  }
  if (info && !info.isFile()) return streamPlan(path, info);
  const parent = dirname(target);
  const folder = await stat(parent).catch(() => undefined);
  if (!folder) throw new Error(`${parent}: output folder does not exist`);
  if (!folder.isDirectory()) throw new Error(`${parent}: is not a folder`);
  return { kind: 'replace', final: target, temporary: temporaryName(target) };
}

function streamPlan(path: string, info: Stats): WritePlan {
  if (info.isDirectory()) throw new Error(`${path}: is a directory, expected a file path to write`);
  if (info.isFIFO() || info.isCharacterDevice() || info.isFile()) return { kind: 'stream', path };
  const what = info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a regular file';
  throw new Error(`${path}: is ${what}; refusing to write to it`);
}

/** Writes through an existing FIFO, device or stream: opened for writing, never unlinked or renamed. */
async function writeThrough(path: string, contents: FileContents): Promise<void> {
  const file = await open(path, 'w');
  try {
    if (typeof contents === 'string' || contents instanceof Uint8Array) await file.writeFile(contents);
    else for await (const chunk of contents) await file.write(chunk);
  } finally {
    await file.close();
  }
}

/**
 * Writes `contents` to `path`: a regular file (or a new one) atomically through a temporary
 * sibling and a rename (the folder must exist); through a symbolic link to the file it points to;
 * into a FIFO or character device directly.
 */
export async function writeFileAtomic(path: string, contents: FileContents): Promise<void> {
  const plan = await planWrite(path);
  if (plan.kind === 'stream') return writeThrough(plan.path, contents);
  await commitFiles(dirname(plan.final), { [basename(plan.final)]: contents }, { createFolder: false });
}

/**
 * Removes temporary files (`.NAME.PID.HEX.tmp`) in `folder` whose process is no longer
 * running: what a killed run left behind. Returns the names removed.
 */
export async function removeStaleTemporaryFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = TEMPORARY_NAME.exec(name)?.[1];
    return pid !== undefined && !isProcessAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
  return stale;
}

/**
 * Writes several files into `folder` (created if missing, unless `createFolder` is false)
 * all-or-nothing as far as the file system allows: each file is first written in full to a
 * temporary sibling; only when all are written are they renamed into place, under a lock on
 * the folder, so concurrent commits (in this process or others) never mix their files. On any
 * error the temporary files are removed and the previous files are left untouched. Stale
 * temporary files of dead processes are removed first. Names that are symbolic links, FIFOs or
 * devices are handled as by {@link writeFileAtomic}.
 */
export async function commitFiles(
  folder: string,
  files: Readonly<Record<string, FileContents>>,
  options: { readonly createFolder?: boolean } = {},
): Promise<string[]> {
  const folderStat = await stat(folder).catch(() => undefined);
  if (folderStat && !folderStat.isDirectory()) throw new Error(`${folder}: exists and is not a folder`);
  if (!folderStat) {
    if (options.createFolder === false) throw new Error(`${folder}: output folder does not exist`);
    await mkdir(folder, { recursive: true });
  }
  return withFolderLock(folder, async () => {
    await removeStaleTemporaryFiles(folder);
    const plans: WritePlan[] = [];
    try {
      for (const [name, contents] of Object.entries(files)) {
        const plan = await planWrite(join(folder, name));
        plans.push(plan);
        if (plan.kind === 'replace') await writeFile(plan.temporary, contents, { flag: 'wx' });
      }
      for (const plan of plans) if (plan.kind === 'replace') await rename(plan.temporary, plan.final);
    } catch (error) {
      await Promise.all(
        plans.map((p) => (p.kind === 'replace' ? rm(p.temporary, { force: true }) : undefined)),
      );
      throw error;
    }
    for (const [i, contents] of Object.values(files).entries()) {
      const plan = plans[i]!;
      if (plan.kind === 'stream') await writeThrough(plan.path, contents);
    }
    return Object.keys(files).map((name) => join(folder, name));
  });
}
