import { readFileSync } from 'node:fs';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../analysis/read-wav';
import { createCumulativeSpectrumLoss } from './cumulative-spectrum-loss';
import { createLogMelLoss } from './log-mel-loss';
import { createLoudnessLoss } from './loudness-loss';
import { matchLoss, seedLoss } from './match-loss';
import { createPeakLimitLoss } from './peak-limit-loss';

const ONLY_PITCH = { loudnessWeight: 0, peakWeight: 0 };
const ONLY_MEL = { pitchWeight: 0, ...ONLY_PITCH };

/** A real note of test-data/notes (1 s at 16 kHz) as [1, samples]. */
const realNote = (name: string) => {
  const wav = readWav(readFileSync(new URL(`../../test-data/notes/${name}.wav`, import.meta.url)));
  return tf.tensor2d(wav.samples, [1, wav.samples.length]);
};

/** A band-limited sawtooth-like tone (eight harmonics, 1/k amplitudes) at 16 kHz. */
const tone = (hz: number, samples: number) =>
  tf.tensor2d(
    Float32Array.from({ length: samples }, (_, t) => {
      let x = 0;
      for (let k = 1; k <= 8; k++) x += Math.sin((2 * Math.PI * k * hz * t) / 16000) / k;
      return 0.3 * x;
    }),
    [1, samples],
  );

describe('matchLoss', () => {
  beforeAll(() => useBackend('cpu'));

  it('is the seed loss plus the weighted cumulative-spectrum, loudness and peak-limit terms', () => {
    const target = tone(220, 4096);
    const audio = tone(247, 4096);
    const parts = [
      seedLoss(target),
      createLogMelLoss(target),
      createCumulativeSpectrumLoss(target, { fftLength: 1024 }),
    ];
    const [seed, mel, w1] = parts.map((l) => l(audio).dataSync()[0]!);
    expect(seed).toBe(mel);
    expect(w1).toBeGreaterThan(0);
    const combined = matchLoss({ pitchWeight: 300, ...ONLY_PITCH })(target);
    expect(combined(audio).dataSync()[0]).toBeCloseTo(mel! + 300 * w1!, 3);
    expect(matchLoss(ONLY_MEL)(target)(audio).dataSync()[0]).toBe(mel);
    const loud = tf.mul(audio, 4) as tf.Tensor2D; // peaks above −1 dBFS
    const terms = [createLoudnessLoss(target), createPeakLimitLoss({ ceilingDb: -1 })];
    const [level, peak] = terms.map((l) => l(loud).dataSync()[0]!);
    expect(peak).toBeGreaterThan(0);
    const all = matchLoss({ pitchWeight: 300, loudnessWeight: 2, peakWeight: 50 })(target);
    const melLoud = createLogMelLoss(target)(loud).dataSync()[0]!;
    const w1Loud = parts[2]!(loud).dataSync()[0]!;
    expect(all(loud).dataSync()[0]).toBeCloseTo(melLoud + 300 * w1Loud + 2 * level! + 50 * peak!, 2);
    for (const l of [...parts, ...terms, combined, all]) l.dispose();
    loud.dispose();
    tf.dispose([target, audio]);
  });

  it('builds its mel scale at the given sample rate', () => {
    const target = tone(220, 8192);
    const audio = tone(330, 8192);
    const at16k = matchLoss(ONLY_MEL)(target);
    const at44k = matchLoss({ ...ONLY_MEL, sampleRate: 44100 })(target);
    const reference = createLogMelLoss(target, { sampleRate: 44100 });
    expect(at44k(audio).dataSync()[0]).toBe(reference(audio).dataSync()[0]);
    expect(at44k(audio).dataSync()[0]).not.toBe(at16k(audio).dataSync()[0]);
    for (const l of [at16k, at44k, reference]) l.dispose();
    tf.dispose([target, audio]);
  });

  it('is ~0 for a real note against itself (no floor from smoothing or float32 sums)', () => {
    const note = realNote('flute_70');
    const loss = matchLoss()(note);
    // was 0.011–0.023: δ = 1e-6 per bin of the smoothed |·| and a float32 cumulative sum, × 1e4
    expect(loss(note).dataSync()[0]).toBeLessThan(1e-3);
    loss.dispose();
    note.dispose();
  });

  it('rises monotonically and substantially with the level error over ±30 dB', () => {
    for (const name of ['piano_45', 'flute_70']) {
      const note = realNote(name);
      const loss = matchLoss()(note);
      const at = (gainDb: number) =>
        tf.tidy(() => loss(tf.mul(note, 10 ** (gainDb / 20)) as tf.Tensor2D).dataSync()[0]!);
      const gains = [-30, -25, -20, -15, -10, -5, -2, 0, 2, 5, 10, 15, 20, 25, 30];
      const values = gains.map(at);
      for (let i = 1; i < gains.length; i++) {
        const [g, previous, value] = [gains[i]!, values[i - 1]!, values[i]!];
        // falling towards 0 dB, rising after it
        if (g <= 0) expect(value, `${name} at ${g} dB`).toBeLessThan(previous);
        else expect(value, `${name} at ${g} dB`).toBeGreaterThan(previous);
      }
      // the loudness term alone costs the squared error in dB: 900 at ±30 dB
      expect(Math.min(at(-30), at(30)), name).toBeGreaterThan(900);
      expect(Math.min(at(-2), at(2)), name).toBeGreaterThan(4);
      loss.dispose();
      note.dispose();
    }
  });

  it('rejects a bad weight or ceiling', () => {
    expect(() => matchLoss({ pitchWeight: -1 })).toThrow(/pitchWeight/);
    expect(() => matchLoss({ pitchWeight: Number.NaN })).toThrow(/pitchWeight/);
    expect(() => matchLoss({ loudnessWeight: -1 })).toThrow(/loudnessWeight/);
    expect(() => matchLoss({ peakWeight: Number.POSITIVE_INFINITY })).toThrow(/peakWeight/);
    expect(() => matchLoss({ peakCeilingDb: 3 })).toThrow(/ceilingDb/);
  });
});
