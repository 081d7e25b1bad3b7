import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Workspace packages are consumed as built (dist: tsc output with decorators already lowered),
// exactly as vendors get them from npm, so `npm run build` of the packages comes first.
export default defineConfig({
  build: {
    target: 'es2022',
    rollupOptions: { input: { review: resolve(import.meta.dirname, 'index.html') } },
  },
});
