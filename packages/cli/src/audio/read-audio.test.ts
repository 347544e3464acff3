import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amplitudeAt, peakFrequency, sox, temporaryFolder, writeRawFloatWav } from '../test-support/fixtures';
import { AudioFileError } from './audio-error';
import { readAudio } from './read-audio';

const folder = temporaryFolder();
const file = (name: string) => join(folder.dir, name);
afterAll(folder.remove);

// One stereo source: left 440 Hz, right 1000 Hz, each at amplitude 0.5, 0.5 s at 44.1 kHz.
beforeAll(() => {
  sox([
    '-n',
    '-r',
    '44100',
    '-c',
    '2',
    '-b',
    '24',
    file('source.wav'),
    'synth',
    '0.5',
    'sine',
    '440',
    'sine',
    '1000',
    'gain',
    '-6.0206',
  ]);
  const encodings: [string, string[]][] = [
    ['u8.wav', ['-b', '8', '-e', 'unsigned-integer']],
    ['s16.wav', ['-b', '16']],
    ['s24.wav', ['-b', '24']],
    ['s32.wav', ['-b', '32']],
    ['f32.wav', ['-b', '32', '-e', 'floating-point']],
    ['f64.wav', ['-b', '64', '-e', 'floating-point']],
    ['x.flac', ['-b', '16']],
    ['x.mp3', ['-C', '192']],
    ['x.ogg', ['-C', '6']],
  ];
  for (const [name, args] of encodings) sox([file('source.wav'), ...args, file(name)]);
});

describe('readAudio: formats', () => {
  // Tolerances on the mono mix's amplitude (0.25 for each tone) per codec: lossless vs lossy.
  const cases: [string, number][] = [
    ['u8.wav', 0.01],
    ['s16.wav', 1e-3],
    ['s24.wav', 1e-3],
    ['s32.wav', 1e-3],
    ['f32.wav', 1e-3],
    ['f64.wav', 1e-3],
    ['x.flac', 1e-3],
    ['x.mp3', 0.02],
    ['x.ogg', 0.02],
  ];
  for (const [name, tolerance] of cases) {
    it(`${name}: decodes, mixes the two channels to mono and keeps the file's rate`, async () => {
      const clip = await readAudio(file(name));
      expect(clip.sourceChannels).toBe(2);
      expect(clip.sampleRateHz).toBe(44100);
      expect(Math.abs(clip.samples.length - 22050)).toBeLessThan(name.endsWith('.mp3') ? 3000 : 1);
      const body = [4410, 17640] as const;
      expect(Math.abs(amplitudeAt(clip.samples, 44100, 440, ...body) - 0.25)).toBeLessThan(tolerance);
      expect(Math.abs(amplitudeAt(clip.samples, 44100, 1000, ...body) - 0.25)).toBeLessThan(tolerance);
    });
  }

  it('resamples to the requested rate: frequencies stay put, no aliasing', async () => {
    const clip = await readAudio(file('s24.wav'), { sampleRateHz: 16000 });
    expect(clip.sampleRateHz).toBe(16000);
    expect(clip.sourceSampleRateHz).toBe(44100);
    expect(clip.samples.length).toBe(8000);
    expect(peakFrequency(clip.samples.subarray(1600, 6400), 16000, 400, 480)).toBeCloseTo(440, 1);
    expect(amplitudeAt(clip.samples, 16000, 1000, 1600, 6400)).toBeCloseTo(0.25, 3);
  });
});

describe('readAudio: bad input gets one line naming the file and the problem', () => {
  const expectError = async (path: string, pattern: RegExp, options = {}) => {
    const error = await readAudio(path, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AudioFileError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).not.toContain('\n');
    expect(message).toMatch(pattern);
  };

  it('missing file', () => expectError(file('nope.wav'), /no such file/));
  it('a directory', () => expectError(folder.dir, /is a directory/));
  it('zero-length file', async () => {
    writeFileSync(file('empty.wav'), '');
    await expectError(file('empty.wav'), /is empty \(0 bytes\)/);
  });
  it('not audio at all', async () => {
    writeFileSync(file('notes.txt'), 'these are not the samples you are looking for\n');
    await expectError(file('notes.txt'), /unsupported or unrecognised audio format/);
  });
  it('a WAV header with no usable data', async () => {
    writeFileSync(file('corrupt.wav'), Buffer.from('RIFF\x24\x00\x00\x00WAVEjunkjunkjunkjunk', 'latin1'));
    await expectError(file('corrupt.wav'), /corrupt or unreadable WAV data|contains no audio samples/);
  });
  it('a truncated FLAC stream', async () => {
    const { readFileSync } = await import('node:fs');
    writeFileSync(file('cut.flac'), readFileSync(file('x.flac')).subarray(0, 60));
    await expectError(file('cut.flac'), /FLAC/);
  });
  it('silent audio', async () => {
    // SoX dithers the conversion to 16 bits: ±1 LSB of noise, still silence to any listener.
    sox(['-r', '16000', '-n', '-c', '1', '-b', '16', file('silent.wav'), 'trim', '0', '0.5']);
    await expectError(file('silent.wav'), /audio is silent/);
  });
  it('shorter than one analysis frame', async () => {
    sox(['-r', '16000', '-n', '-c', '1', '-b', '16', file('short.wav'), 'synth', '100s', 'sine', '440']);
    await expectError(
      file('short.wav'),
      /100 samples \(6\.3 ms\) at 16000 Hz, shorter than one analysis frame \(1024 samples\)/,
      {
        minimumSamples: 1024,
        minimumReason: 'one analysis frame',
      },
    );
  });
  it('NaN samples', async () => {
    writeRawFloatWav(file('nan.wav'), [0.1, 0.2, Number.NaN, 0.1], 16000);
    await expectError(
      file('nan.wav'),
      /sample 2 of channel 0 is NaN: audio must contain finite samples only/,
    );
  });
  it('infinite samples', async () => {
    writeRawFloatWav(file('inf.wav'), [0.1, Number.NEGATIVE_INFINITY, 0.1], 16000);
    await expectError(
      file('inf.wav'),
      /sample 1 of channel 0 is -Infinity: audio must contain finite samples only/,
    );
  });
});
