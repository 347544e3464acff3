/**
 * {@link SignalOps} on tfjs tensors: works on every backend and is differentiated by tfjs
 * autodiff; the recursive filter, additive oscillator and phase accumulator use our `cpu`
 * kernels when they are registered for the active backend and composite ops otherwise.
 * Call it inside `tf.tidy`.
 *
 * @example
 * ```ts
 * const audio = tf.tidy(() => {
 *   const ops = new TensorOps(1, 16000, 16000);
 *   return ops.sin(ops.mul(ops.constant(2 * Math.PI), ops.accumulate(ops.constant(440 / 16000))));
 * });
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { accumulate } from '../kernels/accumulate/accumulate';
import { allPole } from '../kernels/all-pole/all-pole';
import { harmonic } from '../kernels/harmonic/harmonic';
import type { SignalOps } from './signal-ops';
import { interpolationWeights } from './upsample';

/** The tfjs-tensor engine of the signal algebra. */
export class TensorOps implements SignalOps<tf.Tensor> {
  /** Patches rendered at once. */
  readonly batch: number;
  /** Samples per patch. */
  readonly samples: number;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** Always 0: this engine renders the whole sound at once. */
  readonly firstSample: number = 0;
  /** Equal to `samples`. */
  get totalSamples(): number {
    return this.samples;
  }

  /** An engine rendering `batch` patches of `samples` samples at `sampleRate` Hz. */
  constructor(batch: number, samples: number, sampleRate: number) {
    this.batch = batch;
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  /** A scalar constant. */
  constant(value: number): tf.Tensor {
    return tf.scalar(value);
  }
  /** A `[rows, samples]` constant signal. */
  curve(values: Float32Array, rows: number): tf.Tensor {
    return tf.tensor2d(values.slice(), [rows, this.samples]); // a copy: callers may cache `values`
  }
  /** A `[rows, K]` constant table. */
  table(values: Float32Array | Float64Array, rows: number): tf.Tensor {
    return tf.tensor2d(Float32Array.from(values), [rows, values.length / rows]);
  }
  /** a + b. */
  readonly add = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.add(a, b);
  /** a − b. */
  readonly sub = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.sub(a, b);
  /** a · b. */
  readonly mul = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.mul(a, b);
  /** a / b. */
  readonly div = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.div(a, b);
  /** sin a. */
  readonly sin = (a: tf.Tensor): tf.Tensor => tf.sin(a);
  /** cos a. */
  readonly cos = (a: tf.Tensor): tf.Tensor => tf.cos(a);
  /** tan a. */
  readonly tan = (a: tf.Tensor): tf.Tensor => tf.tan(a);
  /** tanh a. */
  readonly tanh = (a: tf.Tensor): tf.Tensor => tf.tanh(a);
  /** exp a. */
  readonly exp = (a: tf.Tensor): tf.Tensor => tf.exp(a);
  /** log a. */
  readonly log = (a: tf.Tensor): tf.Tensor => tf.log(a);
  /** |a|. */
  readonly abs = (a: tf.Tensor): tf.Tensor => tf.abs(a);
  /** a^p. */
  pow(a: tf.Tensor, p: number): tf.Tensor {
    return tf.pow(a, tf.scalar(p));
  }
  /** min(a, b). */
  readonly minimum = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.minimum(a, b);
  /** max(a, b). */
  readonly maximum = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.maximum(a, b);
  /** Clamp to [lo, hi]. */
  clamp(a: tf.Tensor, lo: number, hi: number): tf.Tensor {
    return tf.clipByValue(a, lo, hi);
  }
  /** a − floor(a). */
  wrap(a: tf.Tensor): tf.Tensor {
    return tf.sub(a, tf.floor(a));
  }
  /** Column `index` as `[batch, 1]`. */
  column(a: tf.Tensor, index: number): tf.Tensor {
    return tf.slice(a, [0, index], [-1, 1]);
  }
  /** Columns `[start, start + count)`. */
  columns(a: tf.Tensor, start: number, count: number): tf.Tensor {
    return tf.slice(a, [0, start], [-1, count]);
  }
  /** `[batch, 1]` signals side by side. */
  stackColumns(parts: readonly tf.Tensor[]): tf.Tensor {
    return tf.concat(
      parts.map((p) => (p.rank === 2 && p.shape[0] === this.batch ? p : tf.mul(p, tf.ones([this.batch, 1])))),
      1,
    );
  }
  /** Linear interpolation of `[batch, F]` control points to `[batch, samples]`. */
  upsample(points: tf.Tensor): tf.Tensor {
    const count = points.shape[1]!;
    if (count === 1) return tf.tile(points, [1, this.samples]);
    return tf.matMul(
      points as tf.Tensor2D,
      tf.tensor2d(interpolationWeights(count, this.samples), [count, this.samples]),
    );
  }
  /** Broadcast to `[batch, samples]`. */
  audio(a: tf.Tensor): tf.Tensor {
    if (a.rank === 2 && a.shape[0] === this.batch && a.shape[1] === this.samples) return a;
    return tf.mul(a, tf.ones([this.batch, this.samples]));
  }
  /** Wrapped exclusive running sum along time. */
  accumulate(increment: tf.Tensor, start?: tf.Tensor): tf.Tensor {
    const phase = accumulate(this.audio(increment) as tf.Tensor2D);
    return start === undefined ? phase : tf.add(phase, start);
  }
  /** Band-limited additive synthesis. */
  harmonic(phase: tf.Tensor, frequency: tf.Tensor, amplitudes: tf.Tensor): tf.Tensor {
    return harmonic(
      this.audio(phase) as tf.Tensor2D,
      this.audio(frequency) as tf.Tensor2D,
      amplitudes as tf.Tensor2D,
      this.sampleRate,
    );
  }
  /** Time-varying all-pole filter. */
  allPole(x: tf.Tensor, coefficients: readonly tf.Tensor[]): tf.Tensor {
    const a = tf.stack(
      coefficients.map((c) => this.audio(c)),
      2,
    ) as tf.Tensor3D;
    return allPole(this.audio(x) as tf.Tensor2D, a);
  }
  /** FIR filter with constant taps. */
  fir(x: tf.Tensor, taps: readonly number[]): tf.Tensor {
    let y: tf.Tensor | undefined;
    taps.forEach((tap, m) => {
      if (tap === 0) return;
      const term = tf.mul(this.delay(x, m), tap);
      y = y === undefined ? term : tf.add(y, term);
    });
    return y ?? tf.zeros([this.batch, this.samples]);
  }
  /** x delayed by `samples` samples. */
  delay(x: tf.Tensor, samples: number): tf.Tensor {
    const full = this.audio(x);
    if (samples <= 0) return full;
    if (samples >= this.samples) return tf.zerosLike(full);
    return tf.concat(
      [tf.zeros([this.batch, samples]), tf.slice(full, [0, 0], [-1, this.samples - samples])],
      1,
    );
  }
}
