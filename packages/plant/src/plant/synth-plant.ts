/**
 * `SynthPlant`: a patch as a differentiable function from a batch of normalised parameter
 * vectors `[batch, parameterCount]` (each coordinate in [0, 1], so the optimiser works in
 * normalised space) to audio `[batch, samples]`. It lists its parameter specs, converts
 * between normalised and physical values and writes values back into a patch. It has the
 * shape of the trainer's `TrainablePlant`, and `render` can be differentiated with
 * `tf.grads` / `tf.variableGrads`.
 *
 * On the `cpu` backend it renders with the fused engine (one `AePlantRender` kernel with a
 * hand-written reverse pass); elsewhere with tfjs ops ({@link TensorOps}). Both compute the
 * same function.
 *
 * @example
 * ```ts
 * const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 16000 });
 * const p = tf.variable(plant.initialParameters(1));
 * const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(plant.render(p, 16000))), [p]);
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedRender, hasFusedKernel } from '../fused/fused-render';
import { StreamingOps, StreamState } from '../fused/streaming-ops';
import { type CompiledGraph, compilePatch, evaluateGraph, type PlantParameter } from '../graph/compile';
import type { ParameterValue, Patch } from '../graph/patch';
import { loadPatch } from '../graph/patch-io';
import { mapFromNormalised } from '../params/map-signal';
import { denormalise, normalise } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { TensorOps } from '../signal/tensor-ops';

/** Which engine renders: the fused cpu kernel, tfjs ops, or the fused kernel when the active backend has it. */
export type RenderEngine = 'auto' | 'fused' | 'tensor';

/** Options of {@link SynthPlant}. */
export interface SynthPlantOptions {
  /** Sample rate of the rendered audio, Hz (default 16000). */
  readonly sampleRate?: number;
  /** Render engine (default `auto`). */
  readonly engine?: RenderEngine;
}

/** Default {@link SynthPlantOptions}. */
export const DEFAULT_PLANT_OPTIONS: Readonly<Required<SynthPlantOptions>> = Object.freeze({
  sampleRate: 16000,
  engine: 'auto',
});

/** Default block length of {@link SynthPlant.renderBlocks}, samples (memory per block is a few MB). */
export const DEFAULT_BLOCK_SAMPLES = 65536;

/** One row of {@link SynthPlant.describe}. */
export interface ParameterRow {
  /** Flat name (`node.param` or `node.param[j]`). */
  readonly name: string;
  /** Unit. */
  readonly unit: string;
  /** Range minimum. */
  readonly min: number;
  /** Range maximum. */
  readonly max: number;
  /** Spec default. */
  readonly default: number;
  /** Mapping kind (`linear`, `log`, `curve`). */
  readonly mapping: string;
  /** Value in the patch (physical). */
  readonly value: number;
  /**
   * Whether the parameter's module processes a required input signal (a filter, VCA or
   * shaper): its Hz parameters are cutoffs, not pitches. False on generators (oscillators,
   * noise, envelopes, LFOs, mixers).
   */
  readonly processesInput: boolean;
}

/** A differentiable synth built from a patch. */
export class SynthPlant {
  /** The patch (validated). */
  readonly patch: Patch;
  /**
   * Its compiled graph.
   * @internal
   */
  readonly graph: CompiledGraph;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** Engine choice. */
  readonly engine: RenderEngine;
  /**
   * Parameters in vector order (curves span several columns).
   * @internal
   */
  readonly parameters: readonly PlantParameter[];
  /** Length of one normalised parameter vector. */
  readonly parameterCount: number;
  /** One name per column (`node.param`, or `node.param[j]` for curve point j). */
  readonly parameterNames: readonly string[];

  /** A plant rendering `patch` (validated strictly; throws a clear Error when invalid). */
  constructor(patch: Patch, options: SynthPlantOptions = {}) {
    const o = { ...DEFAULT_PLANT_OPTIONS, ...options };
    if (!(Number.isFinite(o.sampleRate) && o.sampleRate > 0))
      throw new Error(`sampleRate must be a positive number of Hz, got ${o.sampleRate}`);
    if (!['auto', 'fused', 'tensor'].includes(o.engine))
      throw new Error(`engine must be auto, fused or tensor, got ${String(o.engine)}`);
    this.patch = patch;
    this.graph = compilePatch(patch);
    this.sampleRate = o.sampleRate;
    this.engine = o.engine;
    this.parameters = this.graph.parameters;
    this.parameterCount = this.graph.parameterCount;
    this.parameterNames = Object.freeze(
      this.parameters.flatMap((p) =>
        p.timeVarying ? Array.from({ length: p.points }, (_, j) => `${p.name}[${j}]`) : [p.name],
      ),
    );
  }

