import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';
import { commitFiles, writeFileAtomic } from './atomic-write';
import { LOCK_FILE_NAME } from './folder-lock';

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

describe('commitFiles under concurrency and after a killed run', () => {
  const names = ['matched.wav', 'patch.json', 'metrics.jsonl', 'summary.json', 'report.html'];
  const runOf = (tag: string) =>
    Object.fromEntries(names.map((name, i) => [name, `${tag}:${name}:${'x'.repeat(2000 * (i + 1))}`]));

  it("two concurrent commits into one folder leave one run's complete set, in 200 of 200 trials", async () => {
    const mixed: number[] = [];
    for (let trial = 0; trial < 200; trial++) {
      const out = join(folder.dir, 'race', String(trial));
      await Promise.all([commitFiles(out, runOf('A')), commitFiles(out, runOf('B'))]);
      const tags = new Set(names.map((name) => readFileSync(join(out, name), 'utf8').split(':')[0]));
      if (tags.size !== 1) mixed.push(trial);
      expect(readdirSync(out).sort()).toEqual([...names].sort());
    }
    expect(mixed).toEqual([]);
  });

  it('waits for a lock held by a live process, and takes over the lock of a dead one', async () => {
    const out = join(folder.dir, 'locked');
    mkdirSync(out);
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(out, LOCK_FILE_NAME), `${holder.pid}\n`);
      let done = false;
      const commit = commitFiles(out, { 'a.txt': 'new' }).then(() => {
        done = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(done).toBe(false);
      expect(existsSync(join(out, 'a.txt'))).toBe(false);
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.on('exit', resolve));
      await commit; // the holder died: its lock is stale and taken over
      expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
      expect(readdirSync(out)).toEqual(['a.txt']);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('temporary files of a run killed with SIGKILL are removed by the next run, those of live processes kept', async () => {
    const out = join(folder.dir, 'killed');
    mkdirSync(out);
    // A child stages temporary files the way commitFiles names them (.NAME.PID.HEX.tmp) plus a
    // lock, says so, and is killed before it can rename or clean anything.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'), path = require('node:path');
         for (const name of ['matched.wav', 'patch.json'])
           fs.writeFileSync(path.join(${JSON.stringify(out)}, '.' + name + '.' + process.pid + '.0badc0de.tmp'), 'half');
         fs.writeFileSync(path.join(${JSON.stringify(out)}, ${JSON.stringify(LOCK_FILE_NAME)}), process.pid + '\\n');
         process.stdout.write('staged\\n');
         setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const staged = readdirSync(out).filter((n) => n.endsWith('.tmp'));
    expect(staged).toHaveLength(2);
    // Temporary files of a live process (this one) and unrelated hidden files are left alone.
    const live = `.other.wav.${process.pid}.12345678.tmp`;
    writeFileSync(join(out, live), 'in progress');
    writeFileSync(join(out, '.keep.tmp'), 'not ours');
    // The next run, through the real executable.
    const result = await runBinary(['render', 'fm', '-q', '-o', join(out, 'next.wav')]);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([live, '.keep.tmp', 'next.wav'].sort());
  });
});
