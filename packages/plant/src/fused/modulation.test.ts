import { describe, expect, it } from 'vitest';
import type { SignalOps } from '../signal/signal-ops';
import { FusedOps, type FusedSignal } from './fused-ops';

const N = 300;
const BATCH = 2;
const MAX_HZ = 3600;

/** Hides the engine's fused modulation ops, so the modules' composed formulas run on the same engine. */
function composedOnly(ops: FusedOps): SignalOps<FusedSignal> {
  return new Proxy(ops, {
    get: (target, key) => {
      if (key === 'amplitudeModulation' || key === 'octaveModulation') return undefined;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value; // private fields need the real receiver
    },
  }) as unknown as SignalOps<FusedSignal>;
}

const wave = (length: number, seed: number, offset: number, depth: number) =>
  Float64Array.from({ length }, (_, i) => offset + depth * Math.sin(seed * 1.7 + i * 0.0731 * seed));

/** Inputs of both shapes: per-patch constants `[2, 1]` and signals `[2, N]`. */
const constant = (a: number, b: number) => ({ values: Float64Array.of(a, b), cols: 1 });
const signal = (seed: number, offset: number, depth: number) => ({
  values: wave(BATCH * N, seed, offset, depth),
  cols: N,
});
type Input = { values: Float64Array; cols: number };

/** Output and every input's gradient of Σ g·f(inputs), fused or composed, on the fused engine. */
function run(
  f: (ops: SignalOps<FusedSignal>, s: FusedSignal[]) => FusedSignal,
  inputs: Input[],
  fused: boolean,
) {
  const ops = new FusedOps(BATCH, N, 16000);
  const signals = inputs.map((x) => ops.input(Float64Array.from(x.values), BATCH, x.cols));
  const y = ops.audio(f(fused ? ops : composedOnly(ops), signals));
  ops.backward(y, wave(BATCH * N, 11, 0, 1));
  return { y: y.values, grads: signals.map((s) => s.grad!) };
}

function expectSame(
  f: (ops: SignalOps<FusedSignal>, s: FusedSignal[]) => FusedSignal,
  inputs: Input[],
): void {
  const fused = run(f, inputs, true);
  const composed = run(f, inputs, false);
  for (let i = 0; i < fused.y.length; i++) expect(fused.y[i]).toBeCloseTo(composed.y[i]!, 9);
  fused.grads.forEach((grad, p) => {
    const want = composed.grads[p]!;
    const scale = Math.max(1, ...want.map(Math.abs));
    expect(Math.max(...want.map(Math.abs))).toBeGreaterThan(0); // the input really matters
    for (let i = 0; i < grad.length; i++) expect(Math.abs(grad[i]! - want[i]!)).toBeLessThan(1e-12 * scale);
  });
}

describe('fused modulation kernels (fused engine)', () => {
  it('amplitude modulation equals x·gain·(1 − amount + amount·control) composed, values and gradients', () => {
    const am = (ops: SignalOps<FusedSignal>, [x, gain, amount, control]: FusedSignal[]) =>
      ops.amplitudeModulation
        ? ops.amplitudeModulation(x!, gain!, amount!, control!)
        : ops.mul(ops.mul(x!, gain!), ops.add(ops.sub(ops.constant(1), amount!), ops.mul(amount!, control!)));
    expectSame(am, [signal(1, 0, 0.9), constant(0.8, 1.3), constant(0.6, 1), signal(2, 0.5, 0.5)]);
    expectSame(am, [signal(1, 0, 0.9), signal(3, 1, 0.4), signal(4, 0.5, 0.4), signal(2, 0.5, 0.5)]);
  });

  it('octave modulation equals clamp(base·2^(amount·control), 1, maxHz) composed, on and off the clamp', () => {
    const om = (ops: SignalOps<FusedSignal>, [base, amount, control]: FusedSignal[]) =>
      ops.octaveModulation
        ? ops.octaveModulation(base!, amount!, control!, MAX_HZ)
        : ops.clamp(
            ops.mul(base!, ops.exp(ops.mul(ops.mul(amount!, control!), ops.constant(Math.LN2)))),
            1,
            MAX_HZ,
          );
    // the second patch's cutoff sweeps past maxHz, where no gradient passes
    expectSame(om, [constant(600, 900), constant(2.5, 3.1), signal(5, 0.5, 0.5)]);
    expectSame(om, [signal(6, 700, 300), signal(7, 1, 0.8), signal(5, 0.5, 0.5)]);
    // envelope-like controls: straight segments (a geometric factor), holds and corners
    const segments = (i: number) => {
      const n = i % N;
      const level =
        n < 40 ? n / 40 : n < 160 ? 1 - (0.7 * (n - 40)) / 120 : n < 220 ? 0.3 : 0.3 * (1 - (n - 220) / 80);
      return i < N ? level : 0.5 * level + 0.01 * Math.sin(n);
    };
    const envelope = { values: Float64Array.from({ length: BATCH * N }, (_, i) => segments(i)), cols: N };
    expectSame(om, [constant(600, 300), constant(2.5, 3.1), envelope]);
    const clamped = run(om, [constant(600, 900), constant(2.5, 3.1), signal(5, 0.5, 0.5)], true).y;
    expect(Math.max(...clamped)).toBe(MAX_HZ);
  });
});
