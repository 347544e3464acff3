import { defineProject, mergeConfig } from 'vitest/config';
import { packageProject } from '../../vitest.shared';

// The reference tests here compare against float64 direct DFTs and central differences,
// several seconds each on a loaded machine: a per-test limit of 30 s instead of vitest's 5 s.
export default mergeConfig(packageProject('features'), defineProject({ test: { testTimeout: 30_000 } }));
