/**
 * The DAR-DDSP coupling of the trainer to a Fuzzy ART memory of prototypes in an embedding
 * space (DAR-DDSP §3.2–3.3, docs/method.md). Each step: h*_t = E(φ(x_t)) of the render; the
 * resonant prototype j (match ≥ ρ, `vigilance`); the resonance regulariser
 * `resonanceWeight`·‖h*_t − w_j‖² added to the objective; the feedback correction
 * `feedbackGain`·(h*_{t+1} − h*_t) with h*_{t+1} − h*_t = `embeddingPull`·(w_j − h*_t); and
 * prototype learning at `prototypeRate` (Fuzzy ART's β, the seed's η), or a new prototype at
 * h*_t when none resonates.
 *
 * The seed adds the embedding-space vector β(h*_{t+1} − h*_t) to θ, which is only defined
 * through a map from embedding space to θ-space. Here that map is the vector–Jacobian
 * product of E∘φ∘plant at θ_t: Δθ = feedbackGain · J^T (h*_{t+1} − h*_t), J = ∂h*_t / ∂θ (one
 * more differentiable render). To first order it moves h* by feedbackGain · J J^T (h*_{t+1} −
 * h*_t), a positive semi-definite image of the seed's step, so it never points away from it.
 *
 * A prototype w_j is a Fuzzy ART box [u, 1 − v]; its point in embedding space is the box's
 * centre. The step's learning is held back until the step is accepted: a rolled-back step
 * leaves the memory as it was.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, memory: { embedding: timbreEncoder() } });
 * trainer.step().memory; // { category, match, distance, allocated }
 * trainer.memory?.toJSON(); // the prototypes, as FuzzyART JSON
 * ```
 * @module
 */
import { FuzzyART, type FuzzyARTJSON } from '@ae-ddsp/art-memory';
import * as tf from '@tensorflow/tfjs-core';

/** What the memory needs of an embedding E: audio `[batch, samples]` → `[batch, dimensions]` in [0, 1], differentiably. */
export interface MemoryEmbedding {
  /** d. */
  readonly dimensions: number;
  /** h* of each row; the caller owns the result. */
  embed(audio: tf.Tensor2D): tf.Tensor2D;
}

/** Options of the trainer's `memory` (DAR-DDSP §3, docs/method.md). */
export interface ResonanceMemoryOptions {
  /** The embedding E (e.g. `timbreEncoder()` of `@ae-ddsp/art-memory/encoder`). */
  readonly embedding: MemoryEmbedding;
  /** Prototypes to start from (FuzzyART JSON, e.g. a patch bank's); default none. Their ρ and β are replaced by `vigilance` and `prototypeRate`. */
  readonly prototypes?: FuzzyARTJSON;
  /** ρ, the vigilance: a prototype resonates when its match M_j ≥ ρ. Default 0.8 (the seed's 0.7–0.9). */
  readonly vigilance?: number;
  /** η, the prototype learning rate (Fuzzy ART's β). Default 1e-3 (the seed's). */
  readonly prototypeRate?: number;
  /** λ_ART, the weight of the resonance regulariser ‖h* − w_j‖². Default 0.01 (≪ 1, as the seed says). */
  readonly resonanceWeight?: number;
  /** λ of §3.2, the pull of the embedding towards its prototype per step. Default 0.1. */
  readonly embeddingPull?: number;
  /** β of §3.3, the gain of the feedback correction in θ-space. Default 0.1; 0 skips its extra render. */
  readonly feedbackGain?: number;
  /** Allocate a new prototype when none resonates (the seed's law). Default true. */
  readonly allocate?: boolean;
}

/** Defaults of {@link ResonanceMemoryOptions}. */
export const DEFAULT_MEMORY_OPTIONS = Object.freeze({
  vigilance: 0.8,
  prototypeRate: 1e-3,
  resonanceWeight: 0.01,
  embeddingPull: 0.1,
  feedbackGain: 0.1,
  allocate: true,
});

