import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWav } from './read-wav';

/** A mono WAV in memory: RIFF header, fmt chunk, an extra chunk, then data. */
function wav(format: 1 | 3, sampleRate: number, samples: number[]): Uint8Array {
  const bytesPer = format === 3 ? 4 : 2;
  const data = samples.length * bytesPer;
  const buffer = new ArrayBuffer(12 + 24 + 10 + 8 + data);
  const view = new DataView(buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, buffer.byteLength - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPer, true);
  view.setUint16(32, bytesPer, true);
  view.setUint16(34, 8 * bytesPer, true);
  text(36, 'LIST'); // an odd-sized chunk to skip (1 pad byte)
  view.setUint32(40, 1, true);
  text(46, 'data');
  view.setUint32(50, data, true);
  samples.forEach((v, i) => {
    if (format === 3) view.setFloat32(54 + 4 * i, v, true);
    else view.setInt16(54 + 2 * i, v, true);
  });
  return new Uint8Array(buffer);
}

describe('readWav (test helper)', () => {
  it('decodes 32-bit float and 16-bit PCM mono files', () => {
    const float = readWav(wav(3, 22050, [0.5, -0.25, 1]));
    expect(float.sampleRate).toBe(22050);
    expect(Array.from(float.samples)).toEqual([0.5, -0.25, 1]);
    const pcm = readWav(wav(1, 8000, [16384, -32768, 0]));
    expect(pcm.sampleRate).toBe(8000);
    expect(Array.from(pcm.samples)).toEqual([0.5, -1, 0]);
  });

  it('reads the real notes: 1 s at 16 kHz, float', () => {
    const { samples, sampleRate } = readWav(
      readFileSync(new URL('../../test-data/notes/piano_69.wav', import.meta.url)),
    );
    expect(sampleRate).toBe(16000);
    expect(samples.length).toBe(16000);
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('rejects what it does not read', () => {
    expect(() => readWav(new Uint8Array(44))).toThrow(/not a RIFF\/WAVE file/);
    const stereo = wav(1, 8000, [0, 0]);
    new DataView(stereo.buffer).setUint16(22, 2, true);
    expect(() => readWav(stereo)).toThrow(/expected mono, got 2 channels/);
    const bits24 = wav(1, 8000, [0, 0]);
    new DataView(bits24.buffer).setUint16(34, 24, true);
    expect(() => readWav(bits24)).toThrow(/unsupported format 1 with 24 bits/);
  });
});
