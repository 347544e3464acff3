import { analyzeTarget, centsBetween } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisInitial, parameterRoles } from './analysis-initial';
import { Trainer } from './trainer';

const SR = 16000;

/** Audio of `plant` at physical values `set` (by name) over the patch's own values. */
function renderWith(plant: SynthPlant, set: Record<string, number>, seconds: number): Float32Array {
  const physical = plant.describe().map((row) => set[row.name] ?? row.value);
  const u = Float32Array.from(plant.toNormalised(physical));
  const audio = tf.tidy(() =>
    plant.render(tf.tensor2d(u, [1, plant.parameterCount]), Math.round(seconds * SR)),
  );
  const out = Float32Array.from(audio.dataSync());
  audio.dispose();
  return out;
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

/** A sine at `hz` whose amplitude rises linearly over `attack` seconds, then holds. */
function slowSine(hz: number, attack: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, n) => {
    const t = n / SR;
    return 0.3 * Math.min(1, t / attack) * Math.sin(2 * Math.PI * hz * t);
  });
}

describe('parameterRoles', () => {
  it('reads pitch, cutoffs, gains and envelope times from units, names and module kinds', () => {
    const roles = (preset: 'subtractive' | 'fm' | 'additive') => {
      const plant = new SynthPlant(presetPatch(preset), { sampleRate: SR });
      const rows = plant.describe();
      return Object.fromEntries(parameterRoles(rows).map((role, i) => [rows[i]!.name, role]));
    };
    expect(roles('subtractive')).toEqual({
      'osc.frequency': 'pitch',
      'osc.detune': 'preset',
      'osc.phase': 'preset',
      'filterEnv.attack': 'attack',
      'filterEnv.decay': 'decay',
      'filterEnv.sustain': 'sustain',
      'filterEnv.noteOff': 'note-off',
      'filterEnv.release': 'release',
      'vcf.cutoff': 'cutoff',
      'vcf.resonance': 'preset',
      'vcf.cutoffModulation': 'preset',
      'ampEnv.attack': 'attack',
      'ampEnv.decay': 'decay',
      'ampEnv.sustain': 'sustain',
      'ampEnv.noteOff': 'note-off',
      'ampEnv.release': 'release',
      'vca.gain': 'gain',
      'vca.amount': 'preset',
    });
    const fm = roles('fm');
    expect([fm['modulator.frequency'], fm['carrier.frequency'], fm['carrier.fmDepth']]).toEqual([
      'pitch',
      'pitch',
      'pitch-depth',
    ]);
    const additive = roles('additive');
    expect([
      additive['harmonics.frequency'],
      additive['noiseFilter.frequency'],
      additive['mix.gain2'],
    ]).toEqual(['pitch', 'cutoff', 'gain']);
    // a curve's points share their parameter's role; a note-off time in seconds is recognised
    expect(
      parameterRoles([
        { name: 'osc.frequency[0]', unit: 'Hz', min: 20, max: 8000, value: 220 },
        { name: 'env.noteOff', unit: 'seconds', min: 0, max: 4, value: 0.6 },
        { name: 'lfo.rate', unit: 'Hz', min: 0.1, max: 20, value: 5 },
      ]),
    ).toEqual(['pitch', 'note-off', 'preset']);
  });
});