/** What the memory did in one step (of the first patch of the batch). */
export interface MemoryReport {
  /** The resonant prototype, or −1 when none resonated. */
  readonly category: number;
  /** Its match M_j (0 when none resonated). */
  readonly match: number;
  /** ‖h*_t − w_j‖² (0 when none resonated). */
  readonly distance: number;
  /** True when the step allocated a new prototype. */
  readonly allocated: boolean;
  /** h*_t. */
  readonly embedding: readonly number[];
}

/** The memory's checkpoint state. */
export interface ResonanceMemoryState {
  /** The prototypes. */
  readonly prototypes: FuzzyARTJSON;
}

/** One step's measurements, held until the step is accepted or rolled back. */
interface Pending {
  readonly rows: Float64Array[];
  readonly categories: number[];
  readonly centres: (Float64Array | undefined)[];
  readonly matches: number[];
}

function checkNumber(name: string, value: number, low: number, high: number, openLow = false): number {
  if (!(typeof value === 'number' && (openLow ? value > low : value >= low) && value <= high))
    throw new RangeError(
      `Trainer: memory.${name} must be a number in ${openLow ? '(' : '['}${low}, ${high}], got ${value}`,
    );
  return value;
}

/** @internal The trainer's memory: regulariser term, feedback correction, learning, state. */
export class ResonanceMemory {
  readonly vigilance: number;
  readonly prototypeRate: number;
  readonly resonanceWeight: number;
  readonly embeddingPull: number;
  readonly feedbackGain: number;
  readonly allocate: boolean;
  readonly #embedding: MemoryEmbedding;
  #art: FuzzyART;
  #pending: Pending | undefined;
  #last: MemoryReport | undefined;

  /** Checks the options (errors name them) and builds the prototypes. */
  constructor(options: ResonanceMemoryOptions) {
    const o = { ...DEFAULT_MEMORY_OPTIONS, ...options };
    if (!o.embedding || typeof o.embedding.embed !== 'function' || !(o.embedding.dimensions > 0))
      throw new TypeError('Trainer: memory.embedding must have embed(audio) and a positive dimensions');
    this.#embedding = o.embedding;
    this.vigilance = checkNumber('vigilance', o.vigilance, 0, 1);
    this.prototypeRate = checkNumber('prototypeRate', o.prototypeRate, 0, 1, true);
    this.resonanceWeight = checkNumber('resonanceWeight', o.resonanceWeight, 0, Number.MAX_VALUE);
    this.embeddingPull = checkNumber('embeddingPull', o.embeddingPull, 0, 1);
    this.feedbackGain = checkNumber('feedbackGain', o.feedbackGain, 0, Number.MAX_VALUE);
    this.allocate = o.allocate !== false;
    this.#art = this.#build(o.prototypes);
    const d = this.#art.features;
    if (d !== undefined && d !== o.embedding.dimensions)
      throw new RangeError(
        `Trainer: memory.prototypes have ${d} features, the embedding has ${o.embedding.dimensions} dimensions`,
      );
  }

