import { SeededRandom } from '@ae-ddsp/explorer';
import { estimatePitch, logMelSpectrogram } from '@ae-ddsp/features';
import { createPatch, node, type Patch, presetPatch, SynthPlant } from '@ae-ddsp/plant';
import * as tf from '@tensorflow/tfjs-core';
import { Trainer, type TrainerOptions } from '../trainer';

/**
 * The recovery test of issue 13: a seeded random patch ("the truth") renders the target; the
 * run starts near it — every oscillator frequency off by up to ±2 semitones, every other
 * parameter off by up to ±20 % of its physical value — and must recover it: the pitch of the
 * matched *audio* within 10 cents of the target's, and its multi-resolution log-mel features
 * within 5 % of the truth's (RMS difference over the RMS spread of the truth's log-mel
 * features, at FFT sizes 1024 and 4096, hop 256, 64 mels: the seed loss's features).
 * Shared by `recovery.test.ts` (a seeded subset) and `bench/trainer-recovery.bench.mjs`.
 */

/** Sample rate of the recovery cases, Hz. */
export const RECOVERY_SAMPLE_RATE = 16000;
/** Length of every target, samples (0.25 s). */
export const RECOVERY_SAMPLES = 4000;
/** Largest start offset of an oscillator frequency, cents. */
export const PITCH_OFFSET_CENTS = 200;
/** Largest relative start offset of every other parameter. */
export const RELATIVE_OFFSET = 0.2;
/** A case is recovered when the output pitch is within this many cents of the target's... */
export const RECOVERED_CENTS = 10;
/** ...and the log-mel features are within this fraction of the truth's spread. */
export const RECOVERED_LOG_MEL = 0.05;

/** A physical range to draw the truth from: [lo, hi] linear, or [lo, hi, 'log']. */
type Range = readonly [number, number] | readonly [number, number, 'log'];

/** One chain of the recovery test: its patch and how its truths are drawn. */
export interface RecoveryChain {
  /** A fresh patch. */
  readonly patch: () => Patch;
  /** Truth ranges by parameter name; a name not listed keeps the patch's value. */
  readonly ranges: Readonly<Record<string, Range>>;
  /**
   * Parameters derived from others after the draw: name → [source, ratios]; the value is
   * the source's times one of the ratios (FM operators at harmonic ratios, a detuned saw).
   */
  readonly derived?: Readonly<Record<string, readonly [string, readonly number[]]>>;
}

const PITCH: Range = [65, 1050, 'log'];
const ENVELOPE: Readonly<Record<string, Range>> = {
  'ampEnv.attack': [0.001, 0.05, 'log'],
  'ampEnv.decay': [0.05, 0.5, 'log'],
  'ampEnv.sustain': [0.3, 1],
  'vca.gain': [0.3, 1],
};

/** Two sawtooth oscillators a few cents apart → mixer → ladder low-pass → VCA. */
function twoSaws(): Patch {
  return createPatch({
    nodes: [
      node('osc1', 'oscillator', {
        options: { waveform: 'sawtooth', partials: 64 },
        params: { frequency: 220 },
      }),
      node('osc2', 'oscillator', {
        options: { waveform: 'sawtooth', partials: 64 },
        params: { frequency: 221 },
      }),
      node('mix', 'mixer', { options: { inputs: 2 } }),
      node('vcf', 'ladder', { params: { cutoff: 1500, resonance: 0.2 } }),
      node('vca', 'vca', { params: { gain: 0.7 } }),
    ],
    connections: [
      { from: 'osc1.out', to: 'mix.in1' },
      { from: 'osc2.out', to: 'mix.in2' },
      { from: 'mix.out', to: 'vcf.in' },
      { from: 'vcf.out', to: 'vca.in' },
    ],
    output: 'vca.out',
  });
}

