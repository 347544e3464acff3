// Long targets: windows are prepared when a step first needs them (a bounded number kept), and
// the `spread` order shows a short run windows across the whole target.
import type { LossFactory } from '@ae-ddsp/features';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CACHED_WINDOWS, Objective } from './objective';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer } from './trainer';

const plant = drivePlant();

/** mseLoss, counting how many window losses were built and how many are still alive. */
function countingLoss() {
  const count = { built: 0, alive: 0 };
  const factory: LossFactory = (target) => {
    count.built++;
    count.alive++;
    const loss = mseLoss(target);
    return Object.assign(loss, { dispose: () => void count.alive-- });
  };
  return { factory, count };
}

describe('target windows', () => {
  beforeAll(() => useBackend('cpu'));

  it('builds no window before the first step, then one per new window, keeping at most MAX_CACHED_WINDOWS', () => {
    const target = tf.tidy(() => plant.render(tf.tensor2d([[0.7, 0.3]]), 8000));
    const { factory, count } = countingLoss();
    const before = tf.memory().numTensors;
    const trainer = new Trainer({
      plant,
      target,
      loss: factory,
      seed: 1,
      window: { samples: 200, hop: 100 },
    });
    expect(count.built).toBe(0); // 79 windows, none prepared up front
    const steps = 30;
    trainer.run({ steps });
    expect(count.built).toBeGreaterThanOrEqual(steps); // each step's window (and local tests on it)
    expect(count.built).toBeLessThanOrEqual(steps + 1);
    expect(count.alive).toBeLessThanOrEqual(MAX_CACHED_WINDOWS);
    trainer.dispose();
    expect(count.alive).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    target.dispose();
  });

  it('an evicted window comes back with the same loss (the cache changes no result)', () => {
    const target = tf.tidy(() => plant.render(tf.tensor2d([[0.7, 0.3]]), 4000));
    const objective = new Objective({ plant, target, loss: mseLoss, window: { samples: 200, hop: 100 } });
    const theta = Float32Array.from([0.4, 0.6]);
    const first = objective.losses([theta], 3)[0]!;
    for (let w = 4; w < 4 + 2 * MAX_CACHED_WINDOWS; w++) objective.losses([theta], w);
    expect(objective.preparedWindows).toBe(MAX_CACHED_WINDOWS);
    expect(objective.losses([theta], 3)[0]).toBe(first);
    objective.dispose();
    target.dispose();
  });

  it('sequential order shows 150 steps only the start of a long target; spread order the whole of it', () => {
    // 10 minutes at 16 kHz with 1 s windows at a 0.5 s hop: 1199 windows
    const total = 600 * 16000;
    const window = { samples: 16000, hop: 8000 };
    const silence = tf.zeros([1, total]) as tf.Tensor2D;
    const objective = (order: 'sequential' | 'spread') =>
      new Objective({
        plant,
        target: silence,
        loss: mseLoss,
        window: { ...window, order },
      });
    const seen = (o: Objective) =>
      Array.from({ length: 150 }, (_, s) => o.windows[o.windowFor(s)]!.offset / 16000);
    const sequential = objective('sequential');
    const spread = objective('spread');
    expect(spread.windows.length).toBe(1199);
    expect(Math.max(...seen(sequential))).toBe(74.5); // the first 75 s only
    const times = seen(spread).sort((a, b) => a - b);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBeGreaterThan(590);
    // no stretch of the target is skipped: the largest gap between seen windows is under 10 s
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThan(10);
    expect(new Set(times).size).toBe(150); // no window twice
    // nothing was prepared for any of this
    expect(spread.preparedWindows).toBe(0);
    sequential.dispose();
    spread.dispose();
    silence.dispose();
  });

  it('refuses an unknown order, naming it', () => {
    const target = tf.zeros([1, 1000]) as tf.Tensor2D;
    expect(
      () =>
        new Objective({
          plant,
          target,
          loss: mseLoss,
          window: { samples: 200, hop: 100, order: 'random' as never },
        }),
    ).toThrow('window.order must be sequential or spread, got random');
    target.dispose();
  });
});
