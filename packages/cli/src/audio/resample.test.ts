import { describe, expect, it } from 'vitest';
import { amplitudeAt, peakFrequency } from '../test-support/fixtures';
import { resample } from './resample';

function tones(sampleRateHz: number, seconds: number, components: readonly [number, number][]): Float32Array {
  const n = Math.round(sampleRateHz * seconds);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (const [f, a] of components) x[i]! += a * Math.sin((2 * Math.PI * f * i) / sampleRateHz);
  }
  return x;
}

const db = (x: number) => 20 * Math.log10(x);

describe('resample (libsamplerate sinc)', () => {
  it('downsampling keeps a tone frequency and amplitude and removes what lies above the new Nyquist', async () => {
    // 1 kHz (kept) + 12 kHz (above 8 kHz: a naive decimator would alias it to 4 kHz).
    const x = tones(44100, 1, [
      [1000, 0.5],
      [12000, 0.5],
    ]);
    const y = await resample(x, 44100, 16000);
    expect(y.length).toBe(16000);
    const middle = [4000, 12000] as const;
    expect(amplitudeAt(y, 16000, 1000, ...middle)).toBeCloseTo(0.5, 3);
    expect(peakFrequency(y.subarray(...middle), 16000, 900, 1100)).toBeCloseTo(1000, 1);
    // No alias at 16000 − 12000 = 4 kHz, nor anywhere else sampled across the band: −100 dB floor.
    for (const f of [4000, 2000, 3000, 5000, 6000, 7000, 7900]) {
      expect(db(amplitudeAt(y, 16000, f, ...middle))).toBeLessThan(-100);
    }
  });

  it('upsampling leaves no images above the old Nyquist', async () => {
    const x = tones(16000, 1, [[1000, 0.8]]);
    const y = await resample(x, 16000, 48000);
    expect(y.length).toBe(48000);
    const middle = [12000, 36000] as const;
    expect(amplitudeAt(y, 48000, 1000, ...middle)).toBeCloseTo(0.8, 3);
    // Images of 1 kHz around multiples of 16 kHz: 15, 17, 31, 33 kHz.
    for (const f of [15000, 17000, 31000, 33000, 9000, 20000]) {
      expect(db(amplitudeAt(y, 48000, f, ...middle))).toBeLessThan(-100);
    }
  });

  it('is not linear interpolation: a tone near Nyquist keeps its amplitude', async () => {
    // Linear interpolation attenuates 7 kHz at 16 kHz heavily (sinc² droop); a sinc resampler does not.
    const x = tones(16000, 1, [[7000, 0.5]]);
    const y = await resample(x, 16000, 44100);
    expect(amplitudeAt(y, 44100, 7000, 11025, 33075)).toBeCloseTo(0.5, 2);
  });

  it('returns a copy at equal rates and rejects bad rates with a message naming them', async () => {
    const x = Float32Array.from([0.1, 0.2]);
    const y = await resample(x, 16000, 16000);
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(y).not.toBe(x);
    await expect(resample(x, 0, 16000)).rejects.toThrow(
      /fromHz must be an integer in \[1, 192000\] Hz, got 0/,
    );
    await expect(resample(x, 16000, 44100.5)).rejects.toThrow(/toHz/);
  });
});
