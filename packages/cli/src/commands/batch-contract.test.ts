// The contract of `ae-ddsp batch`, run through the real executable against both engines: the
// local worker_threads pool and BullMQ workers on a private redis-server. Same targets, same
// expectations: match's outputs per job, match's errors for bad targets, the index, resume.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackgroundRun, startBinary } from '../test-support/background-binary';
import {
  indexRecords,
  jobFolders,
  stagingEntries,
  TEST_STEPS,
  writeLibrary,
} from '../test-support/batch-fixtures';
import { errorLine, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';
import { startRedis, type TestRedis } from '../test-support/redis';
import { MATCH_OUTPUT_FILES } from './match-command';

const folder = temporaryFolder('ae-ddsp-batch-');
const lib = join(folder.dir, 'lib');
const { good, bad } = writeLibrary(lib);
afterAll(folder.remove);

/** What `ae-ddsp match` itself says about each bad target (the batch must say the same). */
const matchErrors: Record<string, string> = {};
beforeAll(async () => {
  for (const path of Object.values(bad)) {
    const run = await runBinary(['match', path, ...TEST_STEPS, '--out', join(folder.dir, 'never')]);
    expect(run.status).toBe(1);
    matchErrors[path] = errorLine(run).replace(/^ae-ddsp: error: /, '');
  }
}, 60_000);

interface Engine {
  readonly name: string;
  start(): Promise<void>;
  batchFlags(): string[];
  stop(): Promise<void>;
}

const localPool: Engine = {
  name: 'local pool',
  start: async () => {},
  batchFlags: () => ['--workers', '2'],
  stop: async () => {},
};

function bullmq(): Engine {
  let redis: TestRedis | undefined;
  let workers: BackgroundRun[] = [];
  return {
    name: 'BullMQ',
    async start() {
      redis = await startRedis();
      const url = redis.url('contract');
      workers = [0, 1].map(() => startBinary(['worker', '--queue', url, '--json', '--stall-seconds', '5']));
      await Promise.all(workers.map((w) => w.waitFor((e) => e['event'] === 'ready')));
    },
    batchFlags: () => ['--queue', redis!.url('contract')],
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await redis?.stop();
    },
  };
}

