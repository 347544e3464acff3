import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTarget } from './analyze-target';
import { centsBetween } from './pitch-units';
import { applyEnvelope, envelopeAt, harmonicTone, WAVEFORMS } from './test-signals';

describe('analyzeTarget', () => {
  beforeAll(() => useBackend('cpu'));

  it('measures a synthetic note: pitch, levels, timing and brightness in their units', () => {
    const sampleRate = 22050;
    // a 440 Hz sine of amplitude 0.5 sounding from 0.2 s to 0.8 s (5 ms ramps) in 1 s of audio
    const gain = envelopeAt([
      [0.2, 0],
      [0.205, 1],
      [0.795, 1],
      [0.8, 0],
    ]);
    const audio = applyEnvelope(harmonicTone(440, sampleRate, 1, WAVEFORMS.sine), sampleRate, gain);
    const before = tf.memory().numTensors;
    const target = analyzeTarget(audio, sampleRate);
    expect(tf.memory().numTensors).toBe(before);

    expect(target.sampleRate).toBe(sampleRate);
    expect(target.durationSeconds).toBeCloseTo(1, 12);
    expect(target.pitch.voiced).toBe(true);
    expect(Math.abs(centsBetween(440, target.pitch.f0Hz))).toBeLessThan(1);
    expect(target.pitch.nearestMidi).toBe(69);
    expect(target.pitch.confidence).toBeGreaterThan(0.99);

    expect(Math.abs(target.timing.onsetSeconds - 0.2)).toBeLessThan(0.005);
    expect(Math.abs(target.timing.noteOffSeconds - 0.8)).toBeLessThan(0.005);
    expect(Math.abs(target.timing.noteLengthSeconds - 0.6)).toBeLessThan(0.01);
    expect(target.timing.endsWithinFile).toBe(true);

    // RMS of a sine of amplitude 0.5 is 0.5/√2: −9.03 dBFS while it sounds;
    // over the whole second it is diluted by the 0.4 s of silence: + 10·log10(0.6)
    const sounding = 20 * Math.log10(0.5 / Math.SQRT2);
    expect(target.loudness.noteRmsDb).toBeCloseTo(sounding, 1);
    // (30 ms frames hold 13.2 periods: a non-integer count ripples the frame RMS by < 0.1 dB)
    expect(Math.abs(target.loudness.peakRmsDb - sounding)).toBeLessThan(0.1);
    expect(target.loudness.overallRmsDb).toBeCloseTo(sounding + 10 * Math.log10(0.595), 1);

    expect(target.spectralCentroidHz).toBeGreaterThan(430);
    expect(target.spectralCentroidHz).toBeLessThan(470);
  });

  it('finds a sawtooth brighter than a sine at the same f0', () => {
    const sine = analyzeTarget(harmonicTone(220, 16000, 0.5, WAVEFORMS.sine), 16000);
    const saw = analyzeTarget(harmonicTone(220, 16000, 0.5, WAVEFORMS.sawtooth), 16000);
    expect(Math.abs(centsBetween(220, saw.pitch.f0Hz))).toBeLessThan(1);
    expect(saw.spectralCentroidHz).toBeGreaterThan(3 * sine.spectralCentroidHz);
  });

  it('describes silence without throwing: unvoiced, NaN times, −Infinity dB, NaN centroid', () => {
    const target = analyzeTarget(new Float32Array(16000), 16000);
    expect(target.pitch.voiced).toBe(false);
    expect(target.pitch.f0Hz).toBeNaN();
    expect(target.pitch.confidence).toBe(0);
    expect(target.timing.onsetSeconds).toBeNaN();
    expect(target.timing.noteLengthSeconds).toBeNaN();
    expect(target.loudness.overallRmsDb).toBe(Number.NEGATIVE_INFINITY);
    expect(target.loudness.noteRmsDb).toBe(Number.NEGATIVE_INFINITY);
    expect(target.spectralCentroidHz).toBeNaN();
  });

  it('throws clear errors on bad input', () => {
    expect(() => analyzeTarget(new Float32Array(0), 16000)).toThrow(/analyzeTarget: audio is empty/);
    expect(() => analyzeTarget(new Float32Array(400), 16000)).toThrow(/400 samples.*too short/);
    const withNaN = new Float32Array(16000);
    withNaN[123] = Number.NaN;
    expect(() => analyzeTarget(withNaN, 16000)).toThrow(
      /analyzeTarget: audio must be finite, sample 123 is NaN/,
    );
    expect(() => analyzeTarget(new Float32Array(16000), 0)).toThrow(
      /analyzeTarget: sampleRate must be a positive number of Hz, got 0/,
    );
    expect(() => analyzeTarget(new Float32Array(16000), 16000, { pitch: { fmaxHz: 10000 } })).toThrow(
      /fmaxHz/,
    );
  });
});
