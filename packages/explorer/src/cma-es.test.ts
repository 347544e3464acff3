import { describe, expect, it } from 'vitest';
import { CmaEs, type CmaEsInit } from './cma-es';
import { type RandomSource, SeededRandom } from './seeded-random';
import { symmetricEigen } from './symmetric-eigen';

type Objective = (x: Float64Array) => number;

const sphere: Objective = (x) => x.reduce((s, v) => s + v * v, 0);
/** Σ 10^(k·i/(n−1)) x_i²: an axis-parallel ellipsoid of condition 10^k. */
const ellipsoid =
  (decades: number): Objective =>
  (x) =>
    x.reduce((s, v, i) => s + 10 ** ((decades * i) / Math.max(1, x.length - 1)) * v * v, 0);
const rosenbrock: Objective = (x) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
};

/** Runs ask/tell until f ≤ target, a stop criterion or the budget; returns the optimiser. */
function minimise(es: CmaEs, f: Objective, target: number, budget: number): CmaEs {
  while (es.evaluations < budget && !((es.best?.fitness ?? Number.POSITIVE_INFINITY) <= target)) {
    if (es.shouldStop()) break;
    const xs = es.ask();
    es.tell(xs.map(f));
  }
  return es;
}

const fill = (n: number, value: number) => new Array<number>(n).fill(value);

