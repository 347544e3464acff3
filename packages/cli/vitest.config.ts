import { defineProject, mergeConfig } from 'vitest/config';
import { packageProject } from '../../vitest.shared';

// Most tests here start the real executable (about 0.5 s a run, more on a loaded machine),
// several times per test: a per-test limit of 60 s instead of vitest's 5 s.
export default mergeConfig(packageProject('cli'), defineProject({ test: { testTimeout: 60_000 } }));
