// The `<script type="module">` embed: esbuild bundles the tsc output (dist/, decorators already
// lowered) with every dependency into dist/cdn/. One script tag loads `inflow.js` (scripts/cdn-entry.js):
// launcher eager; the practice panel, markdown + sanitizer, the client's stream, the locales and the
// other elements are lazy chunks beside it (code splitting), fetched from the same folder only
// when needed. One entry, not one per element: with several entries esbuild splits the shared
// code into more, smaller chunks, and the launcher's first load grew by ~0.8 KB gzip.
//
// Lit's production build is used (no `development` condition), and nothing is left as a bare
// import, so the folder can be served as-is from a CDN or the vendor's own origin.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cdn`;

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: [{ in: 'scripts/cdn-entry.js', out: 'inflow' }],
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
