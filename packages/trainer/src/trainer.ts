import '@ae-ddsp/tfjs-gradients';
import { Explorer, type ExplorerOptions, type ExplorerState, SeededRandom } from '@ae-ddsp/explorer';
import {
  AdaptiveScheduler,
  cosineEnvelope,
  type LearningRateEnvelope,
  type SchedulerOptions,
  type SchedulerState,
} from '@ae-ddsp/scheduler';
import * as tf from '@tensorflow/tfjs-core';
import type { AudioLoss, AudioReward, LossFactory, RewardFactory, TrainablePlant } from './interfaces';
import { type MethodName, type MethodRecipe, methodRecipe } from './methods';
import {
  type ResonanceHistory,
  ResonanceMonitor,
  type ResonanceOptions,
  type ResonanceReport,
} from './resonance-monitor';
import { adam } from './update-rules/adam';
import { heavyBall } from './update-rules/heavy-ball';
import type { UpdateRule, UpdateRuleState } from './update-rules/update-rule';

/** A window of the target, for targets longer than one analysis window (seed section 7). */
export interface TrainingWindow {
  /** Window length in samples. */
  readonly samples: number;
  /** Hop between successive windows, in samples (≤ samples for overlap). */
  readonly hop: number;
}

/** Options of a {@link Trainer}. */
export interface TrainerOptions {
  /** The plant to optimise. */
  readonly plant: TrainablePlant;
  /** Target audio [batch, samples] (one target per patch in the batch). */
  readonly target: tf.Tensor2D;
  /** Builds the loss for a target window (called once per window; cache the target's features in it). */
  readonly loss: LossFactory;
  /** Optional bounded reward R_aud in [0, 1] (drives the momentum law; reported). */
  readonly reward?: RewardFactory;
  /** Optimisation method. Default `'ae-ddsp'`. */
  readonly method?: MethodName;
  /** Initial normalised parameters: one vector (broadcast to the batch) or batch × parameterCount. Default 0.5 everywhere. */
  readonly initial?: ArrayLike<number>;
  /** Seed of every random choice the trainer makes (dither, probes, gradient noise, random search). */
  readonly seed?: number;
  /** Base learning rate α0 in normalised units per step. Default 0.02. */
  readonly learningRate?: number;
  /** Scheduler options layered under the method's own. */
  readonly scheduler?: Partial<SchedulerOptions>;
  /** Explorer options (probes, fraction, testEvery, probeScale, ...) over {@link TRAINER_EXPLORER_DEFAULTS}. */
  readonly explorer?: Partial<Omit<ExplorerOptions, 'random' | 'seed'>>;
  /**
   * Anneal over a known budget: a cosine envelope from 1 down to `floor` (default 0.01) over
   * `steps`, applied to α (as the scheduler's envelope) and to the dither σ, so the end of a
   * run refines instead of jittering. Default: no annealing.
   */
  readonly anneal?: { readonly steps: number; readonly floor?: number };
  /** Windowed mode; default: the whole target in every step. */
  readonly window?: TrainingWindow;
  /** A loss above best + explodeFactor·|best| counts as exploding and is rolled back. Default 100. */
  readonly explodeFactor?: number;
  /**
   * Composite reward and resonance settings (seed sections 5–6). The composite reward is fed
   * to the scheduler (it drives the momentum law) whenever `reward` is given.
   */
  readonly resonance?: Partial<ResonanceOptions>;
  /** λ ≥ 0: minimise loss − λ·R_aud directly (the seed's "minimise −R"). Default 0. */
  readonly rewardInLoss?: number;
  /** Risk penalty: weight·max(0, RMS dBFS − capDb)² added to the objective. Default none. */
  readonly loudnessPenalty?: { readonly capDb: number; readonly weight: number };
  /** Risk limit: the gradient is rescaled to at most this norm. Default none. */
  readonly maxGradientNorm?: number;
  /** Knob-slew limit: no normalised parameter moves more than this per gradient update. Default none. */
  readonly maxSlew?: number;
  /** Called after every step with its event. */
  readonly onStep?: (event: StepEvent) => void;
}

