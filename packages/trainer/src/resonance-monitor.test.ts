import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResonanceMonitor } from './resonance-monitor';

const step = (update: number[], over: Partial<Parameters<ResonanceMonitor['observe']>[0]> = {}) => ({
  gradientNorm: 0.1,
  update: Float32Array.from(update),
  parameters: Float32Array.from(update.map((u) => 0.5 + u)),
  loudnessDb: -20,
  audioReward: 0.5,
  rolledBack: false,
  ...over,
});

describe('ResonanceMonitor', () => {
  it('detects coherent oscillation (alternating updates) as resonant', () => {
    const m = new ResonanceMonitor({ window: 8 });
    let report = m.observe(step([0.01, -0.02]));
    for (let i = 1; i < 8; i++) report = m.observe(step(i % 2 ? [-0.01, 0.02] : [0.01, -0.02]));
    // Lag-1 correlation of ±u is −(n−1)/n of the energy: |c₁| = 7/8.
    expect(report.coherence).toBeCloseTo(7 / 8, 6);
    expect(report.regime).toBe('resonant');
  });

  it('reports a stall, an explosion and plain damped motion', () => {
    const stalled = new ResonanceMonitor({ window: 8 });
    let r = stalled.observe(step([0, 0]));
    for (let i = 0; i < 7; i++) r = stalled.observe(step([0, 0]));
    expect(r.regime).toBe('stalled');

    const growing = new ResonanceMonitor({ window: 8 });
    for (let i = 0; i < 8; i++) r = growing.observe(step([0.001 * 3 ** i, 0]));
    expect(r.regime).toBe('exploding');
    expect(new ResonanceMonitor().observe(step([0.01, 0], { rolledBack: true })).regime).toBe('exploding');

    const steady = new ResonanceMonitor({ window: 8, coherenceThreshold: 0.99 });
    for (let i = 0; i < 8; i++) r = steady.observe(step([0.01, 0.01]));
    expect(r.regime).toBe('damped');
  });

  it('penalises loudness above the cap and knob moves above the slew limit, smoothly', () => {
    const quiet = new ResonanceMonitor({ loudnessCapDb: -6 }).observe(step([0.01, 0], { loudnessDb: -12 }));
    const loud = new ResonanceMonitor({ loudnessCapDb: -6 }).observe(step([0.01, 0], { loudnessDb: -3 }));
    expect(quiet.penalty).toBe(0);
    expect(loud.penalty).toBeCloseTo(Math.tanh(1), 12);
    const jumpy = new ResonanceMonitor({ slewLimit: 0.1 }).observe(step([0.3, 0], { loudnessDb: -30 }));
    expect(jumpy.penalty).toBeCloseTo(Math.tanh(2), 6); // 0.3 is a float32 update
  });

  it('keeps every part bounded for arbitrary inputs', () => {
    const num = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            g: num,
            u: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 2 }),
            a: fc.double({ min: 0, max: 1, noNaN: true }),
            l: fc.double({ min: -120, max: 20, noNaN: true }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (steps) => {
          const m = new ResonanceMonitor();
          for (const s of steps) {
            const r = m.observe(step(s.u, { gradientNorm: s.g, audioReward: s.a, loudnessDb: s.l }));
            for (const x of [r.optimiserReward, r.policyReward, r.coherence, r.periodicity]) {
              expect(x).toBeGreaterThanOrEqual(0);
              expect(x).toBeLessThanOrEqual(1);
            }
            expect(r.penalty).toBeGreaterThanOrEqual(0);
            expect(r.penalty).toBeLessThanOrEqual(2);
            expect(r.reward).toBeGreaterThanOrEqual(-2);
            expect(r.reward).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('restores its history exactly', () => {
    const a = new ResonanceMonitor();
    for (let i = 0; i < 5; i++) a.observe(step([0.01 * i, -0.01]));
    const b = new ResonanceMonitor();
    b.restore(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.observe(step([0.02, 0.01]))).toEqual(a.observe(step([0.02, 0.01])));
  });
});
