import type { CmaEsState } from '@ae-ddsp/explorer';
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
  /** Update-rule state (null for a search without gradients). */
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
  /** State of the CMA-ES search (method `cma-es`), or null. */
  readonly search?: CmaEsState | null;
  /** The DAR-DDSP memory's prototypes, when the trainer has a memory. */
  readonly memory?: ResonanceMemoryState;
}

/** @internal The tag every checkpoint carries. */
export const CHECKPOINT_FORMAT: typeof FORMAT = FORMAT;

/** A short description of a checkpoint value for an error message. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

function fail(field: string, value: unknown, expected: string): never {
  throw new RangeError(`Trainer.resume: checkpoint.${field} is ${shown(value)}; expected ${expected}`);
}

/** Checks that `vector` holds `size` finite numbers (in [lo, hi] when given), naming the first bad element. */
function checkVector(field: string, vector: unknown, size: number, range?: readonly [number, number]): void {
  if (!Array.isArray(vector)) fail(field, vector, `an array of ${size} numbers`);
  if (vector.length !== size)
    throw new RangeError(
      `Trainer.resume: checkpoint has ${vector.length} ${field}, the plant and batch need ${size}`,
    );
  const expected = range ? `a number in [${range[0]}, ${range[1]}]` : 'a finite number';
  vector.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${field}[${i}]`, v, expected);
    if (range && !(v >= range[0] && v <= range[1])) fail(`${field}[${i}]`, v, expected);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @internal
 * Throws a clear error, naming the field and the value, unless `checkpoint` is a trainer
 * checkpoint of `method` whose every field is well formed: parameter vectors of `size`
 * numbers in [0, 1], a finite last update, integer counts ≥ 0, a finite or null best loss,
 * the random stream's four integers, objects for the rule (or null), scheduler and explorer
 * states (each then checked by its own `restore`), and a resonance history of `size`-long
 * finite vectors.
 */
export function checkCheckpoint(checkpoint: TrainerCheckpoint, method: string, size: number): void {
  if (!isObject(checkpoint) || checkpoint.format !== FORMAT)
    throw new TypeError('Trainer.resume: not a trainer checkpoint');
  if (checkpoint.method !== method) {
    throw new RangeError(
      `Trainer.resume: checkpoint is of method ${checkpoint.method}, options say ${method}`,
    );
  }
  for (const name of ['step', 'evaluations'] as const) {
    const count = checkpoint[name];
    if (!(Number.isInteger(count) && count >= 0)) fail(name, count, 'an integer ≥ 0');
  }
  for (const name of ['parameters', 'lastGood', 'bestParameters'] as const)
    checkVector(name, checkpoint[name], size, [0, 1]);
  checkVector('lastUpdate', checkpoint.lastUpdate, size);
  const best = checkpoint.bestLoss;
  if (best !== null && !(typeof best === 'number' && Number.isFinite(best)))
    fail('bestLoss', best, 'a finite number, or null before the first finite loss');
  if (checkpoint.rule !== null && !isObject(checkpoint.rule))
    fail('rule', checkpoint.rule, "an update rule's state (its toJSON()) or null");
  for (const name of ['scheduler', 'explorer'] as const)
    if (!isObject(checkpoint[name])) fail(name, checkpoint[name], `the ${name}'s state (its toJSON())`);
  const random = checkpoint.random as unknown;
  if (!(Array.isArray(random) && random.length === 4 && random.every((x) => Number.isInteger(x))))
    fail('random', random, 'the four integers of the random stream’s state');
  const resonance = checkpoint.resonance as unknown;
  if (!isObject(resonance)) fail('resonance', resonance, "the resonance monitor's history (its toJSON())");
  for (const name of ['updates', 'parameters'] as const) {
    const list = resonance[name];
    if (!Array.isArray(list)) fail(`resonance.${name}`, list, 'an array of vectors');
    for (const [i, v] of list.entries()) checkVector(`resonance.${name}[${i}]`, v, size);
  }
  const norms = resonance['updateNorms'];
  if (!Array.isArray(norms)) fail('resonance.updateNorms', norms, 'an array of numbers ≥ 0');
  norms.forEach((v, i) => {
    if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      fail(`resonance.updateNorms[${i}]`, v, 'a finite number ≥ 0');
  });
}
