/** The hyperparameters an update rule reads each step (set by the scheduler). */
export interface StepHyperparameters {
  /** Learning rate α_t. */
  readonly learningRate: number;
  /** Momentum μ_t in [0, 1). */
  readonly momentum: number;
}

/**
 * An optimiser's update in the seed's form (AE-DDSP §1, docs/method.md): h_{t+1} = Φ(h_t, g_t; μ_t),
 * u_t = U(h_{t+1}, g_t; α_t). `step` advances the state h and returns u_t; the caller
 * applies θ ← θ − u_t. α and μ are read on every step, so the scheduler really steers it.
 */
export interface UpdateRule {
  /** A short name for logs ("heavy-ball", "adam", ...). */
  readonly name: string;
  /** Advances the state with gradient g and returns the update u (same length). */
  step(gradient: Float32Array, hyperparameters: StepHyperparameters): Float32Array;
  /** JSON-safe state, for checkpoints. */
  toJSON(): UpdateRuleState;
  /** Replaces the state with one from {@link UpdateRule.toJSON}. */
  restore(state: UpdateRuleState): void;
}

/**
 * Builds an {@link UpdateRule} for `size` parameters (batch × parameter count): `adam` and
 * `heavyBall` are factories, as is any `(size) => UpdateRule` of your own.
 */
export type UpdateRuleFactory = (size: number) => UpdateRule;

/** Serialized optimiser state: named buffers of numbers and a step counter. */
export interface UpdateRuleState {
  /** The rule's name, checked on restore. */
  readonly rule: string;
  /** Steps taken. */
  readonly steps: number;
  /** Named state buffers (momentum, second moments, ...). */
  readonly buffers: Readonly<Record<string, readonly number[]>>;
}

/** @internal Throws unless `state` was written by a rule called `rule` with buffers of `size`. */
export function checkRuleState(
  state: UpdateRuleState,
  rule: string,
  names: readonly string[],
  size: number,
): void {
  if (!state || state.rule !== rule)
    throw new TypeError(`${rule}: cannot restore state of rule ${JSON.stringify(state?.rule)}`);
  if (!Number.isInteger(state.steps) || state.steps < 0)
    throw new TypeError(`${rule}: state.steps must be an integer ≥ 0`);
  for (const name of names) {
    const buffer = state.buffers?.[name];
    if (!Array.isArray(buffer) || buffer.length !== size || !buffer.every(Number.isFinite)) {
      throw new TypeError(`${rule}: state.buffers.${name} must hold ${size} finite numbers`);
    }
  }
}
