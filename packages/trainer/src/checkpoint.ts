import type { MethodName } from './presets';
import type { ResonanceMemoryState } from './resonance-memory';
import type { ResonanceHistory } from './resonance-monitor';
import type { UpdateRuleState } from './update-rules/update-rule';

/** The format tag of a {@link TrainerCheckpoint}. */
const FORMAT = 'ae-ddsp/trainer@1';

/** Everything needed to resume a run exactly (JSON-safe). */
export interface TrainerCheckpoint {
  /** Format tag. */
  readonly format: typeof FORMAT;
  /** The method preset the run used. */
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
  /** Best loss so far (null before the first finite one). */
  readonly bestLoss: number | null;
  /** Update-rule state (null for random search). */
  readonly rule: UpdateRuleState | null;
  /** Scheduler state (its `toJSON()`). */
  readonly scheduler: unknown;
  /** Explorer state (its `toJSON()`, its random stream included). */
  readonly explorer: unknown;
  /** State of the trainer's own random stream (gradient noise, random search). */
  readonly random: readonly number[];
  /** The last update Δθ. */
  readonly lastUpdate: readonly number[];
  /** History of the resonance monitor. */
  readonly resonance: ResonanceHistory;
  /** The DAR-DDSP memory's prototypes, when the trainer has a memory. */
  readonly memory?: ResonanceMemoryState;
}

/** @internal The tag every checkpoint carries. */
export const CHECKPOINT_FORMAT: typeof FORMAT = FORMAT;

/**
 * @internal
 * Throws a clear error unless `checkpoint` is a trainer checkpoint of `method` whose
 * parameter vectors have `size` finite values.
 */
export function checkCheckpoint(checkpoint: TrainerCheckpoint, method: string, size: number): void {
  if (checkpoint?.format !== FORMAT) throw new TypeError('Trainer.resume: not a trainer checkpoint');
  if (checkpoint.method !== method) {
    throw new RangeError(
      `Trainer.resume: checkpoint is of method ${checkpoint.method}, options say ${method}`,
    );
  }
  for (const name of ['parameters', 'lastGood', 'bestParameters', 'lastUpdate'] as const) {
    const vector = checkpoint[name];
    if (!Array.isArray(vector) || vector.length !== size) {
      throw new RangeError(
        `Trainer.resume: checkpoint has ${vector?.length} ${name}, the plant and batch need ${size}`,
      );
    }
    if (!vector.every(Number.isFinite))
      throw new RangeError(`Trainer.resume: checkpoint.${name} must hold finite numbers`);
  }
  for (const name of ['step', 'evaluations'] as const) {
    if (!(Number.isInteger(checkpoint[name]) && checkpoint[name] >= 0))
      throw new RangeError(`Trainer.resume: checkpoint.${name} must be an integer ≥ 0`);
  }
}
