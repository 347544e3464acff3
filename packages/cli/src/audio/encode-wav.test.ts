import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../test-support/fixtures';
import { encodeWav } from './encode-wav';
import { decodeAudio } from './read-audio';

const folder = temporaryFolder();
afterAll(folder.remove);

const ramp = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) * 0.9);

describe('encodeWav', () => {
  it('16-bit PCM round-trips through the decoder within one quantisation step', async () => {
    const clip = await decodeAudio(encodeWav(ramp, 22050), 'x.wav');
    expect(clip.sampleRateHz).toBe(22050);
    expect(clip.samples.length).toBe(ramp.length);
    for (let i = 0; i < ramp.length; i++)
      expect(Math.abs(clip.samples[i]! - ramp[i]!)).toBeLessThan(1.5 / 32767);
  });

  it('32-bit float round-trips exactly and keeps values beyond full scale', async () => {
    const loud = Float32Array.from(ramp, (x) => x * 1.5);
    const clip = await decodeAudio(encodeWav(loud, 16000, { encoding: 'float32' }), 'x.wav');
    expect(Array.from(clip.samples)).toEqual(Array.from(loud));
  });

  it('16-bit clips to full scale instead of wrapping', async () => {
    const clip = await decodeAudio(encodeWav(Float32Array.from([2, -2, 0.5]), 16000), 'x.wav');
    expect(clip.samples[0]).toBeCloseTo(1, 4);
    expect(clip.samples[1]).toBeCloseTo(-1, 4);
  });

  it('writes headers SoX reads as the stated format', () => {
    for (const [encoding, bits, kind] of [
      ['pcm16', '16', 'Signed Integer PCM'],
      ['float32', '32', 'Floating Point PCM'],
    ] as const) {
      const path = join(folder.dir, `${encoding}.wav`);
      writeFileSync(path, encodeWav(ramp, 16000, { encoding }));
      const info = spawnSync('soxi', [path], { encoding: 'utf8' });
      expect(info.stdout).toMatch(/Channels\s*: 1/);
      expect(info.stdout).toMatch(/Sample Rate\s*: 16000/);
      expect(info.stdout).toMatch(new RegExp(`Precision\\s*: ${bits === '16' ? 16 : 25}-bit`));
      expect(info.stdout).toContain(kind);
      expect(info.stdout).toMatch(/Duration\s*: 00:00:00.06 = 1000 samples/);
    }
  });

  it('rejects non-finite samples and bad rates, naming them', () => {
    expect(() => encodeWav(Float32Array.from([0, Number.NaN]), 16000)).toThrow(/sample 1 is NaN/);
    expect(() => encodeWav(ramp, 0)).toThrow(/sample rate must be a positive integer/);
  });
});
