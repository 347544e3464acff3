/**
 * Framewise RMS level of plain audio, linear and in dBFS, and the note's overall level.
 * dBFS here is `20·log10(RMS)`, so a full-scale sine reads −3.01 dBFS (no +3 dB AES17
 * offset) and a constant ±1 signal reads 0 dBFS.
 *
 * @example
 * ```ts
 * const envelope = loudnessEnvelope(audio, 16000); // 30 ms frames every 5 ms
 * envelope.rmsDb[20]; // dBFS of frame 20
 * envelope.overallRmsDb; // RMS of the whole file, dBFS
 * ```
 * @module
 */
import { assertAnalysisAudio, assertPositive } from './validate-audio';

/** Options of {@link loudnessEnvelope}. */
export interface LoudnessEnvelopeOptions {
  /** Length of each RMS frame, seconds (rectangular window). Default 0.03. */
  frameSeconds?: number;
  /** Hop between frames, seconds. Default 0.005. */
  hopSeconds?: number;
}

/** Defaults of {@link LoudnessEnvelopeOptions}. */
export const DEFAULT_LOUDNESS_ENVELOPE_OPTIONS: Readonly<Required<LoudnessEnvelopeOptions>> = Object.freeze({
  frameSeconds: 0.03,
  hopSeconds: 0.005,
});

/** The result of {@link loudnessEnvelope}; arrays have one entry per frame. */
export interface LoudnessEnvelope {
  /** Sample rate of the analysed audio, Hz. */
  readonly sampleRate: number;
  /** Frame length in samples (`round(frameSeconds·sampleRate)`, at most the audio's length). */
  readonly frameLength: number;
  /** Hop in samples. */
  readonly hopLength: number;
  /** Centre time of each frame, `(start + (frameLength − 1)/2) / sampleRate` seconds (sample i is at i / sampleRate). */
  readonly timesSeconds: Float64Array;
  /** RMS of each frame, linear (full scale = 1). */
  readonly rms: Float64Array;
  /** RMS of each frame, dBFS (`20·log10(rms)`, −Infinity for a silent frame). */
  readonly rmsDb: Float64Array;
  /** RMS of the loudest frame, dBFS. */
  readonly peakRmsDb: number;
  /** Centre time of the loudest frame, seconds. */
  readonly peakTimeSeconds: number;
  /** RMS over the whole file (every sample, silence included), dBFS. */
  readonly overallRmsDb: number;
}

/**
 * RMS envelope of `audio` (mono, `sampleRate` Hz) in frames of `frameSeconds` every
 * `hopSeconds`; frame k covers samples `[k·hop, k·hop + frame)`. Audio shorter than one
 * frame gives a single frame over all of it. Silent audio gives −Infinity dB everywhere.
 * Throws on empty or non-finite audio and on a non-positive sample rate.
 */
export function loudnessEnvelope(
  audio: Float32Array,
  sampleRate: number,
  options: LoudnessEnvelopeOptions = {},
): LoudnessEnvelope {
  assertAnalysisAudio(audio, sampleRate, 'loudnessEnvelope');
  const { frameSeconds, hopSeconds } = { ...DEFAULT_LOUDNESS_ENVELOPE_OPTIONS, ...options };
  assertPositive(frameSeconds, 'loudnessEnvelope', 'frameSeconds', 'seconds');
  assertPositive(hopSeconds, 'loudnessEnvelope', 'hopSeconds', 'seconds');
  const frameLength = Math.min(audio.length, Math.max(1, Math.round(frameSeconds * sampleRate)));
  const hopLength = Math.max(1, Math.round(hopSeconds * sampleRate));
  const frames = 1 + Math.floor((audio.length - frameLength) / hopLength);
  // Prefix sums of squares in float64: each frame's energy is one difference.
  const squares = new Float64Array(audio.length + 1);
  for (let i = 0; i < audio.length; i++) squares[i + 1] = squares[i]! + audio[i]! * audio[i]!;
  const timesSeconds = new Float64Array(frames);
  const rms = new Float64Array(frames);
  const rmsDb = new Float64Array(frames);
  let loudest = 0;
  for (let k = 0; k < frames; k++) {
    const start = k * hopLength;
    timesSeconds[k] = (start + (frameLength - 1) / 2) / sampleRate;
    rms[k] = Math.sqrt(Math.max(0, squares[start + frameLength]! - squares[start]!) / frameLength);
    rmsDb[k] = 20 * Math.log10(rms[k]!);
    if (rms[k]! > rms[loudest]!) loudest = k;
  }
  return {
    sampleRate,
    frameLength,
    hopLength,
    timesSeconds,
    rms,
    rmsDb,
    peakRmsDb: rmsDb[loudest]!,
    peakTimeSeconds: timesSeconds[loudest]!,
    overallRmsDb: 10 * Math.log10(squares[audio.length]! / audio.length),
  };
}