/** What happened in one step, for logs, metrics files and reports. */
export interface StepEvent {
  /** Step index (0-based). */
  readonly step: number;
  /** Synth evaluations used so far (renders, counting every probe and candidate). */
  readonly evaluations: number;
  /** Loss at the parameters the step started from. */
  readonly loss: number;
  /** Lowest loss seen so far. */
  readonly bestLoss: number;
  /** R_aud at the step's starting parameters, when a reward is configured. */
  readonly reward: number | undefined;
  /** Hyperparameters used by this step. */
  readonly learningRate: number;
  /** Momentum μ used by this step. */
  readonly momentum: number;
  /** Dither σ used by this step. */
  readonly dither: number;
  /** ‖g‖₂ of the loss gradient (0 for random search). */
  readonly gradientNorm: number;
  /** ‖θ_{t+1} − θ_t‖₂ after dither, local test and clamp. */
  readonly updateNorm: number;
  /** Success rate of recent local tests, once any ran. */
  readonly successRate: number | undefined;
  /** Outcome of this step's local test, if one ran. */
  readonly localTest: { readonly improved: boolean; readonly bestLoss: number } | undefined;
  /** True when the loss was non-finite or exploding and the parameters were rolled back. */
  readonly rolledBack: boolean;
  /** Index of the target window used. */
  readonly window: number;
  /** RMS level of the rendered audio, dBFS. */
  readonly loudnessDb: number | undefined;
  /** Composite reward parts and the resonance regime. */
  readonly resonance: ResonanceReport;
  /** Normalised parameters after the step. */
  readonly parameters: Float32Array;
}

/** The outcome of {@link Trainer.run}. */
export interface TrainResult {
  /** Normalised parameters with the lowest loss seen. */
  readonly bestParameters: Float32Array;
  /** That lowest loss. */
  readonly bestLoss: number;
  /** Steps taken. */
  readonly steps: number;
  /** Synth evaluations used. */
  readonly evaluations: number;
  /** Every step's event. */
  readonly history: readonly StepEvent[];
}

/** Everything needed to resume a run exactly (JSON-safe). */
export interface TrainerCheckpoint {
  /** Format tag. */
  readonly format: 'ae-ddsp/trainer@1';
  /** The method the run used. */
  readonly method: MethodName;
  /** Steps taken. */
  readonly step: number;
  /** Evaluations used. */
  readonly evaluations: number;
  /** Current normalised parameters. */
  readonly parameters: readonly number[];
  /** Last parameters with a finite, non-exploding loss. */
  readonly lastGood: readonly number[];
  /** Best parameters so far. */
  readonly bestParameters: readonly number[];
  /** Best loss so far (null before the first step). */
  readonly bestLoss: number | null;
  /** Update-rule state. */
  readonly rule: UpdateRuleState | null;
  /** Scheduler state. */
  readonly scheduler: SchedulerState;
  /** Explorer state (its random stream included). */
  readonly explorer: ExplorerState;
  /** State of the trainer's own random stream (gradient noise, random search). */
  readonly random: readonly number[];
  /** The last update Δθ and the resonance monitor's history. */
  readonly lastUpdate: readonly number[];
  /** History of the resonance monitor. */
  readonly resonance: ResonanceHistory;
}

const DEFAULT_LEARNING_RATE = 0.02;

/**
 * The explorer settings the trainer uses unless told otherwise: a local test every 5 steps
 * with a probe radius of 10 % of the parameter RMS (annealed with `anneal`). Measured on the
 * frequency-recovery benchmark: 10/10 targets within 50 cents, against 8/10 with the
 * explorer's generic defaults (every 10 steps, 5 %).
 */
export const TRAINER_EXPLORER_DEFAULTS: Readonly<Partial<ExplorerOptions>> = Object.freeze({
  testEvery: 5,
  probeScale: 0.1,
});

/**
 * The AE-DDSP closed loop (seed section 7), step by step: synthesize, encode, loss and
 * reward, filtered feedback and scheduler update, gradient step with an update rule whose
 * α and μ change every step, dither, sparse local tests, clamp to [0, 1], log. A non-finite
 * or exploding loss rolls back to the last good parameters and damps α instead of crashing.
 * Runs any {@link TrainablePlant} with any loss on whatever tfjs backend is active.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, loss: (t) => myLoss(t), seed: 1 });
 * const { bestParameters, bestLoss } = trainer.run({ steps: 200 });
 * trainer.dispose();
 * ```
 */
