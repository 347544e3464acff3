import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCumulativeSpectrumLoss } from './cumulative-spectrum-loss';
import { createLogMelLoss } from './log-mel-loss';
import { matchLoss, seedLoss } from './match-loss';

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

  it('is the seed loss plus the weighted cumulative-spectrum term', () => {
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
    const combined = matchLoss({ pitchWeight: 300 })(target);
    expect(combined(audio).dataSync()[0]).toBeCloseTo(mel! + 300 * w1!, 3);
    expect(matchLoss({ pitchWeight: 0 })(target)(audio).dataSync()[0]).toBe(mel);
    for (const l of [...parts, combined]) l.dispose();
    tf.dispose([target, audio]);
  });

  it('builds its mel scale at the given sample rate', () => {
    const target = tone(220, 8192);
    const audio = tone(330, 8192);
    const at16k = matchLoss({ pitchWeight: 0 })(target);
    const at44k = matchLoss({ pitchWeight: 0, sampleRate: 44100 })(target);
    const reference = createLogMelLoss(target, { sampleRate: 44100 });
    expect(at44k(audio).dataSync()[0]).toBe(reference(audio).dataSync()[0]);
    expect(at44k(audio).dataSync()[0]).not.toBe(at16k(audio).dataSync()[0]);
    for (const l of [at16k, at44k, reference]) l.dispose();
    tf.dispose([target, audio]);
  });

  it('rejects a bad weight', () => {
    expect(() => matchLoss({ pitchWeight: -1 })).toThrow(/pitchWeight/);
    expect(() => matchLoss({ pitchWeight: Number.NaN })).toThrow(/pitchWeight/);
  });
});
