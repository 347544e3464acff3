import { type CmaEsStrategy, cmaEsStrategy } from './cma-es-strategy';
import { type RandomSource, SeededRandom, type SeededRandomState } from './seeded-random';
import { symmetricEigen } from './symmetric-eigen';

/** A box lower ≤ x ≤ upper; a number applies to every coordinate (±Infinity: unbounded side). */
export interface CmaEsBounds {
  readonly lower: number | ArrayLike<number>;
  readonly upper: number | ArrayLike<number>;
}

/** Options of a {@link CmaEs}. `mean` and `sigma` are required; the rest take {@link DEFAULT_CMA_ES_OPTIONS}. */
export interface CmaEsOptions {
  /** The initial mean m₀ (the starting point), n ≥ 1 coordinates. */
  readonly mean: ArrayLike<number>;
  /** The initial step size σ₀ > 0, in the units of the coordinates (about a quarter of the search range). */
  readonly sigma: number;
  /** Seed of the optimiser's own {@link SeededRandom} (ignored when `random` is given). */
  readonly seed: number;
  /** λ, samples per generation (undefined: 4 + ⌊3 ln n⌋); at least 4. */
  readonly populationSize: number | undefined;
  /** Box constraints: infeasible samples are redrawn up to `maxResampling` times, then clipped. */
  readonly bounds: CmaEsBounds | undefined;
  /** Redraws of an infeasible sample before the last draw is clipped into the box. */
  readonly maxResampling: number;
  /**
   * Generations between eigendecompositions of C (undefined: Hansen's rule, the smallest whole
   * number of generations above 1 / (10 n (c₁ + c_μ)); every generation up to n ≈ 100).
   */
  readonly eigenInterval: number | undefined;
  /** Stop when the best and worst fitness of the last 10 + ⌈30n/λ⌉ generations span less than this. */
  readonly tolFun: number;
  /** Stop when every σ·√C_ii and |σ·p_c,i| is below tolX·σ₀. */
  readonly tolX: number;
  /** Stop when σ·√(largest eigenvalue of C) exceeds tolXUp·σ₀ (divergence). */
  readonly tolXUp: number;
  /** Stop when the condition number of C exceeds this. */
  readonly tolConditionCov: number;
  /** A random source of your own instead of the seeded one. */
  readonly random: RandomSource | undefined;
}

/** What a new {@link CmaEs} needs: a mean and a step size; every other option is optional. */
export type CmaEsInit = Pick<CmaEsOptions, 'mean' | 'sigma'> & Partial<Omit<CmaEsOptions, 'mean' | 'sigma'>>;

/** Defaults, as in python3-cmaes 0.9: 100 redraws before clipping, tolFun 1e-12, tolX 1e-12·σ₀, … */
export const DEFAULT_CMA_ES_OPTIONS: Omit<CmaEsOptions, 'mean' | 'sigma'> = Object.freeze({
  seed: 0,
  populationSize: undefined,
  bounds: undefined,
  maxResampling: 100,
  eigenInterval: undefined,
  tolFun: 1e-12,
  tolX: 1e-12,
  tolXUp: 1e4,
  tolConditionCov: 1e14,
  random: undefined,
});

/** Why {@link CmaEs.stopReason} says to stop (Hansen's tutorial, appendix B.3). */
export type CmaEsStopReason =
  | 'tolFun'
  | 'tolX'
  | 'tolXUp'
  | 'noEffectCoord'
  | 'noEffectAxis'
  | 'conditionCov';

