import { describe, expect, it } from 'vitest';
import { latestRecords } from './batch-index';
import { batchIndexHtml } from './index-html';
import type { JobRecord } from './job-record';

const record = (id: string, status: 'done' | 'failed', extra: Partial<JobRecord> = {}): JobRecord => ({
  format: 'ae-ddsp/batch-job@1',
  id,
  key: id,
  target: `/lib/${id}.wav`,
  settings: {
    preset: 'fm',
    method: 'adam',
    steps: 3,
    seed: 1,
    sample_rate: 16000,
    loss: 'match',
    pitch_weight: 1,
    float: false,
  },
  status,
  initial_loss: status === 'done' ? 2 : null,
  final_loss: status === 'done' ? 0.5 : null,
  time_s: 1.5,
  queued_at: 0,
  started_at: 1,
  finished_at: 2,
  worker: 'host:1',
  error: status === 'done' ? null : 'bad <file> & "worse"',
  warnings: [],
  version: '0.0.0',
  ...extra,
});

describe('batch index', () => {
  it('keeps the last record of each job', () => {
    const latest = latestRecords([record('a', 'failed'), record('b', 'done'), record('a', 'done')]);
    expect(latest.map((r) => [r.id, r.status])).toEqual([
      ['b', 'done'],
      ['a', 'done'],
    ]);
  });

  it('links the report of finished jobs, escapes what it shows, and sorts numbers as numbers', () => {
    const html = batchIndexHtml([record('ok', 'done'), record('x<y', 'failed')]);
    expect(html).toContain('2 jobs: 1 done, 1 failed');
    expect(html).toContain('<a href="ok/report.html">ok.wav</a>');
    expect(html).not.toContain('x<y/report.html');
    expect(html).toContain('bad &lt;file&gt; &amp; &quot;worse&quot;');
    expect(html).toContain('<td data-sort="0.5">5.000e-1</td>');
    expect(html).toContain('<th data-numeric="1">final loss</th>');
  });
});