/** Every preset and one custom chain, by name. */
export const RECOVERY_CHAINS: Readonly<Record<string, RecoveryChain>> = {
  subtractive: {
    patch: () => presetPatch('subtractive'),
    ranges: {
      'osc.frequency': PITCH,
      'osc.phase': [0, 360],
      'filterEnv.attack': [0.001, 0.1, 'log'],
      'filterEnv.decay': [0.02, 0.5, 'log'],
      'filterEnv.sustain': [0, 1],
      'vcf.cutoff': [200, 4000, 'log'],
      'vcf.resonance': [0, 0.7],
      'vcf.cutoffModulation': [0, 3],
      ...ENVELOPE,
    },
  },
  fm: {
    patch: () => presetPatch('fm'),
    ranges: { 'carrier.frequency': PITCH, 'carrier.fmDepth': [50, 600], ...ENVELOPE },
    derived: { 'modulator.frequency': ['carrier.frequency', [1, 2, 3]] },
  },
  additive: {
    patch: () => presetPatch('additive'),
    ranges: {
      'harmonics.frequency': PITCH,
      ...Object.fromEntries(
        Array.from({ length: 8 }, (_, k) => [`harmonics.partial${k + 1}`, [0.1, 1] as const]),
      ),
      'noise.gain': [0.01, 0.1],
      'noiseFilter.frequency': [500, 6000, 'log'],
      'noiseFilter.Q': [0.5, 5, 'log'],
      'mix.gain1': [0.3, 1],
      'mix.gain2': [0.3, 1],
    },
  },
  'seed-stub': {
    patch: () => presetPatch('seed-stub'),
    ranges: { 'sine.frequency': PITCH, 'shaper.cutoff': [500, 4000, 'log'], 'shaper.res': [0, 0.8] },
  },
  'two-saws': {
    patch: twoSaws,
    ranges: {
      'osc1.frequency': PITCH,
      'mix.gain1': [0.3, 1],
      'mix.gain2': [0.3, 1],
      'vcf.cutoff': [300, 5000, 'log'],
      'vcf.resonance': [0, 0.7],
      'vca.gain': [0.3, 1],
    },
    derived: { 'osc2.frequency': ['osc1.frequency', [2 ** (-12 / 1200), 2 ** (7 / 1200), 2 ** (15 / 1200)]] },
  },
};

/** Names of {@link RECOVERY_CHAINS}. */
export const RECOVERY_CHAIN_NAMES = Object.keys(RECOVERY_CHAINS);

/** The plant of a chain at the recovery sample rate. */
export function recoveryPlant(chain: string): SynthPlant {
  const c = RECOVERY_CHAINS[chain];
  if (!c) throw new RangeError(`no recovery chain ${JSON.stringify(chain)}`);
  return new SynthPlant(c.patch(), { sampleRate: RECOVERY_SAMPLE_RATE });
}

/** One seeded case: the truth and the start, both physical. */
export interface RecoveryCase {
  readonly truth: Float64Array;
  readonly start: Float64Array;
}

const isPitch = (name: string) => name.endsWith('.frequency') && !name.startsWith('noiseFilter.');

/** Draws case `seed` of `chain`: the truth from the chain's ranges, the start off by the test's offsets. */
export function recoveryCase(plant: SynthPlant, chain: string, seed: number): RecoveryCase {
  const c = RECOVERY_CHAINS[chain]!;
  const random = new SeededRandom(1000 + seed);
  const names = plant.parameterNames;
  const truth = plant.toPhysical(plant.initialNormalised());
  names.forEach((name, i) => {
    const range = c.ranges[name];
    if (!range) return;
    const u = random.uniform();
    truth[i] =
      range[2] === 'log' ? range[0] * (range[1] / range[0]) ** u : range[0] + (range[1] - range[0]) * u;
  });
  for (const [name, [source, ratios]] of Object.entries(c.derived ?? {})) {
    const ratio = ratios[Math.min(ratios.length - 1, Math.floor(random.uniform() * ratios.length))]!;
    truth[names.indexOf(name)] = truth[names.indexOf(source)]! * ratio;
  }
  const rows = plant.describe();
  const start = truth.map((x, i) => {
    const spread = 2 * random.uniform() - 1;
    const value = isPitch(names[i]!)
      ? x * 2 ** ((spread * PITCH_OFFSET_CENTS) / 1200)
      : x * (1 + spread * RELATIVE_OFFSET);
    return Math.min(rows[i]!.max, Math.max(rows[i]!.min, value));
  });
  return { truth, start };
}

