/**
 * A match judged on its audio: {@link analyzeTarget} of the target and of the matched sound,
 * compared in the units a listener hears — pitch (cents off, and whether that is a harmonic
 * ratio such as an octave or a fifth), loudness (dB), peak level (clipping) and the shape of
 * the amplitude envelope (correlation of the two RMS envelopes).
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu'; // for the spectral centroid
 * const c = compareNotes(target, matched, 16000);
 * c.pitchCentsOff; c.harmonicRatio?.name; c.loudnessErrorDb; c.envelopeCorrelation; c.clipped;
 * ```
 * @module
 */
import { analyzeTarget, type TargetAnalysis } from './analyze-target';

/** A pitch ratio a match can land on instead of the target's pitch. */
export interface HarmonicRatio {
  /** Musician's name (`octave up`, `fifth down`, `3rd harmonic`, ...). */
  readonly name: string;
  /** Frequency ratio match / target. */
  readonly ratio: number;
}

/** The ratios {@link harmonicRatioNear} recognises: octaves, fifths and low harmonics, both ways. */
export const HARMONIC_RATIOS: readonly HarmonicRatio[] = Object.freeze(
  [
    { name: 'octave up', ratio: 2 },
    { name: 'octave down', ratio: 1 / 2 },
    { name: 'fifth up', ratio: 3 / 2 },
    { name: 'fifth down', ratio: 2 / 3 },
    { name: '3rd harmonic (octave + fifth up)', ratio: 3 },
    { name: 'octave + fifth down', ratio: 1 / 3 },
    { name: 'two octaves up', ratio: 4 },
    { name: 'two octaves down', ratio: 1 / 4 },
    { name: '5th harmonic', ratio: 5 },
    { name: 'fourth up', ratio: 4 / 3 },
    { name: 'fourth down', ratio: 3 / 4 },
  ].map((r) => Object.freeze(r)),
);

/**
 * The harmonic ratio within `toleranceCents` (default 50) of a pitch error of `centsOff`
 * (match relative to target), or undefined when none is (or the error itself is within the
 * tolerance of unison).
 */
export function harmonicRatioNear(centsOff: number, toleranceCents = 50): HarmonicRatio | undefined {
  if (!Number.isFinite(centsOff) || Math.abs(centsOff) <= toleranceCents) return undefined;
  let best: HarmonicRatio | undefined;
  let bestDistance = toleranceCents;
  for (const r of HARMONIC_RATIOS) {
    const distance = Math.abs(centsOff - 1200 * Math.log2(r.ratio));
    if (distance <= bestDistance) {
      best = r;
      bestDistance = distance;
    }
  }
  return best;
}

/** The result of {@link compareNotes}: `match − target` throughout. */
export interface NoteComparison {
  /** The target's analysis. */
  readonly target: TargetAnalysis;
  /** The match's analysis. */
  readonly match: TargetAnalysis;
  /** Pitch of the match relative to the target's, cents (NaN when either is unvoiced). */
  readonly pitchCentsOff: number;
  /** The harmonic ratio the pitch error is near, when it is off by more than 50 cents. */
  readonly harmonicRatio: HarmonicRatio | undefined;
  /** RMS level difference over the whole clips, dB. */
  readonly loudnessErrorDb: number;
  /** Peak sample |x| of the match (> 1 clips when written as PCM). */
  readonly matchPeak: number;
  /** Peak sample |x| of the target. */
  readonly targetPeak: number;
  /** Whether the match's peak exceeds full scale (|x| > 1). */
  readonly clipped: boolean;
  /** Pearson correlation of the two RMS envelopes (linear amplitude), in [−1, 1]; NaN for a flat envelope. */
  readonly envelopeCorrelation: number;
}

/**
 * Compares `match` with `target` (mono, same `sampleRate`; the shorter length is used for the
 * envelopes). Needs a tfjs backend (for the spectral centroid). Throws where
 * {@link analyzeTarget} throws.
 */
export function compareNotes(target: Float32Array, match: Float32Array, sampleRate: number): NoteComparison {
  const a = analyzeTarget(target, sampleRate);
  const b = analyzeTarget(match, sampleRate);
  const pitchCentsOff = 1200 * Math.log2(b.pitch.f0Hz / a.pitch.f0Hz);
  return {
    target: a,
    match: b,
    pitchCentsOff,
    harmonicRatio: harmonicRatioNear(pitchCentsOff),
    loudnessErrorDb: b.loudness.overallRmsDb - a.loudness.overallRmsDb,
    matchPeak: peak(match),
    targetPeak: peak(target),
    clipped: peak(match) > 1,
    envelopeCorrelation: correlation(a.timing.envelope.rms, b.timing.envelope.rms),
  };
}

function peak(x: Float32Array): number {
  let p = 0;
  for (const v of x) p = Math.max(p, Math.abs(v));
  return p;
}

/** Pearson correlation of the common prefix of `x` and `y`. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
