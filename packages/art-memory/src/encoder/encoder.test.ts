import { logMelSpectrogram } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTimbreEncoderWeights } from './encoder-weights';
import { pooledLogMelEmbedding } from './pooled-log-mel-embedding';
import { embedClip } from './timbre-embedding';
import { DEFAULT_TIMBRE_ENCODER_WEIGHTS, timbreEncoder } from './timbre-encoder';
import { timbreFeatureCount, timbreFeatures } from './timbre-features';
import { trainTimbreEncoder } from './train-encoder';

const SAMPLES = 4096;
const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 16000 });

/** Notes of two synth timbres (dark and bright) at three pitches each, as φ rows. */
function twoTimbres(): { features: number[][]; groups: number[] } {
  const base = Array.from(plant.initialNormalised());
  const rows: number[][] = [];
  const groups: number[] = [];
  const names = plant.parameterNames;
  const at = (name: string) => names.indexOf(name);
  for (const [group, cutoff] of [
    [0, 0.25],
    [1, 0.75],
  ] as const) {
    for (const pitch of [0.3, 0.4, 0.5]) {
      const theta = [...base];
      theta[at('osc.frequency')] = pitch;
      theta[at('vcf.cutoff')] = cutoff;
      rows.push(theta);
      groups.push(group);
    }
  }
  const features = tf.tidy(() => timbreFeatures(plant.render(tf.tensor2d(rows), SAMPLES)));
  const out = features.arraySync();
  features.dispose();
  return { features: out, groups };
}

