/**
 * Band-limited additive synthesis: y = Σ_{k=1..K} A_k·taper_k(|f|)·sin(2πk·φ), where φ is the
 * phase in cycles, f the instantaneous frequency (Hz) and taper_k a smoothstep that fades
 * partial k out as k·|f| approaches Nyquist (over the top {@link HARMONIC_FADE} of the band)
 * and is exactly 0 at and above it, so no partial above Nyquist is ever synthesised and the
 * output stays differentiable in f. On `cpu` it is our `AeHarmonic` kernel (Chebyshev
 * recurrences in float64, O(samples · partials below Nyquist)) with an exact backward
 * kernel; elsewhere a composite of tfjs ops over a `[batch, K, samples]` tensor.
 *
 * @example
 * ```ts
 * const saw = harmonic(phase, frequencyHz, amplitudes, 16000); // amplitudes [batch, K]
 * ```
 * @module
 */
import { hasKernel } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { HARMONIC_KERNEL } from '../kernel-names';
import { harmonicComposite } from './harmonic-composite';
import { ensureHarmonicKernels } from './harmonic-kernels';

/**
 * Band-limited additive synthesis on whatever backend is active: `phase` (cycles) and
 * `frequency` (Hz) `[batch, samples]`, `amplitudes` `[1 or batch, K]`.
 */
export function harmonic(
  phase: tf.Tensor2D,
  frequency: tf.Tensor2D,
  amplitudes: tf.Tensor2D,
  sampleRate: number,
): tf.Tensor2D {
  if (phase.rank !== 2 || frequency.rank !== 2 || phase.shape.join() !== frequency.shape.join()) {
    throw new Error(
      `harmonic: phase and frequency must both be [batch, samples], got [${phase.shape}] and [${frequency.shape}]`,
    );
  }
  if (amplitudes.rank !== 2 || (amplitudes.shape[0] !== 1 && amplitudes.shape[0] !== phase.shape[0])) {
    throw new Error(
      `harmonic: amplitudes must be [1 or ${phase.shape[0]}, partials], got [${amplitudes.shape}]`,
    );
  }
  if (!(sampleRate > 0)) throw new Error(`harmonic: sampleRate must be > 0 Hz, got ${sampleRate}`);
  ensureHarmonicKernels();
  if (hasKernel(HARMONIC_KERNEL)) {
    return tf
      .engine()
      .runKernel(HARMONIC_KERNEL, { phase, frequency, amplitudes }, { sampleRate }) as tf.Tensor2D;
  }
  return harmonicComposite(phase, frequency, amplitudes, sampleRate);
}
