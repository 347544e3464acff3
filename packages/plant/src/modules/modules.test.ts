import '@ae-ddsp/tfjs-gradients';
import { tf, useBackend } from '@ae-ddsp/testing';
import { describe, expect, it } from 'vitest';
import { FusedOps } from '../fused/fused-ops';
import { renderFused } from '../fused/fused-render';
import type { Patch } from '../graph/patch';
import { createPatch, node } from '../graph/patch-io';
import { SynthPlant } from '../plant/synth-plant';
import { magnitudeSpectrum, peakFrequency } from '../test-support/spectrum';
import { crossfadeModule } from './crossfade';
import type { OptionValue } from './module-definition';
import { HARD_CLIP_SHARPNESS, waveshaperModule } from './waveshaper';

function single(type: string, options: Record<string, OptionValue>, params: Record<string, number>): Patch {
  return createPatch({ nodes: [node('m', type, { options, params })], output: 'm.out' });
}

/** Renders a patch's initial values on the fused engine, and with tfjs ops on wasm. */
async function renderBoth(
  patch: Patch,
  sampleRate: number,
  samples: number,
): Promise<[Float64Array, Float32Array]> {
  const plant = new SynthPlant(patch, { sampleRate, engine: 'tensor' });
  const ref = renderFused(plant, plant.initialNormalised(), 1, samples);
  await useBackend('wasm');
  const p = plant.initialParameters(1);
  const y = plant.render(p, samples);
  const values = y.dataSync() as Float32Array;
  tf.dispose([p, y]);
  await useBackend('cpu');
  return [ref, values];
}

describe('oscillators', () => {
  it('sit at their frequency (spectral peak within 0.5 Hz at 1 s), detune in cents included', async () => {
    const sr = 16000;
    for (const waveform of ['sine', 'sawtooth', 'square', 'triangle']) {
      for (const [frequency, detune] of [
        [261.63, 0],
        [1234.5, 0],
        [440, 100],
      ] as const) {
        const expected = frequency * 2 ** (detune / 1200);
        const [ref, wasm] = await renderBoth(
          single('oscillator', { waveform }, { frequency, detune, phase: 0 }),
          sr,
          sr,
        );
        expect(Math.abs(peakFrequency(ref, sr, 65536) - expected)).toBeLessThan(0.5);
        expect(Math.abs(peakFrequency(wasm, sr, 65536) - expected)).toBeLessThan(0.5);
      }
    }
  });

  it('put no energy above Nyquist: off-harmonic energy below −100 dB (float64) and −70 dB (wasm, float32)', async () => {
    // 1280 Hz at 16384 Hz: harmonics sit exactly on DFT bins, and images of partials above
    // Nyquist (e.g. 7·1280 → 7424 Hz) would land between them
    const sr = 16384;
    // Hann-windowed, so that leakage from the (float32-mapped) harmonics is negligible 50 bins away
    const offHarmonic = (x: ArrayLike<number>) => {
      const windowed = Float64Array.from(
        x,
        (v, n) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * n) / x.length)),
      );
      const mag = magnitudeSpectrum(windowed, sr);
      let total = 0;
      let off = 0;
      mag.forEach((m, k) => {
        total += m * m;
        const distance = Math.abs(k - 1280 * Math.round(k / 1280));
        if (distance > 50) off += m * m;
      });
      return 10 * Math.log10(off / total);
    };
    for (const waveform of ['sawtooth', 'square', 'triangle']) {
      const [ref, wasm] = await renderBoth(
        single('oscillator', { waveform }, { frequency: 1280, detune: 0, phase: 0 }),
        sr,
        sr,
      );
      expect(offHarmonic(ref)).toBeLessThan(-100);
      expect(offHarmonic(wasm)).toBeLessThan(-70);
    }
    // the measurement is sensitive: a naive (aliasing) sawtooth is far above the floor
    const naive = Float64Array.from({ length: sr }, (_, n) => 2 * (((n * 1280) / sr + 0.5) % 1) - 1);
    expect(offHarmonic(naive)).toBeGreaterThan(-40);
  });

  it('waveforms have their textbook values (band-limited, so compared where they are smooth)', () => {
    const sr = 48000;
    const f = 50; // 480 partials: close to the ideal shapes away from the edges
    const wave = (waveform: string, extra: Record<string, number> = {}) => {
      const plant = new SynthPlant(
        single('oscillator', { waveform, partials: 512 }, { frequency: f, detune: 0, phase: 0, ...extra }),
        {
          sampleRate: sr,
        },
      );
      return renderFused(plant, plant.initialNormalised(), 1, sr / f);
    };
    const at = (x: Float64Array, phase: number) => x[Math.round(phase * x.length)]!;
    const saw = wave('sawtooth');
    expect(at(saw, 0.25)).toBeCloseTo(-0.5, 2); // 2φ − 1
    expect(at(saw, 0.75)).toBeCloseTo(0.5, 2);
    const tri = wave('triangle');
    expect(at(tri, 0.25)).toBeCloseTo(1, 2);
    expect(at(tri, 0.5)).toBeCloseTo(0, 2);
    const pulse = wave('square', { pulseWidth: 0.25 });
    expect(at(pulse, 0.125)).toBeCloseTo(1, 1);
    expect(at(pulse, 0.6)).toBeCloseTo(-1, 1);
    const mean = pulse.reduce((s, v) => s + v, 0) / pulse.length;
    expect(mean).toBeCloseTo(2 * 0.25 - 1, 2); // duty cycle 25 %
  });

  it('phase (degrees) shifts the start; the seeded noise is reproducible and uniform in [−1, 1)', () => {
    const plant = new SynthPlant(single('oscillator', {}, { frequency: 100, detune: 0, phase: 90 }), {
      sampleRate: 8000,
    });
    expect(renderFused(plant, plant.initialNormalised(), 1, 4)[0]).toBeCloseTo(1, 10);
    const noise = new SynthPlant(single('noise', { seed: 42 }, { gain: 1 }), { sampleRate: 8000 });
    const u = [...noise.initialNormalised(), ...noise.initialNormalised()];
    const a = renderFused(noise, u, 2, 8000);
    const b = renderFused(noise, u, 2, 8000);
    expect(a).toEqual(b);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(a.slice(0, 8000)).not.toEqual(a.slice(8000)); // each patch in a batch has its own stream
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + v * v, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1 / 3, 2);
  });
});