describe.each([localPool, bullmq()])('ae-ddsp batch on the $name', (engine) => {
  const out = join(folder.dir, `out-${engine.name.replace(/\W+/g, '-')}`);
  beforeAll(() => engine.start(), 60_000);
  afterAll(() => engine.stop(), 60_000);

  it('runs one match per target into its own folder; bad targets fail with match’s error; the index says why', async () => {
    const run = await runBinary(['batch', lib, '--out', out, ...TEST_STEPS, ...engine.batchFlags()]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('ae-ddsp: error: 3 of 5 jobs failed;');
    expect(run.stderr).toMatch(/batch: 2 done, 3 failed, 0 skipped in /);

    const records = indexRecords(out);
    expect(records.map((r) => r.target).sort()).toEqual([...good, ...Object.values(bad)].sort());
    for (const record of records) {
      expect(record.settings).toMatchObject({ preset: 'subtractive', method: 'ae-ddsp', steps: 3, seed: 1 });
      expect(record.started_at).toBeGreaterThanOrEqual(record.queued_at);
      expect(record.finished_at).toBeGreaterThanOrEqual(record.started_at);
      expect(record.worker).toMatch(/^.+:\d+/);
      if (good.includes(record.target)) {
        expect(record.status).toBe('done');
        expect(record.error).toBeNull();
        const summary = JSON.parse(readFileSync(join(out, record.id, 'summary.json'), 'utf8'));
        expect(record.final_loss).toBe(summary.final_loss);
        expect(record.initial_loss).toBe(summary.initial_loss);
        expect(summary).toMatchObject({
          preset: 'subtractive',
          method: 'ae-ddsp',
          steps: 3,
          target: record.target,
        });
        expect(readdirSync(join(out, record.id)).sort()).toEqual([...MATCH_OUTPUT_FILES].sort());
      } else {
        expect(record.status).toBe('failed');
        expect(record.error).toBe(matchErrors[record.target]);
      }
    }
    // Only finished jobs have folders; nothing half-written is left behind.
    expect(jobFolders(out)).toEqual(
      records
        .filter((r) => r.status === 'done')
        .map((r) => r.id)
        .sort(),
    );
    expect(stagingEntries(out)).toEqual([]);

    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('5 jobs: 2 done, 3 failed');
    for (const record of records) {
      expect(html.includes(`href="${record.id}/report.html"`)).toBe(record.status === 'done');
      if (record.error) expect(html).toContain(record.error.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
    }
  });

  it('a re-run skips finished jobs and retries failed ones; --force redoes all', async () => {
    const before = indexRecords(out);
    const done = before.filter((r) => r.status === 'done');
    const mtimes = done.map((r) => statSync(join(out, r.id, 'summary.json')).mtimeMs);
    const rerun = await runBinary([
      'batch',
      lib,
      '--out',
      out,
      ...TEST_STEPS,
      '--json',
      ...engine.batchFlags(),
    ]);
    expect(rerun.status).toBe(1);
    const events = rerun.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: 'start', jobs: 5, skipped: 2 });
    expect(events.at(-1)).toMatchObject({ event: 'end', total: 5, done: 0, failed: 3, skipped: 2 });
    expect(
      events
        .filter((e) => e.event === 'job')
        .map((e) => e.target)
        .sort(),
    ).toEqual(Object.values(bad).sort());
    expect(done.map((r) => statSync(join(out, r.id, 'summary.json')).mtimeMs)).toEqual(mtimes);
    expect(indexRecords(out).length).toBe(before.length + 3);

    const forced = await runBinary([
      'batch',
      lib,
      '--out',
      out,
      ...TEST_STEPS,
      '--force',
      '--json',
      ...engine.batchFlags(),
    ]);
    expect(JSON.parse(forced.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      done: 2,
      failed: 3,
      skipped: 0,
    });
    const redone = indexRecords(out).slice(before.length + 3);
    expect(
      redone
        .filter((r) => r.status === 'done')
        .map((r) => r.id)
        .sort(),
    ).toEqual(done.map((r) => r.id).sort());
    for (const record of done) {
      expect(statSync(join(out, record.id, 'summary.json')).mtimeMs).toBeGreaterThan(
        mtimes[done.indexOf(record)]!,
      );
    }
    expect(stagingEntries(out)).toEqual([]);
  });

  it('a manifest sets per-target settings; several presets give one job each', async () => {
    const manifest = join(folder.dir, `manifest-${engine.name.replace(/\W+/g, '-')}.jsonl`);
    writeFileSync(
      manifest,
      `${JSON.stringify({ target: 'lib/a.wav', preset: 'fm', seed: 4 })}\n\n{"target": "lib/sub/b.wav"}\n`,
    );
    const target = join(folder.dir, `presets-${engine.name.replace(/\W+/g, '-')}`);
    const run = await runBinary([
      'batch',
      manifest,
      '--out',
      target,
      '--preset',
      'seed-stub,additive',
      ...TEST_STEPS,
      '--json',
      ...engine.batchFlags(),
    ]);
    expect(run.status, run.stderr).toBe(0);
    const jobs = indexRecords(target).map((r) => [r.target, r.settings.preset, r.settings.seed, r.status]);
    expect(jobs.sort()).toEqual([
      [good[0], 'fm', 4, 'done'],
      [good[1], 'additive', 1, 'done'],
      [good[1], 'seed-stub', 1, 'done'],
    ]);
    for (const record of indexRecords(target)) {
      const summary = JSON.parse(readFileSync(join(target, record.id, 'summary.json'), 'utf8'));
      expect([summary.preset, summary.seed]).toEqual([record.settings.preset, record.settings.seed]);
      expect(record.id).toMatch(new RegExp(`^(a|b)-${record.settings.preset}-ae-ddsp-[0-9a-f]{12}$`));
    }
  });
});
