import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Workspace packages are bundled from their TypeScript sources (`source` export condition).
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: {
    target: 'es2022',
    rollupOptions: { input: { review: resolve(import.meta.dirname, 'index.html') } },
  },
});
