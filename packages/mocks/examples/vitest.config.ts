import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the vendor example the way a vendor runs it. With INFLOW_BREAK set, `@inflow/client`
// is swapped for a deliberately broken build (broken-client.ts) to prove the example can fail.
const conditions = ['source', 'module', 'node', 'development|production'];
const broken = process.env.INFLOW_BREAK
  ? [
      {
        find: /^@inflow\/client$/,
        replacement: fileURLToPath(new URL('./broken-client.ts', import.meta.url)),
      },
    ]
  : [];

export default defineConfig({
  resolve: { conditions, alias: broken },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['vendor-review/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
