// Size budgets (DESIGN §8), enforced by `npm test` with size-limit on the `<script type="module">`
// embed vendors load (packages/elements/dist/cdn, built by packages/elements/scripts/bundle.mjs).
// Sizes are gzip -9 of each file, summed over the files a page fetches: an entry's size is the
// file plus every chunk it imports statically, transitively (what must arrive before it runs);
// the "everything" check adds every chunk the launcher can load lazily (panel, practice,
// markdown, sanitizer, Floating UI, client, stream, locales). Chunk names carry content hashes,
// so the file lists come from esbuild's metafile.
//
// Units: size-limit reads "kB" as 1,000 bytes, so "12 kB" is the strict reading of DESIGN's 12 KB.
// INFLOW_CDN_DIR points the checks at another copy of the bundle (the size test pads one).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const cdnDir = resolve(process.env.INFLOW_CDN_DIR ?? 'packages/elements/dist/cdn');
const meta = JSON.parse(readFileSync(`${cdnDir}/meta.json`, 'utf8'));
// Metafile paths are relative to the build's working directory; make them relative to the bundle.
const entryKey = Object.keys(meta.outputs).find((file) => file.endsWith('/inflow.js'));
const prefix = entryKey.slice(0, -'inflow.js'.length);
const local = (file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
const outputs = new Map(
  Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, out]) => [local(file), out]),
);
/** The output built from a given source module, e.g. `dist/define/nudge.js`. */
const outputOf = (source) => [...outputs].find(([, out]) => out.entryPoint === source)?.[0];

/**
 * The files a page fetches for `entry`: static imports always; dynamic ones when `lazy`, except
 * the embed's on-first-sight loads of the other elements (they have their own checks).
 */
function closure(entry, lazy) {
  const otherElements = new Set(['dist/define/nudge.js', 'dist/define/activation-report.js'].map(outputOf));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs.get(file)?.imports ?? []) {
      const target = local(imp.path);
      if (
        imp.kind === 'import-statement' ||
        (lazy && imp.kind === 'dynamic-import' && !otherElements.has(target))
      )
        visit(target);
    }
  };
  visit(entry);
  return [...seen].map((file) => `${cdnDir}/${file}`);
}

export default [
  // DESIGN §8: launcher + Lit + client core + stores, min+gzip ≤ 12 KB.
  {
    name: 'launcher entry: inflow.js + static chunks (DESIGN ≤ 12 KB)',
    path: closure('inflow.js', false),
    gzip: true,
    limit: '12 kB',
  },
  // DESIGN §8: the launcher and everything it can load, ≤ 35 KB gzip.
  {
    name: 'everything the launcher can load (DESIGN ≤ 35 KB)',
    path: closure('inflow.js', true),
    gzip: true,
    limit: '35 kB',
  },
  // Not in DESIGN: regression guards for the elements the embed defines on first sight
  // (their own chunks and what they import statically, beyond the launcher entry).
  {
    name: '<inflow-nudge> on first sight (guard)',
    path: closure(outputOf('dist/define/nudge.js'), false).filter(
      (f) => !closure('inflow.js', false).includes(f),
    ),
    gzip: true,
    limit: '10 kB',
  },
  {
    name: '<inflow-activation-report> on first sight (guard)',
    path: closure(outputOf('dist/define/activation-report.js'), false).filter(
      (f) => !closure('inflow.js', false).includes(f),
    ),
    gzip: true,
    limit: '8.5 kB',
  },
];
