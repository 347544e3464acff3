import { BACKENDS, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTape, runTensor, type SignalProgram } from '../test-support/engines';
import { dftAt } from '../test-support/spectrum';
import { biquadFilter } from './biquad-filter';
import { LADDER_Q_MAX, ladderFilter } from './ladder-filter';
import { whiteNoise } from './random';

const SR = 16000;
const N = 4096;

/** |H| of the analog ladder prototype at digital frequency ω through the prewarped bilinear map. */
function ladderMagnitude(omega: number, cutoff: number, k: number): number {
  const x = Math.tan(omega / 2) / Math.tan((Math.PI * cutoff) / SR);
  // (1 + jx)^4 = 1 − 6x² + x⁴ + j(4x − 4x³)
  const re = 1 - 6 * x * x + x ** 4 + k;
  const im = 4 * x - 4 * x ** 3;
  return 1 / Math.hypot(re, im);
}

function biquadMagnitude(mode: string, omega: number, f0: number, q: number): number {
  const x = Math.tan(omega / 2) / Math.tan((Math.PI * f0) / SR);
  const den = Math.hypot(1 - x * x, x / q);
  const num =
    mode === 'lowpass' ? 1 : mode === 'highpass' ? x * x : mode === 'bandpass' ? x / q : Math.abs(1 - x * x);
  return num / den;
}

const impulseProgram =
  (filter: <S>(ops: import('../signal/signal-ops').SignalOps<S>, x: S) => S): SignalProgram =>
  (ops) => {
    const x = new Float32Array(ops.samples);
    x[0] = 1;
    return filter(ops, ops.curve(x, 1));
  };

function checkResponse(y: ArrayLike<number>, expected: (omega: number) => number, tolerance: number): void {
  for (const hz of [50, 300, 700, 1000, 1500, 3000, 6000, 7900]) {
    const omega = (2 * Math.PI * hz) / SR;
    const [re, im] = dftAt(y, omega);
    const want = expected(omega);
    expect(Math.abs(Math.hypot(re, im) - want)).toBeLessThan(tolerance * Math.max(want, 1e-3));
  }
}

describe('filters on the fused engine', () => {
  it('ladder magnitude response equals the analytic prewarped 4-pole curve', () => {
    for (const [cutoff, resonance] of [
      [1000, 0],
      [1000, 0.5],
      [300, 0.9],
      [5000, 0.7],
    ] as const) {
      const k = (LADDER_Q_MAX * resonance) ** 4;
      const y = runTape(
        impulseProgram((ops, x) =>
          ladderFilter(ops, x, ops.constant(cutoff), ops.constant(LADDER_Q_MAX * resonance)),
        ),
        1,
        N,
        SR,
      );
      checkResponse(y, (w) => ladderMagnitude(w, cutoff, k), 1e-4);
    }
  });

  it('biquad LP / HP / BP / notch magnitude responses equal the analytic curves', () => {
    for (const mode of ['lowpass', 'highpass', 'bandpass', 'notch']) {
      for (const [f0, q] of [
        [1000, Math.SQRT1_2],
        [2500, 4],
      ] as const) {
        const y = runTape(
          impulseProgram((ops, x) => biquadFilter(ops, mode, x, ops.constant(f0), ops.constant(q))),
          1,
          N,
          SR,
        );
        checkResponse(y, (w) => biquadMagnitude(mode, w, f0, q), 1e-4);
      }
    }
  });

  it('ladder at full resonance rings but stays bounded and never grows, for every cutoff and rate', () => {
    for (const sr of [16000, 48000]) {
      for (const cutoff of [20, 200, 2000, 7900, 0.49 * sr]) {
        const y = runTape(
          impulseProgram((ops, x) => ladderFilter(ops, x, ops.constant(cutoff), ops.constant(LADDER_Q_MAX))),
          1,
          sr,
          sr,
        );
        const peak = Math.max(...y.map(Math.abs));
        const head = Math.max(...y.subarray(0, sr / 10).map(Math.abs));
        const tail = Math.max(...y.subarray(sr - sr / 10).map(Math.abs));
        expect(Number.isFinite(peak)).toBe(true);
        expect(peak).toBeLessThan(2);
        expect(tail).toBeLessThanOrEqual(head);
      }
    }
  });
});

for (const backend of BACKENDS) {
  describe(`filters on the tensor engine (${backend})`, () => {
    beforeAll(() => useBackend(backend));

    it('ladder and biquad impulse responses match the analytic curves', () => {
      const n = 2048;
      const q = LADDER_Q_MAX * 0.7;
      const k = q ** 4;
      const ladder = runTensor(
        impulseProgram((ops, x) => ladderFilter(ops, x, ops.constant(1200), ops.constant(q))),
        1,
        n,
        SR,
      );
      checkResponse(ladder, (w) => ladderMagnitude(w, 1200, k), 2e-3);
      const bp = runTensor(
        impulseProgram((ops, x) => biquadFilter(ops, 'bandpass', x, ops.constant(2000), ops.constant(2))),
        1,
        n,
        SR,
      );
      checkResponse(bp, (w) => biquadMagnitude('bandpass', w, 2000, 2), 2e-3);
    });

    it('time-varying cutoff: the kernel / composite path equals the fused engine', () => {
      const n = 1024;
      const noise = whiteNoise(3, 1, n);
      const sweep = new Float32Array(n).map((_, i) => 100 * 2 ** ((6 * i) / n)); // 100 Hz → 6.4 kHz
      const program: SignalProgram = (ops) => {
        const x = ops.curve(noise, 1);
        const f = ops.curve(sweep, 1);
        const lp = ladderFilter(ops, x, f, ops.constant(LADDER_Q_MAX * 0.9));
        return ops.add(lp, biquadFilter(ops, 'notch', x, f, ops.constant(3)));
      };
      const ref = runTape(program, 1, n, SR);
      const got = runTensor(program, 1, n, SR);
      const peak = Math.max(...ref.map(Math.abs));
      // float32 coefficients on both paths, plus the float32 parallel scan on wasm
      const tolerance = (backend === 'cpu' ? 1e-4 : 1e-3) * peak;
      for (let i = 0; i < n; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThan(tolerance);
    });
  });
}
