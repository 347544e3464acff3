import { describe, expect, it } from 'vitest';
import { detectOnset, noteLength, noteTiming } from './note-timing';
import { applyEnvelope, harmonicTone, WAVEFORMS } from './test-signals';

/** Silence until `onset`, linear attack, decay at `decayDbPerSecond`, linear release of `release` s from `gateOff`. */
function adsr(p: {
  onset: number;
  attack: number;
  decayDbPerSecond: number;
  gateOff: number;
  release: number;
}) {
  const held = (t: number) => 10 ** ((-p.decayDbPerSecond * (t - p.onset - p.attack)) / 20);
  return (t: number): number => {
    if (t < p.onset) return 0;
    if (t < p.onset + p.attack) return (t - p.onset) / p.attack;
    if (t < p.gateOff) return held(t);
    return Math.max(0, held(p.gateOff) * (1 - (t - p.gateOff) / p.release));
  };
}

/** The time after `from` at which `gain` falls under `level` for good, found by scanning finely. */
function fallsUnder(gain: (t: number) => number, level: number, from: number, to: number): number {
  let last = from;
  for (let t = from; t <= to; t += 1e-5) if (gain(t) >= level) last = t;
  return last;
}

const FRAME = 0.03; // the default envelope frame, seconds
const HOP = 0.005;

describe('noteTiming on notes with a known envelope', () => {
  const cases = [
    {
      sampleRate: 16000,
      f0: 220,
      shape: WAVEFORMS.sawtooth,
      seconds: 1,
      p: { onset: 0.1, attack: 0.05, decayDbPerSecond: 20, gateOff: 0.6, release: 0.05 },
    },
    {
      sampleRate: 44100,
      f0: 440,
      shape: WAVEFORMS.sine,
      seconds: 1.2,
      p: { onset: 0.05, attack: 0.01, decayDbPerSecond: 60, gateOff: 2, release: 0.1 },
    },
    {
      sampleRate: 48000,
      f0: 98,
      shape: WAVEFORMS.square,
      seconds: 1,
      p: { onset: 0.2, attack: 0.2, decayDbPerSecond: 5, gateOff: 0.7, release: 0.01 },
    },
    {
      sampleRate: 22050,
      f0: 1000,
      shape: WAVEFORMS.sawtooth,
      seconds: 0.8,
      p: { onset: 0, attack: 0.002, decayDbPerSecond: 10, gateOff: 0.5, release: 0.2 },
    },
  ];
  for (const { sampleRate, f0, shape, seconds, p } of cases) {
    it(`finds onset within a hop of its −30 dB point, attack and note-off within a frame (${f0} Hz @ ${sampleRate}, attack ${p.attack} s)`, () => {
      const gain = adsr(p);
      const audio = applyEnvelope(harmonicTone(f0, sampleRate, seconds, shape), sampleRate, gain);
      const timing = noteTiming(audio, sampleRate);
      const peak = p.onset + p.attack;
      // note-off: where the gain falls 40 dB under its peak (1) for good
      const off = fallsUnder(gain, 10 ** (-40 / 20), peak, seconds);
      // a linear attack reaches −30 dB (the default onsetDb) 10^(−30/20) ≈ 3.2 % of the way up
      expect(Math.abs(timing.onsetSeconds - p.onset)).toBeLessThan(HOP + 10 ** (-30 / 20) * p.attack);
      expect(Math.abs(timing.peakSeconds - peak)).toBeLessThan(FRAME);
      expect(Math.abs(timing.attackSeconds - p.attack)).toBeLessThan(FRAME);
      expect(timing.endsWithinFile).toBe(off < seconds - FRAME);
      expect(Math.abs(timing.noteOffSeconds - off)).toBeLessThan(FRAME);
      expect(timing.noteLengthSeconds).toBeCloseTo(timing.noteOffSeconds - timing.onsetSeconds, 12);
      expect(detectOnset(audio, sampleRate)).toBe(timing.onsetSeconds);
      expect(noteLength(audio, sampleRate)).toBe(timing.noteLengthSeconds);
    });
  }

  it('ends the note at the end of the file when it still sounds there', () => {
    const audio = harmonicTone(330, 16000, 0.5, WAVEFORMS.square);
    const timing = noteTiming(audio, 16000);
    expect(timing.onsetSeconds).toBe(1 / 16000); // sample 0 of a sine-phase square is 0
    expect(timing.endsWithinFile).toBe(false);
    expect(timing.noteOffSeconds).toBe(0.5);
    expect(timing.noteLengthSeconds).toBe(0.5 - 1 / 16000);
  });

  it('moves the note-off with noteOffDb: a 60 dB/s decay is 20 dB down 1/3 s after the peak', () => {
    const p = { onset: 0.05, attack: 0.005, decayDbPerSecond: 60, gateOff: 5, release: 1 };
    const audio = applyEnvelope(harmonicTone(440, 16000, 1.5, WAVEFORMS.sine), 16000, adsr(p));
    const timing = noteTiming(audio, 16000, { noteOffDb: 20 });
    expect(Math.abs(timing.noteOffSeconds - (0.055 + 20 / 60))).toBeLessThan(FRAME);
  });

  it('returns NaN times for silence rather than throwing', () => {
    const timing = noteTiming(new Float32Array(8000), 16000);
    for (const value of [
      timing.onsetSeconds,
      timing.peakSeconds,
      timing.attackSeconds,
      timing.noteOffSeconds,
      timing.noteLengthSeconds,
    ]) {
      expect(value).toBeNaN();
    }
    expect(timing.endsWithinFile).toBe(false);
    expect(detectOnset(new Float32Array(8000), 16000)).toBeNaN();
  });

  it('throws clear errors on bad input and thresholds', () => {
    expect(() => noteTiming(new Float32Array(0), 16000)).toThrow(/audio is empty/);
    expect(() => detectOnset(Float32Array.of(0, Number.NaN), 16000)).toThrow(/sample 1 is NaN/);
    expect(() => noteTiming(new Float32Array(100), -1)).toThrow(
      /sampleRate must be a positive number of Hz, got -1/,
    );
    expect(() => noteTiming(new Float32Array(100), 16000, { onsetDb: -3 })).toThrow(
      /onsetDb must be a finite number of dB >= 0, got -3/,
    );
    expect(() => noteLength(new Float32Array(100), 16000, { noteOffDb: Number.NaN })).toThrow(/noteOffDb/);
  });
});
