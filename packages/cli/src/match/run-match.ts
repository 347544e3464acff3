/**
 * One match run: the trainer's closed loop on a target clip with a plant, the match
 * objective, a method and a step budget; long targets train on sliding windows. Returns
 * every step's metrics, the best parameters, the matched audio (rendered over the whole
 * target) and the timings. Touches no files.
 *
 * @example
 * ```ts
 * const result = await runMatch({ target, sampleRateHz: 16000, plant, method: 'ae-ddsp', steps: 100, seed: 1 });
 * ```
 * @module
 */

import { type LossFactory, matchLoss } from '@ae-ddsp/features';
import type { SynthPlant } from '@ae-ddsp/plant';
import {
  type AnalysisInitialRequest,
  type MethodName,
  type ResonanceMemoryOptions,
  type StepEvent,
  type TrainablePlant,
  Trainer,
  type TrainerOptions,
  type TrainingWindow,
} from '@ae-ddsp/trainer';
import * as tf from '@tensorflow/tfjs-core';
import { matchReward } from './match-objective';
import { type MetricsRow, metricsRow } from './match-records';

/** One row of a plant's parameter table. */
export interface PlantParameterRow {
  /** Name (`node.param`). */
  readonly name: string;
  /** Unit. */
  readonly unit: string;
  /** Range minimum. */
  readonly min: number;
  /** Range maximum. */
  readonly max: number;
  /** Spec default. */
  readonly default: number;
  /** Value in the plant's patch. */
  readonly value: number;
  /** Whether the module filters a required input (its Hz are cutoffs, not pitches). */
  readonly processesInput?: boolean;
}

/** What a match needs of a plant beyond the trainer's interface (`@ae-ddsp/plant`'s SynthPlant has it). */
export interface MatchablePlant extends TrainablePlant {
  /** Normalised values of a physical vector (for the analysis initialiser). */
  toNormalised(physical: ArrayLike<number>): ArrayLike<number>;
  /** One name per parameter column. */
  readonly parameterNames: readonly string[];
  /** The starting point: the patch's values, normalised. */
  initialNormalised(): ArrayLike<number>;
  /** Physical values of a normalised vector. */
  toPhysical(normalised: ArrayLike<number>): ArrayLike<number>;
  /** Name, unit, range, default and patch value of every column. */
  describe(): readonly PlantParameterRow[];
}

/** Options of {@link runMatch}. */
export interface MatchRunOptions {
  /** Target samples (mono) at `sampleRateHz`. */
  readonly target: Float32Array;
  /** Working sample rate, Hz (the plant's). */
  readonly sampleRateHz: number;
  /** The plant. */
  readonly plant: MatchablePlant;
  /** Optimisation method. */
  readonly method: MethodName;
  /** Steps to run. */
  readonly steps: number;
  /** Seed of every random choice. */
  readonly seed: number;
  /** Window length in seconds for long targets; targets up to 1.5 windows train whole. Default 1. */
  readonly windowSeconds?: number;
  /** The loss to minimise. Default `matchLoss` of `@ae-ddsp/features` at `sampleRateHz`. */
  readonly loss?: LossFactory;
  /**
   * Where the run starts: the patch's own values (`'preset'`) or the target's analysis mapped
   * onto the plant (`{ from: 'analysis', f0Hz }`, `analysisInitial` of `@ae-ddsp/trainer`).
   * Default `'preset'`.
   */
  readonly initial?: 'preset' | AnalysisInitialRequest;
  /** Harmonic-ratio escapes of the trainer (`harmonicEscapes` of `@ae-ddsp/trainer`). Default off. */
  readonly harmonicEscapes?: TrainerOptions['harmonicEscapes'];
  /** Called after every step with the step's metrics row. */
  readonly onStep?: (row: MetricsRow, event: StepEvent) => void;
  /** The DAR-DDSP memory of the trainer (resonance regulariser and feedback); default none. */
  readonly memory?: ResonanceMemoryOptions;
}

/** The outcome of {@link runMatch}. */
export interface MatchRunResult {
  /** One metrics row per step. */
  readonly metrics: readonly MetricsRow[];
  /** Best normalised parameters. */
  readonly bestNormalised: Float32Array;
  /** Their loss. */
  readonly bestLoss: number;
  /** First step whose best-so-far loss is the final best (null when no finite loss was seen). */
  readonly bestStep: number | null;
  /** Loss at the start. */
  readonly initialLoss: number;
  /** Initial normalised parameters. */
  readonly initialNormalised: Float32Array;
  /** Steps taken. */
  readonly steps: number;
  /** Synth evaluations. */
  readonly evaluations: number;
  /** Wall time of the optimisation, seconds. */
  readonly seconds: number;
  /** The training window, when the target was long. */
  readonly window: TrainingWindow | null;
  /** The best parameters rendered over the whole target length. */
  readonly matched: Float32Array;
}

