import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../test-support/fixtures';
import { commitFiles, writeFileAtomic } from './atomic-write';

const folder = temporaryFolder();
afterAll(folder.remove);

describe('atomic output', () => {
  it('writes a file and replaces an existing one, leaving no temporary files', async () => {
    const path = join(folder.dir, 'a.txt');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(folder.dir)).toEqual(['a.txt']);
  });

  it('a failed set of files changes nothing that existed and leaves no temporary files', async () => {
    const out = join(folder.dir, 'out');
    mkdirSync(join(out, 'report.html'), { recursive: true }); // a folder where a file must go: fails
    writeFileSync(join(out, 'summary.json'), 'old');
    await expect(commitFiles(out, { 'summary.json': 'new', 'report.html': '<html>' })).rejects.toThrow(
      /report\.html: is a directory/,
    );
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('old');
    expect(readdirSync(out).sort()).toEqual(['report.html', 'summary.json']);
  });

  it('creates the output folder, refuses a file in its place, and names a missing parent folder', async () => {
    const written = await commitFiles(join(folder.dir, 'new', 'deep'), { 'x.json': '{}' });
    expect(readFileSync(written[0]!, 'utf8')).toBe('{}');
    writeFileSync(join(folder.dir, 'plain'), 'x');
    await expect(commitFiles(join(folder.dir, 'plain'), { 'x.json': '{}' })).rejects.toThrow(
      /plain: exists and is not a folder/,
    );
    await expect(writeFileAtomic(join(folder.dir, 'missing', 'x.wav'), 'x')).rejects.toThrow(
      /missing: output folder does not exist/,
    );
  });
});
