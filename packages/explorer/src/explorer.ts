import { type DitherShaping, dither, ditherScales } from './dither';
import { checkGroups, cloneGroups, type ParameterGroups } from './parameter-groups';
import { type RandomSource, SeededRandom, type SeededRandomState } from './seeded-random';

/** Options of an {@link Explorer}. Unset fields take {@link DEFAULT_EXPLORER_OPTIONS}. */
export interface ExplorerOptions {
  /** K: perturbed copies evaluated per local test. */
  readonly probes: number;
  /** ρ in (0, 1]: fraction of the best probe averaged in when it improves. */
  readonly fraction: number;
  /** Run a local test every this many steps (0: never). */
  readonly testEvery: number;
  /** Probe radius, relative to the shaping D(θ) (like σ, but for the tests). */
  readonly probeScale: number;
  /** Number of recent local tests the success rate is measured over. */
  readonly successWindow: number;
  /** Shaping D(θ) of dither and probes. */
  readonly shaping: DitherShaping;
  /** Smallest RMS used by `'rms'` shaping. */
  readonly rmsFloor: number;
  /** Seed of the explorer's own {@link SeededRandom} (ignored when `random` is given). */
  readonly seed: number;
  /** A random source of your own instead of the seeded one. */
  readonly random: RandomSource | undefined;
}

/** Defaults: 4 probes every 10 steps, ρ = 0.5, probe radius 5 % of RMS, window of 10 tests. */
export const DEFAULT_EXPLORER_OPTIONS: ExplorerOptions = Object.freeze({
  probes: 4,
  fraction: 0.5,
  testEvery: 10,
  probeScale: 0.05,
  successWindow: 10,
  shaping: 'rms',
  rmsFloor: 1e-3,
  seed: 0,
  random: undefined,
});

/** What a local test concluded. */
export interface LocalTestResult {
  /** True when the best probe's loss was lower than the baseline. */
  readonly improved: boolean;
  /** Index of the best probe (lowest finite loss), or −1 when none was finite. */
  readonly bestIndex: number;
  /** Loss of the best probe (Infinity when none was finite). */
  readonly bestLoss: number;
  /** (1 − ρ)·into + ρ·best probe when improved, otherwise a copy of `into`. */
  readonly parameters: Float32Array[];
}

/** The JSON-safe state of an {@link Explorer}, for checkpoints. */
export interface ExplorerState {
  /** Outcomes of the last `successWindow` tests (1 = improved). */
  readonly outcomes: readonly (0 | 1)[];
  /** Tests run so far. */
  readonly tests: number;
  /** State of the seeded random source (null for a user-supplied source). */
  readonly random: SeededRandomState | null;
}

/**
 * The evolutionary half of AE-DDSP (§4, docs/method.md): shaped dither every step and sparse
 * local tests — at chosen steps, K perturbed copies of θ are evaluated (as one batch, by
 * whoever calls `ask`/`tell`) and the best is averaged in with fraction ρ when it beats the
 * current loss. The success rate of the tests feeds the dither law
 * (see {@link oneFifthSuccessDither}). Works on plain Float32Array groups: no tfjs needed.
 *
 * @example
 * ```ts
 * const explorer = new Explorer({ probes: 6, seed: 1 });
 * let theta = [Float32Array.from([0.3, 0.7])];
 * const probes = explorer.ask(theta);
 * const result = explorer.tell(probes.map(objective), objective(theta));
 * theta = result.parameters;
 * ```
 */
export class Explorer {
  /** The resolved options. */
  readonly options: ExplorerOptions;
  #random: RandomSource;
  #outcomes: (0 | 1)[] = [];
  #tests = 0;
  #pending: { base: Float32Array[]; probes: Float32Array[][] } | undefined;

  /** Creates an explorer; throws a RangeError naming any invalid option. */
  constructor(options: Partial<ExplorerOptions> = {}) {
    const o: ExplorerOptions = { ...DEFAULT_EXPLORER_OPTIONS, ...options };
    const fail = (name: string, expected: string, got: unknown): never => {
      throw new RangeError(`Explorer: option "${name}" must be ${expected}, got ${JSON.stringify(got)}`);
    };
    if (!Number.isInteger(o.probes) || o.probes < 1) fail('probes', 'an integer ≥ 1', o.probes);
    if (!(o.fraction > 0 && o.fraction <= 1)) fail('fraction', 'a number in (0, 1]', o.fraction);
    if (!Number.isInteger(o.testEvery) || o.testEvery < 0) fail('testEvery', 'an integer ≥ 0', o.testEvery);
    if (!(Number.isFinite(o.probeScale) && o.probeScale > 0))
      fail('probeScale', 'a finite number > 0', o.probeScale);
    if (!Number.isInteger(o.successWindow) || o.successWindow < 1)
      fail('successWindow', 'an integer ≥ 1', o.successWindow);
    if (!(Number.isFinite(o.rmsFloor) && o.rmsFloor > 0)) fail('rmsFloor', 'a finite number > 0', o.rmsFloor);
    this.options = o;
    this.#random = o.random ?? new SeededRandom(o.seed);
  }

