// `ae-ddsp features` through the real executable, checked against torchaudio's values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';
import { sox, temporaryFolder, writeRawFloatWav } from '../test-support/fixtures';

interface FixtureFeatures {
  logmel: number[][];
  centroid_hz: number[];
  rolloff85_hz: number[];
  rolloff95_hz: number[];
  flatness: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../features/test-data/features-torchaudio.json', import.meta.url), 'utf8'),
) as { signals: Record<string, { signal: number[]; fft1024: FixtureFeatures; fft4096: FixtureFeatures }> };

const folder = temporaryFolder();
afterAll(folder.remove);
const file = (name: string) => join(folder.dir, name);

/** Largest |got − want| (NaN if any entry is NaN, so the comparison after it fails). */
function worst(got: number[], want: number[]): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i]! - want[i]!);
    m = Math.max(m, e); // NaN propagates
  }
  return m;
}

describe('ae-ddsp features', () => {
  for (const [name, fftLength] of [
    ['saw220', 1024],
    ['chirp100to4000', 4096],
  ] as const) {
    it(`${name} at n_fft ${fftLength}: the torchaudio fixture's keys and values`, async () => {
      const signal = fixture.signals[name]!;
      writeRawFloatWav(file(`${name}.wav`), signal.signal, 16000);
      const run = await runBinary(['features', file(`${name}.wav`), '--n-fft', String(fftLength), '--json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const got = JSON.parse(run.stdout) as FixtureFeatures & { frames: number; sample_rate: number };
      const want = signal[`fft${fftLength}`];
      expect(got.sample_rate).toBe(16000);
      expect(got.frames).toBe(63);
      expect(got.logmel.length).toBe(63);
      expect(got.logmel[0]!.length).toBe(64);
      expect(worst(got.logmel.flat(), want.logmel.flat())).toBeLessThan(1e-2);
      expect(worst(got.centroid_hz, want.centroid_hz)).toBeLessThan(0.05);
      expect(worst(got.rolloff85_hz, want.rolloff85_hz)).toBeLessThan(1e-3);
      expect(worst(got.rolloff95_hz, want.rolloff95_hz)).toBeLessThan(1e-3);
      expect(worst(got.flatness, want.flatness)).toBeLessThan(1e-5);
    });
  }

  it('prints a summary by default and writes JSON atomically with -o', async () => {
    sox([
      '-r',
      '44100',
      '-n',
      '-c',
      '2',
      '-b',
      '16',
      file('tone.flac'),
      'synth',
      '0.5',
      'sine',
      '1000',
      'gain',
      '-6',
    ]);
    const summary = await runBinary(['features', file('tone.flac'), '--sample-rate', '16000']);
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('frames at 16000 Hz (n_fft 1024, hop 256, 64 mels)');
    const centroidMean = Number(/centroid_hz\s+([\d.]+)/.exec(summary.stdout)![1]);
    expect(Math.abs(centroidMean - 1000)).toBeLessThan(60);
    const written = await runBinary(['features', 'tone.flac', '--n-mels', '32', '-o', 'f.json'], {
      cwd: folder.dir,
    });
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/^wrote f\.json \(\d+ frames\)\n$/);
    const json = JSON.parse(readFileSync(file('f.json'), 'utf8'));
    expect(json.n_mels).toBe(32);
    expect(json.logmel[0].length).toBe(32);
    expect(json.sample_rate).toBe(44100);
  });

  it('rejects bad flags and bad audio with one line and a non-zero status', async () => {
    writeRawFloatWav(file('short.wav'), new Float32Array(500).fill(0.5), 16000);
    const cases: [string[], number, RegExp][] = [
      [
        ['features', file('short.wav')],
        1,
        /short\.wav: audio is 500 samples \(31\.3 ms\) at 16000 Hz, shorter than one analysis frame \(n_fft 1024\)/,
      ],
      [['features', file('nothing.wav')], 1, /nothing\.wav: no such file/],
      [['features', folder.dir], 1, /is a directory/],
      [['features', file('short.wav'), '--n-fft', '1000'], 2, /--n-fft must be a power of two/],
      [
        ['features', file('short.wav'), '--n-fft', '8'],
        2,
        /--n-fft must be an integer in \[16, 32768\]; got "8"/,
      ],
      [
        ['features', file('short.wav'), '--hop', 'abc'],
        2,
        /--hop must be an integer in \[1, 32768\]; got "abc"/,
      ],
      [
        ['features', file('short.wav'), '--n-mels', '0'],
        2,
        /--n-mels must be an integer in \[1, 512\]; got "0"/,
      ],
      [
        ['features', file('short.wav'), '--sample-rate', '999999'],
        2,
        /--sample-rate must be an integer in \[1000, 192000\]/,
      ],
      [['features'], 2, /missing argument: features needs 1 argument/],
      [['features', 'a.wav', 'b.wav'], 2, /unexpected argument "b\.wav"/],
      [['features', 'a.wav', '--bogus'], 2, /unknown option --bogus/],
    ];
    for (const [args, status, pattern] of cases) {
      const run = await runBinary(args);
      expect(run.status, args.join(' ')).toBe(status);
      expect(run.stdout).toBe('');
      const line = errorLine(run);
      expect(line.startsWith('ae-ddsp: error: ')).toBe(true);
      expect(line).toMatch(pattern);
    }
  });
});
