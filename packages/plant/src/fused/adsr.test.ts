import { describe, expect, it } from 'vitest';
import { composeAdsr } from '../modules/adsr';
import { FusedOps, type FusedSignal } from './fused-ops';

const SR = 1000;
const N = 400;
const NOTE_OFF = 0.23;

type Params = readonly [Float64Array, Float64Array, Float64Array, Float64Array];

/** Envelope and the gradients of Σ g·env on the fused engine, fused or composed of its element-wise ops. */
function run(params: Params, cols: number, batch: number, g: Float64Array, fused: boolean) {
  const ops = new FusedOps(batch, N, SR);
  const inputs = params.map((p) => ops.input(p, p.length / cols, cols)) as unknown as [
    FusedSignal,
    FusedSignal,
    FusedSignal,
    FusedSignal,
  ];
  let y: FusedSignal;
  if (fused) y = ops.adsr(...inputs, ops.constant(NOTE_OFF));
  else {
    const t = ops.input(
      Float64Array.from({ length: N }, (_, n) => n / SR),
      1,
      N,
    );
    y = ops.audio(composeAdsr(ops, [t, ...inputs], ops.constant(NOTE_OFF)));
  }
  ops.backward(y, g);
  return { y: y.values, grads: inputs.map((s) => s.grad ?? new Float64Array(s.values.length)) };
}

const seededNoise = (length: number, seed: number) =>
  Float64Array.from({ length }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.5);

/** Per-patch constants for three patches, released during their sustain, attack and decay. */
const constants: Params = [
  Float64Array.of(0.0513, 0.3117, 0.1009),
  Float64Array.of(0.0871, 0.0412, 0.2013),
  Float64Array.of(0.62, 0.35, 0.41),
  Float64Array.of(0.0937, 0.1219, 0.0217),
];

/** Constants whose segment boundaries fall on samples (t = A, A + D, note-off and note-off + R at 1 kHz). */
const onTheGrid: Params = [
  Float64Array.of(0.05),
  Float64Array.of(0.1),
  Float64Array.of(0.5),
  Float64Array.of(0.03),
];

/** Time-varying parameters (one patch): smooth curves that keep each segment a few samples wide. */
const curves: Params = [
  Float64Array.from({ length: N }, (_, n) => 0.0413 + 0.01 * Math.sin(n / 37)),
  Float64Array.from({ length: N }, (_, n) => 0.0719 + 0.02 * Math.cos(n / 53)),
  Float64Array.from({ length: N }, (_, n) => 0.55 + 0.2 * Math.sin(n / 41)),
  Float64Array.from({ length: N }, (_, n) => 0.0831 + 0.01 * Math.sin(n / 29)),
];