describe('CmaEs convergence', () => {
  it.each([
    { name: 'sphere', n: 2, f: sphere, mean: 3, sigma: 2, budget: 1_000 },
    { name: 'sphere', n: 8, f: sphere, mean: 3, sigma: 2, budget: 3_000 },
    { name: 'ellipsoid 1e6', n: 4, f: ellipsoid(6), mean: 3, sigma: 2, budget: 4_000 },
    { name: 'ellipsoid 1e6', n: 8, f: ellipsoid(6), mean: 3, sigma: 2, budget: 8_000 },
    { name: 'Rosenbrock', n: 2, f: rosenbrock, mean: 0, sigma: 0.5, budget: 2_000 },
    { name: 'Rosenbrock', n: 8, f: rosenbrock, mean: 0, sigma: 0.5, budget: 10_000 },
  ])('reaches f ≤ 1e-10 on the $name in $n D from three seeds', ({ n, f, mean, sigma, budget }) => {
    for (const seed of [1, 2, 3]) {
      const es = minimise(new CmaEs({ mean: fill(n, mean), sigma, seed }), f, 1e-10, budget);
      expect(es.best!.fitness, `seed ${seed}`).toBeLessThanOrEqual(1e-10);
      expect(es.evaluations).toBe(es.generation * es.populationSize);
      expect(f(es.best!.x)).toBe(es.best!.fitness);
    }
  });

  it('is reproducible from a seed and differs between seeds', () => {
    const run = (seed: number) => {
      const es = new CmaEs({ mean: [1, 2, 3], sigma: 0.5, seed });
      for (let g = 0; g < 5; g++) es.tell(es.ask().map(rosenbrock));
      return es.ask();
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('accepts an injected random source', () => {
    const es = new CmaEs({ mean: [0, 0], sigma: 1, random: new SeededRandom(11) });
    const same = new CmaEs({ mean: [0, 0], sigma: 1, seed: 11 });
    expect(es.ask()).toEqual(same.ask());
  });
});

describe('CmaEs learns the problem’s metric', () => {
  /** Eigenvalues (ascending) of H^{1/2}·C·H^{1/2} for H = Qᵀ·diag(h)·Q. */
  function whitenedSpectrum(c: Float64Array, h: number[], q: Float64Array): Float64Array {
    const n = h.length;
    const root = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++)
          root[i * n + j] = root[i * n + j]! + q[k * n + i]! * Math.sqrt(h[k]!) * q[k * n + j]!;
    const product = (a: Float64Array, b: Float64Array) => {
      const out = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          for (let k = 0; k < n; k++) out[i * n + j] = out[i * n + j]! + a[i * n + k]! * b[k * n + j]!;
      return out;
    };
    return symmetricEigen(product(product(root, c), root), n).values;
  }

  /** A rotation: the product of Householder reflections by fixed vectors (orthogonal, not axis-aligned). */
  function rotation(n: number): Float64Array {
    let q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) q[i * n + i] = 1;
    for (const phase of [0.4, 1.9]) {
      const u = Array.from({ length: n }, (_, i) => Math.cos(phase * (i + 1) + i * i));
      const uu = u.reduce((s, x) => s + x * x, 0);
      const next = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          for (let k = 0; k < n; k++)
            next[i * n + j] =
              next[i * n + j]! + ((i === k ? 1 : 0) - (2 * u[i]! * u[k]!) / uu) * q[k * n + j]!;
      q = next;
    }
    return q;
  }

  it.each([
    { name: 'axis-parallel', rotated: false },
    { name: 'rotated', rotated: true },
  ])('on a $name ellipsoid of condition 1e4, C ∝ H⁻¹: cond(C) ≈ 1e4, cond(H^½·C·H^½) ≈ 1', ({ rotated }) => {
    const n = 5;
    const h = Array.from({ length: n }, (_, i) => 10 ** i);
    const q = rotated
      ? rotation(n)
      : symmetricEigen(
          new Float64Array(n * n).map((_, k) => (k % (n + 1) ? 0 : 1)),
          n,
        ).vectors;
    const f: Objective = (x) => {
      let s = 0;
      for (let k = 0; k < n; k++) {
        let qx = 0;
        for (let i = 0; i < n; i++) qx += q[k * n + i]! * x[i]!;
        s += h[k]! * qx * qx;
      }
      return s;
    };
    const es = minimise(new CmaEs({ mean: fill(n, 1), sigma: 0.5, seed: 5 }), f, 1e-12, 20_000);
    expect(es.best!.fitness).toBeLessThanOrEqual(1e-12);
    const c = es.covariance;
    const spectrum = symmetricEigen(c, n).values;
    const condition = spectrum[n - 1]! / spectrum[0]!;
    expect(condition).toBeGreaterThan(1e4 / 3);
    expect(condition).toBeLessThan(1e4 * 3);
    const whitened = whitenedSpectrum(c, h, q);
    // Unadapted (C = I) this ratio would be 1e4; learned, it is a small fraction of that.
    expect(whitened[n - 1]! / whitened[0]!).toBeLessThan(10);
  });
});

describe('CmaEs bounds', () => {
  it('keeps every sample in the box: redrawn, and clipped only after maxResampling redraws', () => {
    const n = 4;
    const box = { lower: 0, upper: 1 };
    // Mean in a corner, σ large: most draws leave the box.
    const clipped = new CmaEs({ mean: fill(n, 0), sigma: 2, seed: 3, bounds: box, maxResampling: 0 });
    const redrawn = new CmaEs({ mean: fill(n, 0), sigma: 2, seed: 3, bounds: box });
    const onBoundary = (xs: Float64Array[]) => xs.filter((x) => x.some((v) => v === 0 || v === 1)).length;
    let clippedCount = 0;
    let redrawnCount = 0;
    let total = 0;
    for (let g = 0; g < 10; g++) {
      for (const es of [clipped, redrawn]) {
        const xs = es.ask();
        for (const x of xs) expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
        if (es === clipped) {
          clippedCount += onBoundary(xs);
          total += xs.length;
        } else redrawnCount += onBoundary(xs);
        es.tell(xs.map(sphere));
      }
    }
    // Without redraws most samples land on the boundary; with 100 redraws few do.
    expect(clippedCount).toBeGreaterThan(total / 2);
    expect(redrawnCount).toBeLessThan(clippedCount / 4);
  });

  it('draws exactly as without bounds when the box is the whole space', () => {
    const free = new CmaEs({ mean: [0.3, 0.6, 0.1], sigma: 0.5, seed: 8 });
    const boxed = new CmaEs({
      mean: [0.3, 0.6, 0.1],
      sigma: 0.5,
      seed: 8,
      bounds: { lower: -Infinity, upper: Infinity },
    });
    for (let g = 0; g < 10; g++) {
      const xs = free.ask();
      expect(boxed.ask()).toEqual(xs);
      free.tell(xs.map(rosenbrock));
      boxed.tell(xs.map(rosenbrock));
    }
  });

  it('finds an optimum inside the box, and one on a face of the box', () => {
    const n = 5;
    const bounds = { lower: fill(n, 0), upper: fill(n, 1) };
    const inside: Objective = (x) => x.reduce((s, v, i) => s + (v - 0.1 * (i + 1)) ** 2, 0);
    const a = minimise(new CmaEs({ mean: fill(n, 0.9), sigma: 0.3, seed: 2, bounds }), inside, 1e-12, 10_000);
    expect(a.best!.fitness).toBeLessThanOrEqual(1e-12);
    a.best!.x.forEach((v, i) => {
      expect(v).toBeCloseTo(0.1 * (i + 1), 5);
    });
    // Unconstrained optimum (−0.2, 0.3, 0.5, 0.7, 0.4): the box optimum is (0, 0.3, …) with f = 0.04.
    const target = [-0.2, 0.3, 0.5, 0.7, 0.4];
    const face: Objective = (x) => x.reduce((s, v, i) => s + (v - target[i]!) ** 2, 0);
    for (const seed of [1, 2, 3]) {
      const b = minimise(
        new CmaEs({ mean: fill(n, 0.5), sigma: 0.3, seed, bounds }),
        face,
        0.04 + 1e-12,
        10_000,
      );
      expect(b.best!.fitness - 0.04).toBeLessThanOrEqual(1e-12);
      expect(b.best!.x[0]).toBeLessThan(1e-6);
    }
  });
});

describe('CmaEs stop criteria', () => {
  it('stops on a flat function by tolFun after 10 + ⌈30n/λ⌉ generations', () => {
    const es = new CmaEs({ mean: [0, 0, 0], sigma: 1, seed: 1 });
    const flat = 10 + Math.ceil((30 * 3) / es.populationSize);
    while (!es.shouldStop()) es.tell(es.ask().map(() => 1));
    expect(es.stopReason()).toBe('tolFun');
    expect(es.generation).toBe(flat);
  });

  it('stops by tolX when σ shrinks below 1e-12·σ₀ before f flattens', () => {
    const es = minimise(new CmaEs({ mean: [1, 1, 1], sigma: 1, seed: 2 }), (x) => 1e30 * sphere(x), 0, 1e6);
    expect(es.stopReason()).toBe('tolX');
    const c = es.covariance;
    for (let i = 0; i < 3; i++) expect(es.sigma * Math.sqrt(c[i * 3 + i]!)).toBeLessThan(1e-12);
    expect(es.best!.fitness).toBeGreaterThan(1e-12); // f had not flattened: tolFun did not fire first
  });

  it('stops by tolXUp when σ diverges on an unbounded linear function', () => {
    const es = minimise(new CmaEs({ mean: [0, 0], sigma: 1, seed: 3 }), (x) => x[0]!, -Infinity, 1e6);
    expect(es.stopReason()).toBe('tolXUp');
    expect(es.sigma).toBeGreaterThan(1e3);
  });

  it('stops by noEffectCoord when σ is below the rounding of the mean', () => {
    const es = new CmaEs({ mean: [1e6, 1e6], sigma: 1e-12, seed: 1 });
    expect(es.stopReason()).toBe('noEffectCoord');
  });

  it('stops by conditionCov on an ellipsoid of condition 1e20', () => {
    const es = minimise(new CmaEs({ mean: [1, 1, 1, 1], sigma: 1, seed: 4 }), ellipsoid(20), 0, 1e6);
    expect(es.stopReason()).toBe('conditionCov');
    const spectrum = symmetricEigen(es.covariance, 4).values;
    expect(spectrum[3]! / spectrum[0]!).toBeGreaterThan(1e14);
  });

  it('does not change the trajectory when asked whether to stop', () => {
    const run = (check: boolean) => {
      const es = new CmaEs({ mean: [0.5, -0.5, 2], sigma: 0.7, seed: 9, eigenInterval: 3 });
      for (let g = 0; g < 25; g++) {
        if (check) es.shouldStop();
        es.tell(es.ask().map(rosenbrock));
      }
      return es.toJSON();
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('CmaEs checkpoints', () => {
  const options: CmaEsInit = {
    mean: [0.2, 0.8, 0.5, 0.5, 0.1],
    sigma: 0.4,
    seed: 12,
    bounds: { lower: 0, upper: [1, 1, 1, 1, Number.POSITIVE_INFINITY] },
  };
  const f: Objective = (x) => rosenbrock(x.map((v) => 2 * v));

  it.each([
    { when: 'between generations', pending: false, eigenInterval: undefined },
    { when: 'with a population pending', pending: true, eigenInterval: undefined },
    { when: 'inside a lazy eigendecomposition window', pending: false, eigenInterval: 4 },
  ])('resumes exactly $when (through JSON text)', ({ pending, eigenInterval }) => {
    const original = new CmaEs({ ...options, eigenInterval });
    for (let g = 0; g < 13; g++) original.tell(original.ask().map(f));
    let asked: Float64Array[] | undefined;
    if (pending) asked = original.ask();
    const restored = CmaEs.restore(JSON.parse(JSON.stringify(original)));
    expect(restored.toJSON()).toEqual(original.toJSON());
    if (asked) {
      original.tell(asked.map(f));
      restored.tell(asked.map(f));
    }
    for (let g = 0; g < 30; g++) {
      const a = original.ask();
      const b = restored.ask();
      expect(b).toEqual(a);
      original.tell(a.map(f));
      restored.tell(b.map(f));
    }
    expect(restored.toJSON()).toEqual(original.toJSON());
    expect(restored.best).toEqual(original.best);
    expect(restored.generation).toBe(13 + (pending ? 1 : 0) + 30);
  });

  it('needs the random source back when the original used its own', () => {
    const own = (seed: number): RandomSource => {
      const inner = new SeededRandom(seed);
      return { uniform: () => inner.uniform(), gaussian: () => inner.gaussian() };
    };
    const es = new CmaEs({ mean: [0, 0], sigma: 1, random: own(1) });
    const state = es.toJSON();
    expect(state.random).toBeNull();
    expect(() => CmaEs.restore(state)).toThrow(/pass \{ random \}/);
    expect(CmaEs.restore(state, { random: own(1) }).ask()).toEqual(es.ask());
  });

  it('refuses a state that is not from toJSON', () => {
    const state = new CmaEs({ mean: [0, 0], sigma: 1 }).toJSON();
    expect(() => CmaEs.restore({ ...state, covariance: [1, 0, 0] })).toThrow(
      /covariance must hold 4 numbers/,
    );
    expect(() => CmaEs.restore({ ...state, mean: [0, 'x'] } as never)).toThrow(/mean holds a non-number/);
    expect(() => CmaEs.restore(null as never)).toThrow(/state must be the object returned by toJSON/);
  });
});

describe('CmaEs errors', () => {
  it('names a bad option and what it expects', () => {
    expect(() => new CmaEs({ mean: [], sigma: 1 })).toThrow(/"mean" must be an array of at least one number/);
    expect(() => new CmaEs({ mean: [0, Number.NaN], sigma: 1 })).toThrow(/"mean" must be finite numbers/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 0 })).toThrow(/"sigma" must be a finite number > 0, got 0/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, populationSize: 3 })).toThrow(
      /"populationSize" must be an integer ≥ 4/,
    );
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, seed: 0.5 })).toThrow(/"seed" must be an integer/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, maxResampling: -1 })).toThrow(/"maxResampling"/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, eigenInterval: 0 })).toThrow(/"eigenInterval"/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, tolFun: -1 })).toThrow(/"tolFun" must be a number > 0/);
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, bounds: { lower: [0], upper: 1 } })).toThrow(
      /"bounds.lower" must be a number or 2 numbers/,
    );
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, bounds: { lower: 1, upper: 0 } })).toThrow(
      /"bounds" must be lower ≤ upper in every coordinate \(coordinate 0\)/,
    );
    expect(() => new CmaEs({ mean: [0, 2], sigma: 1, bounds: { lower: 0, upper: 1 } })).toThrow(
      /"mean" must be inside the bounds \(coordinate 1 in \[0, 1\]\), got 2/,
    );
    expect(() => new CmaEs({ mean: [0, 0], sigma: 1, bounds: { lower: Number.NaN, upper: 1 } })).toThrow(
      /"bounds.lower" must not contain NaN/,
    );
  });

  it('refuses tell without ask, a second ask, a wrong number of values and NaN fitness', () => {
    const es = new CmaEs({ mean: [0, 0, 0], sigma: 1, seed: 1 });
    expect(() => es.tell([1, 2, 3, 4, 5, 6, 7])).toThrow(/no population to tell \(call ask first\)/);
    const xs = es.ask();
    expect(() => es.ask()).toThrow(/not told yet/);
    expect(() => es.tell(xs.slice(1).map(sphere))).toThrow(/expected 7 fitness values .*got 6/);
    const fitness = xs.map(sphere);
    fitness[2] = Number.NaN;
    expect(() => es.tell(fitness)).toThrow(/fitness\[2\] must be a number \(not NaN\), got NaN/);
    // Nothing was consumed by the refused calls: the population can still be told.
    expect(es.generation).toBe(0);
    fitness[2] = Number.POSITIVE_INFINITY;
    es.tell(fitness);
    expect(es.generation).toBe(1);
    expect(es.evaluations).toBe(7);
    expect(es.best!.fitness).toBe(Math.min(...fitness));
  });
});
