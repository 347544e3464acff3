// Input the CLI must not choke on, through the real executable: long files at a tiny hop, sample
// rates above 192 kHz, WAVs cut short, the length of resampled audio, and control characters
// in what an error message quotes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFeatureSize, MAX_SPECTROGRAM_BYTES } from '../analysis/frame-features';
import { errorLine, runBinary } from '../test-support/binary';
import { temporaryFolder, writeRawFloatWav } from '../test-support/fixtures';

const folder = temporaryFolder();
afterAll(folder.remove);
const file = (name: string) => join(folder.dir, name);
const run = (args: string[]) => runBinary(args, { cwd: folder.dir });

function tone(sampleRateHz: number, seconds: number, frequencyHz = 440): Float32Array {
  const n = Math.round(sampleRateHz * seconds);
  return Float32Array.from(
    { length: n },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz),
  );
}

beforeAll(() => {
  writeRawFloatWav(file('minute.wav'), tone(44100, 60), 44100);
});

describe('features: a size limit checked before any allocation', () => {
  it('refuses 60 s at --hop 1 at once, giving the size, the limit and a hop that fits', async () => {
    const started = performance.now();
    const result = await run(['features', 'minute.wav', '--hop', '1']);
    const seconds = (performance.now() - started) / 1000;
    expect(result.status).toBe(1);
    const frames = 2646001;
    const gib = ((frames * 513 * 4) / 2 ** 30).toFixed(2);
    expect(errorLine(result)).toBe(
      `ae-ddsp: error: minute.wav: ${frames} frames × 513 bins × 4 bytes = ${gib} GiB of spectrogram, over the limit of 256.0 MiB; use --hop 21 or more, a smaller --n-fft, or a shorter file`,
    );
    expect(result.stdout).toBe('');
    // Decoding 60 s takes about a second; computing 5 GiB of spectrogram would take minutes.
    expect(seconds).toBeLessThan(30);
  });

  it('the hop it suggests is the smallest within the limit', () => {
    expect(() => checkFeatureSize(2646000, 1024, 21)).not.toThrow();
    expect(() => checkFeatureSize(2646000, 1024, 20)).toThrow(/use --hop 21 or more/);
    expect((1 + Math.floor(2646000 / 21)) * 513 * 4).toBeLessThanOrEqual(MAX_SPECTROGRAM_BYTES);
    expect((1 + Math.floor(2646000 / 20)) * 513 * 4).toBeGreaterThan(MAX_SPECTROGRAM_BYTES);
    // At n_fft 32768 even the largest hop is too much for 20 min at 192 kHz: no hop is suggested.
    expect(() => checkFeatureSize(192000 * 1200, 32768, 32768)).toThrow(
      /; use a smaller --n-fft or a shorter file$/,
    );
  });
});

describe('render: a patch file size limit checked before reading', () => {
  it('refuses a 2 MiB patch file naming its size and the limit', async () => {
    writeFileSync(
      file('huge-patch.json'),
      `{"format": "ae-ddsp-patch", "pad": "${'x'.repeat(2 * 2 ** 20)}"}`,
    );
    const result = await run(['render', 'huge-patch.json', '-o', 'huge.wav']);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe(
      'ae-ddsp: error: huge-patch.json: is 2.0 MiB, larger than a patch file may be (1 MiB)',
    );
  });
});

describe('resampled audio keeps its whole length', () => {
  it('60 s at 44.1 kHz analysed at 16 kHz has the frames of exactly 960000 samples', async () => {
    const result = await run([
      'features',
      'minute.wav',
      '--sample-rate',
      '16000',
      '-o',
      'minute16k.json',
      '-q',
    ]);
    expect(result.status).toBe(0);
    const features = JSON.parse(readFileSync(file('minute16k.json'), 'utf8')) as {
      frames: number;
      centroid_hz: number[];
    };
    expect(features.frames).toBe(1 + Math.floor(960000 / 256));
    // The last frame still holds the 440 Hz tone (centred frame, half reflect-padded, so its centroid is
    // pulled up by the edge): a silent tail would have no 440 Hz centroid at all.
    expect(features.centroid_hz.at(-1)).toBeGreaterThan(300);
    expect(features.centroid_hz.at(-1)).toBeLessThan(1000);
  });
});

