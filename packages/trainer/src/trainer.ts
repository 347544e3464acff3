import { SeededRandom } from '@ae-ddsp/explorer';
import { matchLoss } from '@ae-ddsp/features';
import { cosineEnvelope, type Hyperparameters, type LearningRateEnvelope } from '@ae-ddsp/scheduler';
import * as tf from '@tensorflow/tfjs-core';
import { analysisInitial, type DescribedPlant } from './analysis-initial';
import { CHECKPOINT_FORMAT, checkCheckpoint, type TrainerCheckpoint } from './checkpoint';
import { CmaEsSearch } from './cma-es-search';
import { Exploration } from './exploration';
import { gradientStep, norm } from './gradient-step';
import { HarmonicEscapes, type TransposablePlant } from './harmonic-escapes';
import type { TrainerExplorer, TrainerScheduler } from './interfaces';
import { Objective } from './objective';
import { resolveParts } from './parts';
import type { MethodName, MethodPreset } from './presets';
import { lowestIndex, randomCandidates } from './random-search';
import { type MemoryReport, ResonanceMemory, type ResonanceMemoryState } from './resonance-memory';
import { ResonanceMonitor, type ResonanceReport } from './resonance-monitor';
import { Stability } from './stability';
import type { StepEvent, TrainerOptions, TrainResult } from './trainer-options';
import type { UpdateRule, UpdateRuleState } from './update-rules/update-rule';

export type { StepEvent, TrainerOptions, TrainResult } from './trainer-options';

/** What one step's search or descent produced, before the clamp. */
interface Move {
  readonly next: Float32Array;
  readonly loss: number;
  readonly hyper: Hyperparameters;
  readonly reward?: number | undefined;
  readonly loudnessDb?: number | undefined;
  readonly gradientNorm?: number;
  readonly rolledBack?: boolean;
  readonly localTest?: StepEvent['localTest'];
  readonly harmonicEscape?: number;
  readonly memory?: MemoryReport | undefined;
}

/**
 * The AE-DDSP closed loop (AE-DDSP §7, docs/method.md), step by step: synthesize, encode, loss
 * and reward (the objective), filtered feedback and scheduler update, gradient step with an
 * update rule whose α and μ change every step, dither, sparse local tests, clamp to [0, 1],
 * log. A non-finite or exploding loss rolls back to the last good parameters and damps α
 * instead of crashing. Runs any {@link TrainablePlant} with any loss on whatever tfjs backend
 * is active; the loss defaults to `matchLoss` of `@ae-ddsp/features`.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, rule: heavyBall, seed: 1 });
 * const { bestParameters, bestLoss } = trainer.run({ steps: 200 });
 * trainer.dispose();
 * ```
 */
