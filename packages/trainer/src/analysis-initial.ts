/**
 * A starting point from the target itself: `analyzeTarget` of `@ae-ddsp/features`
 * measures the note (f0, level, envelope, brightness) and the measurements are mapped onto
 * any plant by its parameters' units and names ({@link parameterRoles}):
 * - pitch: every oscillator `frequency` (Hz on a generator) is transposed by one ratio so
 *   the lowest lands on the f0; other Hz parameters of those oscillators (an FM depth) scale
 *   with it, so intervals and modulation indices stay as in the preset;
 * - envelope: `attack`, `decay`, `sustain`, `release` and a note-off (`hold`/`noteOff`,
 *   seconds) from the RMS envelope;
 * - level and brightness: a few renders calibrate every `gain` (one common factor) to the
 *   target's RMS level and every cutoff (Hz on a filter) to its spectral centroid;
 * - everything else keeps the preset's value.
 *
 * @example
 * ```ts
 * const start = analysisInitial(plant, targetSamples, { f0Hz: 261.63 });
 * new Trainer({ plant, target, initial: start.normalised });
 * // or simply: new Trainer({ plant, target, initial: 'analysis' })
 * ```
 * @module
 */
import { analyzeTarget, spectralCentroidSummary, type TargetAnalysis } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainablePlant } from './interfaces';

/** One parameter column as a described plant lists it (`SynthPlant.describe()` rows have this shape). */
export interface DescribedParameter {
  /** `node.param`, or `node.param[j]` for point j of a curve. */
  readonly name: string;
  /** Physical unit (`Hz`, `seconds`, `gain`, `level`, ...). */
  readonly unit: string;
  /** Range minimum. */
  readonly min: number;
  /** Range maximum. */
  readonly max: number;
  /** The patch's value (the preset value), physical. */
  readonly value: number;
  /** Whether the module filters a required input (its Hz are cutoffs); false or absent on generators. */
  readonly processesInput?: boolean;
}

/** A plant whose parameters have units: what {@link analysisInitial} needs (`SynthPlant` has this shape). */
export interface DescribedPlant extends TrainablePlant {
  /** Name, unit, range and patch value of every column. */
  describe(): readonly DescribedParameter[];
  /** Normalised values of a physical vector (clamped to each range). */
  toNormalised(physical: ArrayLike<number>): ArrayLike<number>;
}

/**
 * What the initialiser does with a parameter:
 * `pitch` (set from f0), `pitch-depth` (scaled with the pitch), `cutoff` and `gain`
 * (calibrated by rendering), `attack`/`decay`/`sustain`/`release`/`note-off` (from the
 * envelope), `preset` (left alone).
 */
export type ParameterRole =
  | 'pitch'
  | 'pitch-depth'
  | 'cutoff'
  | 'gain'
  | 'attack'
  | 'decay'
  | 'sustain'
  | 'release'
  | 'note-off'
  | 'preset';

/** Options of {@link analysisInitial}. */
export interface AnalysisInitialOptions {
  /** f0 hint, Hz: used instead of the analysed pitch (e.g. from a MIDI note). */
  readonly f0Hz?: number;
  /** Renders spent calibrating level and cutoffs (each is one synth evaluation). Default 3. */
  readonly calibrationRenders?: number;
}

/** The result of {@link analysisInitial}. */
export interface AnalysisInitial {
  /** The starting point, normalised (one vector of `plant.parameterCount`). */
  readonly normalised: Float32Array;
  /** The same in physical units. */
  readonly physical: Float64Array;
  /** What each column was treated as. */
  readonly roles: readonly ParameterRole[];
  /** The target's analysis. */
  readonly analysis: TargetAnalysis;
  /** The f0 the pitch was set from (the hint, else the analysed f0; NaN when unvoiced and no hint). */
  readonly f0Hz: number;
  /** Synth evaluations spent calibrating. */
  readonly renders: number;
}

/** Default renders spent calibrating level and brightness. */
export const DEFAULT_CALIBRATION_RENDERS = 3;

const ENVELOPE_ROLES: Readonly<Record<string, ParameterRole>> = Object.freeze({
  attack: 'attack',
  decay: 'decay',
  release: 'release',
  hold: 'note-off',
  noteOff: 'note-off',
});

/** The role of every column of a described plant, from its unit, name and module kind. */
export function parameterRoles(rows: readonly DescribedParameter[]): ParameterRole[] {
  const parse = (name: string) => {
    const base = name.replace(/\[\d+\]$/, '');
    const dot = base.lastIndexOf('.');
    return { node: base.slice(0, dot), param: base.slice(dot + 1) };
  };
  const pitchNodes = new Set(
    rows
      .filter((r) => r.unit === 'Hz' && !r.processesInput && parse(r.name).param === 'frequency')
      .map((r) => parse(r.name).node),
  );
  return rows.map((row): ParameterRole => {
    const { node, param } = parse(row.name);
    switch (row.unit) {
      case 'Hz':
        if (row.processesInput) return 'cutoff';
        if (param === 'frequency') return 'pitch';
        return pitchNodes.has(node) ? 'pitch-depth' : 'preset';
      case 'gain':
        return 'gain';
      case 'seconds':
        return ENVELOPE_ROLES[param] ?? 'preset';
      case 'level':
        return param === 'sustain' ? 'sustain' : 'preset';
      default:
        return 'preset';
    }
  });
}

