// The ladder where modulation drives its cutoff past the top of the range. Near Nyquist the
// bilinear ladder's four poles crowd towards z = −1 (w = tan(π·fc/fs) → ∞), and a time-varying
// cutoff there turns the output hypersensitive to the parameters: a 1e-5 change of the filter
// envelope's attack once moved the loudness of whole frames by several per cent, which left an
// optimiser nothing smooth to follow. The clamp keeps the poles well inside the unit circle.
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { SynthPlant } from '../plant/synth-plant';
import { presetPatch } from '../presets/presets';

/** A subtractive patch whose filter envelope sweeps cutoff·2^(1.97·env) up to ≈ 15 kHz. */
const SWEPT_PAST_THE_TOP: Record<string, number> = {
  'osc.frequency': 119.4,
  'osc.detune': 0,
  'osc.phase': 337.2,
  'filterEnv.attack': 0.2538,
  'filterEnv.decay': 0.035,
  'filterEnv.sustain': 0.657,
  'filterEnv.release': 0.0389,
  'filterEnv.noteOff': 0.6, // the note-off every envelope had before it was learnable
  'vcf.cutoff': 3760,
  'vcf.resonance': 0.396,
  'vcf.cutoffModulation': 1.973,
  'ampEnv.attack': 0.00184,
  'ampEnv.decay': 0.0707,
  'ampEnv.sustain': 0.821,
  'ampEnv.release': 0.164,
  'ampEnv.noteOff': 0.6,
  'vca.gain': 0.646,
  'vca.amount': 1,
};

describe('ladder filter at the top of its cutoff range', () => {
  beforeAll(() => useBackend('cpu'));

  for (const sampleRate of [16000, 44100]) {
    it(`a cutoff swept past the clamp changes the sound smoothly with the envelope (${sampleRate} Hz)`, () => {
      const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate });
      const base = Float64Array.from(
        plant.toNormalised(plant.parameterNames.map((n) => SWEPT_PAST_THE_TOP[n]!)),
      );
      const samples = Math.round(0.5 * sampleRate);
      const render = (u: Float64Array) =>
        tf.tidy(() => plant.render(tf.tensor2d(Float32Array.from(u), [1, u.length]), samples).dataSync());
      const y0 = render(base);
      const energy = Math.hypot(...y0);
      for (const name of ['filterEnv.attack', 'vcf.cutoff', 'vcf.cutoffModulation']) {
        const i = plant.parameterNames.indexOf(name);
        // Relative change of the whole waveform per unit of normalised parameter, at three step sizes.
        const slopes = [1e-5, 1e-4, 1e-3].map((h) => {
          const u = Float64Array.from(base);
          u[i]! += h;
          const y = render(u);
          let d = 0;
          for (let k = 0; k < y.length; k++) d += (y[k]! - y0[k]!) ** 2;
          return Math.sqrt(d) / energy / h;
        });
        // Smooth: a bounded slope at every step size (hypersensitive, it was in the hundreds).
        for (const slope of slopes) expect(slope, name).toBeLessThan(20);
      }
    });
  }
});
