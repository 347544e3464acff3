import { describe, expect, it } from 'vitest';
import { Explorer } from './explorer';

const sphere = (groups: readonly Float32Array[]) =>
  groups.reduce((s, g) => s + g.reduce((t, x) => t + x * x, 0), 0);

describe('Explorer local tests', () => {
  it('asks K probes around θ and averages in the best with fraction ρ when it improves', () => {
    const explorer = new Explorer({ probes: 5, fraction: 0.25, seed: 4 });
    const theta = [Float32Array.from([1, -2]), Float32Array.from([0.5])];
    const probes = explorer.ask(theta);
    expect(probes).toHaveLength(5);
    expect(probes.every((p) => p.length === 2 && p[0]!.length === 2 && p[1]!.length === 1)).toBe(true);
    expect(probes[0]).not.toEqual(theta);
    const losses = probes.map(sphere);
    const best = losses.indexOf(Math.min(...losses));
    const result = explorer.tell(losses, Number.POSITIVE_INFINITY);
    expect(result.improved).toBe(true);
    expect(result.bestIndex).toBe(best);
    theta.forEach((g, i) => {
      g.forEach((x, j) => {
        expect(result.parameters[i]![j]).toBeCloseTo(0.75 * x + 0.25 * probes[best]![i]![j]!, 6);
      });
    });
  });

  it('keeps θ when no probe beats the baseline and ignores non-finite losses', () => {
    const explorer = new Explorer({ probes: 3, seed: 1 });
    const theta = [Float32Array.from([0.2, 0.4])];
    explorer.ask(theta);
    const kept = explorer.tell([5, Number.NaN, 4], 1);
    expect(kept.improved).toBe(false);
    expect(kept.parameters).toEqual(theta);
    explorer.ask(theta);
    const picked = explorer.tell([Number.NaN, 0.5, Number.POSITIVE_INFINITY], 1);
    expect(picked).toMatchObject({ improved: true, bestIndex: 1, bestLoss: 0.5 });
    explorer.ask(theta);
    expect(explorer.tell([Number.NaN, Number.NaN, Number.NaN], 1)).toMatchObject({
      improved: false,
      bestIndex: -1,
    });
  });

  it('averages into given parameters (θ_{t+1}) rather than the asked ones when told to', () => {
    const explorer = new Explorer({ probes: 1, fraction: 0.5, seed: 2 });
    const probe = explorer.ask([Float32Array.from([1])])[0]![0]![0]!;
    const result = explorer.tell([0], 1, [Float32Array.from([3])]);
    expect(result.parameters[0]![0]).toBeCloseTo(0.5 * 3 + 0.5 * probe, 6);
  });

  it('measures the success rate over a window of recent tests', () => {
    const explorer = new Explorer({ probes: 1, successWindow: 4, seed: 3 });
    expect(explorer.successRate).toBeUndefined();
    const outcome = (improves: boolean) => {
      explorer.ask([new Float32Array(1)]);
      explorer.tell([improves ? 0 : 2], 1);
    };
    [true, false, false, false].forEach(outcome);
    expect(explorer.successRate).toBe(0.25);
    [true, true].forEach(outcome);
    expect(explorer.successRate).toBe(0.5); // window: false, false, true, true
    expect(explorer.tests).toBe(6);
  });

  it('schedules tests every n steps, never at step 0', () => {
    const explorer = new Explorer({ testEvery: 5 });
    expect([0, 1, 5, 7, 10].map((s) => explorer.isTestStep(s))).toEqual([false, false, true, false, true]);
    expect(new Explorer({ testEvery: 0 }).isTestStep(5)).toBe(false);
  });

  it('resumes from a checkpoint with the identical random stream', () => {
    const a = new Explorer({ seed: 9, probes: 2 });
    a.ask([Float32Array.from([1, 2])]);
    a.tell([0, 1], 5);
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    const b = Explorer.restore(saved, { probes: 2 });
    expect(b.successRate).toBe(a.successRate);
    expect(b.ask([Float32Array.from([1, 2])])).toEqual(a.ask([Float32Array.from([1, 2])]));
    expect(b.dither([Float32Array.from([3])], 0.1)).toEqual(a.dither([Float32Array.from([3])], 0.1));
  });

  it('restores a checkpoint in place, continuing the same random stream', () => {
    const a = new Explorer({ seed: 9, probes: 2 });
    a.ask([Float32Array.from([1, 2])]);
    a.tell([0, 1], 5);
    const b = new Explorer({ seed: 4, probes: 2 });
    b.ask([Float32Array.from([0])]); // a pending test is dropped by restore
    b.restore(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.tests).toBe(1);
    expect(b.successRate).toBe(1);
    expect(() => b.tell([0, 0], 1)).toThrow(/no pending local test/);
    expect(b.ask([Float32Array.from([1, 2])])).toEqual(a.ask([Float32Array.from([1, 2])]));
    expect(() => b.restore({} as never)).toThrow(/returned by toJSON/);
  });

  it('rejects misuse with clear messages', () => {
    const explorer = new Explorer({ probes: 2 });
    expect(() => explorer.tell([1, 2], 0)).toThrow(/no pending local test/);
    explorer.ask([new Float32Array(2)]);
    expect(() => explorer.tell([1], 0)).toThrow(/expected 2 losses/);
    expect(() => explorer.tell([1, 2], 0, [new Float32Array(3)])).toThrow(/same group sizes/);
    expect(() => new Explorer({ probes: 0 })).toThrow(/probes/);
    expect(() => new Explorer({ fraction: 0 })).toThrow(/fraction/);
    expect(() => new Explorer({ probeScale: Number.NaN })).toThrow(/probeScale/);
  });
});

describe('Explorer on a plain objective (no tfjs)', () => {
  it('descends a sphere with local tests alone', () => {
    const explorer = new Explorer({ probes: 6, fraction: 1, seed: 5 });
    let theta: Float32Array[] = [Float32Array.from([3, -2, 1, 0.5])];
    const start = sphere(theta);
    for (let step = 0; step < 300; step++) {
      const probes = explorer.ask(theta, 0.1);
      theta = explorer.tell(probes.map(sphere), sphere(theta)).parameters;
    }
    expect(sphere(theta)).toBeLessThan(start * 1e-3);
  });

  it('crosses a flat plateau where a gradient is zero', () => {
    // f = 1 on the plateau |x| > 1, a bowl inside it: gradient descent from x = 1.5 never moves.
    const f = (g: readonly Float32Array[]) => (Math.abs(g[0]![0]!) > 1 ? 1 : g[0]![0]! ** 2);
    const explorer = new Explorer({ probes: 8, fraction: 1, seed: 6 });
    let theta: Float32Array[] = [Float32Array.from([1.5])];
    for (let step = 0; step < 50 && f(theta) === 1; step++) {
      const probes = explorer.ask(theta, 0.5);
      theta = explorer.tell(probes.map(f), f(theta)).parameters;
    }
    expect(f(theta)).toBeLessThan(1);
  });
});
