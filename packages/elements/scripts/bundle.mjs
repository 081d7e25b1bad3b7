// The `<script type="module">` embed: esbuild bundles the tsc output (dist/, decorators already
// lowered) with every dependency into dist/cdn/. One script tag loads `inflow.js`; the practice
// panel, markdown + sanitizer and non-English locales stay lazy chunks beside it (code
// splitting), fetched from the same folder only when needed. The other entries are for pages
// that also want the inline practice, the nudge or the report; they share the same chunks.
//
// Lit's production build is used (no `development` condition), and nothing is left as a bare
// import, so the folder can be served as-is from a CDN or the vendor's own origin.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cdn`;

/** Embed entries: output name → module source (resolved from dist/). */
export const CDN_ENTRIES = {
  // configure(), the event classes and <inflow-launcher>: the one entry most pages need.
  inflow: `export * from './dist/index.js';\nimport './dist/define/launcher.js';\n`,
  'inflow-practice': `import './dist/define/practice.js';\n`,
  'inflow-nudge': `import './dist/define/nudge.js';\n`,
  'inflow-activation-report': `import './dist/define/activation-report.js';\n`,
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.keys(CDN_ENTRIES).map((name) => ({ in: `cdn-entry:${name}`, out: name })),
  plugins: [
    {
      name: 'cdn-entries',
      setup(b) {
        b.onResolve({ filter: /^cdn-entry:/ }, (args) => ({ path: args.path.slice('cdn-entry:'.length), namespace: 'cdn-entry' }));
        b.onLoad({ filter: /.*/, namespace: 'cdn-entry' }, (args) => ({ contents: CDN_ENTRIES[args.path], resolveDir: root, loader: 'js' }));
      },
    },
  ],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir,
  metafile: true,
});
// Kept for size analysis (`npx esbuild-visualizer` or esbuild's analyzer page).
await writeFile(`${outdir}/meta.json`, JSON.stringify(result.metafile));
