import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../cli/flags';
import { matchCommand } from '../commands/match-command';
import { createJob, type JobSettings, jobKey, matchArguments } from './batch-job';

const settings: JobSettings = {
  preset: 'fm',
  method: 'adam',
  steps: 7,
  seed: 3,
  sample_rate: 22050,
  loss: 'log-mel',
  pitch_weight: 0.5,
  float: true,
};
const bytes = new Uint8Array([1, 2, 3, 4]);

describe('batch jobs', () => {
  it('are keyed by target bytes, settings and version, not by where the file is', () => {
    const key = jobKey(bytes, settings, '1.0.0');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(jobKey(Uint8Array.from(bytes), { ...settings }, '1.0.0')).toBe(key);
    // Key order of the settings does not matter.
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as unknown as JobSettings;
    expect(jobKey(bytes, reordered, '1.0.0')).toBe(key);
    expect(jobKey(new Uint8Array([1, 2, 3, 5]), settings, '1.0.0')).not.toBe(key);
    expect(jobKey(bytes, { ...settings, steps: 8 }, '1.0.0')).not.toBe(key);
    expect(jobKey(bytes, { ...settings, float: false }, '1.0.0')).not.toBe(key);
    expect(jobKey(bytes, settings, '1.0.1')).not.toBe(key);
    const a = createJob('/x/kick drum.wav', bytes, settings, { out: '/o', version: '1.0.0' });
    const b = createJob('/y/kick drum.wav', bytes, settings, { out: '/o', version: '1.0.0' });
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(`kick_drum-fm-adam-${key.slice(0, 12)}`);
  });

  it('make folder-safe ids from any file name', () => {
    expect(createJob('/x/../..wav', bytes, settings, { out: '/o' }).id).toMatch(/^target-fm-adam-/);
    expect(createJob('/x/a\nb<c>.flac', bytes, settings, { out: '/o' }).id).toMatch(/^a_b_c_-fm-adam-/);
  });

  it('give the match command line that match itself parses back to the same settings', () => {
    const job = createJob('/x/t.wav', bytes, settings, { out: '/o' });
    const parsed = parseCommandLine('match', matchArguments(job, '/o/stage'), matchCommand.flags, 1);
    expect(parsed.positionals).toEqual(['/x/t.wav']);
    expect(parsed.values).toMatchObject({
      out: '/o/stage',
      json: true,
      preset: 'fm',
      method: 'adam',
      steps: 7,
      seed: 3,
      'sample-rate': 22050,
      loss: 'log-mel',
      'pitch-weight': 0.5,
      float: true,
    });
  });
});
