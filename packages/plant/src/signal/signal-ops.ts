/**
 * The small signal algebra every module is written against. A signal is a `[batch, samples]`
 * audio-rate value, a `[batch, 1]` per-patch constant, a `[1, samples]` time curve or a
 * scalar; binary operations broadcast. Two engines implement it: {@link TensorOps} (tfjs ops,
 * any backend, differentiated by tfjs) and the fused cpu engine behind `AePlantRender`
 * (plain float64 loops with a hand-written reverse pass), so each module is written once.
 *
 * @example
 * ```ts
 * const sine = (ops: SignalOps<S>, hz: S) => ops.sin(ops.mul(ops.constant(2 * Math.PI), ops.accumulate(ops.div(hz, ops.constant(ops.sampleRate)))));
 * ```
 * @module
 */

/** Operations on signals of type `S` (a tfjs tensor, or a node of the fused engine). */
export interface SignalOps<S> {
  /** Number of patches rendered at once. */
  readonly batch: number;
  /** Samples per patch in this render (one block of a longer sound when a render streams). */
  readonly samples: number;
  /** Index of this render's first sample within the whole sound (0 unless rendering in blocks). */
  readonly firstSample: number;
  /** Samples of the whole sound (equal to `samples` unless rendering in blocks); curves span it. */
  readonly totalSamples: number;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** A scalar constant. */
  constant(value: number): S;
  /** A `[rows, samples]` constant signal (rows 1 or batch; no gradient flows into it), e.g. noise. */
  curve(values: Float32Array, rows: number): S;
  /** A `[1 or batch, K]` constant table, e.g. fixed partial amplitudes. */
  table(values: Float32Array | Float64Array, rows: number): S;
  /** Element-wise a + b. */
  add(a: S, b: S): S;
  /** Element-wise a − b. */
  sub(a: S, b: S): S;
  /** Element-wise a · b. */
  mul(a: S, b: S): S;
  /** Element-wise a / b. */
  div(a: S, b: S): S;
  /** Element-wise sin. */
  sin(a: S): S;
  /** Element-wise cos. */
  cos(a: S): S;
  /** Element-wise tan. */
  tan(a: S): S;
  /** Element-wise tanh. */
  tanh(a: S): S;
  /** Element-wise exp. */
  exp(a: S): S;
  /** Element-wise natural log. */
  log(a: S): S;
  /** Element-wise |a| (gradient sign(a)). */
  abs(a: S): S;
  /** Element-wise a^p for a constant exponent p (a ≥ 0 when p is fractional). */
  pow(a: S, p: number): S;
  /** Element-wise minimum. */
  minimum(a: S, b: S): S;
  /** Element-wise maximum. */
  maximum(a: S, b: S): S;
  /** Clamp to [lo, hi] (gradient 1 inside, 0 outside). */
  clamp(a: S, lo: number, hi: number): S;
  /** a − floor(a) (gradient 1). */
  wrap(a: S): S;
  /** Column `index` of a `[batch, P]` signal as `[batch, 1]`. */
  column(a: S, index: number): S;
  /** Columns `[start, start + count)` of a `[batch, P]` signal. */
  columns(a: S, start: number, count: number): S;
  /** `[batch, 1]` signals side by side as `[batch, count]`. */
  stackColumns(parts: readonly S[]): S;
  /** `[batch, F]` control points → `[batch, samples]`, linearly interpolated (first and last points at the ends). */
  upsample(points: S): S;
  /** Broadcast to `[batch, samples]`. */
  audio(a: S): S;
  /**
   * Exclusive running sum along time, wrapped to [0, 1): phase in cycles from per-sample
   * increments; plus `start` (cycles, not wrapped) when given.
   */
  accumulate(increment: S, start?: S): S;
  /** Σ_k amplitudes[k]·taper_k(|frequency|)·sin(2πk·phase): band-limited additive synthesis (partials faded out below Nyquist). */
  harmonic(phase: S, frequency: S, amplitudes: S): S;
  /** Time-varying all-pole filter y[n] = x[n] − Σ_{k=1..M} a_k[n]·y[n−k], zero initial state. */
  allPole(x: S, coefficients: readonly S[]): S;
  /** x delayed by `samples` samples (zeros shifted in). */
  delay(x: S, samples: number): S;
  /** FIR filter with constant taps: y[n] = Σ_m taps[m]·x[n−m] (zero initial state). */
  fir(x: S, taps: readonly number[]): S;
  /**
   * Optional: the 4-pole ladder low-pass of `ladderFilter` (FIR (1 + z⁻¹)⁴, gain and two
   * second-order sections whose coefficients follow per sample from the cutoff in Hz and
   * q = k^(1/4)) as one fused operation. Engines without it get the same function composed
   * from the operations above.
   */
  ladder?(x: S, cutoffHz: S, q: S): S;
  /**
   * Optional: the linear ADSR envelope of `adsrEnvelope` over this engine's sample times
   * (attack, decay, release and note-off in seconds, sustain level) as one fused operation.
   * Engines without it get the same formula composed from the operations above.
   */
  adsr?(attack: S, decay: S, sustain: S, release: S, noteOff: S): S;
  /**
   * Optional: the VCA's x·gain·(1 − amount + amount·control) as one fused operation (engines
   * without it compose it from the operations above).
   */
  amplitudeModulation?(x: S, gain: S, amount: S, control: S): S;
  /**
   * Optional: a cutoff modulated in octaves, clamp(base·2^(amount·control), 1, maxHz), as one
   * fused operation (engines without it compose it from the operations above).
   */
  octaveModulation?(base: S, amount: S, control: S, maxHz: number): S;
}
