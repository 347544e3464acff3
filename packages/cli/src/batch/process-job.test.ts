// The job processor in this process (no engine): match's outputs moved into place whole,
// the index line, skip and force, match's error for a bad target, stale staging, no leaks.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main';
import { MATCH_OUTPUT_FILES } from '../commands/match-command';
import { indexRecords, writeTone } from '../test-support/batch-fixtures';
import { temporaryFolder } from '../test-support/fixtures';
import { type BatchJob, createJob, type JobSettings } from './batch-job';
import { processJob, removeStaleStaging, STAGING_FOLDER } from './process-job';

const folder = temporaryFolder('ae-ddsp-process-job-');
afterAll(folder.remove);
const out = join(folder.dir, 'out');
mkdirSync(out);
const settings: JobSettings = {
  preset: 'seed-stub',
  method: 'ae-ddsp',
  steps: 3,
  seed: 1,
  sample_rate: 16000,
  loss: 'match',
  pitch_weight: 1e4,
  float: false,
};
const job = (target: string, force = false): BatchJob =>
  createJob(target, new TextEncoder().encode(target), settings, { out, force });

describe('processJob', () => {
  const target = join(folder.dir, 'tone.wav');
  writeTone(target, 'sine', 330);

  it('writes match’s outputs into DIR/<id>, one index line, then skips; force redoes without leaking tensors', async () => {
    const first = await processJob(job(target), { worker: 'test' });
    expect(first.status).toBe('done');
    expect(readdirSync(join(out, first.id)).sort()).toEqual([...MATCH_OUTPUT_FILES].sort());
    expect(indexRecords(out).map((r) => [r.id, r.status, r.worker])).toEqual([[first.id, 'done', 'test']]);
    expect(await processJob(job(target), { worker: 'test' })).toEqual({
      status: 'skipped',
      id: first.id,
      reason: 'already finished',
    });
    await processJob(job(target, true), { worker: 'test' });
    const tensors = tf.memory().numTensors;
    const forced = await processJob(job(target, true), { worker: 'test' });
    expect(forced.status).toBe('done');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(indexRecords(out).length).toBe(3);
    expect(readdirSync(join(out, STAGING_FOLDER))).toEqual([]);
  });

  it('fails a bad target with the error match prints, and writes no folder', async () => {
    const bad = join(folder.dir, 'bad.wav');
    writeFileSync(bad, 'not audio at all');
    const stderr: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (t: string | Uint8Array) => stderr.push(String(t)) },
    };
    expect(
      await runCli(['match', bad, '--out', join(folder.dir, 'x')], {
        ...io,
        interactive: false,
        cwd: process.cwd(),
      }),
    ).toBe(1);
    const outcome = await processJob(job(bad), { worker: 'test' });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(`ae-ddsp: error: ${outcome.record.error}\n`).toBe(stderr.join(''));
    expect(readdirSync(out)).not.toContain(outcome.id);
  });

  it('removes staging folders of dead processes of this host only', async () => {
    const staging = join(out, STAGING_FOLDER);
    const host = hostname().replace(/[^A-Za-z0-9_-]+/g, '_');
    const names = [
      `j.${host}.999999999.0123abcd`,
      `j.${host}.${process.pid}.0123abcd`,
      'j.otherhost.999999999.0123abcd',
    ];
    for (const name of names) mkdirSync(join(staging, name, 'inner'), { recursive: true });
    expect(await removeStaleStaging(out)).toEqual([names[0]]);
    expect(readdirSync(staging).sort()).toEqual([names[1], names[2]].sort());
  });
});
