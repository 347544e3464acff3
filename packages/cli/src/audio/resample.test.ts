import fc from 'fast-check';
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
    await expect(resample(x, 0, 16000)).rejects.toThrow(/fromHz must be an integer ≥ 1 Hz, got 0/);
    await expect(resample(x, 16000, 44100.5)).rejects.toThrow(/toHz must be an integer ≥ 1 Hz, got 44100\.5/);
  });

  it('returns exactly round(n · to / from) samples for any length and pair of rates', async () => {
    const rates = fc.constantFrom(
      8000,
      11025,
      16000,
      22050,
      24000,
      32000,
      44100,
      48000,
      88200,
      96000,
      192000,
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20000 }), rates, rates, async (n, from, to) => {
        fc.pre(to / from <= 256 && from / to <= 256);
        const x = new Float32Array(n).fill(0.25);
        const y = await resample(x, from, to);
        expect(y.length).toBe(Math.round((n * to) / from));
      }),
      { seed: 20261205, numRuns: 40 },
    );
  });

  it('keeps the end of a long file: a tone lasting to the last sample is still there in the last milliseconds', async () => {
    // 60 s at 44.1 kHz is more than libsamplerate-js handles in one call (it splits the audio and
    // used to drop the filter's tail: 143 samples short).
    const x = tones(44100, 60, [[1000, 0.5]]);
    const y = await resample(x, 44100, 16000);
    expect(y.length).toBe(960000);
    // The last 5 ms (80 samples) hold the tone, not a fade or zeros: its amplitude over the last
    // 20 ms is within 2 % of 0.5 (the sinc filter sees a truncated signal only in its last ~0.4 ms).
    expect(amplitudeAt(y, 16000, 1000, 960000 - 320, 960000)).toBeCloseTo(0.5, 1);
    const lastFive = y.subarray(960000 - 80);
    let peak = 0;
    for (const v of lastFive) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(0.4);
    // Sample by sample against the tone itself, away from the final filter half-length.
    for (let i = 960000 - 80; i < 960000 - 8; i++) {
      expect(Math.abs(y[i]! - 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 16000))).toBeLessThan(1e-3);
    }
  });

  it('converts from rates above 192 kHz when the ratio reduces within it, and names the rates when it does not', async () => {
    const x = tones(384000, 0.5, [[1000, 0.5]]);
    const y = await resample(x, 384000, 16000);
    expect(y.length).toBe(8000);
    expect(amplitudeAt(y, 16000, 1000, 2000, 6000)).toBeCloseTo(0.5, 3);
    const same = await resample(x, 384000, 384000);
    expect(same.length).toBe(x.length);
    await expect(resample(x, 384001, 16000)).rejects.toThrow(
      /cannot convert 384001 Hz to 16000 Hz: the resampler accepts rates up to 192000 Hz/,
    );
    await expect(resample(x, 100, 48000)).rejects.toThrow(
      /cannot convert 100 Hz to 48000 Hz: the ratio must lie within 1\/256 to 256/,
    );
  });
});
