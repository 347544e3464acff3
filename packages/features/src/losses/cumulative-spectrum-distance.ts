/**
 * The cumulative-spectrum (1-D Wasserstein-like) distance: per frame, the spectrum seen as a
 * distribution over frequency, its normalised cumulative sum (CDF) compared with the
 * target's, `Σ_k |F_k − G_k|` (smoothed at 0) as a fraction of Nyquist, averaged over frames
 * and batch. On the `cpu` backend {@link audioCumulativeSpectrumDistance} runs it as one fused
 * kernel (`AeCumulativeSpectrumDistance`: frames → window → real FFT → power → CDF → distance);
 * while a gradient tape records, the same sweep computes each frame's ∂/∂spectrum (a reverse
 * cumulative sum), its adjoint real FFT and the overlap-added audio gradient, so the backward
 * pass is a single multiply. Other backends compose {@link stft} with tfjs ops
 * ({@link cumulativeSpectrum}, {@link cumulativeSpectrumDistance}); both give the same value.
 *
 * @example
 * ```ts
 * const options = { fftLength: 1024, hopLength: 256 };
 * const targetCdf = targetCumulativeSpectrum(targetAudio, options); // cache once
 * const loss = audioCumulativeSpectrumDistance(audio, targetCdf, options);
 * ```
 * @module
 */

import { hasKernel, makeFloat32, readFloat32, tapeRecording } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { CUMULATIVE_SPECTRUM_DISTANCE_KERNEL, STFT_KERNEL } from '../kernel-names';
import { stft } from '../stft/stft';
import { forEachFrameSpectrum, stftWithAdjoint } from '../stft/stft-cpu';
import { configFromAttrs, ensureStftKernels, stftAttrs } from '../stft/stft-kernels';
import {
  binCount,
  frameCount,
  minimumSignalLength,
  resolveStftOptions,
  type StftConfig,
  type StftOptions,
} from '../stft/stft-options';
import { assertAudio } from '../validate';
import { registerFusedDistanceKernel } from './fused-distance-kernel';

/** Added to each frame's total before normalising, so a silent frame has the CDF 0. */
const TOTAL_EPSILON = 1e-12;
/**
 * The magnitude's gradient `X/|X|` is taken as `X/sqrt(|X|² + 1e-24)`: the same where |X| is
 * above round-off, fading to 0 (a subgradient) where |X| ≈ 0, instead of pointing along the
 * round-off of a bin that should be empty.
 */
const MAGNITUDE_SMOOTHING = 1e-24;
/**
 * δ of the smoothed absolute value `sqrt(d² + δ²) − δ`: the gradient is defined where F = G,
 * and a spectrum's distance to itself is 0 (not δ per bin: ×1e4 in `matchLoss` that floor was 0.01).
 */
const ABS_DELTA = 1e-6;
const ABS_SMOOTHING = ABS_DELTA * ABS_DELTA;

/** Options of {@link audioCumulativeSpectrumDistance}: the STFT the spectra come from. */
export type CumulativeSpectrumDistanceOptions = Pick<
  StftOptions,
  'fftLength' | 'hopLength' | 'power' | 'window'
>;

/**
 * The normalised cumulative spectrum of each frame, `F_k = Σ_{j≤k} S_j / (Σ_j S_j + 1e-12)`,
 * shaped like `spectrum` `[batch, frames, bins]` (0 for a silent frame, rising to 1 otherwise).
 */
export function cumulativeSpectrum(spectrum: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const bins = spectrum.shape[2];
    const c = tf.cumsum(spectrum, 2);
    const total = tf.slice(c, [0, 0, bins - 1], [-1, -1, 1]);
    return tf.div(c, tf.add(total, TOTAL_EPSILON)) as tf.Tensor3D;
  });
}

/** `mean_frames Σ_k (sqrt((F_k − G_k)² + δ²) − δ) / (bins − 1)` of two CDFs (G broadcast over batch). */
function cdfDistance(cdf: tf.Tensor3D, targetCdf: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => {
    const bins = cdf.shape[2];
    const diff = tf.sub(cdf, targetCdf);
    // |x| smoothed at 0 (sqrt(x² + δ²) − δ) so the gradient is defined where the CDFs touch
    const absDiff = tf.sub(tf.sqrt(tf.add(tf.square(diff), ABS_SMOOTHING)), ABS_DELTA);
    return tf.div(tf.mean(tf.sum(absDiff, 2)), bins - 1) as tf.Scalar;
  });
}

/**
 * Per-frame 1-D Wasserstein-1 distance between two spectra seen as distributions over
 * frequency: `mean_frames Σ_k |F_k − G_k| / (bins − 1)` with F, G the normalised cumulative
 * spectra ({@link cumulativeSpectrum}), i.e. the earth mover's distance as a fraction of
 * Nyquist (in [0, 1], up to bins/(bins − 1) against a silent frame, whose CDF is 0); |·| is
 * smoothed as `sqrt(d² + δ²) − δ` with δ = 1e-6, so a spectrum's distance to itself is 0. Moving a partial up or down
 * changes it linearly, so its gradient points pitch the right way. Plain tfjs ops.
 */
