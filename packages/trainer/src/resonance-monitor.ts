/** Thresholds and weights of the composite reward (AE-DDSP §6, docs/method.md) and the resonance regimes (§5). */
export interface ResonanceOptions {
  /** Steps of history the measures look back over. Default 16. */
  readonly window: number;
  /** ‖g‖ below this counts as stable (R_opt). Default 1. */
  readonly gradientThreshold: number;
  /** ‖Δθ‖ below this counts as a small update (R_opt). Default 0.05 (normalised units). */
  readonly updateThreshold: number;
  /** ‖Δθ‖ below this is a stall. Default 1e-5. */
  readonly stallThreshold: number;
  /** Lag-autocorrelation of updates above this is coherent oscillation. Default 0.3. */
  readonly coherenceThreshold: number;
  /** Output RMS level (dBFS) above which the loudness penalty starts. Default −1. */
  readonly loudnessCapDb: number;
  /** Largest per-step knob move (normalised) before the slew penalty starts. Default 0.1. */
  readonly slewLimit: number;
  /**
   * Let the regime steer the next step: after an `exploding` step α is halved, after a
   * `stalled` one a local test runs at once. Default false.
   */
  readonly steer: boolean;
  /** Weights of R_aud, R_opt, R_pol and of the penalties. Default 1, 0.25, 0.1, 1. */
  readonly weights: {
    readonly audio: number;
    readonly optimiser: number;
    readonly policy: number;
    readonly penalty: number;
  };
}

/** @internal Defaults of {@link ResonanceOptions}. */
export const DEFAULT_RESONANCE_OPTIONS: ResonanceOptions = Object.freeze({
  window: 16,
  gradientThreshold: 1,
  updateThreshold: 0.05,
  stallThreshold: 1e-5,
  coherenceThreshold: 0.3,
  loudnessCapDb: -1,
  slewLimit: 0.1,
  steer: false,
  weights: Object.freeze({ audio: 1, optimiser: 0.25, policy: 0.1, penalty: 1 }),
});

/**
 * The regime of the update dynamics (AE-DDSP §5): `resonant` is the target —
 * bounded, coherent oscillation; `stalled` is overdamped; `exploding` is divergent;
 * `damped` is moving but without coherent oscillation.
 */
export type ResonanceRegime = 'resonant' | 'damped' | 'stalled' | 'exploding';

/** The resonance monitor's recorded history, as stored in a trainer checkpoint. */
export interface ResonanceHistory {
  /** Recent updates Δθ. */
  readonly updates: readonly (readonly number[])[];
  /** Recent parameter vectors. */
  readonly parameters: readonly (readonly number[])[];
  /** Recent ‖Δθ‖. */
  readonly updateNorms: readonly number[];
  /** The last step's R_opt, R_pol, knob-slew penalty and regime (absent before the first step). */
  readonly last?: {
    readonly optimiserReward: number;
    readonly policyReward: number;
    readonly slewPenalty: number;
    readonly regime: ResonanceRegime;
  } | null;
}

/** @internal One step's inputs to the monitor. */
export interface ResonanceInput {
  /** ‖g_t‖. */
  readonly gradientNorm: number;
  /** θ_{t+1} − θ_t (normalised). */
  readonly update: Float32Array;
  /** θ_{t+1} (normalised). */
  readonly parameters: Float32Array;
  /** RMS level of the rendered audio, dBFS (undefined if not measured). */
  readonly loudnessDb: number | undefined;
  /** R_aud in [0, 1], if a reward is configured. */
  readonly audioReward: number | undefined;
  /** True when this step rolled back. */
  readonly rolledBack: boolean;
}