  /** A plant from a JSON patch. */
  static fromJSON(json: string, options: SynthPlantOptions = {}): SynthPlant {
    return new SynthPlant(loadPatch(json), options);
  }

  /**
   * Renders audio `[batch, samples]` from normalised parameters `[batch, parameterCount]`
   * (clamped to [0, 1] first), differentiably. A NaN parameter is refused with an error
   * naming its column.
   */
  render(normalised: tf.Tensor2D, samples: number): tf.Tensor2D {
    if (
      !(normalised instanceof tf.Tensor) ||
      normalised.rank !== 2 ||
      normalised.shape[1] !== this.parameterCount
    ) {
      throw new Error(
        `parameters must be a [batch, ${this.parameterCount}] tensor, got ${normalised instanceof tf.Tensor ? `[${normalised.shape}]` : typeof normalised}`,
      );
    }
    if (!(Number.isInteger(samples) && samples >= 1))
      throw new Error(`samples must be an integer ≥ 1, got ${samples}`);
    if (normalised.dtype !== 'float32')
      throw new Error(`parameters must be float32, got ${normalised.dtype}`);
    this.checkNotNaN(normalised.dataSync());
    const useFused = this.engine === 'fused' || (this.engine === 'auto' && hasFusedKernel());
    if (this.engine === 'fused' && !hasFusedKernel())
      throw new Error(`the fused engine needs the cpu backend, active: ${tf.getBackend()}`);
    if (useFused) return fusedRender(this, normalised, samples);
    return tf.tidy(() => {
      const ops = new TensorOps(normalised.shape[0], samples, this.sampleRate);
      return this.renderWith(ops, normalised) as tf.Tensor2D;
    });
  }

  /**
   * Renders one normalised vector (`parameterCount` values, clamped to [0, 1]) as `samples`
   * samples of mono audio, forward only, in blocks of `blockSamples`: yields each block as it
   * is rendered, in memory proportional to the block, not to the sound. The oscillators' phase,
   * the filters' state, the envelopes, the noise and the curves run on across the blocks, so
   * the blocks joined equal {@link SynthPlant.render} of the whole (to float32 rounding).
   */
  *renderBlocks(
    normalised: ArrayLike<number>,
    samples: number,
    blockSamples = DEFAULT_BLOCK_SAMPLES,
  ): Generator<Float32Array, void, undefined> {
    this.checkLength(normalised, 'normalised');
    this.checkNotNaN(normalised);
    if (!(Number.isInteger(samples) && samples >= 1))
      throw new Error(`samples must be an integer ≥ 1, got ${samples}`);
    if (!(Number.isInteger(blockSamples) && blockSamples >= 1))
      throw new Error(`blockSamples must be an integer ≥ 1, got ${blockSamples}`);
    const state = new StreamState();
    const u = Float64Array.from(normalised);
    for (let first = 0; first < samples; first += blockSamples) {
      const length = Math.min(blockSamples, samples - first);
      const ops = new StreamingOps(1, length, this.sampleRate, first, samples, state);
      yield Float32Array.from(this.renderWith(ops, ops.table(u, 1)).values);
    }
  }

  /** Renders on any {@link SignalOps} engine from a normalised `[batch, parameterCount]` signal. */
  renderWith<S>(ops: SignalOps<S>, normalised: S): S {
    const u = ops.clamp(normalised, 0, 1);
    const values = new Map<string, S>();
    for (const p of this.parameters) {
      const physical = mapFromNormalised(
        ops,
        p.spec,
        p.points === 1 ? ops.column(u, p.offset) : ops.columns(u, p.offset, p.points),
      );
      values.set(p.name, p.timeVarying ? ops.upsample(physical) : physical);
    }
    return evaluateGraph(this.graph, ops, values);
  }

