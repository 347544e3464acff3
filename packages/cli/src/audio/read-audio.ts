/**
 * Reading audio files: WAV (8/16/24/32-bit integer, 32/64-bit float), FLAC, MP3 and Ogg
 * (Vorbis, Opus) decoded by `audio-decode` (WebAssembly and pure-JS decoders), mixed to mono
 * and, when asked, resampled with a band-limited sinc resampler ({@link resample}).
 * Every problem is reported as an {@link AudioFileError} with a one-line message.
 *
 * @example
 * ```ts
 * const clip = await readAudio('target.flac', { sampleRateHz: 16000 });
 * clip.samples; // Float32Array, mono, 16 kHz
 * ```
 * @module
 */

import { readFile, stat } from 'node:fs/promises';
import decode from 'audio-decode';
import audioType from 'audio-type';
import { printable } from '../cli/printable';
import { AudioFileError } from './audio-error';
import { mixToMono } from './mix-to-mono';
import { resample } from './resample';
import { truncatedWavData } from './wav-data-length';

/** Mono audio read from a file. */
export interface AudioClip {
  /** Mono samples at {@link AudioClip.sampleRateHz}. */
  readonly samples: Float32Array;
  /** Sample rate of `samples`, Hz. */
  readonly sampleRateHz: number;
  /** Sample rate of the file, Hz. */
  readonly sourceSampleRateHz: number;
  /** Channels in the file (mixed down to one). */
  readonly sourceChannels: number;
  /** Container/codec detected: `wav`, `flac`, `mp3`, `oga` (Ogg Vorbis), `opus`, ... */
  readonly format: string;
  /** Duration in seconds. */
  readonly durationSeconds: number;
}

/** Options of {@link readAudio}. */
export interface ReadAudioOptions {
  /** Resample to this rate (Hz); default: keep the file's rate. */
  readonly sampleRateHz?: number;
  /** Reject audio shorter than this many samples (after resampling), naming `minimumReason`. Default 1. */
  readonly minimumSamples?: number;
  /** What the minimum length is for, for the error message. Default `'one sample'`. */
  readonly minimumReason?: string;
  /** Reject audio whose peak is at or below `silenceFloor` (linear). Default true. */
  readonly rejectSilence?: boolean;
  /** Peak level (linear) at or below which audio counts as silent. Default 1e-4 (−80 dBFS, a few 16-bit steps). */
  readonly silenceFloor?: number;
  /** Receives a one-line warning naming the file (a WAV cut short); default: none. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** Defaults of {@link ReadAudioOptions}. */
export const DEFAULT_READ_AUDIO_OPTIONS = Object.freeze({
  minimumSamples: 1,
  minimumReason: 'one sample',
  rejectSilence: true,
  silenceFloor: 1e-4,
});

/** Formats named in messages and help texts. */
export const SUPPORTED_AUDIO_FORMATS =
  'WAV (8/16/24/32-bit int, 32/64-bit float), FLAC, MP3, Ogg Vorbis/Opus';

const FORMAT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  wav: 'WAV',
  flac: 'FLAC',
  mp3: 'MP3',
  oga: 'Ogg Vorbis',
  opus: 'Ogg Opus',
});

/** Reads, checks, mixes to mono and optionally resamples an audio file. */
export async function readAudio(path: string, options: ReadAudioOptions = {}): Promise<AudioClip> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new AudioFileError(path, 'no such file');
    throw new AudioFileError(path, `cannot read (${error.code ?? error.message})`);
  });
  if (info.isDirectory()) throw new AudioFileError(path, 'is a directory, expected an audio file');
  if (!info.isFile()) throw new AudioFileError(path, 'is not a regular file');
  if (info.size === 0) throw new AudioFileError(path, 'is empty (0 bytes), expected an audio file');
  const bytes = new Uint8Array(await readFile(path));
  return decodeAudio(bytes, path, options);
}

/** Like {@link readAudio} for bytes already in memory; `name` is used in error messages. */
export async function decodeAudio(
  bytes: Uint8Array,
  name: string,
  options: ReadAudioOptions = {},
): Promise<AudioClip> {
  if (bytes.length === 0) throw new AudioFileError(name, 'is empty (0 bytes), expected an audio file');
  const format = audioType(bytes);
  if (!format) {
    throw new AudioFileError(
      name,
      `unsupported or unrecognised audio format; expected ${SUPPORTED_AUDIO_FORMATS}`,
    );
  }
  const formatName = FORMAT_NAMES[format] ?? format;
  const truncated = format === 'wav' ? truncatedWavData(bytes) : undefined;
  if (truncated) {
    options.onWarning?.(
      `${printable(name)}: WAV data is cut short: its header gives ${truncated.declaredBytes} bytes of audio, ` +
        `the file holds ${truncated.presentBytes} (${((100 * truncated.presentBytes) / truncated.declaredBytes).toFixed(1)} %); reading what is there`,
    );
  }
  let decoded: { channelData: Float32Array[]; sampleRate: number };
  try {
    decoded = await decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioFileError(name, `corrupt or unreadable ${formatName} data (${reason.split('\n')[0]})`);
  }
  const channels = decoded.channelData ?? [];
  if (channels.length === 0 || channels[0]!.length === 0 || !(decoded.sampleRate > 0)) {
    throw new AudioFileError(name, `contains no audio samples (${formatName} data decoded to nothing)`);
  }
  for (const [c, channel] of channels.entries()) {
    const bad = channel.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      throw new AudioFileError(
        name,
        `sample ${bad} of channel ${c} is ${channel[bad]}: audio must contain finite samples only`,
      );
    }
  }
  const mono = mixToMono(channels);
  const sourceSampleRateHz = decoded.sampleRate;
  const sampleRateHz = options.sampleRateHz ?? sourceSampleRateHz;
  const samples = await resample(mono, sourceSampleRateHz, sampleRateHz).catch((error: Error) => {
    throw new AudioFileError(
      name,
      `${formatName} at ${sourceSampleRateHz} Hz: ${error.message.replace(/^resample: /, '')}`,
    );
  });
  const minimum = options.minimumSamples ?? DEFAULT_READ_AUDIO_OPTIONS.minimumSamples;
  if (samples.length < minimum) {
    const reason = options.minimumReason ?? DEFAULT_READ_AUDIO_OPTIONS.minimumReason;
    throw new AudioFileError(
      name,
      `audio is ${samples.length} samples (${formatMs(samples.length / sampleRateHz)}) at ${sampleRateHz} Hz, ` +
        `shorter than ${reason} (${minimum} samples)`,
    );
  }
  if (options.rejectSilence ?? DEFAULT_READ_AUDIO_OPTIONS.rejectSilence) {
    const floor = options.silenceFloor ?? DEFAULT_READ_AUDIO_OPTIONS.silenceFloor;
    let peak = 0;
    for (const x of samples) peak = Math.max(peak, Math.abs(x));
    if (peak <= floor) {
      throw new AudioFileError(
        name,
        `audio is silent (peak ${peak === 0 ? '-inf' : (20 * Math.log10(peak)).toFixed(1)} dBFS, floor ${(20 * Math.log10(floor)).toFixed(0)} dBFS); nothing to analyse`,
      );
    }
  }
  return {
    samples,
    sampleRateHz,
    sourceSampleRateHz,
    sourceChannels: channels.length,
    format,
    durationSeconds: samples.length / sampleRateHz,
  };
}

function formatMs(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(3)} s`;
}