/**
 * A starting point for matching `audio` (mono, at `plant.sampleRate`) with `plant`: see the
 * module description. Uses `calibrationRenders` renders of the plant and the active tfjs
 * backend; leaks no tensors. Throws on a plant without units (`describe`, `toNormalised`),
 * on bad audio (as `analyzeTarget`) and on a bad hint.
 */
export function analysisInitial(
  plant: DescribedPlant,
  audio: Float32Array,
  options: AnalysisInitialOptions = {},
): AnalysisInitial {
  if (typeof plant?.describe !== 'function' || typeof plant.toNormalised !== 'function') {
    throw new TypeError(
      "analysisInitial: the plant must describe its parameters' units (describe() and toNormalised(), as SynthPlant does)",
    );
  }
  const { f0Hz: hint, calibrationRenders = DEFAULT_CALIBRATION_RENDERS } = options;
  if (hint !== undefined && !(Number.isFinite(hint) && hint > 0)) {
    throw new RangeError(`analysisInitial: f0Hz must be a positive number of Hz, got ${hint}`);
  }
  if (!(Number.isInteger(calibrationRenders) && calibrationRenders >= 0)) {
    throw new RangeError(
      `analysisInitial: calibrationRenders must be an integer >= 0, got ${calibrationRenders}`,
    );
  }
  const rows = plant.describe();
  if (rows.length !== plant.parameterCount) {
    throw new RangeError(
      `analysisInitial: plant.describe() lists ${rows.length} parameters, parameterCount is ${plant.parameterCount}`,
    );
  }
  const roles = parameterRoles(rows);
  const analysis = analyzeTarget(audio, plant.sampleRate);
  const f0Hz = hint ?? analysis.pitch.f0Hz;
  const physical = Float64Array.from(rows, (r) => r.value);
  const clamp = (i: number, v: number) => Math.min(rows[i]!.max, Math.max(rows[i]!.min, v));

  // Pitch: one transposition, so the lowest oscillator sounds the f0.
  const pitches = rows.filter((_, i) => roles[i] === 'pitch').map((r) => r.value);
  if (pitches.length > 0 && Number.isFinite(f0Hz)) {
    const ratio = f0Hz / Math.min(...pitches);
    roles.forEach((role, i) => {
      if (role === 'pitch' || role === 'pitch-depth') physical[i] = clamp(i, rows[i]!.value * ratio);
    });
  }
  // Envelope: times and sustain level from the RMS envelope.
  const envelope = envelopeShape(analysis);
  if (envelope) {
    roles.forEach((role, i) => {
      const value = envelope[role as keyof EnvelopeShape];
      if (value !== undefined && Number.isFinite(value)) physical[i] = clamp(i, value);
    });
  }
  // Level and brightness: render, compare, rescale every gain and cutoff by a common factor.
  const renders = calibrate(plant, physical, rows, roles, analysis, calibrationRenders);
  return {
    normalised: Float32Array.from(plant.toNormalised(physical)),
    physical,
    roles,
    analysis,
    f0Hz,
    renders,
  };
}

/** ADSR-like settings read from a note's RMS envelope, seconds (sustain as a level in [0, 1]). */
interface EnvelopeShape {
  readonly attack: number;
  readonly decay: number;
  readonly sustain: number;
  readonly release: number | undefined;
  readonly 'note-off': number | undefined;
}

/**
 * attack: time to the peak from the start of the file (the synth starts at 0); sustain: the
 * median level of the second half of the note relative to the peak; decay: twice the time
 * from the peak to halfway down to the sustain (a linear decay is halfway at half its
 * time); note-off: where the level last stands within 6 dB of the sustain, release: from
 * there to the end of the note (only when the note ends within the file).
 */
