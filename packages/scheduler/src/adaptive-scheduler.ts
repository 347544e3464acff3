import { clip } from './clip';
import { EMPTY_FILTER_STATE, type FeedbackFilterState, filterFeedback } from './feedback-filter';
import { resolveSchedulerOptions, type SchedulerOptions } from './options';
import type { Feedback, FeedbackSignals, Hyperparameters, Scheduler } from './types';

/** Tag written into every serialized state, checked on restore. */
export const SCHEDULER_STATE_FORMAT = 'ae-ddsp/scheduler@1';

/** The complete, JSON-safe state of an {@link AdaptiveScheduler}: restoring it resumes bit-for-bit. */
export interface SchedulerState {
  /** Always {@link SCHEDULER_STATE_FORMAT}. */
  readonly format: typeof SCHEDULER_STATE_FORMAT;
  /** Updates consumed so far. */
  readonly step: number;
  /** Adaptive α (before any envelope), μ and σ. */
  readonly hyperparameters: Hyperparameters;
  /** What was last handed out (α includes the envelope). */
  readonly applied: Hyperparameters;
  /** Divergence events so far. */
  readonly divergences: number;
  /** The feedback filter's state. */
  readonly filter: FeedbackFilterState;
}

/** A readable picture of the scheduler for logging: the hyperparameters and the filtered signals. */
export interface SchedulerSnapshot extends Hyperparameters {
  /** Updates consumed so far. */
  readonly step: number;
  /** α before the envelope; `learningRate` is this times `envelope`. */
  readonly adaptiveLearningRate: number;
  /** Envelope factor in effect (1 without an envelope). */
  readonly envelope: number;
  /** Divergence events so far. */
  readonly divergences: number;
  /** Signals of the last finite feedback, if any. */
  readonly signals: FeedbackSignals | undefined;
}

/**
 * The AE-DDSP scheduler law (AE-DDSP §1, §3, §5, §8, docs/method.md): from each step's loss (and optional
 * reward) it sets the learning rate α, momentum μ and dither σ for the next step:
 *
 * α ← clip(α·f_α(Δℓ, v, Δr)), μ ← clip(μ + f_μ(Δℓ, v, Δr)), σ ← clip(σ·f_σ(plateau, v)).
 *
 * Works with any optimiser (it only does arithmetic on numbers). A NaN or ±Infinity loss or
 * reward never enters the filters: it is counted as a divergence event and damps α.
 *
 * @example
 * ```ts
 * import { AdaptiveScheduler } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new AdaptiveScheduler({ learningRate: 0.05 });
 * for (let step = 0; step < 100; step++) {
 *   const loss = evaluate(params);
 *   const { learningRate, momentum } = scheduler.update({ loss });
 *   // ...take one optimiser step with learningRate and momentum...
 * }
 * ```
 */
export class AdaptiveScheduler implements Scheduler {
  /** The resolved options (defaults merged in). */
  readonly options: SchedulerOptions;
  #base: Hyperparameters;
  #adaptive: Hyperparameters;
  #applied: Hyperparameters;
  #step = 0;
  #divergences = 0;
  #filter: FeedbackFilterState = EMPTY_FILTER_STATE;
  #signals: FeedbackSignals | undefined;

  /** Creates a scheduler; throws a RangeError naming any invalid option. */
  constructor(options: Partial<SchedulerOptions> = {}) {
    this.options = resolveSchedulerOptions(options);
    const { learningRate, momentum, dither } = this.options;
    this.#base = Object.freeze({ learningRate, momentum, dither });
    this.#adaptive = this.#base;
    this.#applied = this.#withEnvelope(this.#base, 0);
  }

  /**
   * Resumes a scheduler from {@link AdaptiveScheduler.toJSON} output (object or JSON text).
   * Pass the same options (laws, bounds) the original was built with.
   */
  static restore(state: SchedulerState | string, options: Partial<SchedulerOptions> = {}): AdaptiveScheduler {
    const scheduler = new AdaptiveScheduler(options);
    scheduler.restore(state);
    return scheduler;
  }

  /**
   * Replaces this scheduler's state with {@link AdaptiveScheduler.toJSON} output (object or
   * JSON text) of a scheduler built with the same options: it continues bit-for-bit.
   */
  restore(state: SchedulerState | string): void {
    const s = checkState(typeof state === 'string' ? parseState(state) : state, this.options);
    this.#step = s.step;
    this.#divergences = s.divergences;
    this.#adaptive = Object.freeze({ ...s.hyperparameters });
    this.#applied = Object.freeze({ ...s.applied });
    this.#filter = { ...s.filter, recentLosses: [...s.filter.recentLosses] };
  }

  /** The hyperparameters to use now: the last value {@link AdaptiveScheduler.update} returned. */
  get hyperparameters(): Hyperparameters {
    return this.#applied;
  }

