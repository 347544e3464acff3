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

export type { FrameFeatureOptions, FrameFeatures } from './analysis/frame-features';
export {
  computeFrameFeatures,
  DEFAULT_FRAME_FEATURE_OPTIONS,
  minimumFeatureSamples,
} from './analysis/frame-features';
export { AudioFileError } from './audio/audio-error';
export type { EncodeWavOptions, WavEncoding } from './audio/encode-wav';
export { DEFAULT_ENCODE_WAV_OPTIONS, encodeWav, WAV_ENCODINGS } from './audio/encode-wav';
export { mixToMono } from './audio/mix-to-mono';
export type { AudioClip, ReadAudioOptions } from './audio/read-audio';
export {
  DEFAULT_READ_AUDIO_OPTIONS,
  decodeAudio,
  readAudio,
  SUPPORTED_AUDIO_FORMATS,
} from './audio/read-audio';
export type { ResampleOptions, ResamplerQuality } from './audio/resample';
export { DEFAULT_RESAMPLE_OPTIONS, MAX_SAMPLE_RATE_HZ, resample } from './audio/resample';
export type { FileContents } from './cli/atomic-write';
export { commitFiles, writeFileAtomic } from './cli/atomic-write';
export type { Command, CommandContext, PositionalSpec } from './cli/command';
export type { FlagSpec, FlagSpecs, FlagValues, ParsedCommandLine } from './cli/flags';
export { parseCommandLine } from './cli/flags';
export { commandHelp, PROGRAM, programHelp } from './cli/help';
export type { CliIo, TextSink } from './cli/io';
export { processIo } from './cli/io';
export { findCommand, reportError, runCli } from './cli/main';
export type { Progress, ProgressOptions, ProgressValues } from './cli/progress';
export { createProgress, formatDuration } from './cli/progress';
export { EXIT_CODES, UsageError } from './cli/usage-error';
export { CLI_VERSION } from './cli/version';
export { COMMANDS } from './commands/registry';
