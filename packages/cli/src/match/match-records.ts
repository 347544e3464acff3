/**
 * The records a match run writes: one {@link MetricsRow} per step (`metrics.jsonl`) and
 * the {@link MatchSummary} (`summary.json`), built from the trainer's step events.
 * @module
 */

import type { NoteComparison } from '@ae-ddsp/features';
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
  /** Starting point: the target's analysis or the preset's values. */
  readonly init: 'analysis' | 'preset';
  /** The pitch hint of --f0 / --midi, Hz, or null. */
  readonly f0_hint_hz: number | null;
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
  /** Target vs match, measured on the audio. */
  readonly comparison: ComparisonRecord;
  /** Final parameter values with units. */
  readonly parameters: readonly ParameterResult[];
  /** Version of the CLI that wrote it. */
  readonly version: string;
}

/** Target vs match measured on the two sounds (`compareNotes` of `@ae-ddsp/features`); null where unmeasurable. */
export interface ComparisonRecord {
  /** The target's f0, Hz. */
  readonly target_f0_hz: number | null;
  /** The match's f0, Hz. */
  readonly match_f0_hz: number | null;
  /** Match pitch relative to the target's, cents. */
  readonly pitch_cents_off: number | null;
  /** The harmonic ratio the pitch is off by (`octave up`, `fifth down`, ...), or null. */
  readonly harmonic_ratio: string | null;
  /** The target's RMS level, dBFS. */
  readonly target_rms_db: number | null;
  /** The match's RMS level, dBFS. */
  readonly match_rms_db: number | null;
  /** Match − target RMS level, dB. */
  readonly loudness_error_db: number | null;
  /** Peak |sample| of the match (above 1 clips). */
  readonly match_peak: number;
  /** Whether the match clips (peak above full scale). */
  readonly clipped: boolean;
  /** Correlation of the two amplitude (RMS) envelopes. */
  readonly envelope_correlation: number | null;
  /** The two RMS envelopes, dBFS per frame (null below −120 dB), for the overlay chart. */
  readonly envelope: {
    readonly times_s: readonly number[];
    readonly target_db: readonly (number | null)[];
    readonly match_db: readonly (number | null)[];
  };
}

const round = (x: number, digits = 5): number | null =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)) : null;

/** The JSON record of a {@link NoteComparison}. */
export function comparisonRecord(c: NoteComparison): ComparisonRecord {
  const frames = Math.min(c.target.timing.envelope.rms.length, c.match.timing.envelope.rms.length);
  const db = (x: Float64Array) => Array.from(x.subarray(0, frames), (v) => (v > -120 ? round(v, 4) : null));
  return {
    target_f0_hz: round(c.target.pitch.f0Hz),
    match_f0_hz: round(c.match.pitch.f0Hz),
    pitch_cents_off: round(c.pitchCentsOff),
    harmonic_ratio: c.harmonicRatio?.name ?? null,
    target_rms_db: round(c.target.loudness.overallRmsDb),
    match_rms_db: round(c.match.loudness.overallRmsDb),
    loudness_error_db: round(c.loudnessErrorDb),
    match_peak: Number(c.matchPeak.toPrecision(5)),
    clipped: c.clipped,
    envelope_correlation: round(c.envelopeCorrelation),
    envelope: {
      times_s: Array.from(c.target.timing.envelope.timesSeconds.subarray(0, frames), (t) =>
        Number(t.toFixed(4)),
      ),
      target_db: db(c.target.timing.envelope.rmsDb),
      match_db: db(c.match.timing.envelope.rmsDb),
    },
  };
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
