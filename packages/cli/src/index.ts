/**
 * The `ae-ddsp` command and the file-facing pieces it is built from: reading audio files
 * (WAV, FLAC, MP3, Ogg) to mono at a working rate with a band-limited resampler, writing
 * WAV files atomically, and the commands themselves (`match`, `render`, `features`,
 * `presets`, `params`, `bench`) callable from code through {@link runCli}.
 *
 * @example
 * ```ts
 * import { readAudio, encodeWav, writeFileAtomic } from '@ae-ddsp/cli';
 *
 * const clip = await readAudio('target.mp3', { sampleRateHz: 16000 });
 * await writeFileAtomic('target-16k.wav', encodeWav(clip.samples, clip.sampleRateHz));
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/cli
 */

import '@ae-ddsp/tfjs-gradients';

// Running the command line from code

export { runCli } from './cli/main';
export { EXIT_CODES } from './cli/usage-error';
export { CLI_VERSION } from './cli/version';

// Reading audio files: decode, mix to mono, resample

export { AudioFileError } from './audio/audio-error';
export { mixToMono } from './audio/mix-to-mono';
export {
  DEFAULT_READ_AUDIO_OPTIONS,
  decodeAudio,
  readAudio,
  SUPPORTED_AUDIO_FORMATS,
} from './audio/read-audio';
export { DEFAULT_RESAMPLE_OPTIONS, MAX_SAMPLE_RATE_HZ, resample } from './audio/resample';

// Writing files: WAV encoding, atomic writes

export { DEFAULT_ENCODE_WAV_OPTIONS, encodeWav, WAV_ENCODINGS } from './audio/encode-wav';
export { commitFiles, writeFileAtomic } from './cli/atomic-write';

// One match run, as `ae-ddsp match` does it, without files (for benchmarks and scripts)

export { DEFAULT_MATCH_INIT, DEFAULT_MATCH_STEPS, MATCH_INIT_CHOICES } from './commands/match-command';
export { DEFAULT_WINDOW_SECONDS, runMatch } from './match/run-match';

// Per-frame analysis (the `features` command)

export {
  computeFrameFeatures,
  DEFAULT_FRAME_FEATURE_OPTIONS,
  MAX_SPECTROGRAM_BYTES,
} from './analysis/frame-features';

// Types

export type { FrameFeatureOptions, FrameFeatures } from './analysis/frame-features';
export type { EncodeWavOptions, WavEncoding } from './audio/encode-wav';
export type { AudioClip, ReadAudioOptions } from './audio/read-audio';
export type { ResampleOptions, ResamplerQuality } from './audio/resample';
export type { FileContents } from './cli/atomic-write';
export type { CliIo, TextSink } from './cli/io';
export type { ComparisonRecord, MatchSummary, MetricsRow, ParameterResult } from './match/match-records';
export type { MatchablePlant, MatchRunOptions, MatchRunResult, PlantParameterRow } from './match/run-match';
