import {
  checkInteger,
  checkNumber,
  failOption,
  isCount,
  isFiniteNumber,
  readFeedback,
  readState,
  stateField,
} from './check';
import type { Feedback, Hyperparameters, Scheduler } from './types';

/** Options of {@link ReduceLROnPlateau}: PyTorch's, in camelCase, with PyTorch's defaults. */
export interface ReduceLROnPlateauOptions {
  /** Initial learning rate (> 0). */
  readonly learningRate: number;
  /** `'min'`: the loss should fall; `'max'`: the reward should rise (PyTorch's `mode`). Default `'min'`. */
  readonly mode: 'min' | 'max';
  /** Factor in (0, 1) applied to α on a plateau. Default 0.1. */
  readonly factor: number;
  /** Steps without improvement tolerated before α is cut. Default 10. */
  readonly patience: number;
  /** Smallest improvement that counts, relative or absolute (`thresholdMode`). Default 1e-4. */
  readonly threshold: number;
  /** `'rel'`: better than best·(1 ∓ threshold); `'abs'`: better than best ∓ threshold. Default `'rel'`. */
  readonly thresholdMode: 'rel' | 'abs';
  /** Steps after a cut during which bad steps are not counted. Default 0. */
  readonly cooldown: number;
  /** α never goes below this (PyTorch's `min_lr`). Default 0. */
  readonly minLearningRate: number;
  /** A cut smaller than this is skipped (PyTorch's `eps`). Default 1e-8. */
  readonly eps: number;
  /** Momentum handed out unchanged. Default 0. */
  readonly momentum: number;
  /** Dither handed out unchanged. Default 0. */
  readonly dither: number;
}

/** PyTorch's defaults (momentum and dither: 0, constant). Frozen. */
export const DEFAULT_REDUCE_LR_ON_PLATEAU_OPTIONS: Omit<ReduceLROnPlateauOptions, 'learningRate'> =
  Object.freeze({
    mode: 'min',
    factor: 0.1,
    patience: 10,
    threshold: 1e-4,
    thresholdMode: 'rel',
    cooldown: 0,
    minLearningRate: 0,
    eps: 1e-8,
    momentum: 0,
    dither: 0,
  });

/** Tag written into every {@link ReduceLROnPlateau} state. */
const FORMAT = 'ae-ddsp/reduce-lr-on-plateau@1';
const WHO = 'ReduceLROnPlateau';

/**
 * PyTorch's `ReduceLROnPlateau` as a drop-in equivalent, with the same semantics step for
 * step (checked against torch's recorded trajectories): α is multiplied by `factor` once
 * the watched value has not beaten its best by `threshold` for more than `patience`
 * updates, then bad updates are ignored for `cooldown` updates. In `'min'` mode it watches
 * the loss, in `'max'` mode the reward (a bare number is the watched value). A NaN counts
 * as a bad update, as in PyTorch.
 *
 * @example
 * ```ts
 * import { ReduceLROnPlateau } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new ReduceLROnPlateau({ learningRate: 0.1, factor: 0.5, patience: 5 });
 * const { learningRate } = scheduler.update({ loss: 0.42 });
 * ```
 */
export class ReduceLROnPlateau implements Scheduler {
  /** The resolved options (defaults merged in). */
  readonly options: ReduceLROnPlateauOptions;
  #step = 0;
  #learningRate: number;
  #best: number;
  #badSteps = 0;
  #cooldownLeft = 0;
  #applied: Hyperparameters;

  /** Creates the scheduler; throws a RangeError naming any invalid option. */
  constructor(options: Partial<ReduceLROnPlateauOptions> & { learningRate: number }) {
    const o = { ...DEFAULT_REDUCE_LR_ON_PLATEAU_OPTIONS, ...options };
    checkNumber(WHO, 'learningRate', o.learningRate, Number.MIN_VALUE);
    if (o.mode !== 'min' && o.mode !== 'max') failOption(WHO, 'mode', "'min' or 'max'", o.mode);
    if (!(isFiniteNumber(o.factor) && o.factor > 0 && o.factor < 1))
      failOption(WHO, 'factor', 'a number in (0, 1)', o.factor);
    checkInteger(WHO, 'patience', o.patience, 0);
    checkNumber(WHO, 'threshold', o.threshold, 0);
    if (o.thresholdMode !== 'rel' && o.thresholdMode !== 'abs')
      failOption(WHO, 'thresholdMode', "'rel' or 'abs'", o.thresholdMode);
    checkInteger(WHO, 'cooldown', o.cooldown, 0);
    checkNumber(WHO, 'minLearningRate', o.minLearningRate, 0);
    checkNumber(WHO, 'eps', o.eps, 0);
    checkNumber(WHO, 'momentum', o.momentum, 0, 1);
    checkNumber(WHO, 'dither', o.dither, 0, 1);
    this.options = Object.freeze(o);
    this.#learningRate = o.learningRate;
    this.#best = this.#worst();
    this.#applied = this.#hyperparameters();
  }

