import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('documented examples', () => {
  it('the plain-JS optimiser loop converges', async () => {
    const { run } = await import('../examples/plain-optimizer.mjs');
    const { initialLoss, finalLoss, trace } = run({ steps: 300, seed: 1 });
    expect(finalLoss).toBeLessThan(initialLoss * 1e-3);
    // The scheduler really moved α and μ during the run.
    expect(new Set(trace.map((t: { learningRate: number }) => t.learningRate)).size).toBeGreaterThan(10);
    expect(new Set(trace.map((t: { momentum: number }) => t.momentum)).size).toBeGreaterThan(10);
    // Same seed, same run.
    expect(run({ steps: 300, seed: 1 }).finalLoss).toBe(finalLoss);
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