/** The JSON-safe state of a {@link CmaEs}: `CmaEs.restore` resumes it exactly. */
export interface CmaEsState {
  readonly dimension: number;
  readonly populationSize: number;
  readonly initialSigma: number;
  readonly lower: readonly (number | null)[] | null;
  readonly upper: readonly (number | null)[] | null;
  readonly maxResampling: number;
  readonly eigenInterval: number;
  readonly tolerances: { tolFun: number; tolX: number; tolXUp: number; tolConditionCov: number };
  readonly mean: readonly number[];
  readonly sigma: number;
  /** C, row-major n×n. */
  readonly covariance: readonly number[];
  /** The eigenvectors B (row-major, by columns) and axis lengths D of the decomposition in use. */
  readonly eigenvectors: readonly number[];
  readonly axes: readonly number[];
  readonly eigenGeneration: number;
  readonly pathSigma: readonly number[];
  readonly pathC: readonly number[];
  readonly generation: number;
  readonly evaluations: number;
  /** Best and worst fitness of recent generations, a ring indexed by generation. */
  readonly fitnessHistory: readonly (number | null)[];
  readonly best: { readonly x: readonly number[]; readonly fitness: number } | null;
  /** The asked population awaiting `tell`, if any. */
  readonly pending: readonly (readonly number[])[] | null;
  /** State of the seeded random source (null for a user-supplied source). */
  readonly random: SeededRandomState | null;
}

/** The best sample seen so far. */
export interface CmaEsBest {
  readonly x: Float64Array;
  readonly fitness: number;
}

/** Eigenvalues this small or negative (rounding in the active update) are raised to it, as in python3-cmaes. */
const EIGENVALUE_FLOOR = 1e-8;

/**
 * Standard (μ/μ_w, λ)-CMA-ES with an ask/tell interface (Hansen's tutorial, arXiv:1604.00772):
 * weighted recombination, cumulative step-size adaptation, rank-one and rank-μ covariance
 * updates with negative weights (active CMA), the h_σ stall of the rank-one path, and an
 * eigendecomposition of C every few generations. Minimises; fitness is yours to compute, as
 * one batch per generation. Optional box bounds are handled like python3-cmaes: an infeasible
 * sample is redrawn up to `maxResampling` times, then clipped into the box, and the update
 * uses the sample as returned.
 *
 * @example
 * ```ts
 * const f = (x: Float64Array) => x.reduce((s, v, i) => s + (v - 0.1 * (i + 1)) ** 2, 0);
 * const es = new CmaEs({ mean: [0.5, 0.5, 0.5], sigma: 0.3, seed: 1, bounds: { lower: 0, upper: 1 } });
 * while (!es.shouldStop() && es.evaluations < 5000) {
 *   const xs = es.ask();
 *   es.tell(xs.map(f));
 * }
 * es.best; // { x ≈ [0.1, 0.2, 0.3], fitness ≈ 0 }
 * ```
 */
export class CmaEs {
  /** The strategy's constants (λ, weights, learning rates). */
  readonly strategy: CmaEsStrategy;
  readonly #n: number;
  readonly #random: RandomSource;
  readonly #initialSigma: number;
  readonly #lower: Float64Array | undefined;
  readonly #upper: Float64Array | undefined;
  readonly #maxResampling: number;
  readonly #eigenInterval: number;
  readonly #tolerances: { tolFun: number; tolX: number; tolXUp: number; tolConditionCov: number };
  readonly #historyLength: number;

  #mean: Float64Array;
  #sigma: number;
  #c: Float64Array;
  #b: Float64Array;
  #d: Float64Array;
  #eigenGeneration = 0;
  #pathSigma: Float64Array;
  #pathC: Float64Array;
  #generation = 0;
  #evaluations = 0;
  #fitnessHistory: Float64Array;
  #best: CmaEsBest | undefined;
  #pending: Float64Array[] | undefined;

