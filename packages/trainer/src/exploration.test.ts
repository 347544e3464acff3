import { Explorer } from '@ae-ddsp/explorer';
import { describe, expect, it } from 'vitest';
import { Exploration } from './exploration';

const flat = Float32Array.from([0.1, 0.2, 0.3, 0.6, 0.7, 0.8]);
const groups = () => [flat.slice(0, 3), flat.slice(3)];

describe('Exploration', () => {
  it('dithers a batch as one group per patch, exactly as the explorer does', () => {
    const mine = new Exploration(new Explorer({ seed: 5 }), 2, 3);
    const reference = new Explorer({ seed: 5 });
    const expected = reference.dither(groups(), 0.01);
    expect(Array.from(mine.dither(flat, 0.01))).toEqual([...expected[0]!, ...expected[1]!]);
  });

  it('runs a local test on the flat vector: probes scored as one call, the best averaged in', () => {
    const mine = new Exploration(new Explorer({ seed: 2, probes: 3, fraction: 0.5 }), 2, 3);
    const reference = new Explorer({ seed: 2, probes: 3, fraction: 0.5 });
    const probes = reference.ask(groups(), 0.1);
    const scores = [3, 1, 2];
    const expected = reference.tell(scores, 5, groups());
    let calls = 0;
    const result = mine.localTest(flat, flat, 5, 0.1, (candidates) => {
      calls++;
      expect(candidates.map((c) => Array.from(c))).toEqual(probes.map((p) => [...p[0]!, ...p[1]!]));
      return scores;
    });
    expect(calls).toBe(1);
    expect(result.improved).toBe(true);
    expect(result.bestLoss).toBe(1);
    expect(Array.from(result.parameters)).toEqual([...expected.parameters[0]!, ...expected.parameters[1]!]);
  });
});
