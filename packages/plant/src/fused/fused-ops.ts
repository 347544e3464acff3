/**
 * {@link SignalOps} on plain float64 arrays with a reverse-mode tape: the engine of the
 * fused cpu render. Every operation records how to push its output gradient back to its
 * inputs; {@link FusedOps.backward} runs the tape in reverse. Broadcasting follows the same
 * rules as tfjs (rows 1 or batch, columns 1 or full), and gradients of broadcast inputs are
 * summed. Signals that do not depend on the parameters carry no gradient.
 *
 * @example
 * ```ts
 * const ops = new FusedOps(1, 4, 16000);
 * const x = ops.input(Float64Array.of(0.5), 1, 1);
 * const y = ops.sin(x);
 * ops.backward(y, Float64Array.of(1)); // x.grad = [cos 0.5]
 * ```
 * @module
 */
import { accumulateForward } from '../kernels/accumulate/accumulate-cpu';
import { allPoleBackward, allPoleForward } from '../kernels/all-pole/all-pole-cpu';
import { harmonicBackward } from '../kernels/harmonic/harmonic-backward';
import { harmonicForward } from '../kernels/harmonic/harmonic-cpu';
import { harmonicForwardJacobian } from '../kernels/harmonic/harmonic-jacobian';
import type { SignalOps } from '../signal/signal-ops';
import { interpolationPosition } from '../signal/upsample';
import { type AdsrParameters, adsrBackward, adsrForward } from './adsr';
import type { BufferPool } from './buffer-pool';
import {
  type BinaryOp,
  binaryBackward,
  binaryForward,
  type Strided,
  type UnaryOp,
  unaryBackward,
  unaryForward,
} from './fused-loops';
import { ladderBackward, ladderForward } from './ladder';
import {
  amplitudeModulationBackward,
  amplitudeModulationForward,
  octaveModulationBackward,
  octaveModulationForward,
} from './modulation';

/** A signal of the fused engine: a `rows × cols` float64 array and its gradient. */
export interface FusedSignal {
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

/** The fused engine: float64 loops with a reverse-mode tape. */
export class FusedOps implements SignalOps<FusedSignal> {
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
  readonly #tape: { out: FusedSignal; back: Backward }[] = [];
  readonly #pool: BufferPool | undefined;
  readonly #taken: Float64Array[] = [];

  /**
   * An engine rendering `batch` patches of `samples` samples at `sampleRate` Hz. With a
   * `pool`, every array it makes comes from the pool and goes back on {@link FusedOps.release}
   * (so nothing it returned may be used after that).
   */
  constructor(batch: number, samples: number, sampleRate: number, pool?: BufferPool) {
    this.batch = batch;
    this.samples = samples;
    this.sampleRate = sampleRate;
    this.#pool = pool;
  }

  /** A float64 array of `length` values, zero-filled unless `zero` is false (the caller writes every element). */
  #alloc(length: number, zero = true): Float64Array {
    if (!this.#pool) return new Float64Array(length);
    const a = this.#pool.take(length, zero);
    this.#taken.push(a);
    return a;
  }

  /** The gradient array of `s` (zeros, made on first use). */
  #grad(s: FusedSignal): Float64Array {
    if (!s.grad) s.grad = this.#alloc(s.values.length);
    return s.grad;
  }

  /** Gives every array this engine took back to its pool; the engine and its signals are unusable afterwards. */
  release(): void {
    this.#tape.length = 0;
    if (!this.#pool) return;
    this.#pool.give(this.#taken);
    this.#taken.length = 0;
  }

  /** A tracked input signal (its gradient is filled by {@link FusedOps.backward}). */
  input(values: Float64Array, rows: number, cols: number): FusedSignal {
    return { rows, cols, values, tracked: true };
  }

  /** Runs the tape backwards from `output` with upstream gradient `seed`. */
  backward(output: FusedSignal, seed: Float64Array): void {
    this.#grad(output).set(seed);
    for (let i = this.#tape.length - 1; i >= 0; i--) {
      const { out, back } = this.#tape[i]!;
      if (out.grad) back(out.grad);
    }
  }

  #make(
    rows: number,
    cols: number,
    values: Float64Array,
    inputs: readonly FusedSignal[],
    back: Backward | undefined,
  ): FusedSignal {
    const tracked = back !== undefined && inputs.some((s) => s.tracked);
    const out: FusedSignal = { rows, cols, values, tracked };
    if (tracked) this.#tape.push({ out, back: back! });
    return out;
  }