/** The composite reward and resonance measures of one step. */
export interface ResonanceReport {
  /** Composite R = (w_aud·R_aud + w_opt·R_opt + w_pol·R_pol)/(Σw) − w_pen·P, in [−w_pen, 1]. */
  readonly reward: number;
  /** R_opt in [0, 1]: mean of gradient stability, coherent oscillation and small update. */
  readonly optimiserReward: number;
  /** R_pol in [0, 1]: mean of knob-trajectory periodicity and diversity of visited states. */
  readonly policyReward: number;
  /** P in [0, 2]: loudness-cap and knob-slew penalties (each in [0, 1]). */
  readonly penalty: number;
  /** Largest |lag-k autocorrelation| of the update sequence, k = 1..window/2, in [0, 1]. */
  readonly coherence: number;
  /** Largest |lag-k autocorrelation| of the knob trajectories, in [0, 1]. */
  readonly periodicity: number;
  /** The detected regime. */
  readonly regime: ResonanceRegime;
}

/**
 * @internal
 * Tracks the optimiser's recent history and turns it into the bounded, smooth composite
 * reward of AE-DDSP §6 (R_opt, R_pol, penalties) and the regime of §5.
 * All measures are plain arithmetic on a short window: cheap and backend-free.
 */
export class ResonanceMonitor {
  /** The resolved options. */
  readonly options: ResonanceOptions;
  #updates: Float32Array[] = [];
  #parameters: Float32Array[] = [];
  #updateNorms: number[] = [];
  #last: ResonanceHistory['last'] = null;

  /** Creates a monitor with defaults for unset options. */
  constructor(options: Partial<ResonanceOptions> = {}) {
    this.options = { ...DEFAULT_RESONANCE_OPTIONS, ...options };
    if (!Number.isInteger(this.options.window) || this.options.window < 4) {
      throw new RangeError(`ResonanceMonitor: window must be an integer ≥ 4, got ${this.options.window}`);
    }
  }