export class Trainer {
  /** The method preset this trainer runs. */
  readonly method: MethodName;
  readonly #preset: MethodPreset;
  readonly #count: number;
  readonly #objective: Objective;
  readonly #stability: Stability;
  readonly #exploration: Exploration;
  readonly #escapes: HarmonicEscapes | undefined;
  readonly #explorer: TrainerExplorer;
  readonly #scheduler: TrainerScheduler;
  readonly #rule: UpdateRule | undefined;
  readonly #cmaEs: CmaEsSearch | undefined;
  readonly #freshRule: UpdateRuleState | undefined;
  readonly #monitor: ResonanceMonitor;
  readonly #anneal: LearningRateEnvelope | undefined;
  readonly #limits: { readonly maxGradientNorm: number; readonly maxSlew: number };
  readonly #feedReward: boolean;
  readonly #onStep: ((event: StepEvent) => void) | undefined;
  readonly #memory: ResonanceMemory | undefined;
  #random: SeededRandom;
  #theta: Float32Array;
  #lastUpdate: Float32Array;
  #step = 0;

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
    if (options.loss !== undefined && typeof options.loss !== 'function')
      throw new TypeError('Trainer: options.loss must be a loss factory (target) => (audio) => scalar');
    this.method = options.method ?? 'ae-ddsp';
    this.#count = plant.parameterCount;
    const size = target.shape[0] * this.#count;
    this.#anneal =
      options.anneal && cosineEnvelope({ steps: options.anneal.steps, floor: options.anneal.floor ?? 0.01 });
    const parts = resolveParts(options, size, this.#anneal);
    this.#preset = parts.preset;
    this.#rule = parts.rule;
    this.#freshRule = parts.rule?.toJSON();
    this.#scheduler = parts.scheduler;
    this.#explorer = parts.explorer;
    this.#exploration = new Exploration(parts.explorer, target.shape[0], this.#count);
    const escapes = options.harmonicEscapes;
    this.#escapes = escapes
      ? new HarmonicEscapes(plant as TransposablePlant, target.shape[0], escapes === true ? {} : escapes)
      : undefined;
    this.#random = new SeededRandom((options.seed ?? 0) * 2);
    this.#monitor = new ResonanceMonitor(options.resonance);
    this.#feedReward = options.reward !== undefined;
    this.#limits = {
      maxGradientNorm: options.maxGradientNorm ?? Number.POSITIVE_INFINITY,
      maxSlew: options.maxSlew ?? Number.POSITIVE_INFINITY,
    };
    this.#onStep = options.onStep;
    const start = startingPoint(options);
    this.#theta = initialParameters(start.initial, this.#count, size);
    this.#cmaEs =
      this.#preset.search === 'cma-es'
        ? new CmaEsSearch(this.#theta, (options.seed ?? 0) * 2 + 1, options.cmaEs)
        : undefined;
    this.#stability = new Stability(this.#theta, options.explodeFactor);
    this.#lastUpdate = new Float32Array(size);
    this.#memory = options.memory && new ResonanceMemory(options.memory);
    if (this.#memory && !this.#rule)
      throw new RangeError(
        `Trainer: options.memory needs a gradient method; ${this.method} has no update rule`,
      );
    const memory = this.#memory;
    this.#objective = new Objective({
      plant,
      target,
      loss: options.loss ?? matchLoss({ sampleRate: plant.sampleRate }),
      reward: options.reward,
      window: options.window,
      rewardInLoss: options.rewardInLoss,
      loudnessPenalty: options.loudnessPenalty,
      regulariser: memory && ((audio) => memory.term(audio)),
    });
    this.#objective.evaluations += start.renders;
  }

  /** Resumes a run from {@link Trainer.checkpoint} with the same options: the trajectory continues identically. */
  static resume(checkpoint: TrainerCheckpoint, options: TrainerOptions): Trainer {
    if (checkpoint?.format !== CHECKPOINT_FORMAT)
      throw new TypeError('Trainer.resume: not a trainer checkpoint');
    const trainer = new Trainer(options);
    try {
      checkCheckpoint(checkpoint, trainer.method, trainer.#objective.size);
      trainer.#step = checkpoint.step;
      trainer.#objective.evaluations = checkpoint.evaluations;
      trainer.#theta = Float32Array.from(checkpoint.parameters);
      trainer.#stability.restore(checkpoint);
      if (checkpoint.rule && trainer.#rule) trainer.#rule.restore(checkpoint.rule);
      trainer.#scheduler.restore(checkpoint.scheduler);
      trainer.#explorer.restore(checkpoint.explorer);
      trainer.#random = SeededRandom.fromState(checkpoint.random);
      trainer.#lastUpdate = Float32Array.from(checkpoint.lastUpdate);
      trainer.#monitor.restore(checkpoint.resonance);
      if (trainer.#cmaEs) {
        if (!checkpoint.search)
          throw new TypeError('Trainer.resume: a cma-es checkpoint needs its search state');
        trainer.#cmaEs.restore(checkpoint.search);
      }
      if (Boolean(checkpoint.memory) !== Boolean(trainer.#memory))
        throw new RangeError(
          `Trainer.resume: the checkpoint ${checkpoint.memory ? 'has' : 'has no'} memory, the options ${trainer.#memory ? 'have' : 'have none'}`,
        );
      if (checkpoint.memory) trainer.#memory!.restore(checkpoint.memory);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return trainer;
  }

  /** Current normalised parameters (a copy). */
  get parameters(): Float32Array {
    return Float32Array.from(this.#theta);
  }

  /** Best normalised parameters so far (a copy) and their loss. */
  get best(): { readonly parameters: Float32Array; readonly loss: number } {
    return { parameters: this.#stability.best, loss: this.#stability.bestLoss };
  }

  /** The DAR-DDSP memory's prototypes (undefined without `memory`). */
  get memory(): ResonanceMemoryState | undefined {
    return this.#memory?.toJSON();
  }

  /** Synth evaluations used so far. */
  get evaluations(): number {
    return this.#objective.evaluations;
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.#step;
  }

  /** The scheduler driving α, μ, σ (an `AdaptiveScheduler` unless you passed your own or the preset is fixed). */
  get scheduler(): TrainerScheduler {
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
    while (this.#step < stop && this.evaluations + this.#evaluationsPerStep() <= evaluations) {
      history.push(this.step());
    }
    return {
      bestParameters: this.#stability.best,
      bestLoss: this.#stability.bestLoss,
      steps: this.#step,
      evaluations: this.evaluations,
      history,
    };
  }

  /** One step of the loop (AE-DDSP §7, docs/method.md). */
  step(): StepEvent {
    const step = this.#step;
    const window = this.#objective.windowFor(step);
    const before = this.#theta;
    const move = this.#rule ? this.#descend(this.#rule, before, window, step) : this.#search(before, window);
    // 9: clamp to the normalised box.
    const next = move.next;
    for (let i = 0; i < next.length; i++) next[i] = Math.min(1, Math.max(0, next[i]!));
    if (this.#rule) this.#stability.offer(move.loss, before);
    this.#lastUpdate = next.map((x, i) => x - before[i]!);
    this.#theta = next;
    this.#step++;
    // 10: log, with the resonance measures of this step's own update.
    const resonance = this.#monitor.observe({
      gradientNorm: move.gradientNorm ?? 0,
      update: this.#lastUpdate,
      parameters: next,
      loudnessDb: move.loudnessDb,
      audioReward: move.reward,
      rolledBack: move.rolledBack ?? false,
    });
    const event: StepEvent = {
      step,
      evaluations: this.evaluations,
      loss: move.loss,
      bestLoss: this.#stability.bestLoss,
      reward: move.reward,
      learningRate: move.hyper.learningRate,
      momentum: move.hyper.momentum,
      dither: this.#preset.dither === 'none' ? 0 : move.hyper.dither,
      gradientNorm: move.gradientNorm ?? 0,
      updateNorm: norm(this.#lastUpdate),
      successRate: this.#explorer.successRate,
      localTest: move.localTest,
      ...(move.harmonicEscape === undefined ? {} : { harmonicEscape: move.harmonicEscape }),
      rolledBack: move.rolledBack ?? false,
      window,
      loudnessDb: move.loudnessDb,
      resonance,
      parameters: Float32Array.from(next),
      ...(move.memory ? { memory: move.memory } : {}),
    };
    this.#onStep?.(event);
    return event;
  }

  /** Loss of arbitrary normalised parameters on target window `window` (one evaluation). */
  evaluate(parameters: ArrayLike<number>, window = 0): number {
    return this.#objective.losses([Float32Array.from(parameters)], window)[0]!;
  }

  /** The run's complete state (see {@link Trainer.resume}). */
  checkpoint(): TrainerCheckpoint {
    return {
      format: CHECKPOINT_FORMAT,
      method: this.method,
      step: this.#step,
      evaluations: this.evaluations,
      parameters: Array.from(this.#theta),
      ...this.#stability.toJSON(),
      rule: this.#rule?.toJSON() ?? null,
      scheduler: this.#scheduler.toJSON(),
      explorer: this.#explorer.toJSON(),
      random: this.#random.state(),
      lastUpdate: Array.from(this.#lastUpdate),
      resonance: this.#monitor.toJSON(),
      search: this.#cmaEs?.toJSON() ?? null,
      ...(this.#memory ? { memory: this.#memory.toJSON() } : {}),
    };
  }

  /** Frees the trainer's tensors: cached target windows, their losses and rewards, the parameter variable. */
  dispose(): void {
    this.#objective.dispose();
  }

  /** Steps 1–8 of a gradient method, from θ_t to θ_{t+1} before the clamp. */
  #descend(rule: UpdateRule, before: Float32Array, window: number, step: number): Move {
    // 1–3: synthesize, encode, loss (+ gradient) and reward.
    const { loss, reward, loudnessDb, gradient } = this.#objective.evaluate(before, window);
    const gradientNorm = norm(gradient);
    // Stability: a non-finite or exploding loss rolls back (last good θ, fresh rule state and
    // history, α damped by the scheduler).
    const rolledBack = this.#stability.diverged(loss, gradientNorm);
    const measured = { loss, reward, loudnessDb, gradientNorm };
    if (rolledBack) {
      const hyper = this.#scheduler.update({ loss: Number.POSITIVE_INFINITY });
      rule.restore(this.#freshRule!);
      this.#monitor.reset();
      const memory = this.#memory?.discard();
      return { ...measured, hyper, next: this.#stability.lastGood, rolledBack, memory };
    }
    this.#stability.accept(before);
    // 4–5: filtered feedback (the composite reward, when one is configured: R_aud and loudness
    // at θ_t, the optimiser and policy parts of the last step) and scheduler update.
    let hyper = this.#scheduler.update({
      loss,
      reward: this.#feedReward ? this.#monitor.composite(reward, loudnessDb) : undefined,
      successRate: this.#explorer.successRate,
    });
    if (this.#anneal) hyper = { ...hyper, dither: hyper.dither * this.#anneal(step) };
    const steering = this.#steering();
    hyper = { ...hyper, learningRate: hyper.learningRate * steering.learningRate };
    // 6: gradient step θ − u with α_t, μ_t, within the risk limits.
    const noise = this.#preset.dither === 'gradient' ? () => this.#random.gaussian() : undefined;
    let next = gradientStep(before, gradient, hyper, rule, this.#limits, noise);
    // DAR-DDSP §3.3: the feedback correction, then the step's prototype learning.
    if (this.#memory) next = this.#feedback(this.#memory, before, next, window);
    const memory = this.#memory?.commit();
    // 7: dither.
    if (this.#preset.dither === 'parameters') next = this.#exploration.dither(next, hyper.dither);
    // 8: sparse local test around θ_t, averaged into θ_{t+1}.
    let localTest: StepEvent['localTest'];
    if (this.#preset.localTests && (this.#explorer.isTestStep(step) || steering.localTest)) {
      const radius = this.#explorer.options.probeScale * (this.#anneal?.(step) ?? 1);
      const test = this.#exploration.localTest(before, next, loss, radius, (c) =>
        this.#objective.losses(c, window),
      );
      next = test.parameters;
      localTest = { improved: test.improved, bestLoss: test.bestLoss };
    }
    // 8b: harmonic-ratio escapes: θ_t transposed by musical ratios, scored as one batch.
    let harmonicEscape: number | undefined;
    if (this.#escapes?.isEscapeStep(step)) {
      const probes = this.#escapes.probes(before);
      const losses = this.#objective.losses(probes, window);
      const best = lowestIndex(losses);
      if (best >= 0 && losses[best]! < Math.min(loss, localTest?.bestLoss ?? loss)) {
        next = probes[best]!;
        harmonicEscape = this.#escapes.options.ratios[best]!;
      }
    }
    return { ...measured, hyper, next, localTest, harmonicEscape, memory };
  }

  /**
   * What the last step's regime (AE-DDSP §5) asks of this one, when `resonance.steer` is on:
   * after an `exploding` step α is halved; after a `stalled` one a local test runs now.
   */
  #steering(): { readonly learningRate: number; readonly localTest: boolean } {
    const regime = this.#monitor.options.steer ? this.#monitor.regime : undefined;
    return { learningRate: regime === 'exploding' ? 0.5 : 1, localTest: regime === 'stalled' };
  }

  /**
   * A search without gradients, its candidates scored as one batch: random search (K uniform
   * candidates, θ is the best so far) or one CMA-ES generation (θ is the distribution's mean).
   */
  #search(before: Float32Array, window: number): Move {
    const cmaEs = this.#cmaEs;
    const candidates = cmaEs
      ? cmaEs.ask()
      : randomCandidates(this.#random, this.#explorer.options.probes, before.length);
    const losses = this.#objective.losses(candidates, window);
    cmaEs?.tell(losses);
    const best = lowestIndex(losses);
    const loss = best < 0 ? Number.POSITIVE_INFINITY : losses[best]!;
    if (best >= 0) this.#stability.offer(loss, candidates[best]!);
    const hyper = this.#scheduler.update({ loss });
    return { next: cmaEs ? cmaEs.mean : this.#stability.best, loss, hyper };
  }

  /** θ + feedbackGain·J^T(h*_{t+1} − h*_t), the seed's embedding-space step mapped into θ-space. */
  #feedback(memory: ResonanceMemory, before: Float32Array, next: Float32Array, window: number): Float32Array {
    const scalar = memory.feedbackScalar();
    if (!scalar) return next;
    const pullback = this.#objective.gradientOf(before, window, scalar);
    return next.map((x, i) => x + memory.feedbackGain * pullback[i]!);
  }

  #evaluationsPerStep(): number {
    if (this.#cmaEs) return this.#cmaEs.populationSize;
    const probes = this.#explorer.options.probes;
    if (!this.#rule) return probes;
    const testing = this.#explorer.isTestStep(this.#step) || this.#steering().localTest;
    const escapes = this.#escapes?.isEscapeStep(this.#step) ? this.#escapes.options.ratios.length : 0;
    const feedback = this.#memory?.feedbackActive ? 1 : 0;
    return 1 + feedback + (this.#preset.localTests && testing ? probes : 0) + escapes;
  }
}

/** `options.initial`, with `'analysis'` resolved into one vector per target row (and the renders it took). */
function startingPoint(options: TrainerOptions): {
  readonly initial: ArrayLike<number> | undefined;
  readonly renders: number;
} {
  const { initial, plant, target } = options;
  if (initial === undefined || (typeof initial !== 'string' && 'length' in initial))
    return { initial, renders: 0 };
  const request = initial === 'analysis' ? { from: 'analysis' as const } : initial;
  if (request?.from !== 'analysis') {
    throw new TypeError(
      `Trainer: options.initial must be normalised values, 'analysis' or { from: 'analysis', ... }, got ${JSON.stringify(initial)}`,
    );
  }
  const [batch, samples] = target.shape;
  const audio = target.dataSync();
  const vector = new Float32Array(batch * plant.parameterCount);
  let renders = 0;
  for (let b = 0; b < batch; b++) {
    const row = Float32Array.from(audio.subarray(b * samples, (b + 1) * samples));
    const start = analysisInitial(plant as DescribedPlant, row, request);
    vector.set(start.normalised, b * plant.parameterCount);
    renders += start.renders;
  }
  return { initial: vector, renders };
}

/** The starting θ: 0.5 everywhere, or `initial` (one vector broadcast to the batch, or all of it); checked. */
function initialParameters(
  initial: ArrayLike<number> | undefined,
  count: number,
  size: number,
): Float32Array {
  if (initial === undefined) return new Float32Array(size).fill(0.5);
  if (initial.length !== count && initial.length !== size) {
    throw new RangeError(
      `Trainer: options.initial must have ${count} or ${size} values, got ${initial.length}`,
    );
  }
  const theta = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const x = initial[i % initial.length]!;
    if (!(x >= 0 && x <= 1))
      throw new RangeError(
        `Trainer: options.initial[${i % initial.length}] must be a normalised value in [0, 1], got ${x}`,
      );
    theta[i] = x;
  }
  return theta;
}
