// Faults of `ae-ddsp batch`, through the real executable: a BullMQ worker killed with SIGKILL
// mid-job, Redis restarted mid-batch, a local batch killed mid-run, two batch runs on one
// output folder at once. In every case each job finishes once and no folder is half-written.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../cli/folder-lock';
import { startBinary } from '../test-support/background-binary';
import {
  indexRecords,
  jobFolders,
  stagingEntries,
  TEST_STEPS,
  writeTone,
} from '../test-support/batch-fixtures';
import { runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';
import { startRedis } from '../test-support/redis';
import { MATCH_OUTPUT_FILES } from './match-command';

const folder = temporaryFolder('ae-ddsp-batch-faults-');
afterAll(folder.remove);

/** `count` distinct 0.3 s tones in a fresh folder. */
function tones(name: string, count: number): string {
  const dir = join(folder.dir, name);
  execFileSync('mkdir', ['-p', dir]);
  for (let i = 0; i < count; i++) writeTone(join(dir, `t${i}.wav`), 'sine', 220 + 110 * i);
  return dir;
}

/** Every job folder holds exactly match's five outputs, and each job has exactly one `done` line. */
function expectFinishedOnce(out: string, jobs: number): void {
  const records = indexRecords(out);
  expect(records.every((r) => r.status === 'done')).toBe(true);
  expect(new Set(records.map((r) => r.id)).size).toBe(jobs);
  expect(records.length).toBe(jobs);
  expect(jobFolders(out)).toEqual(records.map((r) => r.id).sort());
  for (const id of jobFolders(out))
    expect(readdirSync(join(out, id)).sort()).toEqual([...MATCH_OUTPUT_FILES].sort());
}

/** Pids of the children of `pid`. */
function childrenOf(pid: number): number[] {
  const text = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

async function eventually(check: () => boolean, timeoutMs = 20_000): Promise<boolean> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('ae-ddsp batch: faults', () => {
  it('a worker killed with SIGKILL mid-job: the job is retried by another worker, finishes once, nothing half-written', async () => {
    const redis = await startRedis();
    const url = redis.url('sigkill');
    const lib = tones('sigkill', 1);
    const out = join(folder.dir, 'sigkill-out');
    const first = startBinary(['worker', '--queue', url, '--json', '--stall-seconds', '2']);
    try {
      await first.waitFor((e) => e['event'] === 'ready');
      const batch = runBinary(['batch', lib, '--out', out, '--steps', '80', '--queue', url, '--json']);
      await first.waitFor((e) => e['event'] === 'job-start');
      const orphans = childrenOf(first.child.pid!);
      expect(orphans.length).toBeGreaterThan(0); // the sandboxed processor
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await first.stop('SIGKILL');
      // Its processor child notices and exits instead of matching on unattended.
      expect(await eventually(() => orphans.every((pid) => !isProcessAlive(pid)))).toBe(true);
      expect(jobFolders(out)).toEqual([]);

      const second = startBinary(['worker', '--queue', url, '--json', '--stall-seconds', '2']);
      try {
        const result = await batch;
        expect(result.status, result.stderr).toBe(0);
        expectFinishedOnce(out, 1);
        expect(indexRecords(out)[0]!.worker).not.toContain(`:${first.child.pid}`);
        expect(second.events.filter((e) => e['event'] === 'job' && e['status'] === 'done').length).toBe(1);
        expect(stagingEntries(out)).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop('SIGKILL');
      await redis.stop();
    }
  });

  it('Redis restarted mid-batch: the workers and the batch reconnect, no job is lost or done twice', async () => {
    const redis = await startRedis({ persistent: true });
    const url = redis.url('restart');
    const lib = tones('restart', 4);
    const out = join(folder.dir, 'restart-out');
    const worker = startBinary(['worker', '--queue', url, '--json', '--stall-seconds', '5']);
    try {
      await worker.waitFor((e) => e['event'] === 'ready');
      const batch = startBinary(['batch', lib, '--out', out, ...TEST_STEPS, '--queue', url, '--json']);
      await batch.waitFor((e) => e['event'] === 'job');
      await redis.restart({ downMs: 1000 });
      // The restart really was mid-batch: jobs were still to do.
      expect(batch.events.filter((e) => e['event'] === 'job').length).toBeLessThan(4);
      const [status] = await Promise.all([
        new Promise<number | null>((resolve) => batch.child.on('exit', (code) => resolve(code))).catch(
          () => null,
        ),
        batch.waitFor((e) => e['event'] === 'end', 120_000),
      ]);
      expect(status, batch.stderr()).toBe(0);
      expect(batch.events.at(-1)).toMatchObject({ event: 'end', done: 4, failed: 0 });
      expectFinishedOnce(out, 4);
      expect(worker.events.filter((e) => e['event'] === 'job').length).toBe(4);
    } finally {
      await worker.stop();
      await redis.stop();
    }
  }, 180_000);

  it('a local batch killed with SIGKILL mid-run leaves no half-written folder, and the re-run finishes the rest', async () => {
    const lib = tones('killed', 2);
    const out = join(folder.dir, 'killed-out');
    const batch = startBinary(['batch', lib, '--out', out, '--steps', '80', '--workers', '2', '--json']);
    await batch.waitFor((e) => e['event'] === 'job-start');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await batch.stop('SIGKILL');
    expect(batch.events.filter((e) => e['event'] === 'job').length).toBeLessThan(2); // killed mid-run
    for (const id of jobFolders(out))
      expect(readdirSync(join(out, id)).sort()).toEqual([...MATCH_OUTPUT_FILES].sort());
    const survived = jobFolders(out).length;
    const rerun = await runBinary(['batch', lib, '--out', out, '--steps', '80', '--workers', '2', '--json']);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout.split('\n')[0]!)).toMatchObject({ event: 'start', skipped: survived });
    expectFinishedOnce(out, 2);
    expect(stagingEntries(out)).toEqual([]);
  });

  it('two batch runs on one output folder at once: index.jsonl stays whole, each job finished once', async () => {
    const lib = tones('twice', 3);
    const out = join(folder.dir, 'twice-out');
    const args = ['batch', lib, '--out', out, ...TEST_STEPS, '--workers', '1', '--json'];
    const [a, b] = await Promise.all([runBinary(args), runBinary(args)]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expectFinishedOnce(out, 3);
    const ends = [a, b].map((run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!));
    // Between them the two runs finished each job once; the other run skipped it.
    expect(ends[0].done + ends[1].done).toBe(3);
    expect(ends[0].skipped + ends[1].skipped).toBe(3);
  });
});
