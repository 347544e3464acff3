/**
 * Band-limited sample-rate conversion through libsamplerate (Erik de Castro Lopo's
 * Secret Rabbit Code, compiled to WebAssembly by `@alexanderolsen/libsamplerate-js`): a
 * windowed-sinc converter whose best mode keeps the passband flat and rejects images and
 * aliases by well over 100 dB.
 *
 * @example
 * ```ts
 * const at16k = await resample(samplesAt44k, 44100, 16000);
 * ```
 * @module
 */

/** libsamplerate converter qualities (its sinc modes), best first. */
export type ResamplerQuality = 'best' | 'medium' | 'fastest';

/** Options of {@link resample}. */
export interface ResampleOptions {
  /** libsamplerate sinc converter. Default `'best'`. */
  readonly quality?: ResamplerQuality;
}

/** Defaults of {@link ResampleOptions}. */
export const DEFAULT_RESAMPLE_OPTIONS: Readonly<Required<ResampleOptions>> = Object.freeze({
  quality: 'best',
});

const CONVERTER: Readonly<Record<ResamplerQuality, 0 | 1 | 2>> = Object.freeze({
  best: 0,
  medium: 1,
  fastest: 2,
});

/** Highest sample rate libsamplerate-js accepts, Hz. */
export const MAX_SAMPLE_RATE_HZ = 192000;

/**
 * Converts mono `samples` from `fromHz` to `toHz` with a band-limited sinc resampler.
 * The output has `round(samples.length · toHz / fromHz)` samples; equal rates return a copy.
 * Throws an Error naming a bad rate.
 */
export async function resample(
  samples: Float32Array,
  fromHz: number,
  toHz: number,
  options: ResampleOptions = {},
): Promise<Float32Array> {
  for (const [name, rate] of [
    ['fromHz', fromHz],
    ['toHz', toHz],
  ] as const) {
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_SAMPLE_RATE_HZ) {
      throw new RangeError(
        `resample: ${name} must be an integer in [1, ${MAX_SAMPLE_RATE_HZ}] Hz, got ${rate}`,
      );
    }
  }
  if (fromHz === toHz || samples.length === 0) return Float32Array.from(samples);
  const quality = options.quality ?? DEFAULT_RESAMPLE_OPTIONS.quality;
  const converterType = CONVERTER[quality];
  if (converterType === undefined)
    throw new RangeError(`resample: unknown quality ${JSON.stringify(quality)}`);
  // Loaded on first use: the module embeds its WebAssembly (2 MB of JavaScript to parse).
  const { default: libsamplerate } = await import('@alexanderolsen/libsamplerate-js');
  const converter = await libsamplerate.create(1, fromHz, toHz, { converterType });
  try {
    return Float32Array.from(converter.simple(samples));
  } finally {
    converter.destroy();
  }
}
