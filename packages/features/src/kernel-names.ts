/**
 * The names of every tfjs kernel features registers (on the `cpu` backend), in one place.
 * Each forward kernel's gradient is registered under the forward kernel's name; a `…Grad`
 * kernel is the backward pass that gradient runs. The code of a kernel lives in the folder
 * of its op (`stft/`: `stft.ts` op, `stft-cpu.ts` math, `stft-kernels.ts` kernels and
 * registration, `stft-composite.ts` fallback, `stft.test.ts`; likewise `mel/`), the two
 * fused distances in `losses/`.
 *
 * @example
 * ```ts
 * tf.getKernel(STFT_KERNEL, 'cpu'); // registered once an STFT has run on cpu
 * ```
 * @module
 */

/** The STFT: inputs `{x}`; outputs `[spectrogram, complexSpectrum]`. */
export const STFT_KERNEL = 'AeStft';
/** Its backward pass: inputs `{dy, spectrum}`; output `dx`. */
export const STFT_GRAD_KERNEL = 'AeStftGrad';

/** The (log-)mel spectrogram: inputs `{x}`; outputs `[mel or log-mel [batch, frames, mels], complexSpectrum]`. */
export const MEL_KERNEL = 'AeMelSpectrogram';
/** Its backward pass: inputs `{dy, spectrum, y}`; output `dx`. */
export const MEL_GRAD_KERNEL = 'AeMelSpectrogramGrad';

/**
 * The log-mel distance: inputs `{x, target}`; outputs `[loss (scalar), ∂loss/∂x]` when the
 * attribute `withGradient` is set (the op sets it while a gradient tape records), else
 * `[loss, empty]`.
 */
export const LOG_MEL_DISTANCE_KERNEL = 'AeLogMelDistance';

/**
 * The cumulative-spectrum distance: inputs `{x, target}` (audio `[batch, samples]`, target
 * CDFs `[batch or 1, frames, bins]`); outputs `[loss (scalar), ∂loss/∂x]` when the attribute
 * `withGradient` is set, else `[loss, empty]`.
 */
export const CUMULATIVE_SPECTRUM_DISTANCE_KERNEL = 'AeCumulativeSpectrumDistance';
