// Real audio fixtures for tests, encoded by SoX (Debian `sox` + `libsox-fmt-mp3`, installed by .ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs sox with `args`; throws a clear error when sox is missing or fails. */
export function sox(args: readonly string[]): void {
  const result = spawnSync('sox', args, { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `cannot run sox (${result.error.message}): install it with 'apt-get install sox libsox-fmt-mp3' (.ci/run does)`,
    );
  }
  if (result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.stderr}`);
}

/** A fresh temporary folder and a function that removes it. */
export function temporaryFolder(prefix = 'ae-ddsp-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a mono 32-bit float WAV byte for byte (no library), so it may hold NaN or any value. */
export function writeRawFloatWav(path: string, samples: ArrayLike<number>, sampleRateHz: number): void {
  const data = Buffer.alloc(44 + samples.length * 4);
  data.write('RIFF', 0, 'ascii');
  data.writeUInt32LE(36 + samples.length * 4, 4);
  data.write('WAVEfmt ', 8, 'ascii');
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(3, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(sampleRateHz, 24);
  data.writeUInt32LE(sampleRateHz * 4, 28);
  data.writeUInt16LE(4, 32);
  data.writeUInt16LE(32, 34);
  data.write('data', 36, 'ascii');
  data.writeUInt32LE(samples.length * 4, 40);
  for (let i = 0; i < samples.length; i++) data.writeFloatLE(samples[i]!, 44 + 4 * i);
  writeFileSync(path, data);
}

/** Amplitude of the component at `frequencyHz` (Hann-windowed DFT, amplitude-normalised). */
export function amplitudeAt(
  samples: Float32Array,
  sampleRateHz: number,
  frequencyHz: number,
  from = 0,
  to = samples.length,
): number {
  let re = 0;
  let im = 0;
  let windowSum = 0;
  const n = to - from;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    const x = samples[from + i]! * w;
    const phase = (2 * Math.PI * frequencyHz * (from + i)) / sampleRateHz;
    re += x * Math.cos(phase);
    im -= x * Math.sin(phase);
    windowSum += w;
  }
  return (2 * Math.hypot(re, im)) / windowSum;
}

/** Frequency of the strongest component between `lowHz` and `highHz` (golden-section refinement of the DFT peak). */
export function peakFrequency(
  samples: Float32Array,
  sampleRateHz: number,
  lowHz: number,
  highHz: number,
): number {
  let best = lowHz;
  let bestAmplitude = -1;
  for (let f = lowHz; f <= highHz; f += 1) {
    const a = amplitudeAt(samples, sampleRateHz, f);
    if (a > bestAmplitude) {
      bestAmplitude = a;
      best = f;
    }
  }
  let a = best - 1;
  let b = best + 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (amplitudeAt(samples, sampleRateHz, c) > amplitudeAt(samples, sampleRateHz, d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}
