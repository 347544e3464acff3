import { describe, expect, it } from 'vitest';
import { BoldDriver } from './bold-driver';
import { CosineAnnealing } from './cosine-annealing';
import { CosineWarmRestarts } from './cosine-warm-restarts';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import type { Scheduler } from './types';

const losses = Array.from({ length: 60 }, (_, t) => 1 / (1 + t) + 0.05 * Math.sin(1.7 * t));

/** Runs `make()` over the losses, checkpointing through JSON text at step `at`: same trajectory. */
function resumesExactly(make: () => Scheduler, at: number) {
  const whole = make();
  const straight = losses.map((loss) => whole.update({ loss }).learningRate);
  const first = make();
  for (const loss of losses.slice(0, at)) first.update({ loss });
  const second = make();
  second.restore(JSON.stringify(first));
  expect(second.step).toBe(at);
  const resumed = losses.slice(at).map((loss) => second.update({ loss }).learningRate);
  expect(resumed).toEqual(straight.slice(at));
  expect(new Set(straight).size).toBeGreaterThan(2);
}

describe('drop-in schedulers', () => {
  it('resume bit for bit from their JSON state', () => {
    resumesExactly(() => new ReduceLROnPlateau({ learningRate: 0.1, patience: 2, cooldown: 1 }), 23);
    resumesExactly(() => new BoldDriver({ learningRate: 0.1 }), 17);
    resumesExactly(() => new CosineAnnealing({ learningRate: 0.1, steps: 25 }), 31);
    resumesExactly(() => new CosineWarmRestarts({ learningRate: 0.1, period: 4, periodGrowth: 2 }), 13);
  });

  it('hand out their momentum and dither unchanged', () => {
    for (const s of [
      new ReduceLROnPlateau({ learningRate: 0.1, momentum: 0.9, dither: 1e-3 }),
      new BoldDriver({ learningRate: 0.1, momentum: 0.9, dither: 1e-3 }),
      new CosineAnnealing({ learningRate: 0.1, steps: 9, momentum: 0.9, dither: 1e-3 }),
      new CosineWarmRestarts({ learningRate: 0.1, period: 9, momentum: 0.9, dither: 1e-3 }),
    ]) {
      for (const loss of losses.slice(0, 20)) {
        const h = s.update({ loss });
        expect([h.momentum, h.dither]).toEqual([0.9, 1e-3]);
      }
    }
  });

  it('reject bad options and states with errors that name them', () => {
    expect(() => new ReduceLROnPlateau({ learningRate: 0.1, factor: 1 })).toThrow(
      /"factor" must be a number in \(0, 1\)/,
    );
    expect(() => new ReduceLROnPlateau({ learningRate: 0.1, mode: 'up' as 'min' })).toThrow(/"mode"/);
    expect(() => new ReduceLROnPlateau({ learningRate: 0.1, patience: 1.5 })).toThrow(
      /"patience" must be an integer/,
    );
    expect(() => new BoldDriver({ learningRate: 0.1, increase: 0.9 })).toThrow(
      /"increase" must be a finite number > 1/,
    );
    expect(() => new CosineAnnealing({ learningRate: 0.1, steps: 0 })).toThrow(
      /"steps" must be an integer ≥ 1/,
    );
    expect(() => new CosineWarmRestarts({ learningRate: -1, period: 3 })).toThrow(/"learningRate"/);
    const s = new ReduceLROnPlateau({ learningRate: 0.1 });
    expect(() => s.restore('{')).toThrow(/not valid JSON/);
    expect(() => s.restore({ ...s.toJSON(), badSteps: -1 })).toThrow(/state.badSteps must be an integer ≥ 0/);
    expect(() => s.restore({ ...s.toJSON(), format: 'x' })).toThrow(/state.format/);
    const w = new CosineWarmRestarts({ learningRate: 0.1, period: 3 });
    expect(() => w.restore({ ...w.toJSON(), periodStep: 3 })).toThrow(
      /periodStep \(3\) must be < state.period/,
    );
  });

  it("ReduceLROnPlateau in 'max' mode watches the reward and needs one", () => {
    const s = new ReduceLROnPlateau({ learningRate: 1, mode: 'max', patience: 0 });
    expect(s.update({ loss: 5, reward: 1 }).learningRate).toBe(1);
    expect(s.update({ loss: 0, reward: 0.5 }).learningRate).toBeCloseTo(0.1, 15); // reward fell: cut
    expect(() => s.update({ loss: 1 })).toThrow(/mode 'max' watches the reward/);
  });

  it('BoldDriver grows α while the loss falls, halves it otherwise, and cuts on NaN', () => {
    const s = new BoldDriver({ learningRate: 1, learningRateBounds: [0.1, 1.1] });
    expect(s.update(3).learningRate).toBe(1); // no previous loss yet
    expect(s.update(2).learningRate).toBe(1.05);
    expect(s.update(1).learningRate).toBe(1.1); // clipped at the upper bound
    expect(s.update(1).learningRate).toBe(0.55); // not lower: cut
    expect(s.update(Number.NaN).learningRate).toBe(0.275);
    expect(s.update(0.5).learningRate).toBeCloseTo(0.275 * 1.05, 15); // compared with 1, the last finite loss
  });
});