export class Trainer {
  /** The method this trainer runs. */
  readonly method: MethodName;
  readonly #plant: TrainablePlant;
  readonly #recipe: MethodRecipe;
  readonly #batch: number;
  readonly #size: number;
  readonly #windows: { offset: number; samples: number }[];
  readonly #targets: tf.Tensor2D[];
  readonly #losses: AudioLoss[];
  readonly #rewards: (AudioReward | undefined)[];
  readonly #explodeFactor: number;
  readonly #onStep: ((event: StepEvent) => void) | undefined;
  readonly #monitor: ResonanceMonitor;
  readonly #feedReward: boolean;
  readonly #rewardInLoss: number;
  readonly #loudnessPenalty: { readonly capDb: number; readonly weight: number } | undefined;
  readonly #maxGradientNorm: number;
  readonly #maxSlew: number;
  readonly #anneal: LearningRateEnvelope | undefined;
  #lastUpdate: Float32Array;
  #scheduler: AdaptiveScheduler;
  #explorer: Explorer;
  #random: SeededRandom;
  readonly #variable: tf.Variable<tf.Rank.R2>;
  #rule: UpdateRule | undefined;
  #theta: Float32Array;
  #lastGood: Float32Array;
  #best: Float32Array;
  #bestLoss = Number.POSITIVE_INFINITY;
  #step = 0;
  #evaluations = 0;

