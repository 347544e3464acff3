/**
 * The records a match run writes: one {@link MetricsRow} per step (`metrics.jsonl`) and
 * the {@link MatchSummary} (`summary.json`), built from the trainer's step events.
 * @module
 */

import type { MethodName, StepEvent } from '@ae-ddsp/trainer';

/** One line of `metrics.jsonl`: what one trainer step did. */
export interface MetricsRow {
  /** Step index (0-based). */
  readonly step: number;
  /** Synth evaluations used so far. */
  readonly evaluations: number;
  /** Loss at the step's starting parameters. */
  readonly loss: number | null;
  /** Lowest loss so far. */
  readonly best_loss: number | null;
  /** Audio reward R_aud in [0, 1] at the step's starting parameters. */
  readonly reward: number | null;
  /** Composite reward R fed to the scheduler. */
  readonly composite_reward: number | null;
  /** Learning rate α. */
  readonly alpha: number;
  /** Momentum μ. */
  readonly mu: number;
  /** Dither σ. */
  readonly sigma: number;
  /** ‖g‖₂ of the loss gradient (normalised units). */
  readonly gradient_norm: number | null;
  /** ‖θ_{t+1} − θ_t‖₂ (normalised units). */
  readonly update_norm: number | null;
  /** Success rate of recent local tests. */
  readonly success_rate: number | null;
  /** Whether a local test ran and improved. */
  readonly local_test: 'improved' | 'no-gain' | null;
  /** True when the step rolled back a divergence. */
  readonly rolled_back: boolean;
  /** Target window used. */
  readonly window: number;
  /** RMS level of the rendered audio, dBFS. */
  readonly loudness_db: number | null;
  /** Resonance regime. */
  readonly regime: string;
  /** Physical parameter values after the step, in `summary.parameters` order. */
  readonly parameters: readonly number[];
}

/** Final value of one parameter in `summary.json`. */
export interface ParameterResult {
  /** Parameter name (`node.param`). */
  readonly name: string;
  /** Unit. */
  readonly unit: string;
  /** Matched (best) value. */
  readonly value: number;
  /** Value the run started from. */
  readonly initial: number;
  /** Range minimum. */
  readonly min: number;
  /** Range maximum. */
  readonly max: number;
}

/** Contents of `summary.json`. */
export interface MatchSummary {
  /** Format tag. */
  readonly format: 'ae-ddsp/match-summary@1';
  /** Target file as given. */
  readonly target: string;
  /** Working sample rate, Hz. */
  readonly sample_rate: number;
  /** Target duration analysed, seconds. */
  readonly duration_s: number;
  /** Optimisation method. */
  readonly method: MethodName;
  /** Preset name, when matching a preset. */
  readonly preset: string | null;
  /** Patch file, when matching a patch. */
  readonly patch: string | null;
  /** Seed of the run. */
  readonly seed: number;
  /** Steps taken. */
  readonly steps: number;
  /** Synth evaluations used. */
  readonly evaluations: number;
  /** Wall time of the optimisation, seconds. */
  readonly time_s: number;
  /** Loss at the start. */
  readonly initial_loss: number | null;
  /** Best (final reported) loss. */
  readonly final_loss: number | null;
  /** Step at which the best loss was seen. */
  readonly best_step: number | null;
  /** Training window (samples, hop; order `spread` when the steps were fewer than the windows) when the target was long, else null. */
  readonly window: { readonly samples: number; readonly hop: number; readonly order?: string } | null;
  /** Sample peak of the matched audio, dBFS (above 0 it clips in a 16-bit file). */
  readonly peak_dbfs: number;
  /** Loss definition. */
  readonly loss: string;
  /** Final parameter values with units. */
  readonly parameters: readonly ParameterResult[];
  /** Version of the CLI that wrote it. */
  readonly version: string;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** The metrics row of a trainer step event; `physical` maps normalised parameters to physical ones. */
export function metricsRow(
  event: StepEvent,
  physical: (normalised: Float32Array) => ArrayLike<number>,
): MetricsRow {
  return {
    step: event.step,
    evaluations: event.evaluations,
    loss: finite(event.loss),
    best_loss: finite(event.bestLoss),
    reward: finite(event.reward),
    composite_reward: finite(event.resonance.reward),
    alpha: event.learningRate,
    mu: event.momentum,
    sigma: event.dither,
    gradient_norm: finite(event.gradientNorm),
    update_norm: finite(event.updateNorm),
    success_rate: finite(event.successRate),
    local_test: event.localTest ? (event.localTest.improved ? 'improved' : 'no-gain') : null,
    rolled_back: event.rolledBack,
    window: event.window,
    loudness_db: finite(event.loudnessDb),
    regime: event.resonance.regime,
    parameters: Array.from(physical(event.parameters), (v) => Number(v.toPrecision(7))),
  };
}