  /** Resumes an explorer from {@link Explorer.toJSON} with the same options. */
  static restore(state: ExplorerState, options: Partial<ExplorerOptions> = {}): Explorer {
    const explorer = new Explorer(options);
    explorer.restore(state);
    return explorer;
  }

  /**
   * Replaces this explorer's state with {@link Explorer.toJSON} output of an explorer with the
   * same options: the seeded random stream continues where it was (a state saved with a
   * user-supplied random source keeps this explorer's source).
   */
  restore(state: ExplorerState): void {
    if (!state || !Array.isArray(state.outcomes) || !Number.isInteger(state.tests)) {
      throw new TypeError('Explorer.restore: state must be the object returned by toJSON()');
    }
    if (state.random !== null) this.#random = SeededRandom.fromState(state.random);
    this.#outcomes = state.outcomes.map((x) => (x ? 1 : 0));
    this.#tests = state.tests;
    this.#pending = undefined;
  }

  /** True when a local test is due at this step (every `testEvery` steps, never at step 0). */
  isTestStep(step: number): boolean {
    const every = this.options.testEvery;
    return every > 0 && step > 0 && step % every === 0;
  }

  /** θ + σ·D(θ)·η with this explorer's shaping and random source. */
  dither(groups: ParameterGroups, sigma: number): Float32Array[] {
    return dither(groups, sigma, this.#random, this.options);
  }

  /**
   * Proposes K perturbed copies θ + radius·D(θ)·η_i of `groups` (radius defaults to
   * `probeScale`). Evaluate them — ideally as one batch — and pass the losses to `tell`.
   */
  ask(groups: ParameterGroups, radius: number = this.options.probeScale): Float32Array[][] {
    checkGroups(groups, 'Explorer.ask: groups');
    if (!(Number.isFinite(radius) && radius > 0))
      throw new RangeError(`Explorer.ask: radius must be > 0, got ${radius}`);
    const scales = ditherScales(groups, this.options);
    const probes = Array.from({ length: this.options.probes }, () =>
      groups.map((g, i) => {
        const out = new Float32Array(g.length);
        for (let j = 0; j < g.length; j++) out[j] = g[j]! + radius * scales[i]![j]! * this.#random.gaussian();
        return out;
      }),
    );
    this.#pending = { base: cloneGroups(groups), probes };
    return probes.map(cloneGroups);
  }

  /**
   * Concludes the pending local test: `losses[i]` is the loss of probe i, `baseline` the
   * loss of the parameters given to `ask`. Non-finite losses never win. When the best probe
   * improves on the baseline it is averaged into `into` (default: the asked parameters)
   * with fraction ρ. Records the outcome for the success rate.
   */
  tell(losses: readonly number[], baseline: number, into?: ParameterGroups): LocalTestResult {
    const pending = this.#pending;
    if (!pending) throw new Error('Explorer.tell: no pending local test (call ask first)');
    if (!Array.isArray(losses) || losses.length !== pending.probes.length) {
      throw new RangeError(`Explorer.tell: expected ${pending.probes.length} losses, got ${losses?.length}`);
    }
    const target = into ?? pending.base;
    checkGroups(target, 'Explorer.tell: into');
    if (
      target.length !== pending.base.length ||
      target.some((g, i) => g.length !== pending.base[i]!.length)
    ) {
      throw new RangeError('Explorer.tell: `into` must have the same group sizes as the asked parameters');
    }
    let bestIndex = -1;
    let bestLoss = Number.POSITIVE_INFINITY;
    losses.forEach((loss, i) => {
      if (Number.isFinite(loss) && loss < bestLoss) {
        bestLoss = loss;
        bestIndex = i;
      }
    });
    const improved = bestIndex >= 0 && (!Number.isFinite(baseline) || bestLoss < baseline);
    const rho = this.options.fraction;
    const parameters = improved
      ? target.map((g, i) => {
          const best = pending.probes[bestIndex]![i]!;
          return g.map((x, j) => (1 - rho) * x + rho * best[j]!);
        })
      : cloneGroups(target);
    this.#pending = undefined;
    this.#tests++;
    this.#outcomes.push(improved ? 1 : 0);
    if (this.#outcomes.length > this.options.successWindow) this.#outcomes.shift();
    return { improved, bestIndex, bestLoss, parameters };
  }

  /** Fraction of the last `successWindow` tests that improved, or undefined before any test. */
  get successRate(): number | undefined {
    if (this.#outcomes.length === 0) return undefined;
    return this.#outcomes.reduce<number>((a, b) => a + b, 0) / this.#outcomes.length;
  }

  /** Local tests run so far. */
  get tests(): number {
    return this.#tests;
  }

  /** The explorer's state for checkpoints (a pending test is not saved: finish it first). */
  toJSON(): ExplorerState {
    const random = this.#random instanceof SeededRandom ? this.#random.state() : null;
    return { outcomes: [...this.#outcomes], tests: this.#tests, random };
  }
}