describe('sample rates above 192 kHz', () => {
  it('a 384 kHz WAV is read at its own rate, and resampled to 16 kHz when asked', async () => {
    writeRawFloatWav(file('hi384.wav'), tone(384000, 0.25, 1000), 384000);
    const own = await run(['features', 'hi384.wav', '--json']);
    expect(own.status).toBe(0);
    expect(JSON.parse(own.stdout).sample_rate).toBe(384000);
    const resampled = await run(['features', 'hi384.wav', '--sample-rate', '16000', '--json']);
    expect(resampled.status).toBe(0);
    const features = JSON.parse(resampled.stdout) as { frames: number; centroid_hz: number[] };
    expect(features.frames).toBe(1 + Math.floor(4000 / 256));
    expect(features.centroid_hz[8]).toBeGreaterThan(900);
  });

  it('a rate whose ratio does not reduce within the resampler is refused naming the file and the limit', async () => {
    writeRawFloatWav(file('odd.wav'), tone(384001, 0.1, 1000), 384001);
    const result = await run(['features', 'odd.wav', '--sample-rate', '16000']);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe(
      'ae-ddsp: error: odd.wav: WAV at 384001 Hz: cannot convert 384001 Hz to 16000 Hz: the resampler accepts rates up to 192000 Hz, and 384001:16000 does not reduce to rates within it',
    );
  });
});

describe('a WAV cut short', () => {
  it('is read with one warning on stderr naming the file, the header length and the data present', async () => {
    writeRawFloatWav(file('whole.wav'), tone(16000, 1), 16000);
    const whole = readFileSync(file('whole.wav'));
    writeFileSync(file('half.wav'), whole.subarray(0, 44 + 32000));
    const result = await run(['features', 'half.wav']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'ae-ddsp: warning: half.wav: WAV data is cut short: its header gives 64000 bytes of audio, the file holds 32000 (50.0 %); reading what is there\n',
    );
    expect(result.stdout).toMatch(/^half\.wav: 32 frames at 16000 Hz/);
    const complete = await run(['features', 'whole.wav']);
    expect(complete.stderr).toBe('');
  });
});

describe('error messages never carry raw control characters', () => {
  it('a file name with NUL-free control characters (escape, bell, newline) is shown escaped', async () => {
    const name = 'bad\u001b[31m\u0007\nname.wav';
    const result = await run(['features', name]);
    expect(result.status).toBe(1);
    const line = errorLine(result);
    expect(line).toBe('ae-ddsp: error: bad\\x1b[31m\\x07\\x0aname.wav: no such file');
    expect(hasControlCharacters(result.stderr.trimEnd())).toBe(false);
  });

  it('NUL bytes and terminal escapes quoted from a patch file are shown escaped', async () => {
    // Not JSON: V8's parse error quotes the start of the file, bytes and all.
    writeFileSync(file('binary-patch.json'), 'RIFF\u0000\u0000\u001b[31mWAVE');
    const result = await run(['render', 'binary-patch.json', '-o', 'x.wav']);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe(
      'ae-ddsp: error: binary-patch.json: invalid patch: patch is not valid JSON: Unexpected token \'R\', "RIFF\\x00\\x00\\x1b[31mWAVE" is not valid JSON',
    );
    expect(hasControlCharacters(result.stderr.trimEnd())).toBe(false);
  });
});

/** True when `text` holds a C0 control character, DEL or a C1 control character. */
function hasControlCharacters(text: string): boolean {
  return [...text].some(
    (c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f),
  );
}
