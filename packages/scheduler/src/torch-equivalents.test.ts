import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CosineAnnealing } from './cosine-annealing';
import { CosineWarmRestarts } from './cosine-warm-restarts';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';

// Trajectories recorded from PyTorch by scripts/record-torch-schedules.py.
interface Fixture {
  torch: string;
  metrics: Record<string, number[]>;
  reduceLROnPlateau: {
    name: string;
    lr: number;
    metric: string;
    options: Record<string, unknown>;
    lrs: number[];
  }[];
  cosineAnnealing: { name: string; lr: number; T_max: number; eta_min: number; lrs: number[] }[];
  cosineWarmRestarts: {
    name: string;
    lr: number;
    T_0: number;
    T_mult: number;
    eta_min: number;
    lrs: number[];
  }[];
}
const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../test-data/torch-schedules.json', import.meta.url), 'utf8'),
);

/** Largest error in units of float64 round-off of the reference (NaN-aware). */
function roundOffError(ours: readonly number[], torch: readonly number[]): number {
  expect(ours).toHaveLength(torch.length);
  let worst = 0;
  torch.forEach((t, i) => {
    worst = Math.max(
      worst,
      Math.abs((ours[i] as number) - t) / (Number.EPSILON * Math.max(Math.abs(t), 1e-300)),
    );
  });
  return worst;
}

const camel: Record<string, keyof ReduceLROnPlateauOptions> = {
  mode: 'mode',
  factor: 'factor',
  patience: 'patience',
  threshold: 'threshold',
  threshold_mode: 'thresholdMode',
  cooldown: 'cooldown',
  min_lr: 'minLearningRate',
  eps: 'eps',
};

describe(`drop-in equivalents match PyTorch ${fixture.torch}`, () => {
  it.each(fixture.reduceLROnPlateau)('ReduceLROnPlateau: $name', (c) => {
    const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel[k], v]));
    const scheduler = new ReduceLROnPlateau({ learningRate: c.lr, ...options });
    const max = c.options.mode === 'max';
    const lrs = (fixture.metrics[c.metric] as number[]).map(
      (m) => scheduler.update(max ? { loss: 0, reward: m } : { loss: m }).learningRate,
    );
    expect(new Set(c.lrs).size).toBeGreaterThan(2); // the case really cuts the learning rate
    // Same arithmetic as torch's (products of the factor): equal bit for bit.
    expect(lrs).toEqual(c.lrs);
  });

  it.each(fixture.cosineAnnealing)('CosineAnnealing (CosineAnnealingLR): $name', (c) => {
    const scheduler = new CosineAnnealing({ learningRate: c.lr, steps: c.T_max, minLearningRate: c.eta_min });
    const lrs = [scheduler.hyperparameters.learningRate];
    for (let t = 1; t < c.lrs.length; t++) lrs.push(scheduler.update(0).learningRate);
    expect(c.lrs.length).toBeGreaterThan(2 * c.T_max); // past T_max, where the cosine climbs back
    expect(roundOffError(lrs, c.lrs)).toBeLessThan(8);
  });

  it.each(fixture.cosineWarmRestarts)('CosineWarmRestarts (CosineAnnealingWarmRestarts): $name', (c) => {
    const scheduler = new CosineWarmRestarts({
      learningRate: c.lr,
      period: c.T_0,
      periodGrowth: c.T_mult,
      minLearningRate: c.eta_min,
    });
    const lrs = [scheduler.hyperparameters.learningRate];
    for (let t = 1; t < c.lrs.length; t++) lrs.push(scheduler.update(0).learningRate);
    expect(c.lrs.filter((lr) => lr === c.lr).length).toBeGreaterThan(2); // at least two restarts
    expect(roundOffError(lrs, c.lrs)).toBeLessThan(4);
  });
});
