import { describe, expect, it } from 'vitest';
import { sawtoothPartials, trianglePartials } from '../../modules/waveforms';
import { harmonicForwardJacobian } from './harmonic-jacobian';

const SR = 16000;

/** A wrapped running phase at `hz` over `samples`, as the oscillators accumulate it. */
function runningPhase(hz: number, samples: number): Float64Array {
  const out = new Float64Array(samples);
  let acc = 0.1;
  for (let n = 0; n < samples; n++) {
    out[n] = acc;
    acc += hz / SR;
    acc -= Math.floor(acc);
  }
  return out;
}

/** The constant-frequency row against the general per-sample path (y, ∂y/∂φ, ∂y/∂f). */
function expectRowsAgree(table: ArrayLike<number>, hz: number, phase: Float64Array): void {
  const samples = phase.length;
  const amplitudes = Float64Array.from(table);
  const shape = { batch: 1, samples, partials: amplitudes.length, amplitudeRows: 1, sampleRate: SR };
  const run = (frequency: Float64Array, colStride: number) => {
    const out = [new Float64Array(samples), new Float64Array(samples), new Float64Array(samples)] as const;
    harmonicForwardJacobian(phase, frequency, 0, colStride, amplitudes, shape, ...out);
    return out;
  };
  const constant = run(Float64Array.of(hz), 0); // the constant-frequency row
  const perSample = run(new Float64Array(samples).fill(hz), 1); // the general path
  constant.forEach((values, o) => {
    const scale = Math.max(...perSample[o]!.map(Math.abs));
    if (o < 2) expect(scale).toBeGreaterThan(0); // ∂y/∂f is 0 without a fade band
    let worst = 0;
    let at = 0;
    for (let i = 0; i < samples; i++) {
      const e = Math.abs(values[i]! - perSample[o]![i]!);
      if (e > worst || Number.isNaN(e)) [worst, at] = [e, i];
      if (Number.isNaN(e)) break; // a NaN stays the worst error
    }
    expect(worst, `output ${o} at sample ${at}`).toBeLessThanOrEqual(1e-11 * scale);
  });
}

describe('fixed-table harmonic Jacobian at a constant frequency', () => {
  it('equals the per-sample path for sawtooth and triangle tables', () => {
    expectRowsAgree(sawtoothPartials(128), 220, runningPhase(220, 4000));
    expectRowsAgree(sawtoothPartials(128), 1100, runningPhase(1100, 4001)); // 7 × 1100 Hz in the fade band; odd length
    expectRowsAgree(sawtoothPartials(128), 55, runningPhase(55, 3000)); // every partial below Nyquist
    expectRowsAgree(trianglePartials(64), 311, runningPhase(311, 4000));
  });

  it('equals it where the phase leaves a straight line (jumps, jitter, another step)', () => {
    const phase = runningPhase(220, 4000);
    for (let n = 1000; n < 4000; n++) phase[n] = (phase[n]! + 0.37) % 1; // a jump inside a block
    for (let n = 1500; n < 1700; n++) phase[n] = phase[n]! + 3e-14 * Math.sin(n); // rounding-level jitter
    for (let n = 2000; n < 2100; n++) phase[n] = phase[n]! + 1e-9 * (n % 7); // beyond the line's tolerance
    const faster = runningPhase(233, 4000); // a different step from sample 3000 on
    for (let n = 3000; n < 4000; n++) phase[n] = faster[n]!;
    expectRowsAgree(sawtoothPartials(128), 220, phase);
    const scattered = Float64Array.from({ length: 600 }, (_, n) => (Math.sin(n * 12.9898) * 43758.5453) % 1);
    expectRowsAgree(
      sawtoothPartials(32),
      220,
      scattered.map((p) => p - Math.floor(p)),
    );
  });
});
