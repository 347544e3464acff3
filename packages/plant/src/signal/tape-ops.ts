/**
 * {@link SignalOps} on plain float64 arrays with a reverse-mode tape: the engine of the
 * fused cpu render. Every operation records how to push its output gradient back to its
 * inputs; {@link TapeOps.backward} runs the tape in reverse. Broadcasting follows the same
 * rules as tfjs (rows 1 or batch, columns 1 or full), and gradients of broadcast inputs are
 * summed. Signals that do not depend on the parameters carry no gradient.
 *
 * @example
 * ```ts
 * const ops = new TapeOps(1, 4, 16000);
 * const x = ops.input(Float64Array.of(0.5), 1, 1);
 * const y = ops.sin(x);
 * ops.backward(y, Float64Array.of(1)); // x.grad = [cos 0.5]
 * ```
 * @module
 */
import { accumulateForward } from '../kernels/accumulate';
import { allPoleBackward, allPoleForward } from '../kernels/all-pole';
import { harmonicBackward, harmonicForward } from '../kernels/harmonic';
import type { PointwiseFunction } from './pointwise';
import type { SignalOps } from './signal-ops';
import {
  type BinaryOp,
  binaryBackward,
  binaryForward,
  type Strided,
  type UnaryOp,
  unaryBackward,
  unaryForward,
} from './tape-kernels';
import { interpolationPosition } from './upsample';

/** A signal of the tape engine: a `rows × cols` float64 array and its gradient. */
export interface TapeSignal {
  /** Rows: 1 or batch. */
  readonly rows: number;
  /** Columns: 1, samples, or a table width. */
  readonly cols: number;
  /** Values, row-major. */
  readonly values: Float64Array;
  /** Whether the signal depends on an input that needs a gradient. */
  readonly tracked: boolean;
  /** Accumulated gradient (allocated on first use during the backward pass). */
  grad?: Float64Array;
}

type Backward = (g: Float64Array) => void;

function gradOf(s: TapeSignal): Float64Array {
  if (!s.grad) s.grad = new Float64Array(s.values.length);
  return s.grad;
}

/** The float64 tape engine. */
export class TapeOps implements SignalOps<TapeSignal> {
  /** Patches rendered at once. */
  readonly batch: number;
  /** Samples per patch. */
  readonly samples: number;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  readonly #tape: { out: TapeSignal; back: Backward }[] = [];

  /** An engine rendering `batch` patches of `samples` samples at `sampleRate` Hz. */
  constructor(batch: number, samples: number, sampleRate: number) {
    this.batch = batch;
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  /** A tracked input signal (its gradient is filled by {@link TapeOps.backward}). */
  input(values: Float64Array, rows: number, cols: number): TapeSignal {
    return { rows, cols, values, tracked: true };
  }

  /** Runs the tape backwards from `output` with upstream gradient `seed`. */
  backward(output: TapeSignal, seed: Float64Array): void {
    gradOf(output).set(seed);
    for (let i = this.#tape.length - 1; i >= 0; i--) {
      const { out, back } = this.#tape[i]!;
      if (out.grad) back(out.grad);
    }
  }

  #make(
    rows: number,
    cols: number,
    values: Float64Array,
    inputs: readonly TapeSignal[],
    back: Backward | undefined,
  ): TapeSignal {
    const tracked = back !== undefined && inputs.some((s) => s.tracked);
    const out: TapeSignal = { rows, cols, values, tracked };
    if (tracked) this.#tape.push({ out, back: back! });
    return out;
  }

  /** A scalar constant. */
  constant(value: number): TapeSignal {
    return { rows: 1, cols: 1, values: Float64Array.of(value), tracked: false };
  }
  /** A `[rows, samples]` constant signal. */
  curve(values: Float32Array, rows: number): TapeSignal {
    return { rows, cols: this.samples, values: Float64Array.from(values), tracked: false };
  }
  /** A `[rows, K]` constant table. */
  table(values: Float32Array, rows: number): TapeSignal {
    return { rows, cols: values.length / rows, values: Float64Array.from(values), tracked: false };
  }