describe('envelopes and modulators', () => {
  const adsr = (params: Record<string, number>, noteOff: number) => {
    const plant = new SynthPlant(single('adsr', { noteOff }, params), { sampleRate: 1000 });
    return renderFused(plant, plant.initialNormalised(), 1, 1000);
  };

  it('ADSR has the hand-computed shape', () => {
    const env = adsr({ attack: 0.1, decay: 0.2, sustain: 0.5, release: 0.3 }, 0.6);
    const expected: [number, number][] = [
      [0, 0],
      [50, 0.5],
      [100, 1],
      [200, 0.75],
      [300, 0.5],
      [450, 0.5],
      [600, 0.5],
      [750, 0.25],
      [900, 0],
      [999, 0],
    ];
    for (const [n, v] of expected) expect(env[n]).toBeCloseTo(v, 6);
  });

  it('ADSR released during the attack falls from the level reached', () => {
    const env = adsr({ attack: 0.5, decay: 0.1, sustain: 0.5, release: 0.2 }, 0.25);
    expect(env[250]).toBeCloseTo(0.5, 6);
    expect(env[350]).toBeCloseTo(0.25, 6);
    expect(env[450]).toBeCloseTo(0, 6);
  });

  it('the ADSR on tfjs ops (wasm) equals the fused float64 envelope', async () => {
    const patch = single('adsr', { noteOff: 0.6 }, { attack: 0.1, decay: 0.2, sustain: 0.5, release: 0.3 });
    const [ref, wasm] = await renderBoth(patch, 1000, 1000);
    for (let i = 0; i < ref.length; i++) expect(wasm[i]).toBeCloseTo(ref[i]!, 5);
  });

  it('LFO waveforms, rate and depth', () => {
    const lfo = (waveform: string) => {
      const plant = new SynthPlant(single('lfo', { waveform }, { rate: 2, depth: 0.5 }), {
        sampleRate: 1000,
      });
      return renderFused(plant, plant.initialNormalised(), 1, 1000);
    };
    expect(lfo('sine')[125]).toBeCloseTo(0.5, 6); // quarter cycle of 2 Hz
    expect(lfo('sine')[375]).toBeCloseTo(-0.5, 6);
    expect(lfo('triangle')[125]).toBeCloseTo(0.5, 6);
    expect(lfo('triangle')[250]).toBeCloseTo(0, 6);
    expect(lfo('sawtooth')[0]).toBeCloseTo(0, 6);
    expect(lfo('sawtooth')[125]).toBeCloseTo(0.25, 6);
    expect(lfo('square')[125]).toBeCloseTo(0.5, 6);
    expect(lfo('square')[375]).toBeCloseTo(-0.5, 6);
  });
});

