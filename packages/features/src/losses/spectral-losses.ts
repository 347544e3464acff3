/**
 * Linear-frequency spectral losses against a cached target: the DDSP multi-scale spectral
 * loss (L1 of linear and log magnitudes, per-scale terms SUMMED as in DDSP) and spectral
 * convergence (per-scale terms AVERAGED). The cumulative-spectrum loss has its own module.
 *
 * @example
 * ```ts
 * const ddsp = createSpectralLoss(target);                    // 2048 … 64, 75 % overlap
 * const sc = createSpectralConvergenceLoss(target);           // 2048, 1024, 512
 * const total = combineLosses([{ loss: ddsp, weight: 1 }, { loss: sc, weight: 1 }]);
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { stft } from '../stft/stft';
import { makeTargetLoss, type TargetLoss } from './target-loss';

/** Options of {@link createSpectralLoss}. */
export interface SpectralLossOptions {
  /** FFT lengths in samples. Default `[2048, 1024, 512, 256, 128, 64]` (DDSP's). */
  fftLengths?: readonly number[];
  /** Frame overlap in [0, 1): hop = fftLength·(1 − overlap). Default 0.75. */
  overlap?: number;
  /** Weight of the linear-magnitude L1 term. Default 1. */
  linearWeight?: number;
  /** Weight of the log-magnitude L1 term. Default 1. */
  logWeight?: number;
  /** Added to magnitudes before the log. Default 1e-7 (DDSP's). */
  epsilon?: number;
}

/** Defaults of {@link SpectralLossOptions}. */
export const DEFAULT_SPECTRAL_LOSS_OPTIONS: Readonly<Required<SpectralLossOptions>> = Object.freeze({
  fftLengths: Object.freeze([2048, 1024, 512, 256, 128, 64]) as readonly number[],
  overlap: 0.75,
  linearWeight: 1,
  logWeight: 1,
  epsilon: 1e-7,
});

function hopFor(fftLength: number, overlap: number): number {
  if (!(overlap >= 0 && overlap < 1))
    throw new Error(`spectral loss: overlap must be in [0, 1), got ${overlap}`);
  return Math.max(1, Math.round(fftLength * (1 - overlap)));
}

function magnitudes(audio: tf.Tensor, fftLengths: readonly number[], overlap: number): tf.Tensor3D[] {
  return fftLengths.map((fftLength) =>
    stft(audio, { fftLength, hopLength: hopFor(fftLength, overlap), power: 1 }),
  );
}

function keepAll(make: () => tf.Tensor3D[]): tf.Tensor3D[] {
  return tf.tidy(() => make().map((t) => tf.keep(t)));
}

/**
 * DDSP multi-scale spectral loss: `Σ_scales linearWeight·mean|S − Ŝ| + logWeight·mean|log(S+ε) − log(Ŝ+ε)|`
 * on STFT magnitudes (centred frames, periodic Hann).
 */
export function createSpectralLoss(target: tf.Tensor, options: SpectralLossOptions = {}): TargetLoss {
  const o = { ...DEFAULT_SPECTRAL_LOSS_OPTIONS, ...options };
  const targets = keepAll(() => magnitudes(target, o.fftLengths, o.overlap));
  return makeTargetLoss(
    (audio) =>
      tf.tidy(() => {
        const mags = magnitudes(audio, o.fftLengths, o.overlap);
        let total: tf.Tensor = tf.scalar(0);
        mags.forEach((s, i) => {
          const t = targets[i]!;
          if (o.linearWeight !== 0)
            total = tf.add(total, tf.mul(tf.mean(tf.abs(tf.sub(s, t))), o.linearWeight));
          if (o.logWeight !== 0) {
            const d = tf.sub(tf.log(tf.add(s, o.epsilon)), tf.log(tf.add(t, o.epsilon)));
            total = tf.add(total, tf.mul(tf.mean(tf.abs(d)), o.logWeight));
          }
        });
        return total as tf.Scalar;
      }),
    () => tf.dispose(targets),
    target.shape,
  );
}

/** Options of {@link createSpectralConvergenceLoss}. */
export interface SpectralConvergenceOptions {
  /** FFT lengths in samples. Default `[2048, 1024, 512]`. */
  fftLengths?: readonly number[];
  /** Frame overlap in [0, 1). Default 0.75. */
  overlap?: number;
}

/**
 * Spectral convergence `‖S − Ŝ‖_F / ‖Ŝ‖_F` per batch item (Ŝ the target magnitude),
 * averaged over the batch and over scales. 0 for a perfect match.
 */
export function createSpectralConvergenceLoss(
  target: tf.Tensor,
  options: SpectralConvergenceOptions = {},
): TargetLoss {
  const fftLengths = options.fftLengths ?? [2048, 1024, 512];
  const overlap = options.overlap ?? 0.75;
  const targets = keepAll(() => magnitudes(target, fftLengths, overlap));
  return makeTargetLoss(
    (audio) =>
      tf.tidy(() => {
        const mags = magnitudes(audio, fftLengths, overlap);
        let total: tf.Tensor = tf.scalar(0);
        mags.forEach((s, i) => {
          const t = targets[i]!;
          const num = tf.sqrt(tf.add(tf.sum(tf.squaredDifference(s, t), [1, 2]), 1e-20));
          const den = tf.sqrt(tf.add(tf.sum(tf.square(t), [1, 2]), 1e-20));
          total = tf.add(total, tf.mean(tf.div(num, den)));
        });
        return tf.div(total, fftLengths.length) as tf.Scalar;
      }),
    () => tf.dispose(targets),
    target.shape,
  );
}
