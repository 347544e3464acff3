import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AdaptiveScheduler } from './adaptive-scheduler';
import { cosineEnvelope } from './cosine-envelope';
import type { Feedback, Hyperparameters } from './types';

const EXTREME = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  0,
  -0,
  5e-324,
];
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(...EXTREME),
  fc.double({ min: -10, max: 10, noNaN: true }),
);
const anyFeedback: fc.Arbitrary<Feedback> = fc.record(
  { loss: anyNumber, reward: fc.option(anyNumber, { nil: undefined }) },
  { requiredKeys: ['loss'] },
);

function run(scheduler: AdaptiveScheduler, feedback: readonly (Feedback | number)[]): Hyperparameters[] {
  return feedback.map((f) => scheduler.update(f));
}

describe('AdaptiveScheduler: the seed laws, step by step', () => {
  it('matches a hand-computed trajectory', () => {
    const s = new AdaptiveScheduler({ learningRate: 0.1, momentum: 0.9, dither: 1e-3 });
    // Step 0: no trend yet → α, μ unchanged; no variance, no plateau → σ unchanged.
    expect(s.update(1)).toEqual({ learningRate: 0.1, momentum: 0.9, dither: 1e-3 });
    // Step 1: ℓ̄ = 0.98, Δℓ = 0.02 > 1e-4·0.98 → α·1.02; loss falling → μ + 0.02;
    // window [1, 0.8]: v = 0.01, v/0.98² > 0.01 → σ/(1 + 5·v/0.98²).
    const h1 = s.update(0.8);
    expect(h1.learningRate).toBeCloseTo(0.102, 15);
    expect(h1.momentum).toBeCloseTo(0.92, 15);
    expect(h1.dither).toBeCloseTo(1e-3 / (1 + (5 * 0.01) / 0.98 ** 2), 15);
    // Step 2: loss rises to 1.5: ℓ̄ = 1.032, Δℓ < 0 → α·0.8/(1 + 5·v_rel); μ·(1 − 0.1).
    const h2 = s.update(1.5);
    const mean = (1 + 0.8 + 1.5) / 3;
    const v = ((1 - mean) ** 2 + (0.8 - mean) ** 2 + (1.5 - mean) ** 2) / 3;
    const vRel = v / 0.98 ** 2;
    expect(h2.learningRate).toBeCloseTo(Math.max(0.03, (0.102 * 0.8) / (1 + 5 * vRel)), 15);
    expect(h2.momentum).toBeCloseTo(0.92 * 0.9, 15);
    expect(h2.dither).toBeCloseTo(h1.dither / (1 + 5 * vRel), 15);
  });

  it('raises α by u on every improving step until the upper bound 3·α0', () => {
    const s = new AdaptiveScheduler({ learningRate: 0.01 });
    const losses = Array.from({ length: 200 }, (_, i) => 100 * 0.97 ** i);
    const alphas = run(s, losses).map((h) => h.learningRate);
    expect(alphas[10]).toBeCloseTo(0.01 * 1.02 ** 10, 12);
    expect(Math.max(...alphas)).toBeCloseTo(0.03, 15);
  });

  it('treats negative losses correctly: a falling negative loss is an improvement', () => {
    const falling = run(new AdaptiveScheduler({ learningRate: 0.01 }), [-1, -1.5, -2, -2.5, -3]);
    expect(falling.map((h) => h.learningRate)).toEqual(
      [0.01, 0.0102, 0.010404, 0.01061208, 0.0108243216].map((x, i) => expect.closeTo(x, 15 - i)),
    );
    const rising = run(new AdaptiveScheduler({ learningRate: 0.01 }), [-3, -2.5, -2, -1.5, -1]);
    expect(rising[4]!.learningRate).toBeLessThan(0.01);
    expect(rising[4]!.momentum).toBeLessThan(0.9);
  });

  it('raises σ on a plateau, then settles it back to σ0', () => {
    const s = new AdaptiveScheduler({ dither: 1e-3, plateauPatience: 3 });
    const flat = run(s, Array(8).fill(2));
    // samples 2..: flat; plateau from the 4th sample on → σ·1.5 per step.
    expect(flat.map((h) => h.dither)).toEqual(
      [1, 1, 1, 1.5, 1.5 ** 2, 1.5 ** 3, 1.5 ** 4, 1.5 ** 5].map((k) => expect.closeTo(1e-3 * k, 15)),
    );
    // A slow, steady descent: not flat, low variance → σ settles by 0.9 per step down to σ0.
    const settling = run(
      s,
      Array.from({ length: 40 }, (_, i) => 2 * 0.999 ** (i + 1)),
    );
    expect(settling[0]!.dither).toBeCloseTo(flat.at(-1)!.dither * 0.9, 15);
    expect(settling[1]!.dither).toBeCloseTo(flat.at(-1)!.dither * 0.81, 15);
    expect(settling.at(-1)!.dither).toBe(1e-3);
  });

  it('is invariant to the scale of the loss (relative thresholds and variance)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: -20, max: 20 }),
        (losses, k) => {
          const c = 2 ** k; // exact scaling in binary floating point
          const a = run(new AdaptiveScheduler(), losses);
          const b = run(
            new AdaptiveScheduler(),
            losses.map((x) => x * c),
          );
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('applies the cosine envelope on top of the adaptive α', () => {
    const envelope = cosineEnvelope({ steps: 10, floor: 0, warmupSteps: 2 });
    const losses = [1, 0.9, 0.95, 0.7, 0.7, 0.6, 0.8];
    const plain = run(new AdaptiveScheduler({ learningRate: 0.1 }), losses);
    const s = new AdaptiveScheduler({ learningRate: 0.1, envelope });
    const shaped = run(s, losses);
    shaped.forEach((h, t) => {
      expect(h.learningRate).toBeCloseTo(plain[t]!.learningRate * envelope(t), 15);
      expect(h.momentum).toBe(plain[t]!.momentum);
    });
    expect(s.snapshot().envelope).toBeCloseTo(envelope(6), 15);
    expect(s.snapshot().adaptiveLearningRate).toBe(plain[6]!.learningRate);
  });
});

describe('AdaptiveScheduler: non-finite feedback', () => {
  it('counts a divergence, damps α and leaves the filters untouched', () => {
    const onDivergence = vi.fn();
    const s = new AdaptiveScheduler({ learningRate: 0.1, onDivergence });
    run(s, [1, 0.9, 0.8]);
    const before = s.toJSON();
    const h = s.update(Number.NaN);
    expect(s.divergences).toBe(1);
    expect(h.learningRate).toBeCloseTo(before.hyperparameters.learningRate * 0.5, 15);
    expect(h.momentum).toBe(before.hyperparameters.momentum);
    expect(s.toJSON().filter).toEqual(before.filter);
    expect(onDivergence).toHaveBeenCalledWith({
      step: 3,
      cause: 'loss',
      value: Number.NaN,
      learningRate: h.learningRate,
    });
    s.update({ loss: 0.7, reward: Number.POSITIVE_INFINITY });
    expect(s.divergences).toBe(2);
    expect(onDivergence).toHaveBeenLastCalledWith(
      expect.objectContaining({ cause: 'reward', value: Number.POSITIVE_INFINITY }),
    );
    // The next finite loss continues the filter where it was.
    s.update(0.7);
    expect(s.snapshot().signals!.filteredLoss).toBeCloseTo(0.9 * before.filter.filteredLoss! + 0.1 * 0.7, 15);
  });

  it('keeps α, μ, σ inside their bounds for arbitrary feedback (NaN, ±Infinity, huge, negative)', () => {
    fc.assert(
      fc.property(fc.array(anyFeedback, { maxLength: 80 }), (feedback) => {
        const s = new AdaptiveScheduler({ learningRate: 0.02 });
        for (const h of run(s, feedback)) {
          expect(h.learningRate).toBeGreaterThanOrEqual(0.3 * 0.02);
          expect(h.learningRate).toBeLessThanOrEqual(3 * 0.02);
          expect(h.momentum).toBeGreaterThanOrEqual(0);
          expect(h.momentum).toBeLessThanOrEqual(0.99);
          expect(h.dither).toBeGreaterThanOrEqual(1e-6);
          expect(h.dither).toBeLessThanOrEqual(0.05);
        }
        const bad = feedback.filter(
          (f) => !Number.isFinite(f.loss) || (f.reward !== undefined && !Number.isFinite(f.reward)),
        );
        expect(s.divergences).toBe(bad.length);
      }),
      { numRuns: 300 },
    );
  });

  it('stays inside its bounds even when user laws return garbage', () => {
    fc.assert(
      fc.property(
        fc.array(anyNumber, { minLength: 1, maxLength: 30 }),
        fc.array(anyNumber, { minLength: 1, maxLength: 30 }),
        (losses, outputs) => {
          let i = 0;
          const garbage = () => outputs[i++ % outputs.length]!;
          const s = new AdaptiveScheduler({
            learningRateLaw: garbage,
            momentumLaw: garbage,
            ditherLaw: garbage,
          });
          for (const h of run(s, losses)) {
            expect(
              Number.isFinite(h.learningRate) && Number.isFinite(h.momentum) && Number.isFinite(h.dither),
            ).toBe(true);
            expect(h.momentum).toBeLessThan(1);
            expect(h.dither).toBeLessThanOrEqual(0.05);
          }
        },
      ),
    );
  });
});

describe('AdaptiveScheduler: checkpoint and restore', () => {
  it('resumes bit-for-bit from JSON at any step', () => {
    fc.assert(
      fc.property(fc.array(anyFeedback, { minLength: 1, maxLength: 60 }), fc.nat(), (feedback, cut) => {
        const k = cut % feedback.length;
        const reference = new AdaptiveScheduler({ envelope: cosineEnvelope({ steps: 40, warmupSteps: 3 }) });
        const whole = run(reference, feedback);
        const first = new AdaptiveScheduler({ envelope: cosineEnvelope({ steps: 40, warmupSteps: 3 }) });
        const head = run(first, feedback.slice(0, k));
        const saved = JSON.stringify(first);
        const resumed = AdaptiveScheduler.restore(saved, {
          envelope: cosineEnvelope({ steps: 40, warmupSteps: 3 }),
        });
        expect(resumed.hyperparameters).toEqual(first.hyperparameters);
        const tail = run(resumed, feedback.slice(k));
        expect([...head, ...tail]).toEqual(whole);
        expect(resumed.toJSON()).toEqual(reference.toJSON());
        expect(resumed.divergences).toBe(reference.divergences);
      }),
      { numRuns: 200 },
    );
  });

  it('restores a state in place: the same scheduler continues from it', () => {
    const a = new AdaptiveScheduler({ learningRate: 0.01 });
    for (const loss of [1, 0.8, 0.9, Number.NaN, 0.5]) a.update({ loss });
    const b = new AdaptiveScheduler({ learningRate: 0.01 });
    b.update({ loss: 3 });
    b.restore(JSON.stringify(a));
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(b.update({ loss: 0.4 })).toEqual(a.update({ loss: 0.4 }));
    expect(b.divergences).toBe(1);
    expect(() => b.restore({ ...a.toJSON(), step: 1.5 })).toThrow(/state\.step/);
  });

  it('rejects a malformed state with a message naming the problem', () => {
    const good = new AdaptiveScheduler().toJSON();
    expect(() => AdaptiveScheduler.restore('{not json')).toThrow(/not valid JSON/);
    expect(() => AdaptiveScheduler.restore({ ...good, format: 'other' as never })).toThrow(/state\.format/);
    expect(() => AdaptiveScheduler.restore({ ...good, step: -1 })).toThrow(/state\.step/);
    expect(() =>
      AdaptiveScheduler.restore({
        ...good,
        hyperparameters: { ...good.hyperparameters, momentum: Number.NaN },
      }),
    ).toThrow(/state\.hyperparameters/);
    expect(() => AdaptiveScheduler.restore(good, { learningRate: 1 })).toThrow(/outside the bounds/);
    expect(() =>
      AdaptiveScheduler.restore({ ...good, filter: { ...good.filter, recentLosses: [Number.NaN] } }),
    ).toThrow(/state\.filter/);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: a corrupted checkpoint is untyped JSON, edited field by field.
type StateJson = Record<string, any>;

describe('AdaptiveScheduler.restore: every field is checked', () => {
  const envelope = cosineEnvelope({ steps: 20, warmupSteps: 2 });
  const trained = new AdaptiveScheduler({ envelope });
  for (const [i, loss] of [3, 2.5, 2.4, Number.NaN, 2.1, 2.05, 2].entries())
    trained.update({ loss, reward: -loss + i });
  const good = trained.toJSON();
  // Each corruption, as JSON would carry it, and the field its message must name.
  const corruptions: [string, (s: StateJson) => void, RegExp][] = [
    ['state not an object', (s) => Object.assign(s, { __replace: 42 }), /state must be an object/],
    ['step a string', (s) => (s.step = '7'), /state\.step must be an integer ≥ 0, got "7"/],
    ['step fractional', (s) => (s.step = 6.5), /state\.step must be an integer/],
    [
      'divergences negative',
      (s) => (s.divergences = -1),
      /state\.divergences must be an integer ≥ 0, got -1/,
    ],
    ['hyperparameters missing', (s) => delete s.hyperparameters, /state\.hyperparameters must be an object/],
    [
      'hyperparameters.dither a string',
      (s) => (s.hyperparameters.dither = '0.001'),
      /state\.hyperparameters\.dither must be a finite number/,
    ],
    [
      'hyperparameters.momentum above its bound',
      (s) => (s.hyperparameters.momentum = 5),
      /state\.hyperparameters\.momentum = 5 lies outside the bounds \[0, 0\.99\]/,
    ],
    [
      'hyperparameters.learningRate above its bound',
      (s) => (s.hyperparameters.learningRate = 1),
      /state\.hyperparameters\.learningRate = 1 lies outside the bounds/,
    ],
    [
      'hyperparameters.dither below its bound',
      (s) => (s.hyperparameters.dither = 0),
      /state\.hyperparameters\.dither = 0 lies outside/,
    ],
    ['applied missing', (s) => delete s.applied, /state\.applied must be an object/],
    [
      'applied.momentum null (NaN in JSON)',
      (s) => (s.applied.momentum = null),
      /state\.applied\.momentum must be a finite number, got null/,
    ],
    [
      'applied.momentum out of bounds',
      (s) => (s.applied.momentum = 5),
      /state\.applied\.momentum must equal state\.hyperparameters\.momentum/,
    ],
    ['applied.dither out of bounds', (s) => (s.applied.dither = 0.9), /state\.applied\.dither must equal/],
    [
      'applied.learningRate huge',
      (s) => (s.applied.learningRate = 1e9),
      /state\.applied\.learningRate must be state\.hyperparameters\.learningRate × envelope\(6\)/,
    ],
    ['filter missing', (s) => (s.filter = null), /state\.filter must be an object/],
    [
      'filter.samples negative',
      (s) => (s.filter.samples = -2),
      /state\.filter\.samples must be an integer ≥ 0/,
    ],
    [
      'filter.samples inconsistent with step',
      (s) => (s.filter.samples = 2),
      /state\.filter\.samples \(2\) \+ state\.divergences \(1\) must equal state\.step \(7\)/,
    ],
    [
      'filter.plateauSteps fractional',
      (s) => (s.filter.plateauSteps = 0.5),
      /state\.filter\.plateauSteps must be an integer/,
    ],
    [
      'filter.plateauSteps beyond samples',
      (s) => (s.filter.plateauSteps = 99),
      /state\.filter\.plateauSteps \(99\) must be ≤ state\.filter\.samples \(6\)/,
    ],
    [
      'filter.recentLosses not an array',
      (s) => (s.filter.recentLosses = { 0: 1 }),
      /state\.filter\.recentLosses must be an array/,
    ],
    [
      'filter.recentLosses holding null',
      (s) => (s.filter.recentLosses[2] = null),
      /state\.filter\.recentLosses\[2\] must be a finite number, got null/,
    ],
    [
      'filter.recentLosses too long',
      (s) => s.filter.recentLosses.push(1, 1, 1),
      /state\.filter\.recentLosses holds 9 losses, at most 6/,
    ],
    [
      'filter.filteredLoss null after samples',
      (s) => (s.filter.filteredLoss = null),
      /state\.filter\.filteredLoss must be a finite number once samples > 0, got null/,
    ],
    [
      'filter.bestLoss a string',
      (s) => (s.filter.bestLoss = '2'),
      /state\.filter\.bestLoss must be a finite number/,
    ],
    [
      'filter.bestReward null after rewards',
      (s) => (s.filter.bestReward = null),
      /state\.filter\.bestReward must be a finite number once a reward was filtered/,
    ],
  ];

  it('accepts the untouched state', () => {
    const resumed = AdaptiveScheduler.restore(JSON.stringify(good), { envelope });
    expect(resumed.hyperparameters).toEqual(trained.hyperparameters);
  });

  for (const [what, corrupt, message] of corruptions) {
    it(`rejects ${what}`, () => {
      const state = JSON.parse(JSON.stringify(good)) as StateJson;
      corrupt(state);
      const input = '__replace' in state ? state['__replace'] : state;
      expect(() => AdaptiveScheduler.restore(input, { envelope })).toThrow(message);
      expect(() => AdaptiveScheduler.restore(JSON.stringify(input), { envelope })).toThrow(message);
    });
  }

  it('rejects reward fields before any sample, and a state restored without the envelope it ran with', () => {
    const fresh = new AdaptiveScheduler().toJSON();
    expect(() =>
      AdaptiveScheduler.restore({ ...fresh, filter: { ...fresh.filter, filteredReward: 1, bestReward: 1 } }),
    ).toThrow(/state\.filter\.filteredReward must be null before the first reward, got 1/);
    expect(() => AdaptiveScheduler.restore(good)).toThrow(/state\.applied\.learningRate must be/);
  });
});

describe('AdaptiveScheduler: options', () => {
  it.each([
    [{ learningRate: 0 }, /learningRate/],
    [{ learningRate: Number.NaN }, /learningRate/],
    [{ momentum: 1 }, /momentum/],
    [{ momentumBounds: [0, 1] as const }, /momentumBounds/],
    [{ learningRateBounds: [3, 0.3] as const }, /learningRateBounds/],
    [{ ditherBounds: [-0.1, 0.1] as const }, /ditherBounds/],
    [{ dither: 0.5 }, /dither/],
    [{ emaBeta: 1 }, /emaBeta/],
    [{ varianceWindow: 1 }, /varianceWindow/],
    [{ plateauPatience: 0 }, /plateauPatience/],
    [{ divergenceDamping: 1 }, /divergenceDamping/],
    [{ learningRateLaw: 3 as never }, /learningRateLaw/],
  ])('rejects %j', (options, message) => {
    expect(() => new AdaptiveScheduler(options)).toThrow(message);
  });

  it('rejects feedback that is not a number and an envelope that returns NaN', () => {
    expect(() => new AdaptiveScheduler().update({ loss: '1' as never })).toThrow(/loss must be a number/);
    expect(() => new AdaptiveScheduler().update({ loss: 1, reward: '1' as never })).toThrow(/reward/);
    expect(() => new AdaptiveScheduler({ envelope: () => Number.NaN })).toThrow(/envelope/);
  });

  it('exposes a readable snapshot of the hyperparameters and signals', () => {
    const s = new AdaptiveScheduler({ learningRate: 0.1 });
    expect(s.snapshot().signals).toBeUndefined();
    run(s, [
      { loss: 3, reward: 0.1 },
      { loss: 2, reward: 0.2 },
    ]);
    const snap = s.snapshot();
    expect(snap).toMatchObject({ step: 2, divergences: 0, envelope: 1 });
    expect(snap.learningRate).toBeCloseTo(0.102, 15);
    expect(snap.momentum).toBeCloseTo(0.92, 15);
    expect(snap.signals).toMatchObject({ loss: 2, reward: 0.2, samples: 2, plateau: false });
    expect(snap.signals!.rewardTrend).toBeCloseTo(0.01, 15);
  });
});
