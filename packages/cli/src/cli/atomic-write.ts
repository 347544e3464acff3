/**
 * Atomic file output: every file is written to a temporary sibling and renamed over its
 * destination only when complete, so a failure never leaves a half-written file and never
 * clobbers what was there. {@link commitFiles} stages a whole set of files first and
 * renames them only after every one was written.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out.wav', bytes);
 * await commitFiles('results', { 'summary.json': json, 'report.html': html });
 * ```
 * @module
 */

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Contents of one output file. */
export type FileContents = string | Uint8Array;

function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function checkWritableTarget(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`${path}: is a directory, expected a file path to write`);
  const parent = dirname(path);
  const folder = await stat(parent).catch(() => undefined);
  if (!folder) throw new Error(`${parent}: output folder does not exist`);
  if (!folder.isDirectory()) throw new Error(`${parent}: is not a folder`);
}

/** Writes `contents` to `path` through a temporary file and a rename (the folder must exist). */
export async function writeFileAtomic(path: string, contents: FileContents): Promise<void> {
  await commitFiles(dirname(path), { [basename(path)]: contents }, { createFolder: false });
}

/**
 * Writes several files into `folder` (created if missing, unless `createFolder` is false) all-or-nothing as far as the file
 * system allows: each file is first written in full to a temporary sibling; only when all are
 * written are they renamed into place. On any error the temporary files are removed and the
 * previous files are left untouched.
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
  const staged: { temporary: string; final: string }[] = [];
  try {
    for (const [name, contents] of Object.entries(files)) {
      const final = join(folder, name);
      await checkWritableTarget(final);
      const temporary = temporaryName(final);
      staged.push({ temporary, final });
      await writeFile(temporary, contents, { flag: 'wx' });
    }
    for (const { temporary, final } of staged) await rename(temporary, final);
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
  return staged.map(({ final }) => final);
}