  /** The patch's parameter values as one normalised vector (float64). */
  initialNormalised(): Float64Array {
    const u = new Float64Array(this.parameterCount);
    for (const p of this.parameters) {
      const value = this.patch.nodes.find((n) => n.id === p.node)!.params![p.spec.name]!;
      const values = typeof value === 'number' ? [value] : value;
      values.forEach((v, j) => {
        u[p.offset + j] = normalise(p.spec, v);
      });
    }
    return u;
  }

  /** `[batch, parameterCount]` copies of {@link SynthPlant.initialNormalised}. */
  initialParameters(batch = 1): tf.Tensor2D {
    const u = this.initialNormalised();
    if (!(Number.isInteger(batch) && batch >= 1))
      throw new Error(`batch must be an integer ≥ 1, got ${batch}`);
    const data = new Float32Array(batch * u.length);
    for (let b = 0; b < batch; b++) data.set(u, b * u.length);
    return tf.tensor2d(data, [batch, this.parameterCount]);
  }

  /** Normalised parameters clamped to [0, 1] (apply after every optimiser step). */
  clampNormalised(normalised: tf.Tensor2D): tf.Tensor2D {
    return tf.clipByValue(normalised, 0, 1);
  }

  /** Physical values of one normalised vector. */
  toPhysical(normalised: ArrayLike<number>): Float64Array {
    this.checkLength(normalised, 'normalised');
    this.checkNotNaN(normalised);
    const out = new Float64Array(this.parameterCount);
    for (const p of this.parameters)
      for (let j = 0; j < p.points; j++) out[p.offset + j] = denormalise(p.spec, normalised[p.offset + j]!);
    return out;
  }

  /** Normalised values of one physical vector (clamped to each range). */
  toNormalised(physical: ArrayLike<number>): Float64Array {
    this.checkLength(physical, 'physical');
    const out = new Float64Array(this.parameterCount);
    for (const p of this.parameters)
      for (let j = 0; j < p.points; j++) out[p.offset + j] = normalise(p.spec, physical[p.offset + j]!);
    return out;
  }

  /** The patch with the parameter values of normalised vector `normalised` written in. */
  toPatch(normalised: ArrayLike<number>): Patch {
    const physical = this.toPhysical(normalised);
    const nodes = this.patch.nodes.map((n) => {
      const params: Record<string, ParameterValue> = { ...(n.params ?? {}) };
      for (const p of this.parameters) {
        if (p.node !== n.id) continue;
        const v = Array.from(physical.subarray(p.offset, p.offset + p.points));
        params[p.spec.name] = p.timeVarying ? v : v[0]!;
      }
      return { ...n, params };
    });
    return { ...this.patch, nodes };
  }

  /** A table of every column: name, unit, range, default, mapping and the patch's value. */
  describe(): ParameterRow[] {
    const u = this.initialNormalised();
    const physical = this.toPhysical(u);
    const rows: ParameterRow[] = [];
    for (const p of this.parameters) {
      const node = this.graph.order.find((n) => n.id === p.node)!;
      const processesInput = node.module.requiredInputs.length > 0;
      for (let j = 0; j < p.points; j++) {
        rows.push({
          name: this.parameterNames[p.offset + j]!,
          unit: p.spec.unit,
          min: p.spec.min,
          max: p.spec.max,
          default: p.spec.default,
          mapping: p.spec.mapping.kind,
          value: physical[p.offset + j]!,
          processesInput,
        });
      }
    }
    return rows;
  }

  /** Throws naming the first column of `values` (rows of `parameterCount`) that is NaN. */
  private checkNotNaN(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isNaN(values[i])) continue;
      const row = Math.floor(i / this.parameterCount);
      const name = this.parameterNames[i % this.parameterCount];
      throw new Error(
        `normalised parameter ${name}${row > 0 ? ` (batch row ${row})` : ''} is NaN; expected a number in [0, 1] (values outside are clamped)`,
      );
    }
  }

  private checkLength(values: ArrayLike<number>, what: string): void {
    if (values.length !== this.parameterCount)
      throw new Error(`${what} must have ${this.parameterCount} values, got ${values.length}`);
  }
}
