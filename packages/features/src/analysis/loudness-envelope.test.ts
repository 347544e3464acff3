import { describe, expect, it } from 'vitest';
import { loudnessEnvelope } from './loudness-envelope';

const sine = (hz: number, amplitude: number, sampleRate: number, seconds: number) =>
  Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, t) => amplitude * Math.sin((2 * Math.PI * hz * t) / sampleRate),
  );

describe('loudnessEnvelope', () => {
  it('reads a sine of amplitude A as A/√2 RMS, 20·log10(A/√2) dBFS, in every frame and overall', () => {
    // 500 Hz at 16 kHz: 32 samples a period; 30 ms frames = 15 periods, 1 s = 500 periods
    for (const amplitude of [1, 0.5, 0.01]) {
      const envelope = loudnessEnvelope(sine(500, amplitude, 16000, 1), 16000);
      const expectedDb = 20 * Math.log10(amplitude / Math.SQRT2);
      let worst = 0;
      for (const db of envelope.rmsDb) {
        const error = Math.abs(db - expectedDb);
        worst = Math.max(worst, error); // NaN propagates
      }
      expect(worst).toBeLessThan(1e-5);
      expect(envelope.overallRmsDb).toBeCloseTo(expectedDb, 5);
      expect(envelope.peakRmsDb).toBeCloseTo(expectedDb, 5);
      expect(envelope.rms[0]).toBeCloseTo(amplitude / Math.SQRT2, 7);
    }
    expect(loudnessEnvelope(sine(500, 1, 16000, 1), 16000).overallRmsDb).toBeCloseTo(-3.0103, 4);
  });

  it('has frames of round(frameSeconds·sampleRate) samples every hop, times at their centres', () => {
    const envelope = loudnessEnvelope(new Float32Array(44100).fill(0.25), 44100, {
      frameSeconds: 0.02,
      hopSeconds: 0.01,
    });
    expect(envelope.frameLength).toBe(882);
    expect(envelope.hopLength).toBe(441);
    expect(envelope.rms.length).toBe(1 + Math.floor((44100 - 882) / 441));
    expect(envelope.timesSeconds[2]).toBeCloseTo((882 + 881 / 2) / 44100, 12);
    expect(envelope.rmsDb[5]).toBeCloseTo(20 * Math.log10(0.25), 10);
  });

  it('finds the loudest frame and its time', () => {
    const x = new Float32Array(16000).fill(0.1);
    x.fill(0.8, 8000, 8480); // 30 ms burst at 0.5 s
    const envelope = loudnessEnvelope(x, 16000);
    expect(envelope.peakRmsDb).toBeCloseTo(20 * Math.log10(0.8), 6);
    expect(envelope.peakTimeSeconds).toBeCloseTo((8000 + 479 / 2) / 16000, 6);
  });

  it('gives −Infinity dB for silence and one frame for audio shorter than a frame', () => {
    const silent = loudnessEnvelope(new Float32Array(1000), 16000);
    expect(silent.rmsDb.every((db) => db === Number.NEGATIVE_INFINITY)).toBe(true);
    expect(silent.overallRmsDb).toBe(Number.NEGATIVE_INFINITY);
    const short = loudnessEnvelope(Float32Array.of(1, -1, 1, -1), 16000);
    expect(short.rms.length).toBe(1);
    expect(short.rmsDb[0]).toBe(0);
  });

  it('throws clear errors on bad input', () => {
    expect(() => loudnessEnvelope(new Float32Array(0), 16000)).toThrow(/loudnessEnvelope: audio is empty/);
    expect(() => loudnessEnvelope(Float32Array.of(0, Number.POSITIVE_INFINITY), 16000)).toThrow(
      /sample 1 is Infinity/,
    );
    expect(() => loudnessEnvelope(new Float32Array(10), Number.NaN)).toThrow(
      /sampleRate must be a positive number of Hz/,
    );
    expect(() => loudnessEnvelope(new Float32Array(10), 16000, { frameSeconds: 0 })).toThrow(
      /frameSeconds must be a positive/,
    );
  });
});
