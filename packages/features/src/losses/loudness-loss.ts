/**
 * The loudness-envelope loss: per STFT frame, the level in dB of the audio and of the target,
 * and the mean squared difference in dB². Unlike the log-mel and cumulative-spectrum terms it
 * moves with a gain change everywhere (a uniform gain of g dB costs about g²), and it follows
 * the envelope frame by frame (attack, decay, note length). Levels more than `rangeDb` under
 * the target's loudest frame are floored, so silence against near-silence costs nothing.
 * Differentiable w.r.t. the audio through the package's STFT kernel.
 *
 * @example
 * ```ts
 * const loudness = createLoudnessLoss(target); // n_fft 1024, hop 256, RMS levels, 60 dB range
 * const { value, grads } = tf.variableGrads(() => loudness(synth()));
 * loudness.dispose();
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { aWeightingDb } from '../stats/spectral-statistics';
import { stft } from '../stft/stft';
import { minimumSignalLength, resolveStftOptions } from '../stft/stft-options';
import { hannWindow } from '../stft/window';
import { assertAudio } from '../validate';
import { keepTarget, makeTargetLoss, type TargetLoss } from './target-loss';

/** Options of {@link createLoudnessLoss}. */
export interface LoudnessLossOptions {
  /** FFT length of the frames, samples (a power of two). Default 1024. */
  readonly fftLength?: number;
  /** Hop between frames, samples. Default 256. */
  readonly hopLength?: number;
  /** Levels this many dB under the target's loudest frame are floored. Default 60. */
  readonly rangeDb?: number;
  /** Weight the spectrum by the A-curve (IEC 61672) before summing it. Default false (plain RMS). */
  readonly aWeighted?: boolean;
  /** Sample rate, Hz (only the A-curve needs it). Default 16000. */
  readonly sampleRate?: number;
}

/** Defaults of {@link LoudnessLossOptions}. */
export const LOUDNESS_LOSS_DEFAULTS: Readonly<Required<LoudnessLossOptions>> = Object.freeze({
  fftLength: 1024,
  hopLength: 256,
  rangeDb: 60,
  aWeighted: false,
  sampleRate: 16000,
});

/** Mean square levels never go under this (−200 dB), so an all-silent target has a finite log. */
const ABSOLUTE_FLOOR = 1e-20;

/**
 * Per-bin weights that turn a one-sided power spectrum of a Hann-windowed frame into the
 * frame's window-weighted mean square `Σ_t (w_t x_t)² / Σ_t w_t²` (Parseval: DC and Nyquist
 * once, every other bin twice, over n·Σw²), times the A-curve's power gain when asked.
 */
function binWeights(fftLength: number, aWeighted: boolean, sampleRate: number): Float32Array {
  const window = hannWindow(fftLength);
  let windowPower = 0;
  for (const w of window) windowPower += w * w;
  const bins = fftLength / 2 + 1;
  const weights = new Float32Array(bins);
  for (let k = 0; k < bins; k++) {
    const twice = k === 0 || k === bins - 1 ? 1 : 2;
    const curve = aWeighted ? (k === 0 ? 0 : 10 ** (aWeightingDb((k * sampleRate) / fftLength) / 10)) : 1;
    weights[k] = (twice * curve) / (fftLength * windowPower);
  }
  return weights;
}

/**
 * Encodes `target` `[batch or 1, samples]` once and returns `loss(audio)`: the mean over batch
 * and frames of `(L(audio) − L(target))²`, with `L = 10·log10(ms + floor)` the frame's mean
 * square `ms` in dB (RMS, or A-weighted) and `floor` the target's loudest frame − `rangeDb`.
 * Call `dispose()` when done.
 */
export function createLoudnessLoss(target: tf.Tensor, options: LoudnessLossOptions = {}): TargetLoss {
  const { fftLength, hopLength, rangeDb, aWeighted, sampleRate } = { ...LOUDNESS_LOSS_DEFAULTS, ...options };
  if (!(Number.isFinite(rangeDb) && rangeDb > 0)) {
    throw new RangeError(`loudnessLoss: rangeDb must be a finite number of dB > 0, got ${rangeDb}`);
  }
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) {
    throw new RangeError(`loudnessLoss: sampleRate must be a finite number of Hz > 0, got ${sampleRate}`);
  }
  const config = resolveStftOptions({ fftLength, hopLength, power: 2 });
  assertAudio(target, 'loudnessLoss (target)', minimumSignalLength(config));
  const weights = keepTarget(() => tf.tensor1d(binWeights(fftLength, aWeighted, sampleRate)));
  const meanSquare = (audio: tf.Tensor) => tf.sum(tf.mul(stft(audio, config), weights), 2);
  const [floor, targetDb] = tf.tidy(() => {
    const ms = meanSquare(target);
    const peak = tf.max(ms, 1, true);
    const floor = tf.add(tf.mul(peak, 10 ** (-rangeDb / 10)), ABSOLUTE_FLOOR);
    return [tf.keep(floor), tf.keep(toDb(tf.add(ms, floor)))];
  });
  return makeTargetLoss(
    (audio) => {
      assertAudio(audio, 'loudnessLoss', minimumSignalLength(config));
      ensureStockGradients();
      return tf.tidy(() => {
        const levels = toDb(tf.add(meanSquare(audio), floor));
        return tf.mean(tf.squaredDifference(levels, targetDb)) as tf.Scalar;
      });
    },
    () => tf.dispose([weights, floor, targetDb]),
    target.shape,
  );
}

function toDb(meanSquare: tf.Tensor): tf.Tensor {
  return tf.mul(tf.log(meanSquare), 10 / Math.LN10);
}
