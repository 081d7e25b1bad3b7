// Size budgets (DESIGN §8), enforced by `npm test` with size-limit on the `<script type="module">`
// embed that vendors load (packages/elements/dist/cdn, built by packages/elements/scripts/bundle.mjs).
// Sizes are gzip -9 of each file, summed over the files a page fetches: an entry's size is the
// entry plus every chunk it imports statically (what must arrive before the launcher renders);
// "everything" adds every chunk it can load lazily (panel, markdown, sanitizer, stream, locales).
// Chunk names carry content hashes, so the file lists come from esbuild's metafile.
//
// INFLOW_CDN_DIR points the checks at another copy of the bundle (the size test pads one).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const cdnDir = resolve(process.env.INFLOW_CDN_DIR ?? 'packages/elements/dist/cdn');
const meta = JSON.parse(readFileSync(`${cdnDir}/meta.json`, 'utf8'));
const outputs = new Map(
  Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, out]) => [file.replace(/^.*?dist\/cdn\//, ''), out]),
);

/** The files a page fetches for `entry`: static imports always, dynamic ones when `lazy`. */
function closure(entry, lazy) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs.get(file)?.imports ?? []) {
      if (imp.kind === 'import-statement' || (lazy && imp.kind === 'dynamic-import')) visit(imp.path.replace(/^.*?dist\/cdn\//, ''));
    }
  };
  visit(entry);
  return [...seen].map((file) => `${cdnDir}/${file}`);
}

export default [
  // DESIGN §8: launcher + Lit + client core + stores, min+gzip ≤ 12 KB.
  { name: 'launcher entry (inflow.js + static chunks)', path: closure('inflow.js', false), gzip: true, limit: '12 KB' },
  // DESIGN §8: everything the launcher can load, ≤ 35 KB gzip.
  { name: 'everything (inflow.js + all lazy chunks)', path: closure('inflow.js', true), gzip: true, limit: '35 KB' },
];
