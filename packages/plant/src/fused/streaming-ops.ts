/**
 * The fused engine for one block of a long render: {@link FusedOps} forward only, with every
 * operation that has memory (phase accumulation, all-pole, FIR, delay and ladder filters)
 * starting from the state the previous block left, and every operation that depends on time
 * (curves, envelopes, noise, the seed's time axis) placed at the block's position in the whole
 * sound. A graph calls its stateful operations in the same order in every block, so the k-th
 * such call of one block continues the k-th call of the block before. Rendering block after
 * block gives the one-shot render, in memory proportional to the block.
 *
 * @example
 * ```ts
 * const state = new StreamState();
 * const ops = new StreamingOps(1, 4096, 48000, 0, 480000, state); // the first of many blocks
 * const audio = plant.renderWith(ops, ops.table(normalised, 1));
 * ```
 * @module
 */

import { interpolationPosition } from '../signal/upsample';
import { type AdsrParameters, adsrForward } from './adsr';
import { FusedOps, type FusedSignal, strided } from './fused-ops';
import { type LadderState, ladderForward } from './ladder';

/** What the stateful operations of one render remember between its blocks, in call order. */
export class StreamState {
  readonly #slots: unknown[] = [];
  #next = 0;

  /** Starts a block: the next {@link StreamState.slot} call is the block's first. */
  startBlock(): void {
    this.#next = 0;
  }

  /** The state of the next stateful call: made by `make` in the first block, the same object after. */
  slot<T>(make: () => T): T {
    const i = this.#next++;
    if (i === this.#slots.length) this.#slots.push(make());
    return this.#slots[i] as T;
  }
}

/** A forward-only fused engine rendering samples [firstSample, firstSample + samples) of a longer sound. */
export class StreamingOps extends FusedOps {
  /** Index of this block's first sample within the sound. */
  override readonly firstSample: number;
  readonly #total: number;
  readonly #state: StreamState;

  /** Block `samples` long from `firstSample` of a sound `totalSamples` long, continuing `state`. */
  constructor(
    batch: number,
    samples: number,
    sampleRate: number,
    firstSample: number,
    totalSamples: number,
    state: StreamState,
  ) {
    super(batch, samples, sampleRate);
    this.firstSample = firstSample;
    this.#total = totalSamples;
    this.#state = state;
    state.startBlock();
  }

  /** Samples of the whole sound. */
  override get totalSamples(): number {
    return this.#total;
  }

  #signal(values: Float64Array): FusedSignal {
    return { rows: this.batch, cols: this.samples, values, tracked: false };
  }