/** Default training window for long targets, seconds. */
export const DEFAULT_WINDOW_SECONDS = 1;

/**
 * The training window for a target of `samples` (null: train on the whole target): windows of
 * `windowSeconds` overlapping by half. When the run's `steps` are fewer than the windows, they
 * are visited in the trainer's `spread` order, so that the run sees windows across the whole
 * target and not only its beginning; otherwise in time order, every window in turn.
 */
export function trainingWindow(
  samples: number,
  sampleRateHz: number,
  windowSeconds: number,
  steps = Number.POSITIVE_INFINITY,
): TrainingWindow | null {
  const window = Math.round(windowSeconds * sampleRateHz);
  if (samples <= 1.5 * window) return null;
  const hop = Math.max(1, Math.round(window / 2));
  const count = Math.floor((samples - window) / hop) + 1;
  return count > steps ? { samples: window, hop, order: 'spread' } : { samples: window, hop };
}

/** Renders `normalised` parameters for `samples` samples as one mono clip (in blocks, in bounded working memory, when the plant can). */
export function renderParameters(
  plant: TrainablePlant & Partial<Pick<SynthPlant, 'renderBlocks'>>,
  normalised: ArrayLike<number>,
  samples: number,
): Float32Array {
  if (plant.renderBlocks) {
    const out = new Float32Array(samples);
    let at = 0;
    for (const block of plant.renderBlocks(Float32Array.from(normalised), samples)) {
      out.set(block, at);
      at += block.length;
    }
    return out;
  }
  const audio = tf.tidy(() =>
    plant.render(tf.tensor2d(Float32Array.from(normalised), [1, plant.parameterCount]), samples),
  );
  try {
    return Float32Array.from(audio.dataSync());
  } finally {
    audio.dispose();
  }
}

/** Runs the match (synchronously on the active tfjs backend; resolves when done). */
export async function runMatch(options: MatchRunOptions): Promise<MatchRunResult> {
  const { plant, sampleRateHz } = options;
  const window = trainingWindow(
    options.target.length,
    sampleRateHz,
    options.windowSeconds ?? DEFAULT_WINDOW_SECONDS,
    options.steps,
  );
  const presetNormalised = Float32Array.from(plant.initialNormalised());
  const metrics: MetricsRow[] = [];
  const physical = (u: Float32Array) => plant.toPhysical(u);
  const target = tf.tensor2d(options.target, [1, options.target.length]);
  let trainer: Trainer | undefined;
  const started = performance.now();
  try {
    trainer = new Trainer({
      plant,
      target,
      loss: options.loss ?? matchLoss({ sampleRate: sampleRateHz }),
      reward: matchReward(sampleRateHz),
      method: options.method,
      seed: options.seed,
      initial:
        options.initial === undefined || options.initial === 'preset' ? presetNormalised : options.initial,
      // α, dither and probe radius follow a cosine over the step budget: the run ends refining.
      anneal: { steps: options.steps },
      ...(options.harmonicEscapes ? { harmonicEscapes: options.harmonicEscapes } : {}),
      ...(window ? { window } : {}),
      ...(options.memory ? { memory: options.memory } : {}),
      onStep: (event) => {
        const row = metricsRow(event, physical);
        metrics.push(row);
        options.onStep?.(row, event);
      },
    });
    const initialNormalised = trainer.parameters;
    // One step at a time, yielding to the event loop so progress output is flushed.
    for (let i = 0; i < options.steps; i++) {
      trainer.step();
      if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const best = trainer.best;
    let bestStep: number | null = null;
    for (const row of metrics) {
      if (row.best_loss !== null && row.best_loss === best.loss) {
        bestStep = row.step;
        break;
      }
    }
    const bestNormalised = Float32Array.from(best.parameters);
    return {
      metrics,
      bestNormalised,
      bestLoss: best.loss,
      bestStep,
      initialLoss: metrics[0]?.loss ?? Number.NaN,
      initialNormalised,
      steps: trainer.steps,
      evaluations: trainer.evaluations,
      seconds,
      window,
      matched: renderParameters(plant, bestNormalised, options.target.length),
    };
  } finally {
    trainer?.dispose();
    target.dispose();
  }
}
