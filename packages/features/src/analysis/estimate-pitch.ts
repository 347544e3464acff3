/**
 * The note's pitch from a YIN track ({@link yinPitch}): the median f0 of the voiced frames,
 * in Hz and as a MIDI note number with its deviation in cents, with a confidence.
 *
 * @example
 * ```ts
 * const pitch = estimatePitch(audio, 16000);
 * if (pitch.voiced) console.log(pitch.f0Hz, pitch.midi, pitch.centsOffset, pitch.confidence);
 * ```
 * @module
 */
import { hzToMidi } from './pitch-units';
import { type PitchTrack, type YinOptions, yinPitch } from './yin-pitch';

/** A note-level pitch summary. */
export interface NotePitch {
  /** Whether any frame is voiced; when false the pitch fields are NaN and the confidence 0. */
  readonly voiced: boolean;
  /** Median f0 of the voiced frames, Hz. */
  readonly f0Hz: number;
  /** Fractional MIDI note number of `f0Hz` (A4 = 440 Hz = 69). */
  readonly midi: number;
  /** The nearest MIDI note, `round(midi)`. */
  readonly nearestMidi: number;
  /** Deviation from the nearest MIDI note, cents, in [−50, 50]. */
  readonly centsOffset: number;
  /** Median confidence `1 − d'(τ)` of the voiced frames, in [0, 1]. */
  readonly confidence: number;
  /** Fraction of all frames that are voiced, in [0, 1]. */
  readonly voicedFraction: number;
  /** The framewise track the summary was taken from. */
  readonly track: PitchTrack;
}

/**
 * Note-level pitch of `audio` (mono, `sampleRate` Hz): the median f0 of the voiced frames of
 * {@link yinPitch}. Silent or unpitched audio is not an error: it returns `voiced: false`
 * with NaN pitch and confidence 0. Throws where {@link yinPitch} throws.
 */
export function estimatePitch(audio: Float32Array, sampleRate: number, options: YinOptions = {}): NotePitch {
  const track = yinPitch(audio, sampleRate, options);
  return summarizePitchTrack(track);
}

/** The note-level summary of an existing {@link PitchTrack}. */
export function summarizePitchTrack(track: PitchTrack): NotePitch {
  const f0: number[] = [];
  const confidence: number[] = [];
  track.voiced.forEach((voiced, k) => {
    if (voiced) {
      f0.push(track.f0Hz[k]!);
      confidence.push(track.confidence[k]!);
    }
  });
  const frames = track.voiced.length;
  if (f0.length === 0) {
    const nan = Number.NaN;
    return {
      voiced: false,
      f0Hz: nan,
      midi: nan,
      nearestMidi: nan,
      centsOffset: nan,
      confidence: 0,
      voicedFraction: 0,
      track,
    };
  }
  const f0Hz = median(f0);
  const midi = hzToMidi(f0Hz);
  const nearestMidi = Math.round(midi);
  return {
    voiced: true,
    f0Hz,
    midi,
    nearestMidi,
    centsOffset: 100 * (midi - nearestMidi),
    confidence: median(confidence),
    voicedFraction: f0.length / frames,
    track,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
