import { defineConfig } from 'vitest/config';

// Cross-package suites: end to end in real Chromium against the real service over HTTP.
// Workspace packages resolve to their sources (`source` condition); the demo page is the built one.
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    exclude: ['test/hosts/**/node_modules/**', '**/node_modules/**'],
    // Each file starts its own service and browser; two cores do not gain from running them at once.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
