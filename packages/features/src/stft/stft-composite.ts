/**
 * The STFT built from plain tfjs ops, for backends without the `AeStft` kernel (webgl,
 * wasm): reflect padding from slices, reversals and a concat; framing and the DFT in one
 * strided `conv1d` against windowed cos/−sin tables (im2col + a matMul, so it is
 * differentiable with stock tfjs gradients). Exact but O(n_fft²) per frame.
 *
 * @example
 * ```ts
 * const power = stftComposite(audio, resolveStftOptions({ fftLength: 256, hopLength: 64 }));
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { analysisWindow } from './stft-cpu';
import { binCount, type StftConfig } from './stft-options';

const tables = new Map<string, Float32Array>();

/**
 * The `[fftLength, 1, 2·bins]` conv filter: `window[t]·cos(2πkt/n)` in the first `bins`
 * channels and `−window[t]·sin(2πkt/n)` in the rest.
 */
export function dftFilter(config: Pick<StftConfig, 'fftLength' | 'windowLength' | 'window'>): Float32Array {
  const key = `${config.window}/${config.fftLength}/${config.windowLength}`;
  let table = tables.get(key);
  if (table) return table;
  const n = config.fftLength;
  const bins = binCount(config);
  const window = analysisWindow(config);
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / n);
    sin[i] = Math.sin((2 * Math.PI * i) / n);
  }
  table = new Float32Array(n * 2 * bins);
  for (let t = 0; t < n; t++) {
    const w = window[t]!;
    const row = t * 2 * bins;
    for (let k = 0; k < bins; k++) {
      const phase = (k * t) % n;
      table[row + k] = w * cos[phase]!;
      table[row + bins + k] = -w * sin[phase]!;
    }
  }
  tables.set(key, table);
  return table;
}

/** Reflect-pads `[batch, samples]` by `pad` samples on each side along the time axis. */
export function reflectPadComposite(audio: tf.Tensor, pad: number): tf.Tensor2D {
  return tf.tidy(() => {
    const length = audio.shape[1]!;
    const left = tf.reverse(tf.slice(audio, [0, 1], [-1, pad]), 1);
    const right = tf.reverse(tf.slice(audio, [0, length - 1 - pad], [-1, pad]), 1);
    return tf.concat([left, audio, right], 1) as tf.Tensor2D;
  });
}

/** Real and imaginary STFT parts `[batch, frames, bins]` from tfjs ops. */
export function complexStftComposite(
  audio: tf.Tensor,
  config: StftConfig,
): { re: tf.Tensor3D; im: tf.Tensor3D } {
  const n = config.fftLength;
  const bins = binCount(config);
  const [re, im] = tf.tidy(() => {
    const padded = config.center ? reflectPadComposite(audio, n / 2) : audio;
    const filter = tf.tensor3d(dftFilter(config), [n, 1, 2 * bins]);
    const y = tf.conv1d(tf.expandDims(padded, 2) as tf.Tensor3D, filter, config.hopLength, 'valid');
    return tf.split(y, [bins, bins], 2) as [tf.Tensor3D, tf.Tensor3D];
  });
  return { re, im };
}

/**
 * Power (`power` 2) or magnitude (`power` 1) STFT `[batch, frames, bins]` from tfjs ops.
 * The magnitude is `sqrt(|X|² + 1e-24)`, so its gradient stays finite (zero) at |X| = 0.
 */
export function stftComposite(audio: tf.Tensor, config: StftConfig): tf.Tensor3D {
  return tf.tidy(() => {
    const { re, im } = complexStftComposite(audio, config);
    const power = tf.add(tf.square(re), tf.square(im)) as tf.Tensor3D;
    return config.power === 2 ? power : (tf.sqrt(tf.add(power, 1e-24)) as tf.Tensor3D);
  });
}

/** Forgets the cached DFT filters of the composite path (about 67 MB for n_fft 4096). */
export function clearDftFilterCache(): void {
  tables.clear();
}
