/**
 * The AE-DDSP closed loop: a trainer that matches a target sound with any plant, loss and
 * scheduler law — gradient steps with scheduled α, μ, σ, dither, sparse local tests,
 * rollback on divergence, checkpoints — plus the baselines it is compared with.
 *
 * @example
 * ```ts
 * import { Trainer } from '@ae-ddsp/trainer';
 *
 * const trainer = new Trainer({ plant, target, loss: (t) => (audio) => myLoss(audio, t), seed: 1 });
 * const result = trainer.run({ steps: 300 });
 * console.log(result.bestLoss, result.bestParameters);
 * trainer.dispose();
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/trainer
 */

export type { AudioLoss, AudioReward, LossFactory, RewardFactory, TrainablePlant } from './interfaces';
export type { MatchLossOptions } from './match-loss';
export { MATCH_LOSS_DEFAULTS, matchLoss, seedLoss } from './match-loss';
export type { MethodName, MethodRecipe } from './methods';
export { METHOD_NAMES, methodRecipe } from './methods';
export type {
  ResonanceHistory,
  ResonanceInput,
  ResonanceOptions,
  ResonanceRegime,
  ResonanceReport,
} from './resonance-monitor';
export { DEFAULT_RESONANCE_OPTIONS, ResonanceMonitor } from './resonance-monitor';
export type {
  StepEvent,
  TrainerCheckpoint,
  TrainerOptions,
  TrainingWindow,
  TrainResult,
} from './trainer';
export { TRAINER_EXPLORER_DEFAULTS, Trainer } from './trainer';
export type { AdamOptions } from './update-rules/adam';
export { adam, adamPreconditioner } from './update-rules/adam';
export { heavyBall } from './update-rules/heavy-ball';
export type { StepHyperparameters, UpdateRule, UpdateRuleState } from './update-rules/update-rule';
export { checkRuleState } from './update-rules/update-rule';