  /** Sets up a run; throws an error naming any invalid option or input. */
  constructor(options: TrainerOptions) {
    const { plant, target } = options;
    if (!plant || typeof plant.render !== 'function' || !(plant.parameterCount > 0)) {
      throw new TypeError('Trainer: options.plant must have render() and a positive parameterCount');
    }
    if (!(target instanceof tf.Tensor) || target.rank !== 2) {
      throw new TypeError(
        `Trainer: options.target must be a 2-D tensor [batch, samples], got rank ${(target as tf.Tensor)?.rank}`,
      );
    }
    if (typeof options.loss !== 'function')
      throw new TypeError('Trainer: options.loss must be a loss factory (target) => (audio) => scalar');
    this.method = options.method ?? 'ae-ddsp';
    this.#recipe = methodRecipe(this.method);
    this.#plant = plant;
    this.#batch = target.shape[0];
    this.#size = this.#batch * plant.parameterCount;
    this.#explodeFactor = options.explodeFactor ?? 100;
    this.#onStep = options.onStep;
    this.#monitor = new ResonanceMonitor(options.resonance);
    this.#feedReward = options.reward !== undefined;
    this.#rewardInLoss = options.rewardInLoss ?? 0;
    this.#loudnessPenalty = options.loudnessPenalty;
    this.#maxGradientNorm = options.maxGradientNorm ?? Number.POSITIVE_INFINITY;
    this.#maxSlew = options.maxSlew ?? Number.POSITIVE_INFINITY;
    if (!(this.#rewardInLoss >= 0))
      throw new RangeError(`Trainer: rewardInLoss must be ≥ 0, got ${this.#rewardInLoss}`);
    if (this.#rewardInLoss > 0 && !options.reward)
      throw new RangeError('Trainer: rewardInLoss needs options.reward');
    this.#lastUpdate = new Float32Array(0);

    const total = target.shape[1];
    const window = options.window ?? { samples: total, hop: total };
    if (!(Number.isInteger(window.samples) && window.samples > 0 && window.samples <= total)) {
      throw new RangeError(
        `Trainer: window.samples must be an integer in [1, ${total}], got ${window.samples}`,
      );
    }
    if (!(Number.isInteger(window.hop) && window.hop > 0 && window.hop <= window.samples)) {
      throw new RangeError(
        `Trainer: window.hop must be an integer in [1, window.samples], got ${window.hop}`,
      );
    }
    this.#windows = [];
    for (let offset = 0; offset + window.samples <= total; offset += window.hop) {
      this.#windows.push({ offset, samples: window.samples });
    }
    this.#targets = this.#windows.map((w) => tf.keep(tf.slice(target, [0, w.offset], [-1, w.samples])));
    this.#losses = this.#targets.map((t) => options.loss(t));
    this.#rewards = this.#targets.map((t) => options.reward?.(t));

    const seed = options.seed ?? 0;
    const learningRate = options.learningRate ?? DEFAULT_LEARNING_RATE;
    this.#anneal =
      options.anneal && cosineEnvelope({ steps: options.anneal.steps, floor: options.anneal.floor ?? 0.01 });
    this.#scheduler = new AdaptiveScheduler({
      envelope: this.#anneal,
      ...options.scheduler,
      ...this.#recipe.scheduler,
      learningRate,
    });
    this.#explorer = new Explorer({ ...TRAINER_EXPLORER_DEFAULTS, ...options.explorer, seed: seed * 2 + 1 });
    this.#random = new SeededRandom(seed * 2);
    this.#rule = this.#newRule();

    this.#theta = this.#initialParameters(options.initial);
    this.#lastGood = Float32Array.from(this.#theta);
    this.#best = Float32Array.from(this.#theta);
    this.#variable = tf.variable(tf.tensor2d(this.#theta, [this.#batch, plant.parameterCount]), true);
    this.#lastUpdate = new Float32Array(this.#size);
  }

  /** Resumes a run from {@link Trainer.checkpoint} with the same options: the trajectory continues identically. */
  static resume(checkpoint: TrainerCheckpoint, options: TrainerOptions): Trainer {
    if (checkpoint?.format !== 'ae-ddsp/trainer@1')
      throw new TypeError('Trainer.resume: not a trainer checkpoint');
    if ((options.method ?? 'ae-ddsp') !== checkpoint.method) {
      throw new RangeError(
        `Trainer.resume: checkpoint is of method ${checkpoint.method}, options say ${options.method ?? 'ae-ddsp'}`,
      );
    }
    const trainer = new Trainer(options);
    if (checkpoint.parameters.length !== trainer.#size) {
      throw new RangeError(
        `Trainer.resume: checkpoint has ${checkpoint.parameters.length} parameters, the plant needs ${trainer.#size}`,
      );
    }
    trainer.#step = checkpoint.step;
    trainer.#evaluations = checkpoint.evaluations;
    trainer.#theta = Float32Array.from(checkpoint.parameters);
    trainer.#lastGood = Float32Array.from(checkpoint.lastGood);
    trainer.#best = Float32Array.from(checkpoint.bestParameters);
    trainer.#bestLoss = checkpoint.bestLoss ?? Number.POSITIVE_INFINITY;
    if (checkpoint.rule && trainer.#rule) trainer.#rule.restore(checkpoint.rule);
    trainer.#scheduler = AdaptiveScheduler.restore(checkpoint.scheduler, trainer.#scheduler.options);
    trainer.#explorer = Explorer.restore(checkpoint.explorer, trainer.#explorer.options);
    trainer.#random = SeededRandom.fromState(checkpoint.random);
    trainer.#lastUpdate = Float32Array.from(checkpoint.lastUpdate);
    trainer.#monitor.restore(checkpoint.resonance);
    return trainer;
  }

  /** Current normalised parameters (a copy). */
  get parameters(): Float32Array {
    return Float32Array.from(this.#theta);
  }

  /** Best normalised parameters so far (a copy) and their loss. */
  get best(): { readonly parameters: Float32Array; readonly loss: number } {
    return { parameters: Float32Array.from(this.#best), loss: this.#bestLoss };
  }

  /** Synth evaluations used so far. */
  get evaluations(): number {
    return this.#evaluations;
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.#step;
  }

  /** The scheduler driving α, μ, σ (read its snapshot for logs). */
  get scheduler(): AdaptiveScheduler {
    return this.#scheduler;
  }

  /** Runs until `steps` more steps or `evaluations` total synth evaluations, whichever comes first. */
  run(budget: { readonly steps?: number; readonly evaluations?: number }): TrainResult {
    const { steps = Number.POSITIVE_INFINITY, evaluations = Number.POSITIVE_INFINITY } = budget;
    if (!Number.isFinite(steps) && !Number.isFinite(evaluations)) {
      throw new RangeError('Trainer.run: give a finite budget of steps or evaluations');
    }
    const history: StepEvent[] = [];
    const stop = this.#step + steps;
    while (this.#step < stop && this.#evaluations + this.#evaluationsPerStep() <= evaluations) {
      history.push(this.step());
    }
    return {
      bestParameters: this.best.parameters,
      bestLoss: this.#bestLoss,
      steps: this.#step,
      evaluations: this.#evaluations,
      history,
    };
  }

  /** One step of the loop (seed section 7). */
  step(): StepEvent {
    const r = this.#recipe;
    const windowIndex = this.#step % this.#windows.length;
    const step = this.#step;
    const before = this.#theta;
    let rolledBack = false;
    let localTest: StepEvent['localTest'];
    let gradientNorm = 0;
    let loss: number;
    let reward: number | undefined;
    let loudnessDb: number | undefined;
    let resonance: ResonanceReport;
    let next: Float32Array;
    let hyper = this.#scheduler.hyperparameters;
    // Methods without a scheduler keep α0 (and σ0), but still follow the annealing envelope.
    if (!r.scheduler && this.#anneal)
      hyper = { ...hyper, learningRate: this.#scheduler.options.learningRate * this.#anneal(step) };

    if (r.randomSearch) {
      loss = this.#randomSearchStep(windowIndex);
      next = Float32Array.from(this.#best);
      resonance = this.#observe(0, before, undefined, undefined, false);
    } else {
      // 1–3: synthesize, encode, loss (+ gradient) and reward.
      const evaluated = this.#lossAndGradient(before, windowIndex);
      loss = evaluated.loss;
      reward = evaluated.reward;
      loudnessDb = evaluated.loudnessDb;
      const gradient = evaluated.gradient;
      gradientNorm = norm(gradient);
      const diverged = !Number.isFinite(loss) || !Number.isFinite(gradientNorm) || this.#isExploding(loss);
      resonance = this.#observe(gradientNorm, before, loudnessDb, reward, diverged);
      if (diverged) {
        // Rollback: last good parameters, fresh optimiser state and history, α damped by the scheduler.
        rolledBack = true;
        hyper = r.scheduler ? this.#scheduler.update({ loss: Number.POSITIVE_INFINITY }) : hyper;
        this.#rule = this.#newRule();
        this.#monitor.reset();
        next = Float32Array.from(this.#lastGood);
      } else {
        this.#lastGood = Float32Array.from(before);
        // 4–5: filtered feedback (the composite reward, when one is configured) and scheduler update.
        if (r.scheduler) {
          const fed = this.#feedReward ? resonance.reward : undefined;
          hyper = this.#scheduler.update({ loss, reward: fed, successRate: this.#explorer.successRate });
        }
        if (this.#anneal) hyper = { ...hyper, dither: hyper.dither * this.#anneal(step) };
        // 6: gradient step θ − u with α_t, μ_t, within the risk limits (gradient norm, knob slew).
        const scale = gradientNorm > this.#maxGradientNorm ? this.#maxGradientNorm / gradientNorm : 1;
        for (let i = 0; i < gradient.length; i++) {
          gradient[i] = gradient[i]! * scale + (r.gradientNoise ? hyper.dither * this.#random.gaussian() : 0);
        }
        const u = this.#rule!.step(gradient, hyper);
        const slew = this.#maxSlew;
        next = before.map((x, i) => x - Math.max(-slew, Math.min(slew, u[i]!)));
        // 7: dither.
        if (r.dither) next = this.#ungroup(this.#explorer.dither(this.#groups(next), hyper.dither));
        // 8: sparse local test around θ_t, averaged into θ_{t+1}.
        if (r.localTests && this.#explorer.isTestStep(step)) {
          const radius = this.#explorer.options.probeScale * (this.#anneal?.(step) ?? 1);
          const probes = this.#explorer.ask(this.#groups(before), radius);
          const losses = this.#batchLosses(
            probes.map((p) => this.#ungroup(p)),
            windowIndex,
          );
          const result = this.#explorer.tell(losses, loss, this.#groups(next));
          next = this.#ungroup(result.parameters);
          localTest = { improved: result.improved, bestLoss: result.bestLoss };
        }
      }
    }
    // 9: clamp to the normalised box.
    for (let i = 0; i < next.length; i++) next[i] = Math.min(1, Math.max(0, next[i]!));
    if (!r.randomSearch && Number.isFinite(loss) && loss < this.#bestLoss) {
      this.#bestLoss = loss;
      this.#best = Float32Array.from(before);
    }
    this.#lastUpdate = next.map((x, i) => x - before[i]!);
    this.#theta = next;
    this.#step++;
    // 10: log.
    const event: StepEvent = {
      step,
      evaluations: this.#evaluations,
      loss,
      bestLoss: this.#bestLoss,
      reward,
      learningRate: hyper.learningRate,
      momentum: hyper.momentum,
      dither: r.dither || r.gradientNoise ? hyper.dither : 0,
      gradientNorm,
      updateNorm: norm(this.#lastUpdate),
      successRate: this.#explorer.successRate,
      localTest,
      rolledBack,
      window: windowIndex,
      loudnessDb,
      resonance,
      parameters: Float32Array.from(next),
    };
    this.#onStep?.(event);
    return event;
  }

  /** Loss of arbitrary normalised parameters on target window `window` (one evaluation). */
  evaluate(parameters: ArrayLike<number>, window = 0): number {
    return this.#batchLosses([Float32Array.from(parameters)], window)[0]!;
  }

  /** The run's complete state (see {@link Trainer.resume}). */
  checkpoint(): TrainerCheckpoint {
    return {
      format: 'ae-ddsp/trainer@1',
      method: this.method,
      step: this.#step,
      evaluations: this.#evaluations,
      parameters: Array.from(this.#theta),
      lastGood: Array.from(this.#lastGood),
      bestParameters: Array.from(this.#best),
      bestLoss: Number.isFinite(this.#bestLoss) ? this.#bestLoss : null,
      rule: this.#rule?.toJSON() ?? null,
      scheduler: this.#scheduler.toJSON(),
      explorer: this.#explorer.toJSON(),
      random: this.#random.state(),
      lastUpdate: Array.from(this.#lastUpdate),
      resonance: this.#monitor.toJSON(),
    };
  }

  /** Frees the trainer's tensors: cached target windows, their losses and rewards, the parameter variable. */
  dispose(): void {
    for (const f of [...this.#losses, ...this.#rewards]) f?.dispose?.();
    tf.dispose(this.#targets);
    this.#variable.dispose();
  }

  #evaluationsPerStep(): number {
    const r = this.#recipe;
    if (r.randomSearch) return this.#explorer.options.probes;
    return 1 + (r.localTests && this.#explorer.isTestStep(this.#step) ? this.#explorer.options.probes : 0);
  }

  #newRule(): UpdateRule | undefined {
    switch (this.#recipe.rule) {
      case 'adam':
        return adam(this.#size);
      case 'heavy-ball':
        return heavyBall(this.#size);
      case 'sgd-momentum':
        return heavyBall(this.#size, { dampening: false });
      case 'none':
        return undefined;
    }
  }

  #initialParameters(initial: ArrayLike<number> | undefined): Float32Array {
    const n = this.#plant.parameterCount;
    if (initial === undefined) return new Float32Array(this.#size).fill(0.5);
    if (initial.length !== n && initial.length !== this.#size) {
      throw new RangeError(
        `Trainer: options.initial must have ${n} or ${this.#size} values, got ${initial.length}`,
      );
    }
    const theta = new Float32Array(this.#size);
    for (let i = 0; i < this.#size; i++) {
      const x = initial[i % initial.length]!;
      if (!(x >= 0 && x <= 1))
        throw new RangeError(
          `Trainer: options.initial[${i % initial.length}] must be a normalised value in [0, 1], got ${x}`,
        );
      theta[i] = x;
    }
    return theta;
  }

  #isExploding(loss: number): boolean {
    if (!Number.isFinite(this.#bestLoss)) return false;
    return loss - this.#bestLoss > this.#explodeFactor * Math.max(Math.abs(this.#bestLoss), 1e-12);
  }

  #groups(theta: Float32Array): Float32Array[] {
    const n = this.#plant.parameterCount;
    return Array.from({ length: this.#batch }, (_, b) => theta.slice(b * n, (b + 1) * n));
  }

  #ungroup(groups: readonly Float32Array[]): Float32Array {
    const out = new Float32Array(this.#size);
    groups.forEach((g, b) => {
      out.set(g, b * this.#plant.parameterCount);
    });
    return out;
  }

  #render(parameters: tf.Tensor2D, windowIndex: number): tf.Tensor2D {
    const w = this.#windows[windowIndex]!;
    const audio = this.#plant.render(parameters, w.offset + w.samples);
    return w.offset === 0 ? audio : tf.slice(audio, [0, w.offset], [-1, w.samples]);
  }

  #lossAndGradient(
    theta: Float32Array,
    windowIndex: number,
  ): { loss: number; reward: number | undefined; loudnessDb: number; gradient: Float32Array } {
    tf.tidy(() => this.#variable.assign(tf.tensor2d(theta, [this.#batch, this.#plant.parameterCount])));
    this.#evaluations++;
    const lossFn = this.#losses[windowIndex]!;
    const rewardFn = this.#rewards[windowIndex];
    const lambda = this.#rewardInLoss;
    const cap = this.#loudnessPenalty;
    const kept: { loss?: tf.Scalar; reward?: tf.Scalar; loudness?: tf.Scalar } = {};
    const { value, grads } = tf.variableGrads(() => {
      const audio = this.#render(this.#variable, windowIndex);
      const loss = lossFn(audio);
      const reward = rewardFn?.(audio);
      const loudness = tf.mul(10 / Math.LN10, tf.log(tf.add(tf.mean(tf.square(audio)), 1e-12))) as tf.Scalar;
      kept.loss = tf.keep(loss);
      kept.loudness = tf.keep(loudness);
      if (reward) kept.reward = tf.keep(reward);
      // The objective: the loss, minus λ·R_aud, plus the loudness risk penalty.
      let objective: tf.Scalar = loss;
      if (reward && lambda > 0) objective = tf.sub(objective, tf.mul(lambda, reward));
      if (cap)
        objective = tf.add(objective, tf.mul(cap.weight, tf.square(tf.relu(tf.sub(loudness, cap.capDb)))));
      return objective;
    }, [this.#variable]);
    const gradientTensor = grads[this.#variable.name]!;
    const gradient = Float32Array.from(gradientTensor.dataSync());
    // Report the task loss itself (the objective adds reward and penalty terms when configured).
    const loss = kept.loss!.dataSync()[0]!;
    const reward = kept.reward?.dataSync()[0];
    const loudnessDb = kept.loudness!.dataSync()[0]!;
    tf.dispose([value, gradientTensor, kept.loss!, kept.loudness!]);
    if (kept.reward) kept.reward.dispose();
    return { loss, reward, loudnessDb, gradient };
  }

  #observe(
    gradientNorm: number,
    parameters: Float32Array,
    loudnessDb: number | undefined,
    audioReward: number | undefined,
    rolledBack: boolean,
  ): ResonanceReport {
    return this.#monitor.observe({
      gradientNorm,
      update: this.#lastUpdate,
      parameters,
      loudnessDb,
      audioReward,
      rolledBack,
    });
  }

  /** Losses of several parameter sets, rendered as one batch. */
  #batchLosses(candidates: readonly Float32Array[], windowIndex: number): number[] {
    const n = this.#plant.parameterCount;
    const rows = this.#batch;
    this.#evaluations += candidates.length;
    return tf.tidy(() => {
      const flat = new Float32Array(candidates.length * this.#size);
      candidates.forEach((c, i) => {
        flat.set(c, i * this.#size);
      });
      const audio = this.#render(tf.tensor2d(flat, [candidates.length * rows, n]), windowIndex);
      const lossFn = this.#losses[windowIndex]!;
      return candidates.map((_, i) => lossFn(tf.slice(audio, [i * rows, 0], [rows, -1])).dataSync()[0]!);
    });
  }

  /** Evaluates K uniform candidates as one batch, keeps the best so far; returns the lowest candidate loss. */
  #randomSearchStep(windowIndex: number): number {
    const k = this.#explorer.options.probes;
    const candidates = Array.from({ length: k }, () =>
      Float32Array.from({ length: this.#size }, () => this.#random.uniform()),
    );
    const losses = this.#batchLosses(candidates, windowIndex);
    let lowest = Number.POSITIVE_INFINITY;
    losses.forEach((l, i) => {
      if (!(l < lowest)) return;
      lowest = l;
      if (l < this.#bestLoss) {
        this.#bestLoss = l;
        this.#best = candidates[i]!;
      }
    });
    return lowest;
  }
}

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}