  /** `perRow` values per row, zero at the sound's start, carried from block to block. */
  #slot(perRow: number): Float64Array {
    return this.#state.slot(() => new Float64Array(this.batch * perRow));
  }

  /** Control points interpolated over the whole sound, this block's part. */
  override upsample(points: FusedSignal): FusedSignal {
    const { rows, cols: f } = points;
    const n = this.samples;
    const out = new Float64Array(rows * n);
    const pv = points.values;
    for (let i = 0; i < n; i++) {
      const [index, t] = interpolationPosition(this.firstSample + i, f, this.#total);
      for (let r = 0; r < rows; r++) {
        const j = r * f + index;
        out[r * n + i] = t > 0 ? pv[j]! * (1 - t) + pv[j + 1]! * t : pv[j]!;
      }
    }
    return { rows, cols: n, values: out, tracked: false };
  }

  /** The running phase, continued from the previous block. */
  override accumulate(increment: FusedSignal, start?: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    const acc = this.#slot(1);
    const startable = start === undefined || (start.cols === 1 && (start.rows === 1 || start.rows === batch));
    const perSample = increment.cols !== 1 || !startable;
    const inc = perSample ? strided(this.audio(increment)) : strided(increment);
    const offsetOf = (b: number) =>
      perSample || start === undefined ? 0 : start.values[start.rows === 1 ? 0 : b]!;
    const out = new Float64Array(batch * samples);
    for (let b = 0; b < batch; b++) {
      let a = acc[b]!;
      const offset = offsetOf(b);
      let at = b * inc.rowStride;
      for (let n = 0; n < samples; n++, at += inc.colStride) {
        out[b * samples + n] = a + offset;
        a += inc.values[at]!;
        a -= Math.floor(a);
      }
      acc[b] = a;
    }
    const phase = this.#signal(out);
    return perSample && start !== undefined ? this.add(phase, start) : phase;
  }

  /** The all-pole recursion, continued from the previous block's last outputs. */
  override allPole(x: FusedSignal, coefficients: readonly FusedSignal[]): FusedSignal {
    const { batch, samples } = this;
    const order = coefficients.length;
    const xv = this.audio(x).values;
    const a = coefficients.map((c) => this.audio(c).values);
    const memory = this.#slot(order); // y[n−1], y[n−2], … per row
    const out = new Float64Array(batch * samples);
    for (let b = 0; b < batch; b++) {
      const state = memory.subarray(b * order, (b + 1) * order);
      for (let n = 0; n < samples; n++) {
        const i = b * samples + n;
        let acc = xv[i]!;
        for (let k = 0; k < order; k++) acc -= a[k]![i]! * state[k]!;
        for (let k = order - 1; k > 0; k--) state[k] = state[k - 1]!;
        state[0] = acc;
        out[i] = acc;
      }
    }
    return this.#signal(out);
  }

  /** The FIR filter, with the previous block's last inputs as its history. */
  override fir(x: FusedSignal, taps: readonly number[]): FusedSignal {
    const { batch, samples } = this;
    const xv = this.audio(x).values;
    const keep = taps.length - 1;
    const memory = this.#slot(keep); // x[−1], x[−2], … per row
    const out = new Float64Array(batch * samples);
    for (let b = 0; b < batch; b++) {
      const history = memory.subarray(b * keep, (b + 1) * keep);
      const row = b * samples;
      const input = (n: number) => (n >= 0 ? xv[row + n]! : history[-n - 1]!);
      for (let n = 0; n < samples; n++) {
        let acc = 0;
        for (let m = 0; m < taps.length; m++) acc += taps[m]! * input(n - m);
        out[row + n] = acc;
      }
      const last = Array.from({ length: keep }, (_, k) => input(samples - 1 - k));
      history.set(last);
    }
    return this.#signal(out);
  }

  /** x delayed by `delay` samples, the previous block's last inputs shifted in first. */
  override delay(x: FusedSignal, delay: number): FusedSignal {
    const { batch, samples } = this;
    const xv = this.audio(x).values;
    const d = Math.max(0, delay);
    const memory = this.#slot(d); // x[−1], x[−2], … per row
    const out = new Float64Array(batch * samples);
    for (let b = 0; b < batch; b++) {
      const history = memory.subarray(b * d, (b + 1) * d);
      const row = b * samples;
      const input = (n: number) => (n >= 0 ? xv[row + n]! : history[-n - 1]!);
      for (let n = 0; n < samples; n++) out[row + n] = input(n - d);
      history.set(Array.from({ length: d }, (_, k) => input(samples - 1 - k)));
    }
    return this.#signal(out);
  }

  /** The fused ladder, continued from the previous block's filter state. */
  override ladder(x: FusedSignal, cutoffHz: FusedSignal, q: FusedSignal): FusedSignal {
    const { batch, samples } = this;
    const input = this.audio(x);
    const fv = strided(cutoffHz);
    const qv = strided(q);
    const size = batch * samples;
    const out = new Float64Array(size);
    const scratch = [new Float64Array(size), new Float64Array(size), new Float64Array(size)] as const;
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
      ...scratch,
      out,
      this.#state.slot((): (LadderState | undefined)[] => []),
    );
    return this.#signal(out);
  }

  /** The ADSR envelope at this block's times. */
  override adsr(
    attack: FusedSignal,
    decay: FusedSignal,
    sustain: FusedSignal,
    release: FusedSignal,
    noteOff: FusedSignal,
  ): FusedSignal {
    const { batch, samples, sampleRate } = this;
    const params = [attack, decay, sustain, release, noteOff].map(strided) as unknown as AdsrParameters;
    const out = new Float64Array(batch * samples);
    adsrForward(params, batch, samples, sampleRate, out, this.firstSample);
    return this.#signal(out);
  }
}
