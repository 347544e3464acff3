/**
 * Per-frame features of a clip, with the `@ae-ddsp/features` definitions and the key names
 * of the torchaudio fixture: `logmel` (frames × mels, natural log of mel power + 1e-6),
 * `centroid_hz`, `rolloff85_hz`, `rolloff95_hz` (exact rolloff) and `flatness`.
 *
 * @example
 * ```ts
 * const features = computeFrameFeatures(samples, { sampleRateHz: 16000, fftLength: 1024 });
 * features.centroid_hz[0]; // Hz
 * ```
 * @module
 */

import {
  binCount,
  frameCount,
  logMelSpectrogram,
  resolveStftOptions,
  spectralCentroid,
  spectralFlatness,
  spectralRolloffExact,
  stft,
} from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';

/** Analysis settings of {@link computeFrameFeatures}. */
export interface FrameFeatureOptions {
  /** Sample rate of the samples, Hz. */
  readonly sampleRateHz: number;
  /** FFT length n_fft in samples (a power of two). Default 1024. */
  readonly fftLength?: number;
  /** Hop between frames in samples. Default 256. */
  readonly hopLength?: number;
  /** Number of mel bands. Default 64. */
  readonly melBins?: number;
}

/** Defaults of {@link FrameFeatureOptions} (the seed's: n_fft 1024, hop 256, 64 HTK mels). */
export const DEFAULT_FRAME_FEATURE_OPTIONS = Object.freeze({ fftLength: 1024, hopLength: 256, melBins: 64 });

/** Per-frame features (plain arrays, JSON-ready). */
export interface FrameFeatures {
  /** Sample rate analysed, Hz. */
  readonly sample_rate: number;
  /** FFT length in samples. */
  readonly n_fft: number;
  /** Hop in samples. */
  readonly hop_length: number;
  /** Mel bands. */
  readonly n_mels: number;
  /** Number of frames. */
  readonly frames: number;
  /** Log-mel spectrogram, frames × mels (natural log of mel power + 1e-6). */
  readonly logmel: number[][];
  /** Spectral centroid per frame, Hz. */
  readonly centroid_hz: number[];
  /** 85 % rolloff per frame, Hz. */
  readonly rolloff85_hz: number[];
  /** 95 % rolloff per frame, Hz. */
  readonly rolloff95_hz: number[];
  /** Spectral flatness per frame, in [0, 1]. */
  readonly flatness: number[];
}

/**
 * Largest power spectrogram (frames × bins × 4 bytes) {@link computeFrameFeatures} computes:
 * 256 MiB, e.g. 60 s at 44.1 kHz with n_fft 1024 down to hop 20. Peak memory of a
 * `features --json` run at this size is several times more (see the CLI README, "Limits").
 */
export const MAX_SPECTROGRAM_BYTES = 256 * 1024 * 1024;

/** Size in bytes of the float32 power spectrogram (frames × bins) of `samples` samples. */
export function spectrogramBytes(samples: number, fftLength: number, hopLength: number): number {
  const config = resolveStftOptions({ fftLength, hopLength });
  return frameCount(samples, config) * binCount(config) * 4;
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * Throws a RangeError, before anything is allocated, when the power spectrogram of `samples`
 * samples would exceed {@link MAX_SPECTROGRAM_BYTES}; the message gives the size, the limit
 * and the smallest hop that fits.
 */
export function checkFeatureSize(samples: number, fftLength: number, hopLength: number): void {
  const bytes = spectrogramBytes(samples, fftLength, hopLength);
  if (bytes <= MAX_SPECTROGRAM_BYTES) return;
  const config = resolveStftOptions({ fftLength, hopLength });
  const frames = frameCount(samples, config);
  const largestHop = 32768;
  const hint =
    spectrogramBytes(samples, fftLength, largestHop) <= MAX_SPECTROGRAM_BYTES
      ? `use --hop ${smallestHopThatFits(samples, fftLength, hopLength, largestHop)} or more, a smaller --n-fft, or a shorter file`
      : 'use a smaller --n-fft or a shorter file';
  throw new RangeError(
    `${frames} frames × ${binCount(config)} bins × 4 bytes = ${formatBytes(bytes)} of spectrogram, over the limit of ` +
      `${formatBytes(MAX_SPECTROGRAM_BYTES)}; ${hint}`,
  );
}

/** Smallest hop in (low, high] whose spectrogram fits the limit (`low` does not fit, `high` does). */
function smallestHopThatFits(samples: number, fftLength: number, low: number, high: number): number {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (spectrogramBytes(samples, fftLength, middle) > MAX_SPECTROGRAM_BYTES) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Computes the per-frame features of mono `samples` (on the active tfjs backend). Throws a
 * RangeError first if the spectrogram would exceed {@link MAX_SPECTROGRAM_BYTES}.
 */
export function computeFrameFeatures(samples: Float32Array, options: FrameFeatureOptions): FrameFeatures {
  const fftLength = options.fftLength ?? DEFAULT_FRAME_FEATURE_OPTIONS.fftLength;
  const hopLength = options.hopLength ?? DEFAULT_FRAME_FEATURE_OPTIONS.hopLength;
  const melBins = options.melBins ?? DEFAULT_FRAME_FEATURE_OPTIONS.melBins;
  const sampleRate = options.sampleRateHz;
  checkFeatureSize(samples.length, fftLength, hopLength);
  const [logmel, centroid, rolloff85, rolloff95, flatness] = tf.tidy(() => {
    const audio = tf.tensor2d(samples, [1, samples.length]);
    const power = stft(audio, { fftLength, hopLength });
    return [
      logMelSpectrogram(audio, { fftLength, hopLength, melBins, sampleRate }),
      spectralCentroid(power, { sampleRate }),
      spectralRolloffExact(power, { sampleRate, fraction: 0.85 }),
      spectralRolloffExact(power, { sampleRate, fraction: 0.95 }),
      spectralFlatness(power),
    ];
  });
  try {
    const rows = (logmel.arraySync() as number[][][])[0]!;
    const row = (t: tf.Tensor) => Array.from(t.dataSync());
    return {
      sample_rate: sampleRate,
      n_fft: fftLength,
      hop_length: hopLength,
      n_mels: melBins,
      frames: rows.length,
      logmel: rows,
      centroid_hz: row(centroid),
      rolloff85_hz: row(rolloff85),
      rolloff95_hz: row(rolloff95),
      flatness: row(flatness),
    };
  } finally {
    tf.dispose([logmel, centroid, rolloff85, rolloff95, flatness]);
  }
}
