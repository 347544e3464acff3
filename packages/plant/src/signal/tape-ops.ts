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
import type { SignalOps } from './signal-ops';
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

  #binary(a: TapeSignal, b: TapeSignal, op: 0 | 1 | 2 | 3 | 4 | 5): TapeSignal {
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
    const av = a.values;
    const bv = b.values;
    const out = new Float64Array(rows * cols);
    const aR = a.rows === 1 ? 0 : a.cols;
    const aC = a.cols === 1 ? 0 : 1;
    const bR = b.rows === 1 ? 0 : b.cols;
    const bC = b.cols === 1 ? 0 : 1;
    for (let r = 0; r < rows; r++) {
      let ia = r * aR;
      let ib = r * bR;
      const o = r * cols;
      switch (op) {
        case 0:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = av[ia]! + bv[ib]!;
          break;
        case 1:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = av[ia]! - bv[ib]!;
          break;
        case 2:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = av[ia]! * bv[ib]!;
          break;
        case 3:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = av[ia]! / bv[ib]!;
          break;
        case 4:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = Math.min(av[ia]!, bv[ib]!);
          break;
        default:
          for (let c = 0; c < cols; c++, ia += aC, ib += bC) out[o + c] = Math.max(av[ia]!, bv[ib]!);
      }
    }
    const back: Backward = (g) => {
      const ga = a.tracked ? gradOf(a) : undefined;
      const gb = b.tracked ? gradOf(b) : undefined;
      for (let r = 0; r < rows; r++) {
        let ia = r * aR;
        let ib = r * bR;
        const o = r * cols;
        for (let c = 0; c < cols; c++, ia += aC, ib += bC) {
          const gi = g[o + c]!;
          switch (op) {
            case 0:
              if (ga) ga[ia] = ga[ia]! + gi;
              if (gb) gb[ib] = gb[ib]! + gi;
              break;
            case 1:
              if (ga) ga[ia] = ga[ia]! + gi;
              if (gb) gb[ib] = gb[ib]! - gi;
              break;
            case 2:
              if (ga) ga[ia] = ga[ia]! + gi * bv[ib]!;
              if (gb) gb[ib] = gb[ib]! + gi * av[ia]!;
              break;
            case 3: {
              const q = gi / bv[ib]!;
              if (ga) ga[ia] = ga[ia]! + q;
              if (gb) gb[ib] = gb[ib]! - (q * av[ia]!) / bv[ib]!;
              break;
            }
            default: {
              // min (4) / max (5): the gradient goes to the chosen input (to a on ties, as tfjs)
              const pickA = op === 4 ? av[ia]! <= bv[ib]! : av[ia]! >= bv[ib]!;
              if (pickA) {
                if (ga) ga[ia] = ga[ia]! + gi;
              } else if (gb) gb[ib] = gb[ib]! + gi;
            }
          }
        }
      }
    };
    return this.#make(rows, cols, out, [a, b], back);
  }

  /** a + b. */
  add(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 0);
  }
  /** a − b. */
  sub(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 1);
  }
  /** a · b. */
  mul(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 2);
  }
  /** a / b. */
  div(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 3);
  }
  /** min(a, b). */
  minimum(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 4);
  }
  /** max(a, b). */
  maximum(a: TapeSignal, b: TapeSignal): TapeSignal {
    return this.#binary(a, b, 5);
  }

  /** Element-wise f with derivative df(x, y) (y = f(x)). */
  #unary(a: TapeSignal, f: (x: number) => number, df: (x: number, y: number) => number): TapeSignal {
    const n = a.values.length;
    const av = a.values;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(av[i]!);
    return this.#make(a.rows, a.cols, out, [a], (g) => {
      const ga = gradOf(a);
      for (let i = 0; i < n; i++) ga[i] = ga[i]! + g[i]! * df(av[i]!, out[i]!);
    });
  }

  /** sin a. */
  sin(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.sin, (x) => Math.cos(x));
  }
  /** cos a. */
  cos(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.cos, (x) => -Math.sin(x));
  }
  /** tan a. */
  tan(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.tan, (_x, y) => 1 + y * y);
  }
  /** tanh a. */
  tanh(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.tanh, (_x, y) => 1 - y * y);
  }
  /** exp a. */
  exp(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.exp, (_x, y) => y);
  }
  /** log a. */
  log(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.log, (x) => 1 / x);
  }
  /** |a| (gradient sign a, 0 at 0). */
  abs(a: TapeSignal): TapeSignal {
    return this.#unary(a, Math.abs, (x) => Math.sign(x));
  }
  /** a^p. */
  pow(a: TapeSignal, p: number): TapeSignal {
    if (p === 2)
      return this.#unary(
        a,
        (x) => x * x,
        (x) => 2 * x,
      );
    if (p === 3)
      return this.#unary(
        a,
        (x) => x * x * x,
        (x) => 3 * x * x,
      );
    if (p === 4)
      return this.#unary(
        a,
        (x) => x * x * x * x,
        (x) => 4 * x * x * x,
      );
    if (p === 1)
      return this.#unary(
        a,
        (x) => x,
        () => 1,
      );
    if (p === 0)
      return this.#unary(
        a,
        () => 1,
        () => 0,
      );
    return this.#unary(
      a,
      (x) => x ** p,
      (x) => p * x ** (p - 1),
    );
  }
  /** Clamp to [lo, hi] (gradient 1 inside, 0 outside; 1 on the bounds, as tfjs). */
  clamp(a: TapeSignal, lo: number, hi: number): TapeSignal {
    return this.#unary(
      a,
      (x) => (x < lo ? lo : Math.min(x, hi)),
      (x) => (x < lo || x > hi ? 0 : 1),
    );
  }
  /** a − floor(a). */
  wrap(a: TapeSignal): TapeSignal {
    return this.#unary(
      a,
      (x) => x - Math.floor(x),
      () => 1,
    );
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
      harmonicBackward(g, p.values, f.values, amplitudes.values, shape, dp, df, da);
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

function addInto(s: TapeSignal, delta: Float64Array): void {
  if (!s.tracked) return;
  const g = gradOf(s);
  for (let i = 0; i < delta.length; i++) g[i] = g[i]! + delta[i]!;
}