  #binary(a: TapeSignal, b: TapeSignal, op: BinaryOp): TapeSignal {
    const rows = Math.max(a.rows, b.rows);
    const cols = Math.max(a.cols, b.cols);
    if (
      (a.rows !== 1 && a.rows !== rows) ||
      (b.rows !== 1 && b.rows !== rows) ||
      (a.cols !== 1 && a.cols !== cols) ||
      (b.cols !== 1 && b.cols !== cols)
    ) {
      throw new Error(`TapeOps: cannot broadcast [${a.rows}, ${a.cols}] with [${b.rows}, ${b.cols}]`);
    }
    const sa = strided(a);
    const sb = strided(b);
    const out = new Float64Array(rows * cols);
    binaryForward(op, sa, sb, rows, cols, out);
    return this.#make(rows, cols, out, [a, b], (g) =>
      binaryBackward(
        op,
        g,
        sa,
        sb,
        rows,
        cols,
        a.tracked ? gradOf(a) : undefined,
        b.tracked ? gradOf(b) : undefined,
      ),
    );
  }

  /** a + b. */
  add(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'add');
  }
  /** a − b. */
  sub(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'sub');
  }
  /** a · b. */
  mul(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'mul');
  }
  /** a / b. */
  div(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'div');
  }
  /** min(a, b). */
  minimum(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'min');
  }
  /** max(a, b). */
  maximum(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 'max');
  }

  #unary(a: TapeSignal, op: UnaryOp, p = 0, lo = 0, hi = 0): TapeSignal {
    const out = new Float64Array(a.values.length);
    unaryForward(op, a.values, out, p, lo, hi);
    return this.#make(a.rows, a.cols, out, [a], (g) =>
      unaryBackward(op, g, a.values, out, gradOf(a), p, lo, hi),
    );
  }

  /** sin a. */
  sin(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'sin');
  }
  /** cos a. */
  cos(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'cos');
  }
  /** tan a. */
  tan(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'tan');
  }
  /** tanh a. */
  tanh(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'tanh');
  }
  /** exp a. */
  exp(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'exp');
  }
  /** log a. */
  log(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'log');
  }
  /** |a| (gradient sign a, 0 at 0). */
  abs(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'abs');
  }
  /** a^p. */
  pow(a: TapeSignal, p: number): TapeSignal {
    return this.#unary(a, 'pow', p);
  }
  /** Clamp to [lo, hi] (gradient 1 inside and on the bounds, 0 outside, as tfjs). */
  clamp(a: TapeSignal, lo: number, hi: number): TapeSignal {
    return this.#unary(a, 'clamp', 0, lo, hi);
  }
  /** a − floor(a). */
  wrap(a: TapeSignal): TapeSignal {
    return this.#unary(a, 'wrap');
  }

  /** Column `index` as `[rows, 1]`. */
  column(a: TapeSignal, index: number): TapeSignal {
    return this.columns(a, index, 1);
  }
  /** Columns `[start, start + count)`. */
  columns(a: TapeSignal, start: number, count: number): TapeSignal {
    const out = new Float64Array(a.rows * count);
    for (let r = 0; r < a.rows; r++)
      for (let c = 0; c < count; c++) out[r * count + c] = a.values[r * a.cols + start + c]!;
    return this.#make(a.rows, count, out, [a], (g) => {
      const ga = gradOf(a);
      for (let r = 0; r < a.rows; r++)
        for (let c = 0; c < count; c++)
          ga[r * a.cols + start + c] = ga[r * a.cols + start + c]! + g[r * count + c]!;
    });
  }
  /** `[rows, 1]` signals side by side as `[rows, count]`. */
  stackColumns(parts: readonly TapeSignal[]): TapeSignal {
    const rows = Math.max(...parts.map((p) => p.rows));
    const count = parts.length;
    const out = new Float64Array(rows * count);
    parts.forEach((p, c) => {
      for (let r = 0; r < rows; r++) out[r * count + c] = p.values[p.rows === 1 ? 0 : r]!;
    });
    return this.#make(rows, count, out, parts, (g) => {
      parts.forEach((p, c) => {
        if (!p.tracked) return;
        const gp = gradOf(p);
        for (let r = 0; r < rows; r++)
          gp[p.rows === 1 ? 0 : r] = gp[p.rows === 1 ? 0 : r]! + g[r * count + c]!;
      });
    });
  }
  /** Linear interpolation of `[rows, F]` control points to `[rows, samples]`. */
  upsample(points: TapeSignal): TapeSignal {
    const { rows, cols: f } = points;
    const n = this.samples;
    const index = new Int32Array(n);
    const frac = new Float64Array(n);
    for (let i = 0; i < n; i++) [index[i], frac[i]] = interpolationPosition(i, f, n);
    const out = new Float64Array(rows * n);
    const pv = points.values;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        const j = r * f + index[i]!;
        const t = frac[i]!;
        out[r * n + i] = t > 0 ? pv[j]! * (1 - t) + pv[j + 1]! * t : pv[j]!;
      }
    }
    return this.#make(rows, n, out, [points], (g) => {
      const gp = gradOf(points);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < n; i++) {
          const j = r * f + index[i]!;
          const t = frac[i]!;
          const gi = g[r * n + i]!;
          gp[j] = gp[j]! + gi * (1 - t);
          if (t > 0) gp[j + 1] = gp[j + 1]! + gi * t;
        }
      }
    });
  }
  /** Broadcast to `[batch, samples]`. */
  audio(a: TapeSignal): TapeSignal {
    if (a.rows === this.batch && a.cols === this.samples) return a;
    const zero: TapeSignal = {
      rows: this.batch,
      cols: this.samples,
      values: new Float64Array(this.batch * this.samples),
      tracked: false,
    };
    return this.add(a, zero);
  }
  /** Wrapped exclusive running sum along time. */
  accumulate(increment: TapeSignal): TapeSignal {
    const x = this.audio(increment);
    const { batch, samples } = this;
    const out = new Float64Array(batch * samples);
    accumulateForward(x.values, batch, samples, out);
    return this.#make(batch, samples, out, [x], (g) => {
      const gx = gradOf(x);
      for (let b = 0; b < batch; b++) {
        let acc = 0;
        for (let n = samples - 1; n >= 0; n--) {
          const i = b * samples + n;
          gx[i] = gx[i]! + acc;
          acc += g[i]!;
        }
      }
    });
  }
  /** Band-limited additive synthesis. */
  harmonic(phase: TapeSignal, frequency: TapeSignal, amplitudes: TapeSignal): TapeSignal {
    const p = this.audio(phase);
    const f = this.audio(frequency);
    const shape = {
      batch: this.batch,
      samples: this.samples,
      partials: amplitudes.cols,
      amplitudeRows: amplitudes.rows,
      sampleRate: this.sampleRate,
    };
    const out = new Float64Array(this.batch * this.samples);
    harmonicForward(p.values, f.values, amplitudes.values, shape, out);
    return this.#make(this.batch, this.samples, out, [p, f, amplitudes], (g) => {
      const dp = new Float64Array(out.length);
      const df = new Float64Array(out.length);
      const da = new Float64Array(amplitudes.values.length);
      harmonicBackward(g, p.values, f.values, amplitudes.values, shape, dp, df, da, amplitudes.tracked);
      addInto(p, dp);
      addInto(f, df);
      addInto(amplitudes, da);
    });
  }
  /** Time-varying all-pole filter. */
  allPole(x: TapeSignal, coefficients: readonly TapeSignal[]): TapeSignal {
    const input = this.audio(x);
    const { batch, samples } = this;
    const order = coefficients.length;
    const full = coefficients.map((c) => this.audio(c));
    const a = new Float64Array(batch * samples * order);
    full.forEach((c, k) => {
      for (let i = 0; i < batch * samples; i++) a[i * order + k] = c.values[i]!;
    });
    const out = new Float64Array(batch * samples);
    allPoleForward(input.values, a, batch, samples, order, out);
    return this.#make(batch, samples, out, [input, ...full], (g) => {
      const dx = new Float64Array(batch * samples);
      const da = new Float64Array(a.length);
      allPoleBackward(g, out, a, batch, samples, order, dx, da);
      addInto(input, dx);
      full.forEach((c, k) => {
        if (!c.tracked) return;
        const gc = gradOf(c);
        for (let i = 0; i < batch * samples; i++) gc[i] = gc[i]! + da[i * order + k]!;
      });
    });
  }
  /** FIR filter with constant taps. */
  fir(x: TapeSignal, taps: readonly number[]): TapeSignal {
    const input = this.audio(x);
    const { batch, samples } = this;
    const out = new Float64Array(batch * samples);
    const xv = input.values;
    for (let b = 0; b < batch; b++) {
      const row = b * samples;
      for (let n = 0; n < samples; n++) {
        let acc = 0;
        for (let m = 0; m < taps.length && m <= n; m++) acc += taps[m]! * xv[row + n - m]!;
        out[row + n] = acc;
      }
    }
    return this.#make(batch, samples, out, [input], (g) => {
      const gx = gradOf(input);
      for (let b = 0; b < batch; b++) {
        const row = b * samples;
        for (let n = 0; n < samples; n++) {
          let acc = 0;
          for (let m = 0; m < taps.length && n + m < samples; m++) acc += taps[m]! * g[row + n + m]!;
          gx[row + n] = gx[row + n]! + acc;
        }
      }
    });
  }
  /** A fused point-wise function: one pass for the values and the Jacobian, one for the gradient. */
  pointwise(fn: PointwiseFunction, inputs: readonly TapeSignal[]): TapeSignal[] {
    if (inputs.length !== fn.inputs)
      throw new Error(`${fn.name}: expected ${fn.inputs} inputs, got ${inputs.length}`);
    const rows = Math.max(...inputs.map((s) => s.rows));
    const cols = Math.max(...inputs.map((s) => s.cols));
    const m = fn.inputs;
    const k = fn.outputs;
    const size = rows * cols;
    const full = inputs.map((input) => broadcastValues(input, rows, cols));
    const outs = Array.from({ length: k }, () => new Float64Array(size));
    const jac = Array.from({ length: k * m }, () => new Float64Array(size));
    fn.evaluate(full, outs, jac, size);
    return outs.map((values, o) =>
      this.#make(rows, cols, values, inputs, (g) => {
        inputs.forEach((input, i) => {
          if (!input.tracked) return;
          const v = strided(input);
          const gi = gradOf(input);
          const d = jac[o * m + i]!;
          for (let r = 0; r < rows; r++) {
            let at = r * v.rowStride;
            const end = (r + 1) * cols;
            if (v.colStride === 0) {
              let sum = 0; // a per-row constant: sum locally, write once
              for (let e = r * cols; e < end; e++) sum += g[e]! * d[e]!;
              gi[at] = gi[at]! + sum;
            } else {
              for (let e = r * cols; e < end; e++, at += v.colStride) gi[at] = gi[at]! + g[e]! * d[e]!;
            }
          }
        });
      }),
    );
  }
  /** x delayed by `samples` samples. */
  delay(x: TapeSignal, samples: number): TapeSignal {
    const input = this.audio(x);
    const n = this.samples;
    const d = Math.max(0, Math.min(samples, n));
    const out = new Float64Array(this.batch * n);
    for (let b = 0; b < this.batch; b++) out.set(input.values.subarray(b * n, b * n + n - d), b * n + d);
    return this.#make(this.batch, n, out, [input], (g) => {
      const gx = gradOf(input);
      for (let b = 0; b < this.batch; b++)
        for (let i = 0; i < n - d; i++) gx[b * n + i] = gx[b * n + i]! + g[b * n + i + d]!;
    });
  }
}

function broadcastValues(s: TapeSignal, rows: number, cols: number): Float64Array {
  if (s.rows === rows && s.cols === cols) return s.values;
  const out = new Float64Array(rows * cols);
  if (s.cols === 1) {
    for (let r = 0; r < rows; r++) out.fill(s.values[s.rows === 1 ? 0 : r]!, r * cols, (r + 1) * cols);
    return out;
  }
  const v = strided(s);
  for (let r = 0; r < rows; r++) {
    let at = r * v.rowStride;
    for (let c = 0; c < cols; c++, at += v.colStride) out[r * cols + c] = s.values[at]!;
  }
  return out;
}

function strided(s: TapeSignal): Strided {
  return { values: s.values, rowStride: s.rows === 1 ? 0 : s.cols, colStride: s.cols === 1 ? 0 : 1 };
}

function addInto(s: TapeSignal, delta: Float64Array): void {
  if (!s.tracked) return;
  const g = gradOf(s);
  for (let i = 0; i < delta.length; i++) g[i] = g[i]! + delta[i]!;
}
