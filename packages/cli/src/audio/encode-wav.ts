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

/** Checks the encoding and the rate; returns the bytes per sample. */
function bytesPerSampleOf(encoding: WavEncoding, sampleRateHz: number): number {
  if (!WAV_ENCODINGS.includes(encoding)) {
    throw new RangeError(`encodeWav: encoding must be one of ${WAV_ENCODINGS.join(', ')}, got ${encoding}`);
  }
  if (!Number.isInteger(sampleRateHz) || sampleRateHz < 1) {
    throw new RangeError(`encodeWav: sample rate must be a positive integer (Hz), got ${sampleRateHz}`);
  }
  return encoding === 'pcm16' ? 2 : 4;
}

/** Largest number of samples one WAV file holds in `encoding` (its sizes are 32-bit). */
export function maxWavSamples(encoding: WavEncoding): number {
  return Math.floor((2 ** 32 - 1 - 36) / (encoding === 'pcm16' ? 2 : 4));
}

/**
 * The 44-byte header of a mono WAV file of `sampleCount` samples: with {@link encodeWavSamples}
 * of each block after it, a file written as it is rendered.
 */
export function wavHeader(
  sampleCount: number,
  sampleRateHz: number,
  options: EncodeWavOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? DEFAULT_ENCODE_WAV_OPTIONS.encoding;
  const bytesPerSample = bytesPerSampleOf(encoding, sampleRateHz);
  if (!(Number.isInteger(sampleCount) && sampleCount >= 0 && sampleCount <= maxWavSamples(encoding)))
    throw new RangeError(
      `encodeWav: a WAV file holds 0 … ${maxWavSamples(encoding)} samples, got ${sampleCount}`,
    );
  const dataBytes = sampleCount * bytesPerSample;
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
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
  return header;
}

/**
 * The data bytes of `samples` in `encoding` (16-bit PCM clips to [-1, 1] and rounds to the
 * nearest step). Throws naming a non-finite sample, counted from `firstIndex`.
 */
export function encodeWavSamples(
  samples: Float32Array,
  options: EncodeWavOptions = {},
  firstIndex = 0,
): Uint8Array {
  const encoding = options.encoding ?? DEFAULT_ENCODE_WAV_OPTIONS.encoding;
  const bytesPerSample = bytesPerSampleOf(encoding, 1);
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]))
      throw new RangeError(`encodeWav: sample ${firstIndex + i} is ${samples[i]}, not finite`);
  }
  const bytes = new Uint8Array(samples.length * bytesPerSample);
  const view = new DataView(bytes.buffer);
  if (encoding === 'pcm16') {
    for (let i = 0; i < samples.length; i++) {
      const clipped = Math.max(-1, Math.min(1, samples[i]!));
      view.setInt16(2 * i, Math.round(clipped * 32767), true);
    }
  } else {
    for (let i = 0; i < samples.length; i++) view.setFloat32(4 * i, samples[i]!, true);
  }
  return bytes;
}

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
  const header = wavHeader(samples.length, sampleRateHz, options);
  const data = encodeWavSamples(samples, options);
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}