  /**
   * Records one step — its own update θ_{t+1} − θ_t, at the end of the step — and reports its
   * composite reward and regime.
   */
  observe(input: ResonanceInput): ResonanceReport {
    const o = this.options;
    const push = <T>(list: T[], x: T) => {
      list.push(x);
      if (list.length > o.window) list.shift();
    };
    push(this.#updates, Float32Array.from(input.update));
    push(this.#parameters, Float32Array.from(input.parameters));
    const updateNorm = l2(input.update);
    push(this.#updateNorms, updateNorm);

    const coherence = maxLagCorrelation(this.#updates);
    const periodicity = maxLagCorrelation(centered(this.#parameters));
    const diversity = Math.tanh(meanStd(this.#parameters) / 0.05);

    const gradientStability = smallness(input.gradientNorm, o.gradientThreshold);
    const smallUpdate = smallness(updateNorm, o.updateThreshold);
    const optimiserReward = (gradientStability + coherence + smallUpdate) / 3;
    const policyReward = (periodicity + diversity) / 2;

    const slewPenalty = Math.tanh(Math.max(0, maxAbs(input.update) - o.slewLimit) / o.slewLimit);
    const regime = this.#regime(input, coherence);
    this.#last = { optimiserReward, policyReward, slewPenalty, regime };
    return {
      reward: this.composite(input.audioReward, input.loudnessDb),
      optimiserReward,
      policyReward,
      penalty: this.#loudness(input.loudnessDb) + slewPenalty,
      coherence,
      periodicity,
      regime,
    };
  }

  /**
   * The composite reward R of AE-DDSP §6 with a fresh R_aud and loudness (measured at θ_t)
   * and the optimiser, policy and slew parts of the last recorded step (0 before any).
   */
  composite(audioReward: number | undefined, loudnessDb: number | undefined): number {
    const w = this.options.weights;
    const last = this.#last ?? { optimiserReward: 0, policyReward: 0, slewPenalty: 0 };
    const weighted =
      (audioReward === undefined ? 0 : w.audio * audioReward) +
      w.optimiser * last.optimiserReward +
      w.policy * last.policyReward;
    const total = (audioReward === undefined ? 0 : w.audio) + w.optimiser + w.policy;
    const penalty = this.#loudness(loudnessDb) + last.slewPenalty;
    return (total > 0 ? weighted / total : 0) - w.penalty * penalty;
  }

  /** The regime of the last recorded step, or undefined before any. */
  get regime(): ResonanceRegime | undefined {
    return this.#last?.regime;
  }

  #loudness(loudnessDb: number | undefined): number {
    return loudnessDb === undefined ? 0 : Math.tanh(Math.max(0, loudnessDb - this.options.loudnessCapDb) / 3);
  }

  /** The recorded history, JSON-safe, for checkpoints. */
  toJSON(): ResonanceHistory {
    return {
      updates: this.#updates.map((u) => Array.from(u)),
      parameters: this.#parameters.map((p) => Array.from(p)),
      updateNorms: [...this.#updateNorms],
      last: this.#last ? { ...this.#last } : null,
    };
  }

  /** Replaces the history with one from {@link ResonanceMonitor.toJSON}. */
  restore(history: ResonanceHistory): void {
    if (
      !history ||
      !Array.isArray(history.updates) ||
      !Array.isArray(history.parameters) ||
      !Array.isArray(history.updateNorms)
    ) {
      throw new TypeError('ResonanceMonitor.restore: history must come from toJSON()');
    }
    this.#updates = history.updates.map((u) => Float32Array.from(u));
    this.#parameters = history.parameters.map((p) => Float32Array.from(p));
    this.#updateNorms = [...history.updateNorms];
    this.#last = history.last ? { ...history.last } : null;
  }

  /** Forgets the history (after a rollback the old trajectory no longer applies). */
  reset(): void {
    this.#updates = [];
    this.#parameters = [];
    this.#updateNorms = [];
    this.#last = null;
  }

  #regime(input: ResonanceInput, coherence: number): ResonanceRegime {
    const o = this.options;
    const norms = this.#updateNorms;
    if (input.rolledBack || !Number.isFinite(input.gradientNorm)) return 'exploding';
    const half = Math.floor(norms.length / 2);
    if (half >= 2) {
      const older = mean(norms.slice(0, half));
      const recent = mean(norms.slice(half));
      if (recent > 4 * older && recent > o.updateThreshold) return 'exploding';
    }
    if (mean(norms) < o.stallThreshold) return 'stalled';
    return coherence >= o.coherenceThreshold ? 'resonant' : 'damped';
  }
}

/** 1/(1 + (x/τ)⁴): ≈ 1 below τ, smoothly → 0 above it. */
function smallness(x: number, threshold: number): number {
  if (!Number.isFinite(x)) return 0;
  return 1 / (1 + (x / threshold) ** 4);
}

/**
 * max over k = 1..n/2 of |Σ_t ⟨v_t, v_{t−k}⟩| / Σ_t ‖v_t‖²: the strongest normalised
 * autocorrelation of a vector sequence (0 for fewer than 4 entries or all-zero).
 */
function maxLagCorrelation(seq: readonly Float32Array[]): number {
  const n = seq.length;
  if (n < 4) return 0;
  let energy = 0;
  for (const v of seq) energy += dot(v, v);
  if (!(energy > 0)) return 0;
  let best = 0;
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += dot(seq[t]!, seq[t - k]!);
    best = Math.max(best, Math.abs(s) / energy);
  }
  return Math.min(1, best);
}

function centered(seq: readonly Float32Array[]): Float32Array[] {
  if (seq.length === 0) return [];
  const m = new Float64Array(seq[0]!.length);
  for (const v of seq) for (let i = 0; i < m.length; i++) m[i]! += v[i]! / seq.length;
  return seq.map((v) => v.map((x, i) => x - m[i]!));
}

function meanStd(seq: readonly Float32Array[]): number {
  const c = centered(seq);
  if (c.length < 2) return 0;
  const d = c[0]!.length;
  let total = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (const v of c) s += v[i]! * v[i]!;
    total += Math.sqrt(s / c.length);
  }
  return d ? total / d : 0;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function l2(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

function maxAbs(a: Float32Array): number {
  let m = 0;
  for (const x of a) m = Math.max(m, Math.abs(x));
  return m;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