describe('waveshapers, mixer, crossfade, VCA', () => {
  const x = Float32Array.from({ length: 41 }, (_, i) => -2 + i / 10);
  const shape = (kind: string, drive: number, bias: number) => {
    const ops = new FusedOps(1, x.length, 16000);
    const out = waveshaperModule.render(ops, {
      inputs: { in: ops.curve(x, 1) },
      params: { drive: ops.constant(drive), bias: ops.constant(bias) },
      options: { shape: kind },
    });
    return ops.audio(out['out']!).values;
  };

  it('tanh, soft and smooth hard clip follow their formulas (bias removed at zero input)', () => {
    const tanh = shape('tanh', 2, 0.3);
    const soft = shape('soft', 1, 0);
    const hard = shape('hard', 1, 0);
    x.forEach((v, i) => {
      expect(tanh[i]).toBeCloseTo(Math.tanh(2 * v + 0.3) - Math.tanh(0.3), 10);
      const c = Math.max(-1, Math.min(1, v));
      expect(soft[i]).toBeCloseTo(1.5 * c - 0.5 * c ** 3, 10);
      const p = HARD_CLIP_SHARPNESS;
      expect(hard[i]).toBeCloseTo(v / (1 + Math.abs(v) ** p) ** (1 / p), 10);
      expect(Math.abs(hard[i]! - c)).toBeLessThan(0.1); // close to a hard clip
    });
    expect(shape('tanh', 3, 0.5)[20]).toBeCloseTo(0, 12); // zero in, zero out
  });

  it('the crossfade keeps constant power between orthogonal inputs', () => {
    const n = 1000;
    const a = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 10 * i) / n));
    const b = Float32Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
    for (const fade of [0, 0.2, 0.5, 0.9, 1]) {
      const ops = new FusedOps(1, n, 1000);
      const y = ops.audio(
        crossfadeModule.render(ops, {
          inputs: { a: ops.curve(a, 1), b: ops.curve(b, 1) },
          params: { fade: ops.constant(fade) },
          options: {},
        })['out']!,
      ).values;
      const power = y.reduce((s, v) => s + v * v, 0) / n;
      expect(power).toBeCloseTo(0.5, 6);
    }
  });

  it('mixer sums gains × inputs; the VCA applies gain and amount', () => {
    const patch = createPatch({
      nodes: [
        node('a', 'oscillator', { params: { frequency: 100, detune: 0, phase: 90 } }),
        node('b', 'oscillator', { params: { frequency: 100, detune: 0, phase: 0 } }),
        node('mix', 'mixer', { params: { gain1: 0.5, gain2: 2 } }),
        node('lfo', 'lfo', { params: { rate: 1, depth: 1 } }),
        node('vca', 'vca', { params: { gain: 0.8, amount: 0.25 } }),
      ],
      connections: [
        { from: 'a.out', to: 'mix.in1' },
        { from: 'b.out', to: 'mix.in2' },
        { from: 'mix.out', to: 'vca.in' },
        { from: 'lfo.out', to: 'vca.gain' },
      ],
      output: 'vca.out',
    });
    const plant = new SynthPlant(patch, { sampleRate: 1000 });
    const y = renderFused(plant, plant.initialNormalised(), 1, 1000);
    for (const n of [0, 37, 250, 613]) {
      const t = n / 1000;
      const mix = 0.5 * Math.cos(2 * Math.PI * 100 * t) + 2 * Math.sin(2 * Math.PI * 100 * t);
      const control = Math.sin(2 * Math.PI * t);
      expect(y[n]).toBeCloseTo(0.8 * mix * (0.75 + 0.25 * control), 6);
    }
  });

  it('seed-stub is exactly the seed toy synth, with its linspace(0, n/sr, n) time axis', () => {
    const n = 1000;
    const sr = 16000;
    const patch = createPatch({
      nodes: [
        node('sine', 'seed-sine', { params: { frequency: 220 } }),
        node('shaper', 'seed-shaper', { params: { cutoff: 3000, res: 0.25 } }),
      ],
      connections: [{ from: 'sine.out', to: 'shaper.in' }],
      output: 'shaper.out',
    });
    const plant = new SynthPlant(patch, { sampleRate: sr });
    const y = renderFused(plant, plant.initialNormalised(), 1, n);
    for (const i of [0, 1, 500, n - 1]) {
      const t = (i * (n / sr)) / (n - 1);
      expect(y[i]).toBeCloseTo(Math.tanh((3000 / 2000) * Math.sin(2 * Math.PI * 220 * t)) * (1 - 0.25), 5);
    }
  });
});
