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

/** Highest sample rate libsamplerate-js accepts, Hz (rates above it work when their ratio reduces below it). */
export const MAX_SAMPLE_RATE_HZ = 192000;

/** Largest conversion ratio libsamplerate supports, either way (its `SRC_MAX_RATIO`). */
export const MAX_RESAMPLE_RATIO = 256;

/** Input samples handed to libsamplerate per call, so each call's output fits its 4 MB buffer. */
function chunkLength(ratio: number): number {
  return Math.max(1, Math.min(65536, Math.floor(65536 / ratio)));
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * Converts mono `samples` from `fromHz` to `toHz` with a band-limited sinc resampler.
 * The output has exactly `round(samples.length · toHz / fromHz)` samples, the filter's tail
 * included (the input is streamed through libsamplerate's full API and the converter flushed);
 * equal rates return a copy, at any rate. Rates above {@link MAX_SAMPLE_RATE_HZ} are converted
 * when their ratio reduces to rates within it (only the ratio matters to the converter).
 * Throws a RangeError naming a bad rate or an unsupported conversion.
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
    if (!Number.isSafeInteger(rate) || rate < 1) {
      throw new RangeError(`resample: ${name} must be an integer ≥ 1 Hz, got ${rate}`);
    }
  }
  if (fromHz === toHz || samples.length === 0) return Float32Array.from(samples);
  const quality = options.quality ?? DEFAULT_RESAMPLE_OPTIONS.quality;
  const converterType = CONVERTER[quality];
  if (converterType === undefined)
    throw new RangeError(`resample: unknown quality ${JSON.stringify(quality)}`);
  const ratio = toHz / fromHz;
  if (ratio > MAX_RESAMPLE_RATIO || ratio < 1 / MAX_RESAMPLE_RATIO) {
    throw new RangeError(
      `resample: cannot convert ${fromHz} Hz to ${toHz} Hz: the ratio must lie within 1/${MAX_RESAMPLE_RATIO} to ${MAX_RESAMPLE_RATIO}`,
    );
  }
  const common = greatestCommonDivisor(fromHz, toHz);
  const [inHz, outHz] = [fromHz / common, toHz / common];
  if (inHz > MAX_SAMPLE_RATE_HZ || outHz > MAX_SAMPLE_RATE_HZ) {
    throw new RangeError(
      `resample: cannot convert ${fromHz} Hz to ${toHz} Hz: the resampler accepts rates up to ${MAX_SAMPLE_RATE_HZ} Hz, and ${fromHz}:${toHz} does not reduce to rates within it`,
    );
  }
  const length = Math.round(samples.length * ratio);
  const output = new Float32Array(length);
  // Loaded on first use: the module embeds its WebAssembly (2 MB of JavaScript to parse).
  const { default: libsamplerate } = await import('@alexanderolsen/libsamplerate-js');
  const converter = await libsamplerate.create(1, inHz, outHz, { converterType });
  try {
    // The full API keeps the filter's state between calls but never flushes it, so after the
    // input, zeros are fed (what libsamplerate's end-of-input does) until the tail has come out.
    const chunk = chunkLength(ratio);
    const silence = new Float32Array(chunk);
    let written = 0;
    let fed = 0;
    const flushLimit = samples.length + 4 * chunk + Math.ceil(4096 / Math.min(1, ratio));
    while (written < length) {
      const input = fed < samples.length ? samples.subarray(fed, fed + chunk) : silence;
      if (fed >= flushLimit)
        throw new Error(`resample: libsamplerate stopped after ${written} of ${length} samples`);
      const produced = converter.full(input);
      output.set(produced.subarray(0, length - written), written);
      written += Math.min(produced.length, length - written);
      fed += input.length;
    }
    return output;
  } finally {
    converter.destroy();
  }
}
