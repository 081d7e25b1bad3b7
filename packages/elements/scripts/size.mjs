// Measures the launcher entry the way a host page pays for it (docs/design.md §8: launcher + Lit + client
// core + stores ≤ 12 KB min+gzip; everything ≤ 35 KB gzip): esbuild bundles
// `configure` + `define/launcher` minified with code splitting, so the lazy practice chunk
// (panel, practice, markdown) and the locales are separate files.
// Usage: node packages/elements/scripts/size.mjs [--json]
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'inflow-size-'));
const result = await build({
  stdin: {
    contents: `export { configure } from './index.ts';\nimport './define/launcher.ts';`,
    resolveDir: src,
    loader: 'ts',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  conditions: ['source', 'browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir,
  metafile: true,
  write: true,
  logLevel: 'silent',
});

const { readFileSync } = await import('node:fs');
const outputs = result.metafile.outputs;
const name = (file) => relative(outdir, file);
const entryFile = Object.keys(outputs).find((f) => outputs[f].entryPoint === '<stdin>');
// What a page loads before any click: the entry and its static imports, transitively.
const initialFiles = new Set();
const visit = (file) => {
  if (initialFiles.has(file)) return;
  initialFiles.add(file);
  for (const imp of outputs[file].imports) if (imp.kind === 'import-statement') visit(imp.path);
};
visit(entryFile);
const rows = [];
for (const [file, meta] of Object.entries(outputs)) {
  if (!file.endsWith('.js')) continue;
  const body = readFileSync(file);
  const inputs = Object.keys(meta.inputs);
  const main = inputs.filter((i) => !i.includes('node_modules')).map((i) => i.replace(/.*packages\//, ''));
  const kind = initialFiles.has(file) ? 'initial' : meta.entryPoint ? 'lazy' : 'lazy (shared)';
  rows.push({
    file: name(file),
    kind,
    min: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    from:
      main.slice(0, 3).join(', ') ||
      inputs
        .map((i) =>
          i
            .replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
            .split('/')
            .slice(0, 2)
            .join('/'),
        )
        .slice(0, 2)
        .join(', '),
  });
}
rmSync(outdir, { recursive: true, force: true });
const sum = (filter) => rows.filter(filter).reduce((n, r) => n + r.gzip, 0);
const initial = sum((r) => r.kind === 'initial');
const total = sum((r) => !r.from.includes('locales/'));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ initialGzip: initial, totalGzip: total, files: rows }, null, 2));
} else {
  rows.sort((a, b) => (a.kind === b.kind ? b.gzip - a.gzip : a.kind.localeCompare(b.kind)));
  for (const r of rows)
    console.log(
      `${r.kind.padEnd(14)} gzip ${(r.gzip / 1024).toFixed(2).padStart(6)} KB  min ${(r.min / 1024).toFixed(1).padStart(6)} KB  ${r.from}`,
    );
  console.log(`launcher entry (before any click): ${(initial / 1024).toFixed(2)} KB gzip (budget 12 KB)`);
  console.log(`everything but locales:            ${(total / 1024).toFixed(2)} KB gzip (budget 35 KB)`);
}
