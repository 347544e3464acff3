/**
 * The batch's index in its output folder: `index.jsonl`, one line per finished job,
 * appended under the output folder's lock so concurrent batch runs and workers never
 * interleave lines, and `index.html`, a sortable table of the latest record of each job
 * linking its report, written atomically.
 *
 * @example
 * ```ts
 * await appendJobRecord(out, record);
 * await writeIndexHtml(out);
 * ```
 * @module
 */

import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../cli/atomic-write';
import { withFolderLock } from '../cli/folder-lock';
import { batchIndexHtml } from './index-html';
import type { JobRecord } from './job-record';

/** Name of the index of job records in a batch's output folder. */
export const INDEX_JSONL = 'index.jsonl';

/** Name of the HTML overview in a batch's output folder. */
export const INDEX_HTML = 'index.html';

/** Appends `record` as one line of `out/index.jsonl` under the folder's lock (one write). */
export async function appendJobRecord(out: string, record: JobRecord): Promise<void> {
  await withFolderLock(out, () => appendFile(join(out, INDEX_JSONL), `${JSON.stringify(record)}\n`));
}

/** Every record of `out/index.jsonl` in file order (none when it does not exist). */
export async function readJobRecords(out: string): Promise<JobRecord[]> {
  const text = await readFile(join(out, INDEX_JSONL), 'utf8').catch(() => '');
  const records: JobRecord[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as JobRecord);
    } catch {
      throw new Error(`${join(out, INDEX_JSONL)}: line ${i + 1} is not JSON`);
    }
  }
  return records;
}

/** The last record of each job id, ordered by when that last record was written. */
export function latestRecords(records: readonly JobRecord[]): JobRecord[] {
  const latest = new Map<string, JobRecord>();
  for (const record of records) {
    latest.delete(record.id);
    latest.set(record.id, record);
  }
  return [...latest.values()];
}

/** Rewrites `out/index.html` from `out/index.jsonl`. */
export async function writeIndexHtml(out: string): Promise<void> {
  const records = latestRecords(await readJobRecords(out));
  await writeFileAtomic(join(out, INDEX_HTML), batchIndexHtml(records));
}