describe('the timbre encoder E', () => {
  beforeAll(() => useBackend('cpu'));

  it('φ has the advertised size, and a gain change shifts every loud band by one constant', () => {
    const audio = tf.tidy(() => plant.render(tf.tensor2d([Array.from(plant.initialNormalised())]), SAMPLES));
    const quiet = tf.mul(audio, 0.5) as tf.Tensor2D;
    const a = timbreFeatures(audio);
    const b = timbreFeatures(quiet);
    expect(a.shape).toEqual([1, timbreFeatureCount()]);
    expect(timbreFeatureCount()).toBe(2 * 64 * 2 + 3);
    // bands far above the log floor ln(1e-6) ≈ −13.8 shift by ln(0.5²) before centring, so
    // their centred values differ between the two clips by one common constant
    const raw = tf.tidy(() =>
      tf.mean(logMelSpectrogram(audio, { fftLength: 1024, hopLength: 256, melBins: 64 }), 1),
    );
    const loud = Array.from(raw.dataSync()).flatMap((v, k) => (v > -6 ? [k] : []));
    expect(loud.length).toBeGreaterThan(20);
    const shift = loud.map((k) => a.dataSync()[k]! - b.dataSync()[k]!);
    const spread = Math.max(...shift) - Math.min(...shift);
    expect(spread).toBeLessThan(0.05);
    tf.dispose([audio, quiet, a, b, raw]);
    expect(() => timbreFeatures(tf.zeros([4]))).toThrow(/timbreFeatures: audio must be a 2-D tensor/);
  });

  it('training is deterministic: the same data and seed give bit-identical weights', () => {
    const data = twoTimbres();
    const before = tf.memory().numTensors;
    const options = { ...data, hidden: 6, dimensions: 3, steps: 25, seed: 7 };
    const first = trainTimbreEncoder(options);
    const second = trainTimbreEncoder(options);
    expect(tf.memory().numTensors).toBe(before);
    expect(JSON.stringify(second.weights)).toBe(JSON.stringify(first.weights));
    expect(first.loss.last).toBeLessThan(first.loss.first);
    const other = trainTimbreEncoder({ ...options, seed: 8 });
    expect(JSON.stringify(other.weights)).not.toBe(JSON.stringify(first.weights));
  });

  it('a trained encoder puts one timbre at different pitches closer than two timbres', () => {
    const data = twoTimbres();
    const { weights } = trainTimbreEncoder({ ...data, hidden: 8, dimensions: 4, steps: 150, seed: 3 });
    const encoder = timbreEncoder(parseTimbreEncoderWeights(JSON.parse(JSON.stringify(weights))));
    const names = plant.parameterNames;
    const h = (pitch: number, cutoff: number) => {
      const theta = Array.from(plant.initialNormalised());
      theta[names.indexOf('osc.frequency')] = pitch;
      theta[names.indexOf('vcf.cutoff')] = cutoff;
      const audio = tf.tidy(() => plant.render(tf.tensor2d([theta]), SAMPLES));
      const point = embedClip(encoder, audio.dataSync() as Float32Array);
      audio.dispose();
      return point;
    };
    const l1 = (a: Float64Array, b: Float64Array) =>
      a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / a.length;
    // a pitch between the training pitches, for both timbres
    const dark = [h(0.35, 0.25), h(0.45, 0.25)];
    const bright = h(0.35, 0.75);
    expect(l1(dark[0]!, dark[1]!)).toBeLessThan(l1(dark[0]!, bright));
    for (const x of [...dark, bright]) for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('the shipped weights parse, embed into [0, 1]^d, and bad weights are refused by name', () => {
    const encoder = timbreEncoder();
    expect(encoder.dimensions).toBe(DEFAULT_TIMBRE_ENCODER_WEIGHTS.layers[1].outputs);
    const audio = tf.tidy(() => plant.render(tf.tensor2d([Array.from(plant.initialNormalised())]), SAMPLES));
    const before = tf.memory().numTensors;
    const h = encoder.embed(audio);
    expect(h.shape).toEqual([1, encoder.dimensions]);
    for (const v of h.dataSync()) expect(v > 0 && v < 1).toBe(true);
    h.dispose();
    expect(tf.memory().numTensors).toBe(before);
    audio.dispose();
    const bad = JSON.parse(JSON.stringify(DEFAULT_TIMBRE_ENCODER_WEIGHTS));
    bad.layers[0].bias[2] = 'x';
    expect(() => timbreEncoder(bad)).toThrow(/layers\[0\]\.bias\[2\] must be a finite number/);
    expect(() => parseTimbreEncoderWeights({ format: 'other' })).toThrow(
      /not a ae-ddsp\/timbre-encoder file/,
    );
  });

  // The levels, filter and gain parameters: the render is smooth in them. The oscillator's
  // frequency, detune and phase and the envelope times move sample-level edges of a
  // sawtooth and of envelope segments, where central differences of a 4096-sample render do
  // not converge (the plant's own tests check those gradients).
  const SMOOTH = [
    'filterEnv.sustain',
    'vcf.cutoff',
    'vcf.resonance',
    'vcf.cutoffModulation',
    'ampEnv.sustain',
    'vca.gain',
  ];
  for (const [name, make] of [
    ['learned', () => timbreEncoder()],
    ['pooled-log-mel', () => pooledLogMelEmbedding()],
  ] as const) {
    it(`∂‖E(φ(plant(θ))) − w‖²/∂θ agrees with central differences (${name})`, () => {
      const embedding = make();
      const theta0 = Float64Array.from(plant.initialNormalised());
      const w = tf.tensor2d([Array.from({ length: embedding.dimensions }, (_, k) => (k % 3) / 3 + 0.1)]);
      const distance = (theta: tf.Tensor2D) =>
        tf.sum(tf.square(tf.sub(embedding.embed(plant.render(theta, SAMPLES)), w))) as tf.Scalar;
      const x = tf.tensor2d([Array.from(theta0)]);
      const gradient = tf.tidy(() =>
        tf
          .grad((t: tf.Tensor) => distance(t as tf.Tensor2D))(x)
          .dataSync(),
      );
      const indices = SMOOTH.map((n) => plant.parameterNames.indexOf(n));
      const at = (smooth: Float64Array) => {
        const theta = Float64Array.from(theta0);
        indices.forEach((p, i) => {
          theta[p] = smooth[i]!;
        });
        return tf.tidy(() => distance(tf.tensor2d([Array.from(theta)])).dataSync()[0]!);
      };
      const numeric = centralDifference(
        at,
        indices.map((p) => theta0[p]!),
        2.5e-4,
      );
      const analytic = indices.map((p) => gradient[p]!);
      const largest = Math.max(...Array.from(numeric, Math.abs));
      expect(largest).toBeGreaterThan(1e-3);
      expect(maxRelativeError(analytic, numeric, 0.05 * largest)).toBeLessThan(0.05);
      tf.dispose([w, x]);
    });
  }
});
