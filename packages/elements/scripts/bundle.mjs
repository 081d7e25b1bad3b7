// The `<script type="module">` embed: rolldown bundles the tsc output (dist/, decorators already
// lowered, so no decorator transform is needed) with every dependency into dist/cdn/. One script
// tag loads `inflow.js` (scripts/cdn-entry.js): the launcher first; the practice panel, markdown,
// the client, the locales and the other elements (the nudge with Floating UI) are lazy chunks
// beside it, fetched from the same folder only when needed.
//
// Why two passes: default code splitting cuts the code the launcher needs before it runs into one
// chunk per combination of lazy importers (9 files here), and gzip pays for every file apart:
// 13.25 kB against 11.5 kB for the same bytes in one file. Pass 1 learns which modules the entry
// needs statically; pass 2 puts exactly those into one `inflow-core` chunk, so a page fetches
// inflow.js + one chunk before the launcher renders, and the lazy chunks import from that chunk.
//
// Lit's production build is used (no `development` condition), and nothing is left as a bare
// import, so the folder can be served as-is from a CDN or the vendor's own origin. meta.json
// (esbuild's metafile shape: outputs → imports/entryPoint) feeds .size-limit.js.
//
// No comments in the output: the licence headers of Lit and the `@__PURE__` marks cost ~0.5 kB
// gzip across the chunks a page loads. The licences of every bundled package go into
// licenses.json beside the scripts instead (BSD-3-Clause, MIT and Apache-2.0 ask for the
// notice with the distribution, not inside each file; the service serves it with the bundle).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { minifyCssTemplates } from './minify-css.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cdn`;
const options = {
  input: { inflow: `${root}scripts/cdn-entry.js` },
  platform: 'browser',
  resolve: { conditionNames: ['browser', 'import', 'default'] },
  logLevel: 'warn',
  plugins: [minifyCssTemplates()],
  // @lit/localize declares no `sideEffects`, so its barrel (which the locale modules import `str`
  // from) would keep the unused runtime's module-level code in every locale's fetch.
  treeshake: {
    moduleSideEffects: (id) => (/[\\/]@lit[\\/]localize[\\/]/.test(id) ? false : undefined),
  },
};

// Source maps name every file inside this package, as it is published: a dependency's file
// (in a workspace: node_modules/.pnpm/<store>/…, or ../client/dist/… for @inflow/client) is named
// node_modules/<package name>/<file>, our own scripts/cdn-entry.js stays as it is, and each map
// carries sourcesContent, so DevTools shows the code without fetching a source file.
const packageOf = new Map();
/** The nearest folder up from `dir` whose package.json has a name (a nested {"type":…} has none). */
function nearestPackage(dir) {
  if (!packageOf.has(dir)) {
    const manifest = join(dir, 'package.json');
    const name = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).name : undefined;
    packageOf.set(
      dir,
      name ? { dir, name } : dirname(dir) === dir ? undefined : nearestPackage(dirname(dir)),
    );
  }
  return packageOf.get(dir);
}
function sourceInPackage(source, sourcemapPath) {
  const file = resolve(dirname(sourcemapPath), source);
  const own = file.startsWith(root) && !file.slice(root.length).split(sep).includes('node_modules');
  const owner = own ? undefined : nearestPackage(dirname(file));
  const target = owner ? join(root, 'node_modules', owner.name, relative(owner.dir, file)) : file;
  return relative(dirname(sourcemapPath), target);
}