  /** Creates an optimiser; throws a RangeError naming any invalid option. */
  constructor(init: CmaEsInit) {
    const o: CmaEsOptions = { ...DEFAULT_CMA_ES_OPTIONS, ...init } as CmaEsOptions;
    const fail = (name: string, expected: string, got: unknown): never => {
      throw new RangeError(`CmaEs: option "${name}" must be ${expected}, got ${describe(got)}`);
    };
    if (!o.mean || typeof o.mean.length !== 'number' || o.mean.length < 1)
      fail('mean', 'an array of at least one number', o.mean);
    const n = o.mean.length;
    const mean = Float64Array.from(o.mean);
    if (!mean.every(Number.isFinite)) fail('mean', 'finite numbers', Array.from(o.mean));
    if (!(Number.isFinite(o.sigma) && o.sigma > 0)) fail('sigma', 'a finite number > 0', o.sigma);
    if (o.populationSize !== undefined && !(Number.isInteger(o.populationSize) && o.populationSize >= 4))
      fail('populationSize', 'an integer ≥ 4 (or undefined for 4 + ⌊3 ln n⌋)', o.populationSize);
    if (!(Number.isInteger(o.maxResampling) && o.maxResampling >= 0))
      fail('maxResampling', 'an integer ≥ 0', o.maxResampling);
    if (o.eigenInterval !== undefined && !(Number.isInteger(o.eigenInterval) && o.eigenInterval >= 1))
      fail('eigenInterval', 'an integer ≥ 1 (or undefined)', o.eigenInterval);
    for (const name of ['tolFun', 'tolX', 'tolXUp', 'tolConditionCov'] as const) {
      if (!(o[name] > 0)) fail(name, 'a number > 0', o[name]);
    }
    if (o.seed !== undefined && o.random === undefined && !Number.isInteger(o.seed))
      fail('seed', 'an integer', o.seed);

    if (o.bounds !== undefined) {
      if (typeof o.bounds !== 'object' || o.bounds === null)
        fail('bounds', 'an object { lower, upper }', o.bounds);
      const lower = boundArray(o.bounds.lower, n, 'bounds.lower');
      const upper = boundArray(o.bounds.upper, n, 'bounds.upper');
      for (let i = 0; i < n; i++) {
        if (!(lower[i]! <= upper[i]!))
          fail('bounds', `lower ≤ upper in every coordinate (coordinate ${i})`, [lower[i], upper[i]]);
        if (!(lower[i]! <= mean[i]! && mean[i]! <= upper[i]!))
          fail('mean', `inside the bounds (coordinate ${i} in [${lower[i]}, ${upper[i]}])`, mean[i]);
      }
      this.#lower = lower;
      this.#upper = upper;
    }

    this.strategy = cmaEsStrategy(n, o.populationSize);
    const { c1, cMu, populationSize } = this.strategy;
    this.#n = n;
    this.#random = o.random ?? new SeededRandom(o.seed);
    this.#initialSigma = o.sigma;
    this.#maxResampling = o.maxResampling;
    this.#eigenInterval = o.eigenInterval ?? Math.floor(1 / (10 * n * (c1 + cMu))) + 1;
    this.#tolerances = {
      tolFun: o.tolFun,
      tolX: o.tolX,
      tolXUp: o.tolXUp,
      tolConditionCov: o.tolConditionCov,
    };
    this.#historyLength = 10 + Math.ceil((30 * n) / populationSize);