  /** Number of updates consumed. */
  get step(): number {
    return this.#step;
  }

  /** Number of divergence events (non-finite loss or reward) seen. */
  get divergences(): number {
    return this.#divergences;
  }

  /**
   * Feeds one step's loss (and optional reward) and returns the hyperparameters for the
   * next optimiser step. A bare number is taken as the loss.
   */
  update(feedback: Feedback | number): Hyperparameters {
    const fed: Feedback = typeof feedback === 'number' ? { loss: feedback } : feedback;
    const { loss, reward } = fed;
    if (typeof loss !== 'number')
      throw new TypeError(`AdaptiveScheduler.update: loss must be a number, got ${typeof loss}`);
    if (reward !== undefined && typeof reward !== 'number') {
      throw new TypeError(
        `AdaptiveScheduler.update: reward must be a number or undefined, got ${typeof reward}`,
      );
    }
    const o = this.options;
    const step = this.#step;
    const badCause = !Number.isFinite(loss)
      ? 'loss'
      : reward !== undefined && !Number.isFinite(reward)
        ? 'reward'
        : null;

    if (badCause) {
      const [lo, hi] = o.learningRateBounds;
      const a = this.#adaptive;
      const learningRate = clip(
        a.learningRate * o.divergenceDamping,
        lo * this.#base.learningRate,
        hi * this.#base.learningRate,
        a.learningRate,
      );
      this.#adaptive = Object.freeze({ ...a, learningRate });
      this.#divergences++;
      o.onDivergence?.({
        step,
        cause: badCause,
        value: badCause === 'loss' ? loss : (reward as number),
        learningRate,
      });
    } else {
      const filtered = filterFeedback(this.#filter, step, fed, o);
      this.#adaptive = this.#applyLaws(filtered.signals);
      this.#filter = filtered.state;
      this.#signals = filtered.signals;
    }
    this.#applied = this.#withEnvelope(this.#adaptive, step);
    this.#step = step + 1;
    return this.#applied;
  }

  /** A readable snapshot for logs and dashboards. */
  snapshot(): SchedulerSnapshot {
    return {
      ...this.#applied,
      step: this.#step,
      adaptiveLearningRate: this.#adaptive.learningRate,
      envelope: this.#envelopeAt(Math.max(0, this.#step - 1)),
      divergences: this.#divergences,
      signals: this.#signals,
    };
  }

  /** The complete state as plain JSON-safe data (see {@link AdaptiveScheduler.restore}). */
  toJSON(): SchedulerState {
    return {
      format: SCHEDULER_STATE_FORMAT,
      step: this.#step,
      hyperparameters: { ...this.#adaptive },
      applied: { ...this.#applied },
      divergences: this.#divergences,
      filter: { ...this.#filter, recentLosses: [...this.#filter.recentLosses] },
    };
  }

  #applyLaws(signals: FeedbackSignals): Hyperparameters {
    const o = this.options;
    const base = this.#base;
    const current = this.#adaptive;
    const fAlpha = o.learningRateLaw(signals, current, base);
    const fMu = o.momentumLaw(signals, current, base);
    const fSigma = o.ditherLaw(signals, current, base);
    const [aLo, aHi] = o.learningRateBounds;
    const [mLo, mHi] = o.momentumBounds;
    const [sLo, sHi] = o.ditherBounds;
    return Object.freeze({
      learningRate: clip(
        current.learningRate * fAlpha,
        aLo * base.learningRate,
        aHi * base.learningRate,
        current.learningRate,
      ),
      momentum: clip(current.momentum + fMu, mLo, mHi, current.momentum),
      dither: clip(current.dither * fSigma, sLo, sHi, current.dither),
    });
  }

  #envelopeAt(step: number): number {
    const envelope = this.options.envelope;
    if (!envelope) return 1;
    const factor = envelope(step);
    if (!(Number.isFinite(factor) && factor >= 0)) {
      throw new RangeError(`AdaptiveScheduler: envelope(${step}) must be a finite number ≥ 0, got ${factor}`);
    }
    return factor;
  }

  #withEnvelope(h: Hyperparameters, step: number): Hyperparameters {
    return Object.freeze({ ...h, learningRate: h.learningRate * this.#envelopeAt(step) });
  }
}

function parseState(text: string): SchedulerState {
  try {
    return JSON.parse(text) as SchedulerState;
  } catch (error) {
    throw new SyntaxError(`AdaptiveScheduler.restore: state is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Checks every field of a restored state against the given options and names the first bad
 * one: counts are integers that add up (step = filtered samples + divergences), the adaptive
 * hyperparameters lie inside the options' bounds, `applied` is exactly what the scheduler would
 * hand out for them (the envelope at the last step applied to α), and the filter's numbers are
 * finite and consistent with its sample count.
 */
function checkState(s: SchedulerState, o: SchedulerOptions): SchedulerState {
  const fail = (what: string): never => {
    throw new TypeError(`AdaptiveScheduler.restore: ${what}`);
  };
  const got = (x: unknown) => (typeof x === 'number' ? String(x) : (JSON.stringify(x) ?? String(x)));
  const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';
  if (!isObject(s) || Array.isArray(s)) fail('state must be an object from toJSON()');
  if (s.format !== SCHEDULER_STATE_FORMAT)
    fail(`state.format must be "${SCHEDULER_STATE_FORMAT}", got ${JSON.stringify(s.format)}`);
  const count = (x: unknown, name: string) => {
    if (!(Number.isInteger(x) && (x as number) >= 0)) fail(`${name} must be an integer ≥ 0, got ${got(x)}`);
  };
  count(s.step, 'state.step');
  count(s.divergences, 'state.divergences');
  const names = ['learningRate', 'momentum', 'dither'] as const;
  for (const key of ['hyperparameters', 'applied'] as const) {
    const h: unknown = s[key];
    if (!isObject(h)) fail(`state.${key} must be an object holding learningRate, momentum and dither`);
    for (const name of names) {
      const x = (h as Record<string, unknown>)[name];
      if (typeof x !== 'number' || !Number.isFinite(x))
        fail(`state.${key}.${name} must be a finite number, got ${got(x)}`);
    }
  }
  const h = s.hyperparameters;
  const bounds = {
    learningRate: [o.learningRateBounds[0] * o.learningRate, o.learningRateBounds[1] * o.learningRate],
    momentum: o.momentumBounds,
    dither: o.ditherBounds,
  } as const;
  for (const name of names) {
    const [lo, hi] = bounds[name];
    if (!(h[name] >= lo && h[name] <= hi)) {
      fail(
        `state.hyperparameters.${name} = ${h[name]} lies outside the bounds [${lo}, ${hi}] of the given options (restore with the options the run used)`,
      );
    }
  }
  const a = s.applied;
  for (const name of ['momentum', 'dither'] as const) {
    if (a[name] !== h[name])
      fail(`state.applied.${name} must equal state.hyperparameters.${name} (${h[name]}), got ${a[name]}`);
  }
  const envelope = o.envelope ? o.envelope(Math.max(0, s.step - 1)) : 1;
  const learningRate = h.learningRate * envelope;
  if (a.learningRate !== learningRate) {
    fail(
      `state.applied.learningRate must be state.hyperparameters.learningRate × envelope(${Math.max(0, s.step - 1)}) = ${learningRate}, got ${a.learningRate} (restore with the options the run used)`,
    );
  }
  const f: unknown = s.filter;
  if (!isObject(f)) fail('state.filter must be an object');
  const filter = f as unknown as FeedbackFilterState;
  count(filter.samples, 'state.filter.samples');
  count(filter.plateauSteps, 'state.filter.plateauSteps');
  if (filter.samples + s.divergences !== s.step) {
    fail(
      `state.filter.samples (${filter.samples}) + state.divergences (${s.divergences}) must equal state.step (${s.step})`,
    );
  }
  if (filter.plateauSteps > filter.samples)
    fail(
      `state.filter.plateauSteps (${filter.plateauSteps}) must be ≤ state.filter.samples (${filter.samples})`,
    );
  const losses: unknown = filter.recentLosses;
  if (!Array.isArray(losses)) fail(`state.filter.recentLosses must be an array, got ${got(losses)}`);
  const recent = losses as unknown[];
  const bad = recent.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) fail(`state.filter.recentLosses[${bad}] must be a finite number, got ${got(recent[bad])}`);
  const most = Math.min(o.varianceWindow, filter.samples);
  if (recent.length > most)
    fail(
      `state.filter.recentLosses holds ${recent.length} losses, at most ${most} (varianceWindow, samples)`,
    );
  const started = filter.samples > 0;
  for (const name of ['filteredLoss', 'bestLoss'] as const) {
    const x: unknown = filter[name];
    if (started ? typeof x !== 'number' || !Number.isFinite(x) : x !== null) {
      fail(
        `state.filter.${name} must be ${started ? 'a finite number once samples > 0' : 'null while samples is 0'}, got ${got(x)}`,
      );
    }
  }
  // A reward is optional: both reward fields are null until the first one, then both finite.
  const rewarded = filter.filteredReward !== null && started;
  for (const name of ['filteredReward', 'bestReward'] as const) {
    const x: unknown = filter[name];
    if (rewarded ? typeof x !== 'number' || !Number.isFinite(x) : x !== null) {
      fail(
        `state.filter.${name} must be ${rewarded ? 'a finite number once a reward was filtered' : 'null before the first reward'}, got ${got(x)}`,
      );
    }
  }
  return s;
}
