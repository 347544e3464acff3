/**
 * Everything the matcher needs to know about a target note, in physical units: pitch (Hz,
 * MIDI, cents, with a confidence), level (dBFS), timing (seconds) and brightness (Hz).
 * Plain numbers, so an initialiser can map them onto any synth's parameters by unit and a
 * benchmark can compare a match's output with its target.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu'; // for the spectral centroid
 * const target = analyzeTarget(audio, 16000);
 * target.pitch.f0Hz; target.pitch.confidence;
 * target.loudness.noteRmsDb; target.timing.attackSeconds; target.spectralCentroidHz;
 * ```
 * @module
 */
import type { StftOptions } from '../stft/stft-options';
import { spectralCentroidSummary } from './centroid-summary';
import { estimatePitch, type NotePitch } from './estimate-pitch';
import { type NoteTiming, type NoteTimingOptions, noteTiming } from './note-timing';
import { assertAnalysisAudio } from './validate-audio';
import type { YinOptions } from './yin-pitch';

/** Options of {@link analyzeTarget}, one group per measurement. */
export interface TargetAnalysisOptions {
  /** Pitch tracking ({@link yinPitch}). */
  pitch?: YinOptions;
  /** Envelope and timing ({@link noteTiming}). */
  timing?: NoteTimingOptions;
  /** STFT of the spectral centroid ({@link spectralCentroidSummary}). */
  centroid?: StftOptions;
}

/** Levels of the note, dBFS (`20·log10(RMS)`: a full-scale sine reads −3.01 dBFS). */
export interface TargetLoudness {
  /** RMS over the whole file, silence included, dBFS. */
  readonly overallRmsDb: number;
  /** RMS from the onset to the note-off (the sounding note), dBFS; −Infinity for silence. */
  readonly noteRmsDb: number;
  /** RMS of the loudest envelope frame, dBFS. */
  readonly peakRmsDb: number;
}

/** The result of {@link analyzeTarget}. */
export interface TargetAnalysis {
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** Length of the audio, seconds. */
  readonly durationSeconds: number;
  /** Note pitch and its framewise track; `voiced: false` with NaN pitch for silence or noise. */
  readonly pitch: NotePitch;
  /** Levels, dBFS. */
  readonly loudness: TargetLoudness;
  /** Onset, peak, attack, note-off and length, seconds, with the RMS envelope; NaN for silence. */
  readonly timing: NoteTiming;
  /** Magnitude-weighted mean spectral centroid, Hz; NaN for silence. */
  readonly spectralCentroidHz: number;
}

/**
 * Analyses a target note (mono `audio` at `sampleRate` Hz): see {@link TargetAnalysis}.
 * Needs at least one pitch frame (≈ 50 ms at the defaults) and one STFT frame (1024 samples
 * at the defaults) of audio, and a tfjs backend for the centroid. Silence is not an error (unvoiced pitch, NaN times, −Infinity dB). Throws
 * on empty, too short or non-finite audio and on a non-positive sample rate.
 */
export function analyzeTarget(
  audio: Float32Array,
  sampleRate: number,
  options: TargetAnalysisOptions = {},
): TargetAnalysis {
  assertAnalysisAudio(audio, sampleRate, 'analyzeTarget');
  const pitch = estimatePitch(audio, sampleRate, options.pitch);
  const timing = noteTiming(audio, sampleRate, options.timing);
  const { envelope } = timing;
  let noteRmsDb = Number.NEGATIVE_INFINITY;
  if (Number.isFinite(timing.onsetSeconds)) {
    const from = Math.min(audio.length - 1, Math.round(timing.onsetSeconds * sampleRate));
    const to = Math.min(audio.length, Math.max(from + 1, Math.round(timing.noteOffSeconds * sampleRate)));
    let sum = 0;
    for (let i = from; i < to; i++) sum += audio[i]! * audio[i]!;
    noteRmsDb = 10 * Math.log10(sum / (to - from));
  }
  return {
    sampleRate,
    durationSeconds: audio.length / sampleRate,
    pitch,
    loudness: { overallRmsDb: envelope.overallRmsDb, noteRmsDb, peakRmsDb: envelope.peakRmsDb },
    timing,
    spectralCentroidHz: spectralCentroidSummary(audio, sampleRate, options.centroid),
  };
}
