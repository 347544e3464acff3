/**
 * Reads the records appended to `index.jsonl` since a given byte offset: how the BullMQ
 * engine's submitting process learns what the workers (on any machine sharing the output
 * folder) did, without depending on Redis events that a restart could lose.
 * @module
 */

import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_JSONL } from './batch-index';
import type { JobRecord } from './job-record';

/** Follows `out/index.jsonl` from byte `offset` (its current size by default). */
export class IndexTail {
  private offset: number;
  private readonly path: string;

  private constructor(path: string, offset: number) {
    this.path = path;
    this.offset = offset;
  }

  /** A tail of `out/index.jsonl` starting at its current end (0 when it does not exist). */
  static async atEnd(out: string): Promise<IndexTail> {
    const path = join(out, INDEX_JSONL);
    const size = await open(path, 'r').then(
      async (file) => {
        try {
          return (await file.stat()).size;
        } finally {
          await file.close();
        }
      },
      () => 0,
    );
    return new IndexTail(path, size);
  }

  /** The complete lines appended since the last call, parsed. */
  async read(): Promise<JobRecord[]> {
    const file = await open(this.path, 'r').catch(() => undefined);
    if (!file) return [];
    try {
      const { size } = await file.stat();
      if (size <= this.offset) return [];
      const buffer = Buffer.alloc(size - this.offset);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, this.offset);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      const end = text.lastIndexOf('\n');
      if (end < 0) return [];
      this.offset += Buffer.byteLength(text.slice(0, end + 1));
      return text
        .slice(0, end)
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as JobRecord);
    } finally {
      await file.close();
    }
  }
}
