import { describe, expect, it } from 'vitest';
import { ladderBackward, ladderForward } from './ladder';

const SR = 16000;
const N = 3000;

/** The ladder from its poles in complex arithmetic, per sample with Math.tan: the reference. */
function referenceLadder(x: Float64Array, cutoff: Float64Array, q: number): Float64Array {
  const y = new Float64Array(x.length);
  const state = [0, 0, 0, 0]; // u1, u2, v1, v2
  for (let n = 0; n < x.length; n++) {
    const w = Math.tan((Math.PI * cutoff[n]!) / SR);
    const section = (psi: number) => {
      const [mr, mi] = [1 - q * Math.cos(psi), -q * Math.sin(psi)]; // μ = 1 − q·e^{jψ}
      const [nr, ni] = [1 - w * mr, -w * mi];
      const [dr, di] = [1 + w * mr, w * mi];
      const d = dr * dr + di * di;
      const [pr, pi] = [(nr * dr + ni * di) / d, (ni * dr - nr * di) / d]; // p = (1 − wμ)/(1 + wμ)
      return { a1: -2 * pr, a2: pr * pr + pi * pi, d };
    };
    const A = section(Math.PI / 4);
    const B = section((3 * Math.PI) / 4);
    const at = (k: number) => (n - k >= 0 ? x[n - k]! : 0);
    const f = at(0) + 4 * at(1) + 6 * at(2) + 4 * at(3) + at(4);
    const u = (w ** 4 / (A.d * B.d)) * f - A.a1 * state[0]! - A.a2 * state[1]!;
    const v = u - B.a1 * state[2]! - B.a2 * state[3]!;
    [state[1], state[0], state[3], state[2]] = [state[0]!, u, state[2]!, v];
    y[n] = v;
  }
  return y;
}

/** A cutoff as an envelope sweeps it: small steps along octave lines, holds, and jumps. */
function sweptCutoff(): Float64Array {
  return Float64Array.from({ length: N }, (_, n) => {
    const env =
      n < 40
        ? n / 40
        : n < 1200
          ? 1 - (0.7 * (n - 40)) / 1160
          : n < 1800
            ? 0.3
            : n < 2400
              ? 0.3 * (1 - (n - 1800) / 600)
              : 0.5;
    return 600 * 2 ** (3 * env);
  });
}

const input = Float64Array.from(
  { length: N },
  (_, n) => (((n * 220) / SR) % 1) - 0.5 + 0.1 * Math.sin(n * 0.37),
);

function forward(x: Float64Array, cutoff: Float64Array, q: number) {
  const out = {
    w: new Float64Array(N),
    y0: new Float64Array(N),
    y1: new Float64Array(N),
    y: new Float64Array(N),
  };
  ladderForward(x, cutoff, 0, 1, Float64Array.of(q), 0, 0, 1, N, SR, out.w, out.y0, out.y1, out.y);
  return out;
}

describe('fused ladder kernel (fused engine)', () => {
  it('equals the ladder computed from its poles, with tan(π·fc/fs) to rounding along a sweep', () => {
    const cutoff = sweptCutoff();
    for (const q of [0, 0.7, 1.35]) {
      // stable below √2 (the resonance at its maximum)
      const { w, y } = forward(input, cutoff, q);
      let worst = 0;
      for (let n = 0; n < N; n++) {
        const exact = Math.tan((Math.PI * cutoff[n]!) / SR);
        worst = Math.max(worst, Math.abs(w[n]! - exact) / exact);
      }
      expect(worst).toBeLessThan(16 * Number.EPSILON); // Math.tan's own is within 1 ulp
      const want = referenceLadder(input, cutoff, q);
      const peak = Math.max(...want.map(Math.abs));
      expect(peak).toBeGreaterThan(0.01);
      for (let n = 0; n < N; n++) expect(Math.abs(y[n]! - want[n]!)).toBeLessThan(1e-11 * peak);
    }
  });

  it('backward pass equals central differences of Σ g·y in x, each cutoff sample and q', () => {
    const cutoff = sweptCutoff();
    const q = 1.2;
    // g is 0 from sample 2600 on (silence after a release), where the pass starts late
    const g = Float64Array.from({ length: N }, (_, n) =>
      n < 2600 ? Math.cos(n * 0.013) + 0.3 * Math.sin(n * 0.7) : 0,
    );
    const loss = (x: Float64Array, c: Float64Array, qq: number) =>
      forward(x, c, qq).y.reduce((s, v, n) => s + g[n]! * v, 0);
    const { w, y0, y1, y } = forward(input, cutoff, q);
    const grads = { x: new Float64Array(N), cutoff: new Float64Array(N), q: new Float64Array(1) };
    ladderBackward(g, 0, 1, Float64Array.of(q), 0, 0, 1, N, SR, w, y0, y1, y, grads);
    const central = (f: (e: number) => number, h: number) => (f(h) - f(-h)) / (2 * h);
    for (const n of [0, 17, 900, 1500, 2599, 2999]) {
      const dx = central(
        (e) =>
          loss(
            input.map((v, i) => (i === n ? v + e : v)),
            cutoff,
            q,
          ),
        1e-5,
      );
      expect(grads.x[n]).toBeCloseTo(dx, 6);
      const dc = central(
        (e) =>
          loss(
            input,
            cutoff.map((v, i) => (i === n ? v + e : v)),
            q,
          ),
        1e-3,
      );
      expect(Math.abs(grads.cutoff[n]! - dc)).toBeLessThan(1e-6 * Math.max(1e-3, Math.abs(dc)) + 1e-9);
    }
    const dq = central((e) => loss(input, cutoff, q + e), 1e-6);
    expect(Math.abs(grads.q[0]! - dq)).toBeLessThan(1e-6 * Math.abs(dq));
    expect(Math.abs(dq)).toBeGreaterThan(1e-3);
  });
});
