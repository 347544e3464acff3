/**
 * The AE-DDSP closed loop: a trainer that matches a target sound with any plant, loss,
 * update rule, scheduler and explorer — gradient steps with scheduled α, μ, σ, dither, sparse
 * local tests, rollback on divergence, checkpoints — plus the baselines it is compared with,
 * as presets of those parts. The default loss is `matchLoss` of `@ae-ddsp/features`.
 *
 * @example
 * ```ts
 * import { heavyBall, Trainer } from '@ae-ddsp/trainer';
 *
 * const trainer = new Trainer({ plant, target, seed: 1 }); // method 'ae-ddsp', matchLoss
 * const result = trainer.run({ steps: 300 });
 * console.log(result.bestLoss, result.bestParameters);
 * trainer.dispose();
 * const seedLike = new Trainer({ plant, target, rule: heavyBall }); // the seed's exact Φ
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/trainer
 */

export type {
  AnalysisInitial,
  AnalysisInitialOptions,
  DescribedParameter,
  DescribedPlant,
  ParameterRole,
} from './analysis-initial';
export { analysisInitial, DEFAULT_CALIBRATION_RENDERS, parameterRoles } from './analysis-initial';
export type { TrainerCheckpoint } from './checkpoint';
export type { CmaEsSearchOptions } from './cma-es-search';
export { CMA_ES_SEARCH_DEFAULTS, mirrorIntoUnitInterval } from './cma-es-search';
export type { HarmonicEscapeOptions, TransposablePlant } from './harmonic-escapes';
export { HARMONIC_ESCAPE_DEFAULTS } from './harmonic-escapes';
export type {
  ExplorerFactory,
  SchedulerFactory,
  TrainablePlant,
  TrainerExplorer,
  TrainerScheduler,
} from './interfaces';
export type { LoudnessPenalty, TrainingWindow } from './objective';
export { MAX_CACHED_WINDOWS } from './objective';
export type { TrainerExplorerOptions } from './parts';
export { TRAINER_EXPLORER_DEFAULTS } from './parts';
export type { MethodName, MethodPreset } from './presets';
export { METHOD_NAMES, METHOD_PRESETS } from './presets';
export type {
  MemoryEmbedding,
  MemoryReport,
  ResonanceMemoryOptions,
  ResonanceMemoryState,
} from './resonance-memory';
export { DEFAULT_MEMORY_OPTIONS } from './resonance-memory';
export type {
  ResonanceHistory,
  ResonanceOptions,
  ResonanceRegime,
  ResonanceReport,
} from './resonance-monitor';
export { Trainer } from './trainer';
export type { AnalysisInitialRequest, StepEvent, TrainerOptions, TrainResult } from './trainer-options';
export type { AdamOptions } from './update-rules/adam';
export { adam } from './update-rules/adam';
export { heavyBall } from './update-rules/heavy-ball';
export type { ResilientOptions } from './update-rules/resilient';
export { RESILIENT_DEFAULTS, resilient } from './update-rules/resilient';
export type {
  StepHyperparameters,
  UpdateRule,
  UpdateRuleFactory,
  UpdateRuleState,
} from './update-rules/update-rule';
