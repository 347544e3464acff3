import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('documented examples', () => {
  it('the plain-JS heavy-ball loop: robust beats the same fixed α and μ, as the README says', async () => {
    const { run } = await import('../examples/plain-optimizer.mjs');
    const scheduled = run();
    const fixed = run({ scheduled: false });
    expect(scheduled.finalLoss).toBeLessThan(scheduled.initialLoss * 1e-9);
    expect(scheduled.finalLoss).toBeLessThan(fixed.finalLoss * 1e-6);
    // The scheduler really moved α during the run; the fixed run did not.
    expect(
      new Set(scheduled.trace.map((t: { learningRate: number }) => t.learningRate)).size,
    ).toBeGreaterThan(10);
    expect(new Set(fixed.trace.map((t: { learningRate: number }) => t.learningRate)).size).toBe(1);
    // The figures the README quotes are this run's.
    const line = `final loss: robust ${scheduled.finalLoss.toExponential(2)}, fixed α = 0.01, μ = 0.5: ${fixed.finalLoss.toExponential(2)}`;
    expect(read('../README.md')).toContain(line);
  });

  it('the tfjs optimiser loop fits the line and applies momentum', async () => {
    const { run } = await import('../examples/tfjs-optimizer.mjs');
    const { fitted, trace } = (await run({ steps: 200 })) as {
      fitted: { w: number; b: number };
      trace: { loss: number; momentumApplied: boolean }[];
    };
    expect(fitted.w).toBeCloseTo(3, 1);
    expect(fitted.b).toBeCloseTo(-1, 2);
    expect(trace.every((t) => t.momentumApplied)).toBe(true);
    expect(trace.at(-1)!.loss).toBeLessThan(trace[0]!.loss * 1e-2);
  });

  it('the README shows exactly the example files', () => {
    const readme = read('../README.md');
    for (const file of ['examples/plain-optimizer.mjs', 'examples/tfjs-optimizer.mjs']) {
      const block = new RegExp(`<!-- example: ${file} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(block, `README block for ${file}`).not.toBeNull();
      expect(block![1]).toBe(read(`../${file}`));
    }
  });
});
