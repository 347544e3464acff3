import { describe, expect, it } from 'vitest';
import { sawtoothPartials, trianglePartials } from '../modules/waveforms';
import { harmonicForwardJacobian } from './harmonic';

const SR = 16000;
const N = 4000;

/** A wrapped running phase at `hz`, as the oscillators accumulate it. */
function runningPhase(hz: number): Float64Array {
  const out = new Float64Array(N);
  let acc = 0.1;
  for (let n = 0; n < N; n++) {
    out[n] = acc;
    acc += hz / SR;
    acc -= Math.floor(acc);
  }
  return out;
}

describe('fixed-table harmonic Jacobian at a constant frequency', () => {
  it('equals the per-sample path (y, ∂y/∂φ, ∂y/∂f) for sawtooth and triangle tables', () => {
    for (const [table, hz] of [
      [sawtoothPartials(128), 220],
      [sawtoothPartials(128), 1100], // 7 × 1100 Hz lies in the fade band below Nyquist
      [trianglePartials(64), 311],
    ] as const) {
      const amplitudes = Float64Array.from(table);
      const shape = { batch: 1, samples: N, partials: amplitudes.length, amplitudeRows: 1, sampleRate: SR };
      const phase = runningPhase(hz);
      const run = (frequency: Float64Array, colStride: number) => {
        const out = [new Float64Array(N), new Float64Array(N), new Float64Array(N)] as const;
        harmonicForwardJacobian(phase, frequency, 0, colStride, amplitudes, shape, ...out);
        return out;
      };
      const constant = run(Float64Array.of(hz), 0); // the constant-frequency row
      const perSample = run(new Float64Array(N).fill(hz), 1); // the general path
      constant.forEach((values, o) => {
        const scale = Math.max(...perSample[o]!.map(Math.abs));
        expect(scale).toBeGreaterThan(0);
        for (let i = 0; i < N; i++)
          expect(Math.abs(values[i]! - perSample[o]![i]!)).toBeLessThan(1e-11 * scale);
      });
    }
  });
});
