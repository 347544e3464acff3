/**
 * A RIFF/WAVE encoder for mono audio: 16-bit PCM (default, dithered-free rounding with
 * clipping to full scale) or 32-bit IEEE float (exact, unclipped).
 *
 * @example
 * ```ts
 * const bytes = encodeWav(samples, 16000);                        // 16-bit PCM
 * const float = encodeWav(samples, 16000, { encoding: 'float32' }); // 32-bit float
 * ```
 * @module
 */

/** Sample encodings {@link encodeWav} writes. */
export type WavEncoding = 'pcm16' | 'float32';

/** Options of {@link encodeWav}. */
export interface EncodeWavOptions {
  /** `'pcm16'` (default) or `'float32'`. */
  readonly encoding?: WavEncoding;
}

/** Defaults of {@link EncodeWavOptions}. */
export const DEFAULT_ENCODE_WAV_OPTIONS: Readonly<Required<EncodeWavOptions>> = Object.freeze({
  encoding: 'pcm16',
});

/** The WAV encodings by name, for option parsing and help texts. */
export const WAV_ENCODINGS: readonly WavEncoding[] = Object.freeze(['pcm16', 'float32']);

/**
 * Encodes mono `samples` (nominally in [-1, 1]) at `sampleRateHz` as a WAV file.
 * 16-bit PCM clips to [-1, 1] and rounds to the nearest step; float keeps values as they are.
 * Throws an Error naming a non-finite sample or a bad rate.
 */
export function encodeWav(
  samples: Float32Array,
  sampleRateHz: number,
  options: EncodeWavOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? DEFAULT_ENCODE_WAV_OPTIONS.encoding;
  if (!WAV_ENCODINGS.includes(encoding)) {
    throw new RangeError(`encodeWav: encoding must be one of ${WAV_ENCODINGS.join(', ')}, got ${encoding}`);
  }
  if (!Number.isInteger(sampleRateHz) || sampleRateHz < 1) {
    throw new RangeError(`encodeWav: sample rate must be a positive integer (Hz), got ${sampleRateHz}`);
  }
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]))
      throw new RangeError(`encodeWav: sample ${i} is ${samples[i]}, not finite`);
  }
  const bytesPerSample = encoding === 'pcm16' ? 2 : 4;
  const dataBytes = samples.length * bytesPerSample;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, encoding === 'pcm16' ? 1 : 3, true); // 1 = PCM, 3 = IEEE float
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * bytesPerSample, true); // byte rate
  view.setUint16(32, bytesPerSample, true); // block align
  view.setUint16(34, bytesPerSample * 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  if (encoding === 'pcm16') {
    for (let i = 0; i < samples.length; i++) {
      const clipped = Math.max(-1, Math.min(1, samples[i]!));
      view.setInt16(44 + 2 * i, Math.round(clipped * 32767), true);
    }
  } else {
    for (let i = 0; i < samples.length; i++) view.setFloat32(44 + 4 * i, samples[i]!, true);
  }
  return new Uint8Array(buffer);
}