  /** The prototypes (a copy, as FuzzyART JSON). */
  toJSON(): ResonanceMemoryState {
    return { prototypes: this.#art.toJSON() };
  }

  /** Restores {@link ResonanceMemory.toJSON}. */
  restore(state: ResonanceMemoryState): void {
    this.#art = this.#build(state?.prototypes);
    this.#pending = undefined;
  }

  /** Number of prototypes. */
  get categoryCount(): number {
    return this.#art.categoryCount;
  }

  /** Whether the feedback correction runs (it costs one more render per step). */
  get feedbackActive(): boolean {
    return this.feedbackGain > 0 && this.embeddingPull > 0;
  }

  /**
   * The regulariser term of a render, inside the objective's gradient tape: computes h*_t,
   * finds each row's resonant prototype and returns resonanceWeight·Σ‖h*_t − w_j‖² (or
   * undefined when it is zero). Records h*_t and j for the step.
   */
  term(audio: tf.Tensor2D): tf.Scalar | undefined {
    const h = this.#embedding.embed(audio);
    const values = h.dataSync();
    const d = this.#embedding.dimensions;
    const pending: Pending = { rows: [], categories: [], centres: [], matches: [] };
    const targets = new Float32Array(values.length);
    for (let b = 0; b * d < values.length; b++) {
      const row = Float64Array.from(values.subarray(b * d, (b + 1) * d), (x) => Math.min(1, Math.max(0, x)));
      const finite = row.every(Number.isFinite) && values.subarray(b * d, (b + 1) * d).every(Number.isFinite);
      const j = finite ? this.#art.classify(row) : -1;
      const centre = j >= 0 ? this.#centre(j) : undefined;
      pending.rows.push(row);
      pending.categories.push(finite ? j : -2);
      pending.centres.push(centre);
      pending.matches.push(centre ? this.#match(row, j) : 0);
      for (let k = 0; k < d; k++) targets[b * d + k] = centre ? centre[k]! : values[b * d + k]!;
    }
    this.#pending = pending;
    if (!(this.resonanceWeight > 0) || pending.centres.every((c) => c === undefined)) return undefined;
    const w = tf.tensor2d(targets, h.shape);
    return tf.mul(this.resonanceWeight, tf.sum(tf.square(tf.sub(h, w)))) as tf.Scalar;
  }

  /**
   * The cotangent of the feedback correction, as a scalar of a render whose θ-gradient is
   * J^T·embeddingPull·(w_j − h*_t) per row; undefined when no row resonated.
   */
  feedbackScalar(): ((audio: tf.Tensor2D) => tf.Scalar) | undefined {
    const p = this.#pending;
    if (!p || !this.feedbackActive || p.centres.every((c) => c === undefined)) return undefined;
    const d = this.#embedding.dimensions;
    const v = new Float32Array(p.rows.length * d);
    p.rows.forEach((row, b) => {
      const c = p.centres[b];
      if (c) for (let k = 0; k < d; k++) v[b * d + k] = this.embeddingPull * (c[k]! - row[k]!);
    });
    return (audio) => tf.sum(tf.mul(this.#embedding.embed(audio), tf.tensor2d(v, [p.rows.length, d])));
  }

  /** Learns the step's h*_t (resonant prototype at `prototypeRate`, or a new one); returns the report. */
  commit(): MemoryReport | undefined {
    const p = this.#pending;
    this.#pending = undefined;
    if (!p) return undefined;
    let allocated = false;
    p.rows.forEach((row, b) => {
      const j = p.categories[b]!;
      if (j === -2 || (j === -1 && !this.allocate)) return;
      const before = this.#art.categoryCount;
      this.#art.learn(row);
      if (b === 0) allocated = this.#art.categoryCount > before;
    });
    this.#last = this.#report(p, allocated);
    return this.#last;
  }

  /** Forgets the step's measurements (a rolled-back step learns nothing); returns the report. */
  discard(): MemoryReport | undefined {
    const p = this.#pending;
    this.#pending = undefined;
    return p && this.#report(p, false);
  }

  #report(p: Pending, allocated: boolean): MemoryReport {
    const row = p.rows[0]!;
    const c = p.centres[0];
    return {
      category: Math.max(-1, p.categories[0]!),
      match: p.matches[0]!,
      distance: c ? row.reduce((s, x, k) => s + (x - c[k]!) ** 2, 0) : 0,
      allocated,
      embedding: Array.from(row),
    };
  }

  #build(prototypes: FuzzyARTJSON | undefined): FuzzyART {
    const options = { rho: this.vigilance, beta: this.prototypeRate, alpha: 0.001 };
    if (prototypes === undefined) return new FuzzyART(options);
    return FuzzyART.fromJSON({
      ...prototypes,
      options: { ...prototypes.options, rho: options.rho, beta: options.beta },
    });
  }

  /** The centre of box j in embedding space: (u + 1 − v) / 2. */
  #centre(j: number): Float64Array {
    const w = this.#art.weights[j]!;
    const d = w.length / 2;
    return Float64Array.from({ length: d }, (_, k) => (w[k]! + 1 - w[d + k]!) / 2);
  }

  #match(row: Float64Array, j: number): number {
    const w = this.#art.weights[j]!;
    const d = row.length;
    let overlap = 0;
    for (let k = 0; k < d; k++) overlap += Math.min(row[k]!, w[k]!) + Math.min(1 - row[k]!, w[d + k]!);
    return overlap / d;
  }
}
