import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'internal/kernel-registry', 'internal/testing'],
  },
});
