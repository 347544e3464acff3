import { readFileSync } from 'node:fs';
import { useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordTrajectories, TRAJECTORY_STEPS, trajectoryCases } from './test-support/trajectory-cases';

/**
 * The trajectories recorded from the trainer before its refactor into phases
 * (`scripts/record-trajectories.mjs`): every method, for the same seed, must still take
 * exactly the same steps — every loss, hyperparameter and parameter bit for bit.
 */
const pinned = JSON.parse(
  readFileSync(new URL('../test/fixtures/trajectories.json', import.meta.url), 'utf8'),
) as ReturnType<typeof recordTrajectories>;

describe('pinned trajectories', () => {
  beforeAll(() => useBackend('cpu'));

  it('covers every case with a full run', () => {
    expect(Object.keys(pinned)).toEqual(Object.keys(trajectoryCases()));
    for (const steps of Object.values(pinned)) expect(steps).toHaveLength(TRAJECTORY_STEPS);
  });

  it('follows every pinned trajectory exactly', () => {
    const now = recordTrajectories();
    for (const name of Object.keys(pinned)) expect(now[name], name).toEqual(pinned[name]);
  }, 120_000);
});