  /** A scalar constant. */
  constant(value: number): FusedSignal {
    return { rows: 1, cols: 1, values: Float64Array.of(value), tracked: false };
  }
  /** A `[rows, samples]` constant signal. */
  curve(values: Float32Array, rows: number): FusedSignal {
    return { rows, cols: this.samples, values: this.#copy(values), tracked: false };
  }
  /** A `[rows, K]` constant table. */
  table(values: Float32Array | Float64Array, rows: number): FusedSignal {
    return { rows, cols: values.length / rows, values: this.#copy(values), tracked: false };
  }
  #copy(values: Float32Array | Float64Array): Float64Array {
    const out = this.#alloc(values.length, false);
    for (let i = 0; i < values.length; i++) out[i] = values[i]!;
    return out;
  }

  #binary(a: FusedSignal, b: FusedSignal, op: BinaryOp): FusedSignal {
    const rows = Math.max(a.rows, b.rows);
    const cols = Math.max(a.cols, b.cols);
    if (
      (a.rows !== 1 && a.rows !== rows) ||
      (b.rows !== 1 && b.rows !== rows) ||
      (a.cols !== 1 && a.cols !== cols) ||
      (b.cols !== 1 && b.cols !== cols)
    ) {
      throw new Error(`FusedOps: cannot broadcast [${a.rows}, ${a.cols}] with [${b.rows}, ${b.cols}]`);
    }
    const sa = strided(a);
    const sb = strided(b);
    const out = this.#alloc(rows * cols, false);
    binaryForward(op, sa, sb, rows, cols, out);
    return this.#make(rows, cols, out, [a, b], (g) =>
      binaryBackward(
        op,
        g,
        sa,
        sb,
        rows,
        cols,
        a.tracked ? this.#grad(a) : undefined,
        b.tracked ? this.#grad(b) : undefined,
      ),
    );
  }

  /** a + b. */
  readonly add = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'add');
  /** a − b. */
  readonly sub = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'sub');
  /** a · b. */
  readonly mul = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'mul');
  /** a / b. */
  readonly div = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'div');
  /** min(a, b). */
  readonly minimum = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'min');
  /** max(a, b). */
  readonly maximum = (a: FusedSignal, b: FusedSignal): FusedSignal => this.#binary(a, b, 'max');

  #unary(a: FusedSignal, op: UnaryOp, p = 0, lo = 0, hi = 0): FusedSignal {
    const out = this.#alloc(a.values.length, false);
    unaryForward(op, a.values, out, p, lo, hi);
    return this.#make(a.rows, a.cols, out, [a], (g) =>
      unaryBackward(op, g, a.values, out, this.#grad(a), p, lo, hi),
    );
  }

  /** sin a. */
  readonly sin = (a: FusedSignal): FusedSignal => this.#unary(a, 'sin');
  /** cos a. */
  readonly cos = (a: FusedSignal): FusedSignal => this.#unary(a, 'cos');
  /** tan a. */
  readonly tan = (a: FusedSignal): FusedSignal => this.#unary(a, 'tan');
  /** tanh a. */
  readonly tanh = (a: FusedSignal): FusedSignal => this.#unary(a, 'tanh');
  /** exp a. */
  readonly exp = (a: FusedSignal): FusedSignal => this.#unary(a, 'exp');
  /** log a. */
  readonly log = (a: FusedSignal): FusedSignal => this.#unary(a, 'log');
  /** |a| (gradient sign a, 0 at 0). */
  readonly abs = (a: FusedSignal): FusedSignal => this.#unary(a, 'abs');
  /** a^p. */
  pow(a: FusedSignal, p: number): FusedSignal {
    return this.#unary(a, 'pow', p);
  }
  /** Clamp to [lo, hi] (gradient 1 inside and on the bounds, 0 outside, as tfjs). */
  clamp(a: FusedSignal, lo: number, hi: number): FusedSignal {
    return this.#unary(a, 'clamp', 0, lo, hi);
  }
  /** a − floor(a). */
  wrap(a: FusedSignal): FusedSignal {
    return this.#unary(a, 'wrap');
  }

  /** Column `index` as `[rows, 1]`. */
  column(a: FusedSignal, index: number): FusedSignal {
    return this.columns(a, index, 1);
  }
  /** Columns `[start, start + count)`. */
  columns(a: FusedSignal, start: number, count: number): FusedSignal {
    const out = this.#alloc(a.rows * count, false);
    for (let r = 0; r < a.rows; r++)
      for (let c = 0; c < count; c++) out[r * count + c] = a.values[r * a.cols + start + c]!;
    return this.#make(a.rows, count, out, [a], (g) => {
      const ga = this.#grad(a);
      for (let r = 0; r < a.rows; r++)
        for (let c = 0; c < count; c++)
          ga[r * a.cols + start + c] = ga[r * a.cols + start + c]! + g[r * count + c]!;
    });
  }
  /** `[rows, 1]` signals side by side as `[rows, count]`. */
  stackColumns(parts: readonly FusedSignal[]): FusedSignal {
    const rows = Math.max(...parts.map((p) => p.rows));
    const count = parts.length;
    const out = this.#alloc(rows * count, false);
    parts.forEach((p, c) => {
      for (let r = 0; r < rows; r++) out[r * count + c] = p.values[p.rows === 1 ? 0 : r]!;
    });
    return this.#make(rows, count, out, parts, (g) => {
      parts.forEach((p, c) => {
        if (!p.tracked) return;
        const gp = this.#grad(p);
        for (let r = 0; r < rows; r++)
          gp[p.rows === 1 ? 0 : r] = gp[p.rows === 1 ? 0 : r]! + g[r * count + c]!;
      });
    });
  }
  /** Linear interpolation of `[rows, F]` control points to `[rows, samples]`. */
  upsample(points: FusedSignal): FusedSignal {
    const { rows, cols: f } = points;
    const n = this.samples;
    const index = new Int32Array(n);
    const frac = this.#alloc(n, false);
    for (let i = 0; i < n; i++) [index[i], frac[i]] = interpolationPosition(i, f, n);
    const out = this.#alloc(rows * n, false);
    const pv = points.values;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        const j = r * f + index[i]!;
        const t = frac[i]!;
        out[r * n + i] = t > 0 ? pv[j]! * (1 - t) + pv[j + 1]! * t : pv[j]!;
      }
    }
    return this.#make(rows, n, out, [points], (g) => {
      const gp = this.#grad(points);
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
  /** Broadcast to `[batch, samples]` (one copy; the backward pass sums over the broadcast axes). */
  audio(a: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    if (a.rows === batch && a.cols === samples) return a;
    if ((a.rows !== 1 && a.rows !== batch) || (a.cols !== 1 && a.cols !== samples))
      throw new Error(`FusedOps: cannot broadcast [${a.rows}, ${a.cols}] to [${batch}, ${samples}]`);
    const out = this.#alloc(batch * samples, false);
    const v = strided(a);
    for (let r = 0; r < batch; r++) {
      if (v.colStride === 0) out.fill(a.values[r * v.rowStride]!, r * samples, (r + 1) * samples);
      else out.set(a.values.subarray(r * v.rowStride, r * v.rowStride + samples), r * samples);
    }
    return this.#make(batch, samples, out, [a], (g) => this.#accumulate(a, batch, samples, g));
  }
  /**
   * Adds Σ g (times `d` when given) over the broadcast axes of `s` to its gradient, for a
   * `rows × cols` result that `s` was broadcast to.
   */
  #accumulate(s: FusedSignal, rows: number, cols: number, g: Float64Array, d?: Float64Array): void {
    if (!s.tracked) return;
    const v = strided(s);
    const gs = this.#grad(s);
    for (let r = 0; r < rows; r++) {
      let at = r * v.rowStride;
      const start = r * cols;
      const end = start + cols;
      if (v.colStride === 0) {
        let sum = 0; // a per-row constant: sum locally, write once
        if (d) for (let e = start; e < end; e++) sum += g[e]! * d[e]!;
        else for (let e = start; e < end; e++) sum += g[e]!;
        gs[at] = gs[at]! + sum;
      } else if (d) {
        for (let e = start; e < end; e++, at++) gs[at] = gs[at]! + g[e]! * d[e]!;
      } else {
        for (let e = start; e < end; e++, at++) gs[at] = gs[at]! + g[e]!;
      }
    }
  }
  /**
   * Wrapped exclusive running sum along time, plus `start` when given (a per-patch constant
   * increment is not broadcast, and a per-patch start is added in the same pass).
   */
  accumulate(increment: FusedSignal, start?: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    const startable = start === undefined || (start.cols === 1 && (start.rows === 1 || start.rows === batch));
    if (increment.cols !== 1 || !startable) {
      const phase = this.#accumulateSignal(this.audio(increment));
      return start === undefined ? phase : this.add(phase, start);
    }
    if (increment.rows !== 1 && increment.rows !== batch)
      throw new Error(`FusedOps: cannot broadcast [${increment.rows}, 1] to [${batch}, ${samples}]`);
    const out = this.#alloc(batch * samples, false);
    const iv = increment.values;
    for (let b = 0; b < batch; b++) {
      const step = iv[increment.rows === 1 ? 0 : b]!;
      const offset = start === undefined ? 0 : start.values[start.rows === 1 ? 0 : b]!;
      let acc = 0;
      for (let n = 0; n < samples; n++) {
        out[b * samples + n] = acc + offset;
        acc += step;
        acc -= Math.floor(acc);
      }
    }
    const inputs = start === undefined ? [increment] : [increment, start];
    return this.#make(batch, samples, out, inputs, (g) => {
      const gi = increment.tracked ? this.#grad(increment) : undefined;
      const gs = start?.tracked ? this.#grad(start) : undefined;
      for (let b = 0; b < batch; b++) {
        // Σ_n Σ_{m>n} g[m] = Σ_m m·g[m] for the increment, Σ g for the start
        let sum = 0;
        let total = 0;
        for (let n = 0; n < samples; n++) {
          const gn = g[b * samples + n]!;
          sum += n * gn;
          total += gn;
        }
        if (gi) {
          const r = increment.rows === 1 ? 0 : b;
          gi[r] = gi[r]! + sum;
        }
        if (gs) {
          const r = start!.rows === 1 ? 0 : b;
          gs[r] = gs[r]! + total;
        }
      }
    });
  }
  #accumulateSignal(x: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    const out = this.#alloc(batch * samples, false);
    accumulateForward(x.values, batch, samples, out);
    return this.#make(batch, samples, out, [x], (g) => {
      const gx = this.#grad(x);
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
  /**
   * Band-limited additive synthesis. With a fixed partial table (no gradient for the
   * amplitudes) the forward pass also writes the per-sample derivatives in phase and
   * frequency, and the backward pass is two products.
   */
  harmonic(phase: FusedSignal, frequency: FusedSignal, amplitudes: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    const p = this.audio(phase);
    const shape = {
      batch,
      samples,
      partials: amplitudes.cols,
      amplitudeRows: amplitudes.rows,
      sampleRate: this.sampleRate,
    };
    const size = batch * samples;
    if (!amplitudes.tracked) {
      this.#expectAudioShaped(frequency);
      const fv = strided(frequency);
      const out = this.#alloc(size, false);
      const jp = this.#alloc(size, false);
      const jf = this.#alloc(size, false);
      harmonicForwardJacobian(
        p.values,
        frequency.values,
        fv.rowStride,
        fv.colStride,
        amplitudes.values,
        shape,
        out,
        jp,
        jf,
      );
      return this.#make(batch, samples, out, [p, frequency], (g) => {
        this.#accumulate(p, batch, samples, g, jp);
        this.#accumulate(frequency, batch, samples, g, jf);
      });
    }
    const f = this.audio(frequency);
    const out = this.#alloc(size, false);
    harmonicForward(p.values, f.values, amplitudes.values, shape, out);
    return this.#make(batch, samples, out, [p, f, amplitudes], (g) => {
      const dp = this.#alloc(size, false);
      const df = this.#alloc(size, false);
      const da = this.#alloc(amplitudes.values.length, false);
      harmonicBackward(g, p.values, f.values, amplitudes.values, shape, dp, df, da, amplitudes.tracked);
      this.#addInto(p, dp);
      this.#addInto(f, df);
      this.#addInto(amplitudes, da);
    });
  }
  /** Time-varying all-pole filter (the adjoint pass accumulates straight into the gradients). */
  allPole(x: FusedSignal, coefficients: readonly FusedSignal[]): FusedSignal {
    const input = this.audio(x);
    const { batch, samples } = this;
    const full = coefficients.map((c) => this.audio(c));
    const a = full.map((c) => c.values);
    const out = this.#alloc(batch * samples, false);
    allPoleForward(input.values, a, batch, samples, out);
    return this.#make(batch, samples, out, [input, ...full], (g) => {
      allPoleBackward(
        g,
        out,
        a,
        batch,
        samples,
        input.tracked ? this.#grad(input) : undefined,
        full.map((c) => (c.tracked ? this.#grad(c) : undefined)),
      );
    });
  }
  /**
   * The ladder filter (see `ladderFilter`) fused: coefficients, FIR, gain and both sections in
   * one pass forward, their adjoints and the coefficients' derivatives in one pass backward.
   */
  ladder(x: FusedSignal, cutoffHz: FusedSignal, q: FusedSignal): FusedSignal {
    const input = this.audio(x);
    const { batch, samples } = this;
    this.#expectAudioShaped(cutoffHz, q);
    const fv = strided(cutoffHz);
    const qv = strided(q);
    const size = batch * samples;
    const w = this.#alloc(size, false);
    const y0 = this.#alloc(size, false);
    const y1 = this.#alloc(size, false);
    const out = this.#alloc(size, false);
    ladderForward(
      input.values,
      cutoffHz.values,
      fv.rowStride,
      fv.colStride,
      q.values,
      qv.rowStride,
      qv.colStride,
      batch,
      samples,
      this.sampleRate,
      w,
      y0,
      y1,
      out,
    );
    return this.#make(batch, samples, out, [input, cutoffHz, q], (g) => {
      ladderBackward(
        g,
        fv.rowStride,
        fv.colStride,
        q.values,
        qv.rowStride,
        qv.colStride,
        batch,
        samples,
        this.sampleRate,
        w,
        y0,
        y1,
        out,
        {
          x: input.tracked ? this.#grad(input) : undefined,
          cutoff: cutoffHz.tracked ? this.#grad(cutoffHz) : undefined,
          q: q.tracked ? this.#grad(q) : undefined,
        },
      );
    });
  }
  /** The ADSR envelope (see `adsrEnvelope`) fused: one loop forward, one backward. */
  adsr(
    attack: FusedSignal,
    decay: FusedSignal,
    sustain: FusedSignal,
    release: FusedSignal,
    noteOff: FusedSignal,
  ): FusedSignal {
    const { batch, samples, sampleRate } = this;
    const params = [attack, decay, sustain, release, noteOff] as const;
    this.#expectAudioShaped(...params);
    const strides = params.map(strided) as unknown as AdsrParameters;
    const out = this.#alloc(batch * samples, false);
    adsrForward(strides, batch, samples, sampleRate, out);
    return this.#make(batch, samples, out, params, (g) =>
      adsrBackward(g, strides, batch, samples, sampleRate, this.#gradients(params)),
    );
  }
  /** The VCA's amplitude modulation x·gain·(1 − amount + amount·control), fused. */
  amplitudeModulation(
    x: FusedSignal,
    gain: FusedSignal,
    amount: FusedSignal,
    control: FusedSignal,
  ): FusedSignal {
    const { batch, samples } = this;
    const inputs = [x, gain, amount, control] as const;
    this.#expectAudioShaped(...inputs);
    const strides = [strided(x), strided(gain), strided(amount), strided(control)] as const;
    const out = this.#alloc(batch * samples, false);
    amplitudeModulationForward(strides, batch, samples, out);
    return this.#make(batch, samples, out, inputs, (g) =>
      amplitudeModulationBackward(g, strides, batch, samples, this.#gradients(inputs)),
    );
  }
  /** A cutoff modulated in octaves, clamp(base·2^(amount·control), 1, maxHz), fused. */
  octaveModulation(base: FusedSignal, amount: FusedSignal, control: FusedSignal, maxHz: number): FusedSignal {
    const { batch, samples } = this;
    const inputs = [base, amount, control] as const;
    this.#expectAudioShaped(...inputs);
    const strides = [strided(base), strided(amount), strided(control)] as const;
    const out = this.#alloc(batch * samples, false);
    const factor = this.#alloc(batch * samples, false);
    octaveModulationForward(strides, maxHz, batch, samples, out, factor);
    return this.#make(batch, samples, out, inputs, (g) =>
      octaveModulationBackward(g, strides, maxHz, batch, samples, factor, this.#gradients(inputs)),
    );
  }
  /** The gradient arrays of the tracked signals among `inputs` (undefined for the others). */
  #gradients(inputs: readonly FusedSignal[]): (Float64Array | undefined)[] {
    return inputs.map((s) => (s.tracked ? this.#grad(s) : undefined));
  }
  /** Throws unless every signal broadcasts to `[batch, samples]`. */
  #expectAudioShaped(...signals: readonly FusedSignal[]): void {
    const { batch, samples } = this;
    for (const s of signals) {
      if ((s.rows !== 1 && s.rows !== batch) || (s.cols !== 1 && s.cols !== samples))
        throw new Error(`FusedOps: cannot broadcast [${s.rows}, ${s.cols}] to [${batch}, ${samples}]`);
    }
  }
  /** FIR filter with constant taps. */
  fir(x: FusedSignal, taps: readonly number[]): FusedSignal {
    const input = this.audio(x);
    const { batch, samples } = this;
    const out = this.#alloc(batch * samples, false);
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
      const gx = this.#grad(input);
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
  /** x delayed by `samples` samples. */
  delay(x: FusedSignal, samples: number): FusedSignal {
    const input = this.audio(x);
    const n = this.samples;
    const d = Math.max(0, Math.min(samples, n));
    const out = this.#alloc(this.batch * n);
    for (let b = 0; b < this.batch; b++) out.set(input.values.subarray(b * n, b * n + n - d), b * n + d);
    return this.#make(this.batch, n, out, [input], (g) => {
      const gx = this.#grad(input);
      for (let b = 0; b < this.batch; b++)
        for (let i = 0; i < n - d; i++) gx[b * n + i] = gx[b * n + i]! + g[b * n + i + d]!;
    });
  }

  #addInto(s: FusedSignal, delta: Float64Array): void {
    if (!s.tracked) return;
    const g = this.#grad(s);
    for (let i = 0; i < delta.length; i++) g[i] = g[i]! + delta[i]!;
  }
}

/** How loops read `s`: its values with a row stride and a column stride (0 where it is broadcast). */
export function strided(s: FusedSignal): Strided {
  return { values: s.values, rowStride: s.rows === 1 ? 0 : s.cols, colStride: s.cols === 1 ? 0 : 1 };
}