export function cumulativeSpectrumDistance(spectrum: tf.Tensor3D, target: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => cdfDistance(cumulativeSpectrum(spectrum), cumulativeSpectrum(target)));
}

/**
 * The spectrogram the distance normalises: `stft(audio, config)`, except that magnitudes
 * (power 1) are built as `relu(sqrt(|X|² + 1e-24) − 1e-12)` where the STFT kernel is missing:
 * the composite STFT's magnitude `sqrt(|X|² + 1e-24)` would give every bin of a silent frame
 * 1e-12, i.e. a flat CDF instead of 0. Equal to |X| within 1e-12, 0 at |X| = 0, with the
 * gradient `X/sqrt(|X|² + 1e-24)`.
 */
function spectrumOf(audio: tf.Tensor, config: StftConfig): tf.Tensor3D {
  ensureStftKernels();
  if (config.power === 2 || hasKernel(STFT_KERNEL)) return stft(audio, config);
  return tf.tidy(() => {
    const power = stft(audio, { ...config, power: 2 });
    return tf.relu(tf.sub(tf.sqrt(tf.add(power, MAGNITUDE_SMOOTHING)), 1e-12)) as tf.Tensor3D;
  });
}

/**
 * The cached target of {@link audioCumulativeSpectrumDistance}: the normalised cumulative
 * spectra ({@link cumulativeSpectrum}) of `target` audio `[batch, samples]` under `options`,
 * `[batch, frames, bins]`, computed the way the distance computes the audio's.
 */
export function targetCumulativeSpectrum(
  target: tf.Tensor,
  options: CumulativeSpectrumDistanceOptions = {},
): tf.Tensor3D {
  const config = resolveOptions(options);
  assertAudio(target, 'cumulativeSpectrumDistance (target)', minimumSignalLength(config));
  return tf.tidy(() => cumulativeSpectrumFloat64(spectrumOf(target, config)));
}

/**
 * {@link cumulativeSpectrum} summed in float64 (then stored as float32), as the fused kernel
 * sums the audio's: a float32 cumulative sum over 513 bins is off by ~1e-5, which left a
 * target's distance to itself at ~2e-6 (×1e4 in `matchLoss`: 0.02) instead of ~0.
 */
function cumulativeSpectrumFloat64(spectrum: tf.Tensor3D): tf.Tensor3D {
  const [batch, frames, bins] = spectrum.shape;
  const values = spectrum.dataSync();
  const cdf = new Float32Array(values.length);
  const running = new Float64Array(bins);
  for (let row = 0; row < batch * frames; row++) {
    const base = row * bins;
    let acc = 0;
    for (let k = 0; k < bins; k++) {
      acc += values[base + k]!;
      running[k] = acc;
    }
    const denominator = acc + TOTAL_EPSILON;
    for (let k = 0; k < bins; k++) cdf[base + k] = running[k]! / denominator;
  }
  return tf.tensor3d(cdf, [batch, frames, bins]);
}

function resolveOptions(options: CumulativeSpectrumDistanceOptions): StftConfig {
  return resolveStftOptions({
    fftLength: options.fftLength,
    hopLength: options.hopLength,
    power: options.power,
    window: options.window,
  });
}

type Attrs = { withGradient: boolean };

const distanceKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const targetInfo = inputs['target'] as tf.TensorInfo;
  const config = configFromAttrs(attrs);
  const withGradient = (attrs as unknown as Attrs).withGradient;
  const [batch, length] = x.shape as [number, number];
  const bins = binCount(config);
  const frames = frameCount(length, config);
  const target = readFloat32(backend, targetInfo);
  const targetBatch = targetInfo.shape[0]!;
  const magnitude = config.power === 1;
  // ∂loss/∂(smoothed |F_k − G_k|) for every frame and bin
  const scale = 1 / (batch * frames * (bins - 1));
  const cdf = new Float64Array(bins); // running sum, then F
  const gradCdf = new Float64Array(bins); // ∂loss/∂F_k / scale
  let sum = 0;
  let denominator = 1;
  let dot = 0; // Σ_k gradCdf_k · F_k
  /** Adds the frame's distance to `sum`; with a gradient, fills `gradCdf`, `dot`, `denominator`. */
  const frameLoss = (row: number, re: Float64Array, im: Float64Array, gradient: boolean) => {
    let acc = 0;
    for (let k = 0; k < bins; k++) {
      const r = re[k]!;
      const i = im[k]!;
      const p = r * r + i * i;
      acc += magnitude ? Math.sqrt(p) : p;
      cdf[k] = acc;
    }
    denominator = acc + TOTAL_EPSILON;
    const targetBase = (targetBatch === 1 ? row % frames : row) * bins;
    let frameSum = 0;
    dot = 0;
    for (let k = 0; k < bins; k++) {
      const f = cdf[k]! / denominator;
      const d = f - target[targetBase + k]!;
      const a = Math.sqrt(d * d + ABS_SMOOTHING);
      frameSum += a - ABS_DELTA;
      if (gradient) {
        const g = d / a;
        gradCdf[k] = g;
        dot += g * f;
      }
    }
    sum += frameSum;
  };
  const signal = readFloat32(backend, x);
  if (!withGradient) {
    forEachFrameSpectrum(signal, batch, length, config, (row, re, im) => frameLoss(row, re, im, false));
    return [
      makeFloat32(backend, [], Float32Array.of(sum * scale)),
      makeFloat32(backend, [0], new Float32Array(0)),
    ];
  }
  const dx = stftWithAdjoint(signal, batch, length, config, (row, re, im, gRe, gIm) => {
    frameLoss(row, re, im, true);
    // F_k = c_k / D with c = cumsum(S), D = c_last + ε: ∂/∂c_k = g_k / D, plus −Σ_j g_j F_j / D
    // on c_last; then ∂/∂S_j = Σ_{k≥j} ∂/∂c_k, a reverse cumulative sum
    const inverse = scale / denominator;
    let suffix = 0;
    for (let k = bins - 1; k >= 0; k--) {
      suffix += gradCdf[k]!;
      const gs = inverse * (suffix - dot);
      // ∂S/∂(Re, Im) = 2·(Re, Im) for power, (Re, Im)/|X| for magnitude, faded to 0 where |X|
      // is at round-off level and has no derivative (as the composite path's)
      const r = re[k]!;
      const i = im[k]!;
      const g = magnitude ? gs / Math.sqrt(r * r + i * i + MAGNITUDE_SMOOTHING) : 2 * gs;
      gRe[k] = g * r;
      gIm[k] = g * i;
    }
  });
  return [makeFloat32(backend, [], Float32Array.of(sum * scale)), makeFloat32(backend, [batch, length], dx)];
};

/** Registers the `AeCumulativeSpectrumDistance` kernel (cpu) and its gradient, once. */
export function ensureCumulativeSpectrumDistanceKernels(): void {
  registerFusedDistanceKernel(
    CUMULATIVE_SPECTRUM_DISTANCE_KERNEL,
    distanceKernel,
    'cumulativeSpectrumDistance',
    'target CDFs',
  );
}

/**
 * The cumulative-spectrum distance of `audio` `[batch, samples]` to cached target CDFs
 * `targetCdf` `[batch or 1, frames, bins]` ({@link targetCumulativeSpectrum} of the target
 * audio with the same options): the same value as
 * `cumulativeSpectrumDistance(stft(audio, options), stft(targetAudio, options))`.
 * Differentiable w.r.t. the audio; the fused kernel where registered (`cpu`), tfjs ops
 * elsewhere. Throws unless `targetCdf` fits the audio.
 */
export function audioCumulativeSpectrumDistance(
  audio: tf.Tensor,
  targetCdf: tf.Tensor,
  options: CumulativeSpectrumDistanceOptions = {},
): tf.Scalar {
  const config = resolveOptions(options);
  assertAudio(audio, 'cumulativeSpectrumDistance', minimumSignalLength(config));
  const [batch, length] = audio.shape as [number, number];
  const expected = [frameCount(length, config), binCount(config)];
  if (
    targetCdf == null ||
    targetCdf.rank !== 3 ||
    (targetCdf.shape[0] !== 1 && targetCdf.shape[0] !== batch) ||
    targetCdf.shape[1] !== expected[0] ||
    targetCdf.shape[2] !== expected[1]
  ) {
    throw new Error(
      `cumulativeSpectrumDistance: target must be cumulative spectra of shape [${batch} or 1, ${expected.join(', ')}] ` +
        `for audio of shape [${batch}, ${length}], got [${targetCdf?.shape?.join(', ')}]`,
    );
  }
  ensureStockGradients();
  ensureCumulativeSpectrumDistanceKernels();
  if (hasKernel(CUMULATIVE_SPECTRUM_DISTANCE_KERNEL)) {
    const attrs = { ...stftAttrs(config, length, false), withGradient: tapeRecording() };
    const [loss, gradient] = tf
      .engine()
      .runKernel(CUMULATIVE_SPECTRUM_DISTANCE_KERNEL, { x: audio, target: targetCdf }, attrs) as [
      tf.Scalar,
      tf.Tensor,
    ];
    gradient.dispose();
    return loss;
  }
  return tf.tidy(() => cdfDistance(cumulativeSpectrum(spectrumOf(audio, config)), targetCdf as tf.Tensor3D));
}