function envelopeShape(analysis: TargetAnalysis): EnvelopeShape | undefined {
  const { timing } = analysis;
  if (!Number.isFinite(timing.onsetSeconds)) return undefined;
  const { rms, timesSeconds } = timing.envelope;
  let peak = 0;
  for (const r of rms) peak = Math.max(peak, r);
  const frames = (from: number, to: number) => {
    const out: number[] = [];
    timesSeconds.forEach((t, k) => {
      if (t >= from && t <= to) out.push(rms[k]! / peak);
    });
    return out;
  };
  const end = timing.noteOffSeconds;
  const middle = timing.peakSeconds + 0.5 * (end - timing.peakSeconds);
  const tail = frames(middle, end);
  const sustain = tail.length > 0 ? median(tail) : 1;
  const halfway = sustain + 0.5 * (1 - sustain);
  let decay = Number.NaN;
  let lastHeld = Number.NaN;
  timesSeconds.forEach((t, k) => {
    const level = rms[k]! / peak;
    if (t > timing.peakSeconds && Number.isNaN(decay) && level <= halfway)
      decay = 2 * (t - timing.peakSeconds);
    if (t <= end && level >= 0.5 * sustain) lastHeld = t;
  });
  const ends = timing.endsWithinFile && Number.isFinite(lastHeld) && lastHeld < end;
  return {
    attack: timing.peakSeconds,
    decay,
    sustain,
    release: ends ? end - lastHeld : undefined,
    'note-off': ends ? lastHeld : undefined,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/**
 * Up to `renders` rounds of: render, measure the RMS level (dBFS) and the spectral centroid,
 * rescale every gain by one factor towards the target's level and every cutoff by one factor
 * towards its centroid (in log units, with the response's slope estimated from the previous
 * round). Stops early once both are within 0.5 dB / 1 %. Returns the renders used.
 */
function calibrate(
  plant: DescribedPlant,
  physical: Float64Array,
  rows: readonly DescribedParameter[],
  roles: readonly ParameterRole[],
  analysis: TargetAnalysis,
  renders: number,
): number {
  const gains = indicesOf(roles, 'gain');
  const cutoffs = indicesOf(roles, 'cutoff');
  const targetDb = analysis.loudness.overallRmsDb;
  const targetCentroid = Math.log2(analysis.spectralCentroidHz);
  const levelKnob = new Knob(
    gains,
    physical,
    rows,
    Number.isFinite(targetDb) ? targetDb / 20 : Number.NaN,
    10,
  );
  const brightnessKnob = new Knob(cutoffs, physical, rows, targetCentroid, 2);
  const samples = Math.round(analysis.durationSeconds * plant.sampleRate);
  let used = 0;
  while (used < renders && !(levelKnob.done && brightnessKnob.done)) {
    const audio = render(plant, physical, samples);
    used++;
    const rms = Math.sqrt(audio.reduce((s, x) => s + x * x, 0) / audio.length);
    if (!(rms > 0)) break;
    levelKnob.observe(Math.log10(rms), 0.5 / 20);
    if (!brightnessKnob.done) {
      brightnessKnob.observe(Math.log2(spectralCentroidSummary(audio, plant.sampleRate)), Math.log2(1.01));
    }
  }
  return used;
}

/** Several parameters scaled by one factor base^x, steered so a measured log quantity reaches `goal`. */
class Knob {
  readonly #indices: readonly number[];
  readonly #physical: Float64Array;
  readonly #rows: readonly DescribedParameter[];
  readonly #base: number;
  readonly #start: Float64Array;
  readonly #goal: number;
  #x = 0;
  #previous: { readonly x: number; readonly measured: number } | undefined;
  done: boolean;

  constructor(
    indices: readonly number[],
    physical: Float64Array,
    rows: readonly DescribedParameter[],
    goal: number,
    base: number,
  ) {
    this.#indices = indices;
    this.#physical = physical;
    this.#rows = rows;
    this.#base = base;
    this.#goal = goal;
    this.#start = Float64Array.from(indices, (i) => physical[i]!);
    this.done = indices.length === 0 || !Number.isFinite(goal);
  }

  /** Takes a measurement at the current factor and moves the factor; `tolerance` in log units. */
  observe(measured: number, tolerance: number): void {
    if (this.done) return;
    if (!Number.isFinite(measured) || Math.abs(this.#goal - measured) <= tolerance) {
      this.done = true;
      return;
    }
    let slope = 1;
    if (this.#previous && this.#x !== this.#previous.x) {
      const estimate = (measured - this.#previous.measured) / (this.#x - this.#previous.x);
      slope = Math.min(4, Math.max(0.1, Number.isFinite(estimate) ? estimate : 1));
    }
    this.#previous = { x: this.#x, measured };
    this.#x += Math.max(-3, Math.min(3, (this.#goal - measured) / slope));
    const factor = this.#base ** this.#x;
    this.#indices.forEach((i, k) => {
      const row = this.#rows[i]!;
      // a preset value of 0 cannot be scaled: start it from a small fraction of the range
      const from = this.#start[k]! > 0 ? this.#start[k]! : row.min + 0.01 * (row.max - row.min);
      this.#physical[i] = Math.min(row.max, Math.max(row.min, from * factor));
    });
  }
}

function indicesOf(roles: readonly ParameterRole[], role: ParameterRole): number[] {
  const out: number[] = [];
  roles.forEach((r, i) => {
    if (r === role) out.push(i);
  });
  return out;
}

function render(plant: DescribedPlant, physical: Float64Array, samples: number): Float32Array {
  const u = Float32Array.from(plant.toNormalised(physical));
  const audio = tf.tidy(() => plant.render(tf.tensor2d(u, [1, plant.parameterCount]), samples));
  try {
    return audio.dataSync() as Float32Array;
  } finally {
    audio.dispose();
  }
}
