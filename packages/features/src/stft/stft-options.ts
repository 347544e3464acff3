/**
 * STFT options, their frozen defaults and validation.
 *
 * @example
 * ```ts
 * const config = resolveStftOptions({ fftLength: 1024 }); // hop 256, Hann 1024, centred, power 2
 * frameCount(16000, config); // 63
 * ```
 * @module
 */
import { WINDOW_TYPES, type WindowType } from './window';

/** Options of {@link stft} (all lengths in samples). */
export interface StftOptions {
  /** FFT length `n_fft` in samples, a power of two ≥ 4. Default 1024. */
  fftLength?: number;
  /** Hop between frames in samples. Default 256. */
  hopLength?: number;
  /** Window length in samples (≤ `fftLength`, centred in the frame). Default `fftLength`. */
  windowLength?: number;
  /** Window shape (periodic). Default `'hann'`. */
  window?: WindowType;
  /** Pad `fftLength / 2` samples on each side by reflection so frame t is centred at t·hop. Default true. */
  center?: boolean;
  /** 2 for the power spectrum |X|², 1 for the magnitude |X|. Default 2. */
  power?: 1 | 2;
}

/** {@link StftOptions} with every field filled in. */
export interface StftConfig {
  /** FFT length in samples. */
  readonly fftLength: number;
  /** Hop in samples. */
  readonly hopLength: number;
  /** Window length in samples. */
  readonly windowLength: number;
  /** Window shape. */
  readonly window: WindowType;
  /** Whether frames are centred with reflect padding. */
  readonly center: boolean;
  /** 1 (magnitude) or 2 (power). */
  readonly power: 1 | 2;
}

/** Defaults of {@link StftOptions} (torchaudio conventions, seed hop 256). */
export const DEFAULT_STFT_OPTIONS: Readonly<Required<Omit<StftOptions, 'windowLength'>>> = Object.freeze({
  fftLength: 1024,
  hopLength: 256,
  center: true,
  power: 2 as const,
  window: 'hann' as WindowType,
});

/** Fills in and validates {@link StftOptions}; throws an Error naming the bad option. */
export function resolveStftOptions(options: StftOptions = {}): StftConfig {
  const fftLength = options.fftLength ?? DEFAULT_STFT_OPTIONS.fftLength;
  const hopLength = options.hopLength ?? DEFAULT_STFT_OPTIONS.hopLength;
  const windowLength = options.windowLength ?? fftLength;
  const center = options.center ?? DEFAULT_STFT_OPTIONS.center;
  const power = options.power ?? DEFAULT_STFT_OPTIONS.power;
  const window = options.window ?? DEFAULT_STFT_OPTIONS.window;
  if (!WINDOW_TYPES.includes(window)) {
    throw new Error(`stft: window must be one of ${WINDOW_TYPES.join(', ')}, got "${window}"`);
  }
  if (!Number.isInteger(fftLength) || fftLength < 4 || (fftLength & (fftLength - 1)) !== 0) {
    throw new Error(`stft: fftLength must be a power of two >= 4, got ${fftLength}`);
  }
  if (!Number.isInteger(hopLength) || hopLength < 1) {
    throw new Error(`stft: hopLength must be a positive integer, got ${hopLength}`);
  }
  if (!Number.isInteger(windowLength) || windowLength < 1 || windowLength > fftLength) {
    throw new Error(
      `stft: windowLength must be an integer in [1, fftLength=${fftLength}], got ${windowLength}`,
    );
  }
  if (power !== 1 && power !== 2) throw new Error(`stft: power must be 1 or 2, got ${power}`);
  return Object.freeze({ fftLength, hopLength, windowLength, window, center: Boolean(center), power });
}

/** Number of frequency bins `fftLength / 2 + 1`. */
export function binCount(config: Pick<StftConfig, 'fftLength'>): number {
  return config.fftLength / 2 + 1;
}

/** Shortest signal (samples) the STFT accepts: `fftLength/2 + 1` when centred, else `fftLength`. */
export function minimumSignalLength(config: Pick<StftConfig, 'fftLength' | 'center'>): number {
  return config.center ? config.fftLength / 2 + 1 : config.fftLength;
}

/** Number of frames for a signal of `signalLength` samples (1 + ⌊N/hop⌋ when centred). */
export function frameCount(
  signalLength: number,
  config: Pick<StftConfig, 'fftLength' | 'hopLength' | 'center'>,
): number {
  const padded = config.center ? signalLength + config.fftLength : signalLength;
  return 1 + Math.floor((padded - config.fftLength) / config.hopLength);
}