/** What a recovery run ended with. */
export interface RecoveryOutcome {
  /** |pitch of the matched audio − pitch of the target|, cents (NaN when either is unvoiced). */
  readonly centsOff: number;
  /** RMS log-mel difference of the match to the target over the truth's log-mel spread. */
  readonly logMelError: number;
  /** The same at the start. */
  readonly startLogMelError: number;
  /** Whether both are within the test's limits. */
  readonly recovered: boolean;
}

/** Renders physical parameters to one row of audio. */
function renderPhysical(plant: SynthPlant, physical: ArrayLike<number>): tf.Tensor2D {
  const u = Float32Array.from(plant.toNormalised(physical));
  return tf.tidy(() => plant.render(tf.tensor2d(u, [1, plant.parameterCount]), RECOVERY_SAMPLES));
}

/** RMS difference of multi-resolution log-mel features over the RMS spread of the reference's. */
export function relativeLogMelError(audio: tf.Tensor2D, reference: tf.Tensor2D): number {
  return tf.tidy(() => {
    let error = 0;
    for (const fftLength of [1024, 4096]) {
      const options = { sampleRate: RECOVERY_SAMPLE_RATE, fftLength, hopLength: 256, melBins: 64 };
      const a = logMelSpectrogram(audio, options);
      const r = logMelSpectrogram(reference, options);
      const spread = tf.sqrt(tf.moments(r).variance).dataSync()[0]!;
      const rms = tf.sqrt(tf.mean(tf.square(tf.sub(a, r)))).dataSync()[0]!;
      error += rms / spread / 2;
    }
    return error;
  });
}

/** Output pitch difference in cents, by YIN analysis of both signals. */
export function pitchDifferenceCents(audio: tf.Tensor2D, reference: tf.Tensor2D): number {
  const a = estimatePitch(audio.dataSync() as Float32Array, RECOVERY_SAMPLE_RATE);
  const r = estimatePitch(reference.dataSync() as Float32Array, RECOVERY_SAMPLE_RATE);
  return Math.abs(1200 * Math.log2(a.f0Hz / r.f0Hz));
}

/** Trainer options of a recovery run: the defaults of `ae-ddsp match` (150 steps, annealed). */
export const RECOVERY_STEPS = 150;

/** Runs one case with the given trainer options over the defaults, and judges it. */
export function runRecovery(
  plant: SynthPlant,
  recovery: RecoveryCase,
  seed: number,
  options: Partial<Omit<TrainerOptions, 'plant' | 'target' | 'initial'>> = {},
  steps = RECOVERY_STEPS,
): RecoveryOutcome {
  const target = renderPhysical(plant, recovery.truth);
  const initial = Float32Array.from(plant.toNormalised(recovery.start));
  const trainer = new Trainer({
    plant,
    target,
    initial,
    seed,
    anneal: { steps },
    ...options,
  });
  try {
    const { bestParameters } = trainer.run({ steps });
    const matched = tf.tidy(() =>
      plant.render(tf.tensor2d(bestParameters, [1, plant.parameterCount]), RECOVERY_SAMPLES),
    );
    const startAudio = renderPhysical(plant, recovery.start);
    const centsOff = pitchDifferenceCents(matched, target);
    const logMelError = relativeLogMelError(matched, target);
    const startLogMelError = relativeLogMelError(startAudio, target);
    tf.dispose([matched, startAudio]);
    return {
      centsOff,
      logMelError,
      startLogMelError,
      recovered: centsOff <= RECOVERED_CENTS && logMelError <= RECOVERED_LOG_MEL,
    };
  } finally {
    trainer.dispose();
    target.dispose();
  }
}