describe('fused ADSR kernel (fused engine)', () => {
  it('equals the composed envelope in value and in every gradient, for constants and curves', () => {
    for (const [params, cols, batch] of [
      [constants, 1, 3],
      [onTheGrid, 1, 1],
      [curves, N, 1],
    ] as const) {
      const g = seededNoise(batch * N, 3);
      const fused = run(params, cols, batch, g, true);
      const composed = run(params, cols, batch, g, false);
      for (let i = 0; i < batch * N; i++) expect(fused.y[i]).toBeCloseTo(composed.y[i]!, 12);
      fused.grads.forEach((grad, p) => {
        const scale = Math.max(1, ...composed.grads[p]!.map(Math.abs));
        for (let i = 0; i < grad.length; i++)
          expect(Math.abs(grad[i]! - composed.grads[p]![i]!)).toBeLessThan(1e-12 * scale);
      });
      expect(Math.max(...fused.y)).toBeGreaterThan(0.5); // the attack really reaches its peak
    }
  });

  it('gradients of every constant parameter match central finite differences', () => {
    const g = seededNoise(3 * N, 5);
    const loss = (params: Params) => run(params, 1, 3, g, true).y.reduce((s, v, i) => s + v * g[i]!, 0);
    const { grads } = run(constants, 1, 3, g, true);
    const h = 1e-7;
    constants.forEach((values, p) => {
      for (let i = 0; i < values.length; i++) {
        const shifted = (delta: number) =>
          constants.map((v, q) =>
            q === p ? v.map((x, j) => (j === i ? x + delta : x)) : v,
          ) as unknown as Params;
        const fd = (loss(shifted(h)) - loss(shifted(-h))) / (2 * h);
        expect(Math.abs(grads[p]![i]! - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
        // patch 1 is released during its attack: its decay and sustain have no effect at all
        if (i === 1 && (p === 1 || p === 2)) expect(grads[p]![i]).toBe(0);
        else expect(Math.abs(fd)).toBeGreaterThan(1e-6); // every other parameter moves the loss
      }
    });
  });

  it('has the hand-computed shape: attack, decay, sustain and release from the level at note-off', () => {
    const ops = new FusedOps(1, N, SR);
    const c = (v: number) => ops.constant(v);
    const y = ops.adsr(c(0.1), c(0.1), c(0.5), c(0.1), c(0.15)).values;
    expect(y[50]).toBeCloseTo(0.5, 12); // half-way up the attack
    expect(y[100]).toBeCloseTo(1, 12); // the peak
    expect(y[150]).toBeCloseTo(0.75, 12); // half-way down the decay at note-off
    expect(y[200]).toBeCloseTo(0.375, 12); // half-way through the release from 0.75
    expect(y[260]).toBe(0);
  });
});

/** As {@link run}, with the note-off a fifth (learned) parameter. */
function runLearned(
  params: readonly Float64Array[],
  cols: number,
  batch: number,
  g: Float64Array,
  fused: boolean,
) {
  const ops = new FusedOps(batch, N, SR);
  const inputs = params.map((p) => ops.input(p, p.length / cols, cols));
  const [attack, decay, sustain, release, noteOff] = inputs as [
    FusedSignal,
    FusedSignal,
    FusedSignal,
    FusedSignal,
    FusedSignal,
  ];
  let y: FusedSignal;
  if (fused) y = ops.adsr(attack, decay, sustain, release, noteOff);
  else {
    const t = ops.input(
      Float64Array.from({ length: N }, (_, n) => n / SR),
      1,
      N,
    );
    y = ops.audio(composeAdsr(ops, [t, attack, decay, sustain, release], noteOff));
  }
  ops.backward(y, g);
  return { y: y.values, grads: inputs.map((s) => s.grad ?? new Float64Array(s.values.length)) };
}

describe('fused ADSR kernel with a learned note-off', () => {
  /** Note-offs during the sustain, the attack and the decay; one on a sample (0.2 s at 1 kHz). */
  const constantsWithOff = [...constants, Float64Array.of(0.2731, 0.1502, 0.2)];
  const curvesWithOff = [
    ...curves,
    Float64Array.from({ length: N }, (_, n) => 0.2311 + 0.02 * Math.sin(n / 31)),
  ];

  it('equals the composed envelope in value and in every gradient, note-off included', () => {
    for (const [params, cols, batch] of [
      [constantsWithOff, 1, 3],
      [[...onTheGrid, Float64Array.of(0.25)], 1, 1],
      [curvesWithOff, N, 1],
    ] as const) {
      const g = seededNoise(batch * N, 7);
      const fused = runLearned(params, cols, batch, g, true);
      const composed = runLearned(params, cols, batch, g, false);
      for (let i = 0; i < batch * N; i++) expect(fused.y[i]).toBeCloseTo(composed.y[i]!, 12);
      fused.grads.forEach((grad, p) => {
        const scale = Math.max(1, ...composed.grads[p]!.map(Math.abs));
        for (let i = 0; i < grad.length; i++)
          expect(Math.abs(grad[i]! - composed.grads[p]![i]!), `parameter ${p}`).toBeLessThan(1e-12 * scale);
      });
      const offGradient = fused.grads[4]!;
      expect(Math.max(...offGradient.map(Math.abs))).toBeGreaterThan(1e-3); // note-off moves the loss
    }
  });

  it('gradient in the note-off matches central finite differences', () => {
    const params = [...constants, Float64Array.of(0.2731, 0.1502, 0.1917)];
    const g = seededNoise(3 * N, 9);
    const loss = (ps: readonly Float64Array[]) =>
      runLearned(ps, 1, 3, g, true).y.reduce((s, v, i) => s + v * g[i]!, 0);
    const { grads } = runLearned(params, 1, 3, g, true);
    const h = 1e-7;
    for (let i = 0; i < 3; i++) {
      const shifted = (delta: number) =>
        params.map((v, q) => (q === 4 ? v.map((x, j) => (j === i ? x + delta : x)) : v));
      const fd = (loss(shifted(h)) - loss(shifted(-h))) / (2 * h);
      expect(Math.abs(fd), `patch ${i}`).toBeGreaterThan(1e-3);
      expect(Math.abs(grads[4]![i]! - fd), `patch ${i}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});
