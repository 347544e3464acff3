import { useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareNotes, correlation, HARMONIC_RATIOS, harmonicRatioNear } from './compare-notes';
import { applyEnvelope, envelopeAt, harmonicTone, WAVEFORMS } from './test-signals';

const SR = 16000;
const scaled = (x: Float32Array, g: number) => x.map((v) => v * g);

describe('harmonicRatioNear', () => {
  it('names octaves, fifths and harmonics within 50 cents, and nothing else', () => {
    expect(harmonicRatioNear(1200)?.name).toBe('octave up');
    expect(harmonicRatioNear(-1180)?.name).toBe('octave down');
    expect(harmonicRatioNear(1896)?.ratio).toBe(3); // the trumpet on its 3rd harmonic
    expect(harmonicRatioNear(702)?.ratio).toBe(3 / 2);
    expect(harmonicRatioNear(-702)?.ratio).toBe(2 / 3);
    expect(harmonicRatioNear(2400)?.ratio).toBe(4);
    expect(harmonicRatioNear(30)).toBeUndefined(); // in tune
    expect(harmonicRatioNear(300)).toBeUndefined(); // off, but by no harmonic ratio
    expect(harmonicRatioNear(Number.NaN)).toBeUndefined();
    // every ratio is recognised at its own interval
    for (const r of HARMONIC_RATIOS) expect(harmonicRatioNear(1200 * Math.log2(r.ratio))).toBe(r);
  });
});

describe('correlation', () => {
  it('is ±1 for affine copies and NaN for a flat series', () => {
    const x = [1, 3, 2, 5, 4];
    expect(
      correlation(
        x,
        x.map((v) => 2 * v + 1),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      correlation(
        x,
        x.map((v) => -v),
      ),
    ).toBeCloseTo(-1, 12);
    // by hand: x̄ = 3, ȳ = 2; Σdx·dy = 6, Σdx² = 10, Σdy² = 4 → 6/√40
    expect(correlation(x, [1, 2, 1, 3, 3])).toBeCloseTo(6 / Math.sqrt(40), 12);
    expect(correlation(x, [2, 2, 2, 2, 2])).toBeNaN();
  });
});

describe('compareNotes', () => {
  beforeAll(() => useBackend('cpu'));

  it('measures pitch, loudness, peak and envelope of a match against its target', () => {
    const envelope = envelopeAt([
      [0, 0],
      [0.05, 1],
      [0.5, 0.6],
      [0.9, 0],
      [1, 0],
    ]);
    const target = applyEnvelope(harmonicTone(220, SR, 1, WAVEFORMS.sawtooth), SR, envelope);
    const same = compareNotes(target, target, SR);
    expect(same.pitchCentsOff).toBeCloseTo(0, 9);
    expect(same.harmonicRatio).toBeUndefined();
    expect(same.loudnessErrorDb).toBeCloseTo(0, 9);
    expect(same.envelopeCorrelation).toBeCloseTo(1, 9);

    const octave = applyEnvelope(scaled(harmonicTone(440, SR, 1, WAVEFORMS.sawtooth), 0.5), SR, envelope);
    const up = compareNotes(target, octave, SR);
    expect(Math.abs(up.pitchCentsOff - 1200)).toBeLessThan(5);
    expect(up.harmonicRatio?.name).toBe('octave up');
    expect(up.envelopeCorrelation).toBeGreaterThan(0.95);
    // half the amplitude: −6.02 dB, less the band-limited saw's lost harmonics an octave up
    // (Σ1/k² over 36 vs 18 partials: −0.07 dB) and frame-edge effects
    expect(Math.abs(up.loudnessErrorDb + 20 * Math.log10(2))).toBeLessThan(0.2);

    const loud = compareNotes(target, scaled(target, 3), SR);
    expect(loud.loudnessErrorDb).toBeCloseTo(20 * Math.log10(3), 6);
    expect(loud.matchPeak).toBeCloseTo(3 * loud.targetPeak, 5);
    expect(loud.clipped).toBe(loud.matchPeak > 1);

    // a flat held note against a decaying one: the envelopes disagree
    const held = harmonicTone(220, SR, 1, WAVEFORMS.sawtooth);
    expect(compareNotes(target, held, SR).envelopeCorrelation).toBeLessThan(0.5);
  });
});