describe('analysisInitial', () => {
  beforeAll(() => useBackend('cpu'));

  it("starts a preset at a target's pitch, level and brightness (rendered by the preset itself)", () => {
    for (const preset of ['subtractive', 'fm', 'additive'] as const) {
      const plant = new SynthPlant(presetPatch(preset), { sampleRate: SR });
      const rows = plant.describe();
      const pitchName = rows.find(
        (r) => r.unit === 'Hz' && !r.processesInput && Math.abs(r.value - 220) < 1e-6,
      )!.name;
      // the truth: 370 Hz, gain at 0.35 (a quieter patch than the preset's)
      const truth: Record<string, number> = { [pitchName]: 370 };
      for (const r of rows) {
        if (r.unit === 'Hz' && !r.processesInput && r.name !== pitchName)
          truth[r.name] = (r.value * 370) / 220;
        if (r.unit === 'gain') truth[r.name] = r.value * 0.35;
      }
      const target = renderWith(plant, truth, 0.5);
      const before = tf.memory().numTensors;
      const start = analysisInitial(plant, target);
      expect(tf.memory().numTensors).toBe(before);
      expect(start.renders).toBeGreaterThan(0);
      expect(start.renders).toBeLessThanOrEqual(3);
      const physical = Object.fromEntries(rows.map((r, i) => [r.name, start.physical[i]!]));
      expect(Math.abs(centsBetween(370, physical[pitchName]!)), preset).toBeLessThan(10);
      // the start renders at the target's pitch (measured on the audio) and level
      const audio = renderWith(plant, physical, 0.5);
      expect(Math.abs(centsBetween(370, analyzeTarget(audio, SR).pitch.f0Hz)), preset).toBeLessThan(10);
      expect(Math.abs(20 * Math.log10(rms(audio) / rms(target))), preset).toBeLessThan(1.5);
      // the normalised vector is the physical one through the plant's own mapping
      Array.from(plant.toNormalised(start.physical)).forEach((u, i) => {
        expect(start.normalised[i]).toBeCloseTo(u, 6);
      });
    }
  });

  it('reads a slow attack and a held note from the envelope', () => {
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
    const start = analysisInitial(plant, slowSine(440, 0.4, 1));
    const value = (name: string) => start.physical[plant.parameterNames.indexOf(name)]!;
    // the RMS envelope peaks about when the ramp ends (30 ms frames)
    expect(Math.abs(value('ampEnv.attack') - 0.4)).toBeLessThan(0.05);
    expect(value('ampEnv.sustain')).toBeGreaterThan(0.9);
    expect(value('filterEnv.attack')).toBeCloseTo(value('ampEnv.attack'), 9);
    // parameters with no measurement keep the preset's values
    expect(value('vcf.resonance')).toBeCloseTo(0.3, 9);
    expect(value('osc.phase')).toBeCloseTo(0, 9);
  });

  it('takes an f0 hint over the analysis, and names bad input', () => {
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
    const audio = slowSine(440, 0.01, 0.5);
    const hinted = analysisInitial(plant, audio, { f0Hz: 220, calibrationRenders: 0 });
    expect(hinted.renders).toBe(0);
    expect(hinted.f0Hz).toBe(220);
    expect(hinted.physical[0]).toBeCloseTo(220, 6);
    expect(Math.abs(centsBetween(440, analysisInitial(plant, audio).physical[0]!))).toBeLessThan(5);
    expect(() => analysisInitial(plant, audio, { f0Hz: -3 })).toThrow(
      /analysisInitial: f0Hz must be a positive number of Hz, got -3/,
    );
    expect(() => analysisInitial(plant, audio, { calibrationRenders: 1.5 })).toThrow(/calibrationRenders/);
    const bare = { sampleRate: SR, parameterCount: 1, render: plant.render.bind(plant) };
    expect(() => analysisInitial(bare as never, audio)).toThrow(/must describe its parameters' units/);
  });

  it("is the trainer's initial: 'analysis', whose renders count as evaluations", () => {
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
    const audio = slowSine(330, 0.05, 0.5);
    const target = tf.tensor2d(audio, [1, audio.length]);
    const expected = analysisInitial(plant, audio, { f0Hz: 300 });
    const trainer = new Trainer({ plant, target, initial: { from: 'analysis', f0Hz: 300 } });
    expect(Array.from(trainer.parameters)).toEqual(Array.from(expected.normalised));
    expect(trainer.evaluations).toBe(expected.renders);
    trainer.dispose();
    expect(() => new Trainer({ plant, target, initial: 'preset' as never })).toThrow(
      /options.initial must be normalised values, 'analysis' or/,
    );
    target.dispose();
  });
});
