import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// Workspace packages are consumed as built (dist: tsc output with decorators already lowered),
// exactly as vendors get them from npm, so `npm run build` of the packages comes first.
//
// Two builds of the same pages:
//  - default → dist/: served by the service (`npm start`), talks to it on the same origin;
//  - `--mode static` → dist-static/: no server; @inflow/mocks runs the service in the tab
//    (msw service worker + PGlite in IndexedDB), shown with a "Preview mode" badge.
const page = (name: string) => resolve(import.meta.dirname, name);

/** msw's worker script, copied from the installed msw so its version always matches. */
function mswWorker(): Plugin {
  return {
    name: 'inflow-msw-worker',
    apply: (_config, env) => env.mode === 'static',
    generateBundle() {
      const require = createRequire(resolve(import.meta.dirname, '../packages/mocks/package.json'));
      const file = resolve(require.resolve('msw/package.json'), '../lib/mockServiceWorker.js');
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(file, 'utf8') });
    },
  };
}

/**
 * `/inflow.js` (+ `chunks/`) in the static build: the elements' single-file ESM embed
 * (packages/elements/dist/cdn, the same files a vendor serves from a CDN), copied as-is so the
 * configurator's snippet loads the real embed with no server. The service serves its own copy.
 */
function elementsEmbed(): Plugin {
  const cdn = resolve(import.meta.dirname, '../packages/elements/dist/cdn');
  return {
    name: 'inflow-elements-embed',
    apply: (_config, env) => env.mode === 'static',
    generateBundle() {
      let files: string[];
      try {
        files = readdirSync(cdn, { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile() && f.name !== 'meta.json')
          .map((f) => resolve(f.parentPath, f.name).slice(cdn.length + 1));
      } catch {
        this.error(`${cdn} is missing: build the packages first (npm run build)`);
      }
      for (const file of files)
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(resolve(cdn, file)) });
    },
  };
}

export default defineConfig(({ mode }) => ({
  // Relative URLs: the static build works from any directory of any static file server.
  base: mode === 'static' ? './' : '/',
  plugins: [mswWorker(), elementsEmbed()],
  // PGlite loads its WASM and data files itself; Vite's dependency pre-bundling would break that.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: {
    target: 'es2022',
    outDir: mode === 'static' ? 'dist-static' : 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        review: page('index.html'),
        lms: page('lms.html'),
        report: page('report.html'),
        configurator: page('configurator.html'),
        studio: page('studio.html'),
      },
    },
  },
}));