    this.#mean = mean;
    this.#sigma = o.sigma;
    this.#c = identity(n);
    this.#b = identity(n);
    this.#d = new Float64Array(n).fill(1);
    this.#pathSigma = new Float64Array(n);
    this.#pathC = new Float64Array(n);
    this.#fitnessHistory = new Float64Array(2 * this.#historyLength).fill(Number.NaN);
  }

  /**
   * Resumes an optimiser from {@link CmaEs.toJSON}: the samples and updates that follow are
   * exactly those of the uninterrupted run. Pass `random` when the original used its own source.
   */
  static restore(state: CmaEsState, { random }: { random?: RandomSource } = {}): CmaEs {
    const bad = (what: string): never => {
      throw new TypeError(`CmaEs.restore: state must be the object returned by toJSON() (${what})`);
    };
    if (!state || typeof state !== 'object') bad('not an object');
    const n = state.dimension;
    if (!Number.isInteger(n) || n < 1) bad('dimension');
    if (state.random === null && random === undefined)
      throw new TypeError('CmaEs.restore: the state has no seeded random source; pass { random }');
    const vector = (value: unknown, length: number, what: string, allowNull = false) => {
      if (!Array.isArray(value) || value.length !== length) bad(`${what} must hold ${length} numbers`);
      return Float64Array.from(value as (number | null)[], (x) => {
        if (x === null && allowNull) return Number.NaN;
        if (typeof x !== 'number' || Number.isNaN(x)) bad(`${what} holds a non-number`);
        return x as number;
      });
    };
    const bound = (value: readonly (number | null)[] | null, sign: number, what: string) =>
      value === null
        ? undefined
        : vector(value, n, what, true).map((x) => (Number.isNaN(x) ? sign * Infinity : x));
    const lower = bound(state.lower, -1, 'lower');
    const upper = bound(state.upper, 1, 'upper');
    const mean = vector(state.mean, n, 'mean');
    const inside = lower && upper ? mean.map((x, i) => Math.min(Math.max(x, lower[i]!), upper[i]!)) : mean;
    const es = new CmaEs({
      mean: inside,
      sigma: state.initialSigma,
      populationSize: state.populationSize,
      bounds: lower && upper ? { lower, upper } : undefined,
      maxResampling: state.maxResampling,
      eigenInterval: state.eigenInterval,
      ...state.tolerances,
      random: state.random === null ? random : SeededRandom.fromState(state.random),
    });
    if (!(state.sigma > 0)) bad('sigma');
    if (!Number.isInteger(state.generation) || !Number.isInteger(state.evaluations)) bad('counters');
    if (!Number.isInteger(state.eigenGeneration)) bad('eigenGeneration');
    es.#mean = mean;
    es.#sigma = state.sigma;
    es.#c = vector(state.covariance, n * n, 'covariance');
    es.#b = vector(state.eigenvectors, n * n, 'eigenvectors');
    es.#d = vector(state.axes, n, 'axes');
    es.#eigenGeneration = state.eigenGeneration;
    es.#pathSigma = vector(state.pathSigma, n, 'pathSigma');
    es.#pathC = vector(state.pathC, n, 'pathC');
    es.#generation = state.generation;
    es.#evaluations = state.evaluations;
    es.#fitnessHistory = vector(state.fitnessHistory, 2 * es.#historyLength, 'fitnessHistory', true);
    if (state.best !== null) {
      if (typeof state.best !== 'object' || typeof state.best.fitness !== 'number') bad('best');
      es.#best = { x: vector(state.best.x, n, 'best.x'), fitness: state.best.fitness };
    }
    if (state.pending !== null) {
      if (!Array.isArray(state.pending) || state.pending.length !== es.strategy.populationSize)
        bad('pending');
      es.#pending = state.pending.map((x, k) => vector(x, n, `pending[${k}]`));
    }
    return es;
  }

  /** n, the number of coordinates. */
  get dimension(): number {
    return this.#n;
  }

  /** λ, the number of samples `ask` returns. */
  get populationSize(): number {
    return this.strategy.populationSize;
  }

  /** Generations told so far. */
  get generation(): number {
    return this.#generation;
  }

  /** Fitness values told so far (λ per generation). */
  get evaluations(): number {
    return this.#evaluations;
  }

  /** The best sample told so far (lowest fitness; NaN is refused, +Infinity never wins), or undefined. */
  get best(): CmaEsBest | undefined {
    return this.#best && { x: Float64Array.from(this.#best.x), fitness: this.#best.fitness };
  }

  /** A copy of the distribution's mean m. */
  get mean(): Float64Array {
    return Float64Array.from(this.#mean);
  }

  /** The step size σ. */
  get sigma(): number {
    return this.#sigma;
  }

  /** A copy of the covariance matrix C (row-major n×n; the distribution is N(m, σ²C)). */
  get covariance(): Float64Array {
    return Float64Array.from(this.#c);
  }

  /**
   * Draws the generation's λ samples x_k = m + σ·B·D·z_k, z_k ~ N(0, I) (redrawn when outside
   * the bounds, clipped after `maxResampling` redraws). Evaluate them and pass the fitness
   * values to {@link CmaEs.tell} in the same order.
   */
  ask(): Float64Array[] {
    if (this.#pending) throw new Error('CmaEs.ask: the last population was not told yet (call tell first)');
    this.#refreshEigen();
    const population = Array.from({ length: this.strategy.populationSize }, () => this.#sample());
    this.#pending = population;
    return population.map((x) => Float64Array.from(x));
  }

  /**
   * Updates the distribution from the fitness of the asked samples (lower is better; ties keep
   * the asked order). Throws for a missing `ask`, a wrong number of values or NaN.
   */
  tell(fitness: readonly number[] | ArrayLike<number>): void {
    const population = this.#pending;
    if (!population) throw new Error('CmaEs.tell: no population to tell (call ask first)');
    const lambda = this.strategy.populationSize;
    if (!fitness || fitness.length !== lambda) {
      throw new RangeError(
        `CmaEs.tell: expected ${lambda} fitness values (one per asked sample), got ${fitness?.length}`,
      );
    }
    for (let k = 0; k < lambda; k++) {
      if (typeof fitness[k] !== 'number' || Number.isNaN(fitness[k])) {
        throw new RangeError(
          `CmaEs.tell: fitness[${k}] must be a number (not NaN), got ${describe(fitness[k])}`,
        );
      }
    }
    const n = this.#n;
    const { weights, parents, muEff, cSigma, dSigma, cc, c1, cMu, chiN } = this.strategy;
    const order = Array.from({ length: lambda }, (_, k) => k).sort(
      (k, l) => fitness[k]! - fitness[l]! || k - l,
    );
    const first = order[0]!;
    const bestFitness = fitness[first]!;
    if (bestFitness < (this.#best?.fitness ?? Number.POSITIVE_INFINITY)) {
      this.#best = { x: Float64Array.from(population[first]!), fitness: bestFitness };
    }
    const slot = 2 * (this.#generation % this.#historyLength);
    this.#fitnessHistory[slot] = bestFitness;
    this.#fitnessHistory[slot + 1] = fitness[order[lambda - 1]!]!;

    // y_k = (x_k − m)/σ in rank order, and their weighted mean over the μ best.
    const ys = order.map((k) => population[k]!.map((x, i) => (x - this.#mean[i]!) / this.#sigma));
    const yMean = new Float64Array(n);
    for (let r = 0; r < parents; r++) {
      const y = ys[r]!;
      for (let i = 0; i < n; i++) yMean[i] = yMean[i]! + weights[r]! * y[i]!;
    }
    for (let i = 0; i < n; i++) this.#mean[i] = this.#mean[i]! + this.#sigma * yMean[i]!;

    // Cumulative step-size adaptation, on C^{-1/2}·ȳ from the decomposition the samples used.
    const whitened = this.#whiten(yMean);
    const sigmaRate = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    let pathSigmaNorm2 = 0;
    for (let i = 0; i < n; i++) {
      const p = (1 - cSigma) * this.#pathSigma[i]! + sigmaRate * whitened[i]!;
      this.#pathSigma[i] = p;
      pathSigmaNorm2 += p * p;
    }
    const pathSigmaNorm = Math.sqrt(pathSigmaNorm2);
    // h_σ stalls the rank-one path while ‖p_σ‖ is large (σ increasing fast), g counted from 0.
    const stall = pathSigmaNorm / Math.sqrt(1 - (1 - cSigma) ** (2 * (this.#generation + 1)));
    const hSigma = stall < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;
    this.#sigma *= Math.exp((cSigma / dSigma) * (pathSigmaNorm / chiN - 1));

    const cRate = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) this.#pathC[i] = (1 - cc) * this.#pathC[i]! + cRate * yMean[i]!;

    // Rank-one + rank-μ update; negative weights rescaled by n/‖C^{-1/2} y‖² (active CMA).
    let weightSum = 0;
    const rankWeights = new Float64Array(lambda);
    for (let r = 0; r < lambda; r++) {
      const w = weights[r]!;
      weightSum += w;
      if (w >= 0) rankWeights[r] = w;
      else {
        const z = this.#whiten(ys[r]!);
        const norm2 = z.reduce((s, v) => s + v * v, 0);
        rankWeights[r] = norm2 > 0 ? (w * n) / norm2 : 0;
      }
    }
    const stallLoss = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + c1 * stallLoss - c1 - cMu * weightSum;
    const c = this.#c;
    const pc = this.#pathC;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let rankMu = 0;
        for (let r = 0; r < lambda; r++) rankMu += rankWeights[r]! * ys[r]![i]! * ys[r]![j]!;
        const value = decay * c[i * n + j]! + c1 * pc[i]! * pc[j]! + cMu * rankMu;
        c[i * n + j] = value;
        c[j * n + i] = value;
      }
    }

    this.#generation++;
    this.#evaluations += lambda;
    this.#pending = undefined;
  }

  /** True when {@link CmaEs.stopReason} names a reason to stop. */
  shouldStop(): boolean {
    return this.stopReason() !== undefined;
  }

  /**
   * The first termination criterion met, or undefined: `tolFun` (fitness range of recent
   * generations), `tolX` (σ·√C_ii and σ·p_c tiny), `tolXUp` (σ exploded), `noEffectCoord` /
   * `noEffectAxis` (a step of 0.2 σ√C_ii on a coordinate, or of 0.1 σ along a principal axis,
   * leaves m unchanged) and `conditionCov` (C too ill-conditioned).
   */
  stopReason(): CmaEsStopReason | undefined {
    this.#refreshEigen();
    const n = this.#n;
    const m = this.#mean;
    const sigma = this.#sigma;
    const { tolFun, tolX, tolXUp, tolConditionCov } = this.#tolerances;
    if (this.#generation >= this.#historyLength) {
      let low = Number.POSITIVE_INFINITY;
      let high = Number.NEGATIVE_INFINITY;
      for (const f of this.#fitnessHistory) {
        low = Math.min(low, f);
        high = Math.max(high, f);
      }
      if (high - low < tolFun) return 'tolFun';
    }
    const diagonal = Array.from({ length: n }, (_, i) => this.#c[i * n + i]!);
    const smallX = tolX * this.#initialSigma;
    if (
      diagonal.every(
        (cii, i) => sigma * Math.sqrt(cii) < smallX && Math.abs(sigma * this.#pathC[i]!) < smallX,
      )
    )
      return 'tolX';
    let largest = 0;
    let smallest = Number.POSITIVE_INFINITY;
    for (const d of this.#d) {
      largest = Math.max(largest, d);
      smallest = Math.min(smallest, d);
    }
    if (!(sigma * largest <= tolXUp * this.#initialSigma)) return 'tolXUp';
    if (diagonal.some((cii, i) => m[i]! + 0.2 * sigma * Math.sqrt(cii) === m[i]!)) return 'noEffectCoord';
    const axis = this.#generation % n;
    const step = 0.1 * sigma * this.#d[axis]!;
    if (m.every((mi, i) => mi + step * this.#b[i * n + axis]! === mi)) return 'noEffectAxis';
    if ((largest / smallest) ** 2 > tolConditionCov) return 'conditionCov';
    return undefined;
  }

  /** The optimiser's complete state, JSON-safe (a pending population is included). */
  toJSON(): CmaEsState {
    const list = (a: Float64Array) => Array.from(a);
    const orNull = (a: Float64Array | undefined) =>
      a ? Array.from(a, (x) => (Number.isFinite(x) ? x : null)) : null;
    return {
      dimension: this.#n,
      populationSize: this.strategy.populationSize,
      initialSigma: this.#initialSigma,
      lower: orNull(this.#lower),
      upper: orNull(this.#upper),
      maxResampling: this.#maxResampling,
      eigenInterval: this.#eigenInterval,
      tolerances: { ...this.#tolerances },
      mean: list(this.#mean),
      sigma: this.#sigma,
      covariance: list(this.#c),
      eigenvectors: list(this.#b),
      axes: list(this.#d),
      eigenGeneration: this.#eigenGeneration,
      pathSigma: list(this.#pathSigma),
      pathC: list(this.#pathC),
      generation: this.#generation,
      evaluations: this.#evaluations,
      fitnessHistory: orNull(this.#fitnessHistory)!,
      best: this.#best ? { x: list(this.#best.x), fitness: this.#best.fitness } : null,
      pending: this.#pending ? this.#pending.map(list) : null,
      random: this.#random instanceof SeededRandom ? this.#random.state() : null,
    };
  }

  /** Re-decomposes C = B·D²·Bᵀ when `eigenInterval` generations have passed since the last time. */
  #refreshEigen(): void {
    if (this.#generation - this.#eigenGeneration < this.#eigenInterval) return;
    const n = this.#n;
    const { values, vectors } = symmetricEigen(this.#c, n);
    let floored = false;
    for (let k = 0; k < n; k++) {
      if (!(values[k]! > 0)) {
        values[k] = EIGENVALUE_FLOOR;
        floored = true;
      }
      this.#d[k] = Math.sqrt(values[k]!);
    }
    this.#b = vectors;
    if (floored) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
          this.#c[i * n + j] = s;
        }
      }
    }
    this.#eigenGeneration = this.#generation;
  }

  /** One sample m + σ·B·D·z inside the bounds (redrawn, then clipped). */
  #sample(): Float64Array {
    const n = this.#n;
    const lower = this.#lower;
    const upper = this.#upper;
    const x = new Float64Array(n);
    const z = new Float64Array(n);
    for (let attempt = 0; ; attempt++) {
      for (let k = 0; k < n; k++) z[k] = this.#d[k]! * this.#random.gaussian();
      let feasible = true;
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let k = 0; k < n; k++) y += this.#b[i * n + k]! * z[k]!;
        const xi = this.#mean[i]! + this.#sigma * y;
        x[i] = xi;
        if (lower && upper && !(lower[i]! <= xi && xi <= upper[i]!)) feasible = false;
      }
      if (feasible) return x;
      if (attempt >= this.#maxResampling) {
        for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i]!, lower![i]!), upper![i]!);
        return x;
      }
    }
  }

  /** C^{-1/2}·v = B·D⁻¹·Bᵀ·v with the decomposition in use. */
  #whiten(v: ArrayLike<number>): Float64Array {
    const n = this.#n;
    const b = this.#b;
    const t = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += b[i * n + k]! * v[i]!;
      t[k] = s / this.#d[k]!;
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * t[k]!;
      out[i] = s;
    }
    return out;
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function boundArray(value: number | ArrayLike<number>, n: number, name: string): Float64Array {
  const array = typeof value === 'number' ? new Float64Array(n).fill(value) : value;
  if (!array || typeof array !== 'object' || array.length !== n) {
    throw new RangeError(`CmaEs: option "${name}" must be a number or ${n} numbers, got ${describe(value)}`);
  }
  const out = Float64Array.from(array);
  if (out.some(Number.isNaN)) throw new RangeError(`CmaEs: option "${name}" must not contain NaN`);
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (ArrayBuffer.isView(value)) return `[${Array.from(value as unknown as ArrayLike<number>).join(', ')}]`;
  return JSON.stringify(value) ?? String(value);
}