// Pass 1: which modules must arrive before the entry runs (its static import closure).
const probe = await (await rolldown(options)).generate({ format: 'es' });
const probeChunks = new Map(probe.output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
const needed = new Set();
const visited = new Set();
const visit = (chunk) => {
  if (visited.has(chunk.fileName)) return;
  visited.add(chunk.fileName);
  for (const id of chunk.moduleIds) needed.add(id);
  for (const file of chunk.imports) visit(probeChunks.get(file));
};
visit(probe.output.find((o) => o.type === 'chunk' && o.isEntry));

// The launcher's first click needs the panel, the practice and the reply stream together (the
// panel imports the practice, the practice streams every turn), yet default splitting cuts them
// into three chunks by importer, and gzip pays for each apart: as one chunk they are 0.86 kB
// smaller (less the 0.15 kB of rolldown's namespace helper, now a chunk of its own). The chunks
// they import (icons, lit's directives, the client) keep their own groups, so the nudge, the
// report and the editor still load no practice code; a page with a lone `<inflow-practice>`
// fetches the panel's code too (about 1.5 kB gzip).
const firstClick =
  /[\\/](dist[\\/]launcher[\\/]panel|dist[\\/]define[\\/]practice|client[\\/]dist[\\/]stream)\.js$/;
const practiceChunks = [...probeChunks.values()].filter(
  (chunk) => !chunk.isEntry && firstClick.test(chunk.facadeModuleId ?? ''),
);
const practice = new Set(practiceChunks.flatMap((chunk) => chunk.moduleIds));
const shared = [...new Set(practiceChunks.flatMap((chunk) => chunk.imports))]
  .map((file) => probeChunks.get(file))
  .filter((chunk) => !chunk.isEntry && !practiceChunks.includes(chunk))
  .map((chunk) => ({ name: chunk.name, test: (id) => chunk.moduleIds.includes(id) }));

// Pass 2: the real build, with those modules grouped into one chunk.
await rm(outdir, { recursive: true, force: true });
const bundle = await rolldown(options);
const { output } = await bundle.write({
  dir: outdir,
  format: 'es',
  minify: true,
  sourcemap: true,
  sourcemapPathTransform: sourceInPackage,
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  comments: false,
  codeSplitting: {
    groups: [
      { name: 'inflow-core', test: (id) => needed.has(id) },
      ...shared,
      { name: 'practice', test: (id) => practice.has(id) },
    ],
  },
});
await bundle.close();

const meta = { outputs: {} };
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  meta.outputs[`dist/cdn/${chunk.fileName}`] = {
    bytes: Buffer.byteLength(chunk.code),
    entryPoint: chunk.facadeModuleId ? relative(root, chunk.facadeModuleId) : undefined,
    imports: [
      ...chunk.imports.map((file) => ({ path: `dist/cdn/${file}`, kind: 'import-statement' })),
      ...chunk.dynamicImports.map((file) => ({ path: `dist/cdn/${file}`, kind: 'dynamic-import' })),
    ],
    inputs: Object.fromEntries(
      Object.entries(chunk.modules).map(([id, m]) => [
        relative(root, id),
        { bytesInOutput: m.renderedLength },
      ]),
    ),
  };
}
await writeFile(`${outdir}/meta.json`, JSON.stringify(meta));

// integrity.json: the Subresource Integrity hash of every script, read from the written bytes
// (docs/service.md's script tag; the service serves it at /inflow/<version>/integrity.json).
const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
const integrity = { version, files: {} };
const scripts = output.filter((o) => o.type === 'chunk').map((c) => c.fileName);
for (const file of scripts.sort()) {
  const bytes = await readFile(`${outdir}/${file}`);
  integrity.files[file] = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
await writeFile(`${outdir}/integrity.json`, `${JSON.stringify(integrity, null, 2)}\n`);

// licenses.json: each bundled dependency's name, version, licence and licence text.
const bundled = new Map();
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  for (const id of Object.keys(chunk.modules)) {
    if (!id.split(sep).includes('node_modules')) continue;
    const owner = nearestPackage(dirname(id));
    if (owner && !owner.name.startsWith('@inflow/')) bundled.set(owner.name, owner.dir);
  }
}
const notices = [];
for (const [name, dir] of [...bundled].sort(([a], [b]) => a.localeCompare(b))) {
  const { version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${name} is bundled into dist/cdn but ships no LICENSE file`);
  notices.push({ name, version, license, text: await readFile(join(dir, file), 'utf8') });
}
await writeFile(`${outdir}/licenses.json`, `${JSON.stringify(notices, null, 2)}\n`);
