/**
 * When the note sounds: onset, peak, note-off, attack time and note length in seconds, from
 * the RMS envelope ({@link loudnessEnvelope}) with thresholds relative to its loudest frame.
 *
 * - onset: the first frame whose RMS reaches `peak − onsetDb`, refined to the first sample in
 *   that frame with `|x|` at that level;
 * - peak: the centre of the first frame within `peakToleranceDb` of the loudest frame (so a
 *   flat sustain with a little ripple does not move the peak to its end);
 * - note-off: the end of the note, after which the envelope stays more than `noteOffDb` under
 *   its peak for good: the last frame at or above that level, refined to the last sample in it
 *   with `|x|` at that level; the end of the file when the note still sounds there.
 *
 * @example
 * ```ts
 * const timing = noteTiming(audio, 16000);
 * timing.onsetSeconds; timing.attackSeconds; timing.noteLengthSeconds;
 * detectOnset(audio, 16000); // just the onset, seconds
 * ```
 * @module
 */
import { type LoudnessEnvelope, type LoudnessEnvelopeOptions, loudnessEnvelope } from './loudness-envelope';

/** Options of {@link noteTiming}. */
export interface NoteTimingOptions extends LoudnessEnvelopeOptions {
  /** The onset is where the envelope first comes within this many dB of its peak. Default 30. */
  onsetDb?: number;
  /** The peak is the first frame within this many dB of the loudest frame. Default 1. */
  peakToleranceDb?: number;
  /** The note is off once the envelope stays more than this many dB under its peak. Default 40. */
  noteOffDb?: number;
}

/** Defaults of the thresholds of {@link NoteTimingOptions}. */
export const DEFAULT_NOTE_TIMING_OPTIONS: Readonly<{
  onsetDb: number;
  peakToleranceDb: number;
  noteOffDb: number;
}> = Object.freeze({ onsetDb: 30, peakToleranceDb: 1, noteOffDb: 40 });

/** The result of {@link noteTiming}, in seconds from the start of the file. NaN throughout for silent audio. */
export interface NoteTiming {
  /** First onset, seconds. */
  readonly onsetSeconds: number;
  /** Time the note reaches its peak level, seconds. */
  readonly peakSeconds: number;
  /** `peakSeconds − onsetSeconds`, seconds. */
  readonly attackSeconds: number;
  /** Time the note falls `noteOffDb` under its peak for good (or the end of the file), seconds. */
  readonly noteOffSeconds: number;
  /** `noteOffSeconds − onsetSeconds`, seconds. */
  readonly noteLengthSeconds: number;
  /** False when the note still sounds (within `noteOffDb` of its peak) at the end of the file. */
  readonly endsWithinFile: boolean;
  /** The envelope the times were read from. */
  readonly envelope: LoudnessEnvelope;
}

/**
 * Onset, peak, attack, note-off and length of the note in `audio` (mono, `sampleRate` Hz).
 * Silent audio (all zeros) is not an error: every time is NaN and `endsWithinFile` false.
 * Throws on empty or non-finite audio, a non-positive sample rate, or negative thresholds.
 */
export function noteTiming(
  audio: Float32Array,
  sampleRate: number,
  options: NoteTimingOptions = {},
): NoteTiming {
  const envelope = loudnessEnvelope(audio, sampleRate, options);
  const { onsetDb, peakToleranceDb, noteOffDb } = { ...DEFAULT_NOTE_TIMING_OPTIONS, ...options };
  for (const [name, value] of [
    ['onsetDb', onsetDb],
    ['peakToleranceDb', peakToleranceDb],
    ['noteOffDb', noteOffDb],
  ] as const) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new Error(`noteTiming: ${name} must be a finite number of dB >= 0, got ${value}`);
    }
  }
  const { rms, timesSeconds, frameLength, hopLength } = envelope;
  const peak = 10 ** (envelope.peakRmsDb / 20);
  if (!(peak > 0)) {
    const nan = Number.NaN;
    return {
      onsetSeconds: nan,
      peakSeconds: nan,
      attackSeconds: nan,
      noteOffSeconds: nan,
      noteLengthSeconds: nan,
      endsWithinFile: false,
      envelope,
    };
  }
  const onsetLevel = peak * 10 ** (-onsetDb / 20);
  const peakLevel = peak * 10 ** (-peakToleranceDb / 20);
  const offLevel = peak * 10 ** (-noteOffDb / 20);
  const frames = rms.length;
  let first = 0;
  while (rms[first]! < onsetLevel) first++;
  let peakFrame = first;
  while (rms[peakFrame]! < peakLevel) peakFrame++;
  let last = frames - 1;
  while (rms[last]! < offLevel) last--;
  const start = first * hopLength;
  let onsetSample = start;
  while (onsetSample < start + frameLength - 1 && Math.abs(audio[onsetSample]!) < onsetLevel) onsetSample++;
  const endsWithinFile = last < frames - 1;
  let offSample = audio.length;
  if (endsWithinFile) {
    offSample = last * hopLength + frameLength - 1;
    while (offSample > last * hopLength && Math.abs(audio[offSample]!) < offLevel) offSample--;
    offSample += 1; // the note sounds through the end of its last loud sample
  }
  const onsetSeconds = onsetSample / sampleRate;
  const peakSeconds = Math.max(onsetSeconds, timesSeconds[peakFrame]!);
  const noteOffSeconds = Math.max(onsetSeconds, offSample / sampleRate);
  return {
    onsetSeconds,
    peakSeconds,
    attackSeconds: peakSeconds - onsetSeconds,
    noteOffSeconds,
    noteLengthSeconds: noteOffSeconds - onsetSeconds,
    endsWithinFile,
    envelope,
  };
}

/** The first onset of `audio`, seconds (NaN for silent audio); see {@link noteTiming}. */
export function detectOnset(
  audio: Float32Array,
  sampleRate: number,
  options: NoteTimingOptions = {},
): number {
  return noteTiming(audio, sampleRate, options).onsetSeconds;
}

/** Note length from the onset to the note-off, seconds (NaN for silent audio); see {@link noteTiming}. */
export function noteLength(audio: Float32Array, sampleRate: number, options: NoteTimingOptions = {}): number {
  return noteTiming(audio, sampleRate, options).noteLengthSeconds;
}