  /** The hyperparameters in effect now. */
  get hyperparameters(): Hyperparameters {
    return this.#applied;
  }

  /** Number of updates consumed. */
  get step(): number {
    return this.#step;
  }

  /** PyTorch's `step(metrics)`: feeds one value and returns the hyperparameters for the next step. */
  update(feedback: Feedback | number): Hyperparameters {
    const value = this.#watched(feedback);
    const o = this.options;
    this.#step++;
    if (this.#isBetter(value)) {
      this.#best = value;
      this.#badSteps = 0;
    } else this.#badSteps++;
    if (this.#cooldownLeft > 0) {
      this.#cooldownLeft--;
      this.#badSteps = 0;
    }
    if (this.#badSteps > o.patience) {
      const next = Math.max(this.#learningRate * o.factor, o.minLearningRate);
      if (this.#learningRate - next > o.eps) this.#learningRate = next;
      this.#cooldownLeft = o.cooldown;
      this.#badSteps = 0;
    }
    this.#applied = this.#hyperparameters();
    return this.#applied;
  }

  /** The complete state, JSON-safe (the initial best, ±Infinity, is written as null). */
  toJSON(): {
    format: string;
    step: number;
    learningRate: number;
    best: number | null;
    badSteps: number;
    cooldownLeft: number;
  } {
    return {
      format: FORMAT,
      step: this.#step,
      learningRate: this.#learningRate,
      best: Number.isFinite(this.#best) ? this.#best : null,
      badSteps: this.#badSteps,
      cooldownLeft: this.#cooldownLeft,
    };
  }

  /** Resumes from {@link ReduceLROnPlateau.toJSON} output (object or JSON text). */
  restore(state: unknown): void {
    const s = readState(WHO, state, FORMAT);
    const step = stateField(WHO, s, 'step', isCount, 'an integer ≥ 0');
    const learningRate = stateField(WHO, s, 'learningRate', isFiniteNumber, 'a finite number');
    if (!(learningRate > 0 && learningRate <= this.options.learningRate))
      throw new TypeError(
        `${WHO}.restore: state.learningRate must be in (0, ${this.options.learningRate}], got ${learningRate}`,
      );
    const best = stateField(
      WHO,
      s,
      'best',
      (x): x is number | null => x === null || isFiniteNumber(x),
      'a finite number or null',
    );
    const badSteps = stateField(WHO, s, 'badSteps', isCount, 'an integer ≥ 0');
    const cooldownLeft = stateField(WHO, s, 'cooldownLeft', isCount, 'an integer ≥ 0');
    this.#step = step;
    this.#learningRate = learningRate;
    this.#best = best ?? this.#worst();
    this.#badSteps = badSteps;
    this.#cooldownLeft = cooldownLeft;
    this.#applied = this.#hyperparameters();
  }

  #watched(feedback: Feedback | number): number {
    if (typeof feedback === 'number') return feedback;
    const fed = readFeedback(WHO, feedback);
    if (this.options.mode === 'min') return fed.loss;
    if (fed.reward === undefined)
      throw new TypeError(`${WHO}.update: mode 'max' watches the reward, but the feedback has none`);
    return fed.reward;
  }

  #worst(): number {
    return this.options.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  #isBetter(a: number): boolean {
    const { mode, thresholdMode, threshold } = this.options;
    const best = this.#best;
    if (mode === 'min') return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  #hyperparameters(): Hyperparameters {
    const { momentum, dither } = this.options;
    return Object.freeze({ learningRate: this.#learningRate, momentum, dither });
  }
}
