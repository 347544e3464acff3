import type { LossFactory, RewardFactory } from '@ae-ddsp/features';
import type { SchedulerOptions } from '@ae-ddsp/scheduler';
import type * as tf from '@tensorflow/tfjs-core';
import type { AnalysisInitialOptions } from './analysis-initial';
import type { CmaEsSearchOptions } from './cma-es-search';
import type { HarmonicEscapeOptions } from './harmonic-escapes';
import type {
  ExplorerFactory,
  SchedulerFactory,
  TrainablePlant,
  TrainerExplorer,
  TrainerScheduler,
} from './interfaces';
import type { LoudnessPenalty, TrainingWindow } from './objective';
import type { TrainerExplorerOptions } from './parts';
import type { MethodName } from './presets';
import type { MemoryReport, ResonanceMemoryOptions } from './resonance-memory';
import type { ResonanceOptions, ResonanceReport } from './resonance-monitor';
import type { UpdateRule, UpdateRuleFactory } from './update-rules/update-rule';

/**
 * Options of a {@link Trainer}. The method is a preset of the rule, scheduler and explorer;
 * for every setting an explicit option wins over the preset, and the preset over the
 * defaults. Nothing you pass is silently replaced: `learningRate` and
 * `scheduler.learningRate` must agree, and `learningRate` cannot go with a scheduler object.
 */
export interface TrainerOptions {
  /** The plant to optimise. */
  readonly plant: TrainablePlant;
  /** Target audio [batch, samples] (one target per patch in the batch). */
  readonly target: tf.Tensor2D;
  /**
   * Builds the loss for a target window (called once per window, so it can cache the target's
   * features). Default: `matchLoss({ sampleRate: plant.sampleRate })` of `@ae-ddsp/features`.
   */
  readonly loss?: LossFactory;
  /** Optional bounded reward R_aud in [0, 1] (drives the momentum law; reported). */
  readonly reward?: RewardFactory;
  /** The method preset: rule, scheduler, dither and local tests ({@link METHOD_PRESETS}). Default `'ae-ddsp'`. */
  readonly method?: MethodName;
  /**
   * The update rule U, instead of the preset's: an object (reset to its starting state on a
   * rollback) or a factory `(size) => UpdateRule` such as `adam` or `heavyBall` (the seed's
   * exact heavy-ball Φ).
   */
  readonly rule?: UpdateRule | UpdateRuleFactory;
  /**
   * The scheduler of α, μ, σ. Options are merged as: `AdaptiveScheduler` defaults with
   * α0 = 0.02 < the preset's options (e.g. the scaffold's laws) < `anneal`'s
   * envelope and `learningRate` < these options. A scheduler object is used as it is; a
   * factory is called with the merged options.
   */
  readonly scheduler?: Partial<SchedulerOptions> | TrainerScheduler | SchedulerFactory;
  /**
   * The explorer of dither and local tests. Options are merged over
   * {@link TRAINER_EXPLORER_DEFAULTS} with a seed derived from `seed`; an explorer object is
   * used as it is; a factory is called with the merged options.
   */
  readonly explorer?: TrainerExplorerOptions | TrainerExplorer | ExplorerFactory;
  /**
   * Initial normalised parameters: one vector (broadcast to the batch) or batch × parameterCount;
   * or `'analysis'` (`{ from: 'analysis', f0Hz }` with a pitch hint): {@link analysisInitial}
   * of each target, for a plant that describes its parameters' units (its calibration
   * renders count as evaluations). Default 0.5 everywhere.
   */
  readonly initial?: ArrayLike<number> | 'analysis' | AnalysisInitialRequest;
  /**
   * Harmonic-ratio escapes ({@link HarmonicEscapeOptions}): at step 0 and every `every` steps
   * of a gradient method, the pitch transposed by ×2, ×½, ×3, ×⅓, ×3/2, ×2/3 is scored as one
   * batch and taken when it beats the current loss. Needs a plant that describes its units
   * (`SynthPlant`). `true` for the defaults. Default off.
   */
  readonly harmonicEscapes?: boolean | HarmonicEscapeOptions;
  /** Seed of every random choice the trainer makes (dither, probes, gradient noise, random search). */
  readonly seed?: number;
  /** Base learning rate α0 in normalised units per step (same as `scheduler.learningRate`). Default 0.02. */
  readonly learningRate?: number;
  /**
   * Anneal over a known budget: a cosine envelope from 1 down to `floor` (default 0.01) over
   * `steps`, applied to α (as the scheduler's envelope, unless `scheduler.envelope` is given),
   * to the dither σ and to the probe radius, so the end of a run refines instead of jittering.
   * Default: no annealing.
   */
  readonly anneal?: { readonly steps: number; readonly floor?: number };
  /** Windowed mode; default: the whole target in every step. */
  readonly window?: TrainingWindow;
  /** A loss above best + explodeFactor·|best| counts as exploding and is rolled back. Default 100. */
  readonly explodeFactor?: number;
  /**
   * Composite reward and resonance settings (AE-DDSP §5–6, docs/method.md). The composite
   * reward is fed to the scheduler (it drives the momentum law) whenever `reward` is given.
   */
  readonly resonance?: Partial<ResonanceOptions>;
  /** λ ≥ 0: minimise loss − λ·R_aud directly (the seed's "minimise −R"). Default 0. */
  readonly rewardInLoss?: number;
  /** Risk penalty: weight·max(0, RMS dBFS − capDb)² added to the objective. Default none. */
  readonly loudnessPenalty?: LoudnessPenalty;
  /** Risk limit: the gradient is rescaled to at most this norm. Default none. */
  readonly maxGradientNorm?: number;
  /** Knob-slew limit: no normalised parameter moves more than this per gradient update. Default none. */
  readonly maxSlew?: number;
  /** σ₀ and λ of the `cma-es` method (defaults {@link CMA_ES_SEARCH_DEFAULTS}). */
  readonly cmaEs?: Partial<CmaEsSearchOptions>;
  /** Called after every step with its event. */
  readonly onStep?: (event: StepEvent) => void;
  /**
   * DAR-DDSP: a memory of prototypes in an embedding space coupled to the loop (resonance
   * regulariser, feedback correction, prototype learning; gradient methods only). Default none.
   */
  readonly memory?: ResonanceMemoryOptions;
}

/** `initial: { from: 'analysis', ... }`: start from the target's analysis, with options (e.g. an f0 hint). */
export interface AnalysisInitialRequest extends AnalysisInitialOptions {
  /** Always `'analysis'`. */
  readonly from: 'analysis';
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
  /** The frequency ratio this step's harmonic-ratio escape jumped by, if it ran and improved. */
  readonly harmonicEscape?: number;
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
  /** What the DAR-DDSP memory did, when the trainer has one. */
  readonly memory?: MemoryReport;
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
