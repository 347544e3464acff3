// `ae-ddsp render` streams: through the real executable, the WAV rendered in blocks equals a
// one-shot render of the same patch, and peak memory does not grow with the duration.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_NAMES, presetPatch, SynthPlant } from '@ae-ddsp/plant';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../audio/read-audio';
import { BIN, requireBuiltBinary, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder();
afterAll(folder.remove);
const file = (name: string) => join(folder.dir, name);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Peak resident memory of one `ae-ddsp` run, MiB (GNU time's maximum resident set size). */
function peakRssMiB(args: readonly string[]): number {
  requireBuiltBinary();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], {
    cwd: folder.dir,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
}

describe('render streams in blocks', () => {
  it('writes, for every preset, the one-shot render (several blocks of 65 536 samples, float32 WAV)', async () => {
    const sampleRateHz = 48000;
    const seconds = 3; // 144 000 samples: three blocks, the last one partial
    for (const preset of PRESET_NAMES) {
      const name = `${preset}.wav`;
      const run = await runBinary(
        [
          'render',
          preset,
          '--duration',
          String(seconds),
          '--sample-rate',
          String(sampleRateHz),
          '--float',
          '-q',
          '-o',
          name,
        ],
        { cwd: folder.dir },
      );
      expect(run.status).toBe(0);
      const clip = await decodeAudio(readFileSync(file(name)), name);
      const plant = new SynthPlant(presetPatch(preset), { sampleRate: sampleRateHz });
      const whole = tf.tidy(() =>
        plant.render(plant.initialParameters(1), seconds * sampleRateHz).dataSync(),
      );
      expect(clip.samples.length).toBe(whole.length);
      let peak = 0;
      let worst = 0;
      for (let i = 0; i < whole.length; i++) {
        peak = Math.max(peak, Math.abs(whole[i]!));
        worst = Math.max(worst, Math.abs(clip.samples[i]! - whole[i]!));
      }
      expect(peak, preset).toBeGreaterThan(1e-3);
      expect(worst, preset).toBeLessThanOrEqual(4 * 2 ** -24 * Math.max(1, peak));
    }
  });

  it('peak memory stays flat from 2 s to 40 s at 96 kHz (a one-shot render grows by ~15 MB per second)', () => {
    const args = (seconds: number) => [
      'render',
      'additive',
      '--sample-rate',
      '96000',
      '--duration',
      String(seconds),
      '-q',
      '-o',
      'long.wav',
    ];
    const short = peakRssMiB(args(2));
    const long = peakRssMiB(args(40));
    expect(readFileSync(file('long.wav')).length).toBe(44 + 2 * 40 * 96000);
    expect(long - short).toBeLessThan(48);
  });
});
