import { CmaEs } from '@ae-ddsp/explorer';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CmaEsSearch, mirrorIntoUnitInterval } from './cma-es-search';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer } from './trainer';

/** A sphere whose minimum over the box lies on six of its eight faces (the centre is outside). */
const centre = [-0.4, 1.3, 0.25, -1, 2, 0.6, 1.1, -0.2];
const boxed = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < centre.length; i++) s += (x[i]! - centre[i]!) ** 2;
  return s;
};
const boxMinimum = boxed(centre.map((c) => Math.min(1, Math.max(0, c))));

describe('mirrorIntoUnitInterval', () => {
  it('is the identity on [0, 1] and reflects at both faces with period 2', () => {
    for (const [y, x] of [
      [0, 0],
      [0.3, 0.3],
      [1, 1],
      [1.25, 0.75],
      [2, 0],
      [-0.25, 0.25],
      [-1.5, 0.5],
      [3.75, 0.25],
    ] as const) {
      expect(mirrorIntoUnitInterval(y)).toBeCloseTo(x, 12);
    }
  });
});

describe('CmaEsSearch', () => {
  it('converges onto an optimum on six faces of the box (seeded)', () => {
    const search = new CmaEsSearch(new Float32Array(8).fill(0.5), 7, { sigma: 0.3 });
    let best = Number.POSITIVE_INFINITY;
    for (let g = 0; g < 300; g++) {
      const xs = search.ask();
      expect(xs.every((x) => x.every((v) => v >= 0 && v <= 1))).toBe(true);
      const f = xs.map(boxed);
      search.tell(f);
      best = Math.min(best, ...f);
    }
    // float32 candidates: within 1e-6 of the box's minimum.
    expect(best - boxMinimum).toBeLessThan(1e-6);
  });

  it('reaches what CMA-ES with resampled-and-clipped bounds reaches, or better, at the same budget', () => {
    const bounded = new CmaEs({
      mean: new Float64Array(8).fill(0.5),
      sigma: 0.3,
      seed: 7,
      bounds: { lower: 0, upper: 1 },
    });
    let clipped = Number.POSITIVE_INFINITY;
    for (let g = 0; g < 300 && !bounded.shouldStop(); g++) {
      const f = bounded.ask().map(boxed);
      bounded.tell(f);
      clipped = Math.min(clipped, ...f);
    }
    const search = new CmaEsSearch(new Float32Array(8).fill(0.5), 7, { sigma: 0.3 });
    let mirrored = Number.POSITIVE_INFINITY;
    for (let g = 0; g < 300; g++) {
      const f = search.ask().map(boxed);
      search.tell(f);
      mirrored = Math.min(mirrored, ...f);
    }
    expect(mirrored - boxMinimum).toBeLessThanOrEqual(Math.max(clipped - boxMinimum, 1e-6));
  });

  it('treats a non-finite loss as the worst', () => {
    const search = new CmaEsSearch(new Float32Array(2).fill(0.5), 1);
    const xs = search.ask();
    expect(() => search.tell(xs.map((_, i) => (i === 0 ? Number.NaN : i)))).not.toThrow();
  });

  it('refuses a bad σ₀', () => {
    expect(() => new CmaEsSearch(new Float32Array(2), 1, { sigma: 0 })).toThrow(/cmaEs\.sigma must be/);
  });
});

describe('method cma-es', () => {
  const plant = drivePlant();
  let target: tf.Tensor2D;
  beforeAll(() => {
    useBackend('cpu');
    target = tf.tidy(() => plant.render(tf.tensor2d([0.7, 0.3], [1, 2]), 400));
    return () => target.dispose();
  });
  const options = () => ({
    plant,
    target,
    loss: mseLoss,
    method: 'cma-es' as const,
    seed: 4,
  });

  it('recovers a seeded plant target within 600 evaluations', () => {
    const trainer = new Trainer(options());
    const result = trainer.run({ evaluations: 600 });
    trainer.dispose();
    expect(result.evaluations).toBeLessThanOrEqual(600);
    expect(result.bestLoss).toBeLessThan(1e-8);
    expect(result.bestParameters[0]).toBeCloseTo(0.7, 3);
    expect(result.bestParameters[1]).toBeCloseTo(0.3, 3);
    expect(result.history.every((e) => e.evaluations % 6 === 0)).toBe(true); // λ = 4 + ⌊3 ln 2⌋
  });

  it('resumes from a checkpoint on the same trajectory', () => {
    const straight = new Trainer(options());
    const whole = straight.run({ steps: 12 }).history.map((e) => e.loss);
    straight.dispose();
    const first = new Trainer(options());
    first.run({ steps: 5 });
    const saved = JSON.parse(JSON.stringify(first.checkpoint()));
    first.dispose();
    const resumed = Trainer.resume(saved, options());
    const rest = resumed.run({ steps: 7 }).history.map((e) => e.loss);
    resumed.dispose();
    expect(rest).toEqual(whole.slice(5));
    expect(() => Trainer.resume({ ...saved, search: null }, options())).toThrow(/needs its search state/);
  });

  it('takes no update rule', () => {
    expect(() => new Trainer({ ...options(), rule: () => ({}) as never })).toThrow(
      /does not apply to a search without gradients \(method "cma-es"\)/,
    );
  });
});
