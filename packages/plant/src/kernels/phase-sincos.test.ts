import { describe, expect, it } from 'vitest';
import { ANCHOR_SAMPLES, phaseSinCos } from './phase-sincos';

/** Largest |error| of phaseSinCos against Math.sin / Math.cos over `phase`. */
function maxError(phase: Float64Array): number {
  const sin = new Float64Array(phase.length);
  const cos = new Float64Array(phase.length);
  phaseSinCos(phase, 0, phase.length, sin, cos);
  let worst = 0;
  phase.forEach((p, i) => {
    worst = Math.max(
      worst,
      Math.abs(sin[i]! - Math.sin(2 * Math.PI * p)),
      Math.abs(cos[i]! - Math.cos(2 * Math.PI * p)),
    );
  });
  return worst;
}

/** An oscillator's wrapped running phase at `hz` (the way the plant accumulates it). */
function runningPhase(hz: number, samples: number, sampleRate: number, start = 0): Float64Array {
  const out = new Float64Array(samples);
  let acc = start;
  for (let n = 0; n < samples; n++) {
    out[n] = acc;
    acc += hz / sampleRate;
    acc -= Math.floor(acc);
  }
  return out;
}

describe('phaseSinCos', () => {
  it('equals Math.sin / Math.cos of 2π·phase to 1e-14 for steady oscillator phases', () => {
    for (const [hz, rate] of [
      [220, 16000],
      [27.5, 48000],
      [7999, 16000],
      [4186, 44100],
    ] as const) {
      expect(maxError(runningPhase(hz, 20000, rate, 0.3))).toBeLessThan(1e-14);
    }
  });

  it('stays exact through phase jumps, frequency sweeps, random phases and a subrange', () => {
    const n = 5000;
    const jumps = runningPhase(330, n, 16000).map((p, i) => (i % 777 === 5 ? (p + 0.37) % 1 : p));
    let acc = 0;
    const sweep = Float64Array.from({ length: n }, (_, i) => {
      acc += (100 + i) / 16000;
      return acc - Math.floor(acc);
    });
    const random = Float64Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    for (const phase of [jumps, sweep, random]) expect(maxError(phase)).toBeLessThan(1e-14);
    // a subrange writes only its own indices
    const phase = runningPhase(440, 300, 16000);
    const sin = new Float64Array(300).fill(7);
    const cos = new Float64Array(300).fill(7);
    phaseSinCos(phase, 100, 3 * ANCHOR_SAMPLES, sin, cos);
    expect(sin[99]).toBe(7);
    expect(cos[100 + 3 * ANCHOR_SAMPLES]).toBe(7);
    for (let i = 100; i < 100 + 3 * ANCHOR_SAMPLES; i++)
      expect(Math.abs(sin[i]! - Math.sin(2 * Math.PI * phase[i]!))).toBeLessThan(1e-14);
  });
});
