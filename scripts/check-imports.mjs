// Fails on any import cycle and on imports against the package directions (docs/design.md, the
// import rules): elements → client → contract, service → contract, mocks → service (→ contract),
// and only the demo and tests import elements. The directions bind the packages' shipped code
// (packages/*/src); tests, test helpers and a package's own dev scripts and examples may import
// anything, but every file joins the cycle check.
//
// Hand-written on the TypeScript compiler's own import scanner (typescript is already a dependency)
// rather than eslint-plugin-import-x's `no-cycle`: that rule skips `import type`, and the cycles
// this repo had were exactly a type import one way and a (dynamic) import back, i.e. a declaration
// in the wrong file. Here every edge counts: static, type-only, re-export and dynamic `import()`.
//
// Usage: node scripts/check-imports.mjs [root]   (exit 1 with the cycles / violations listed)
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const SKIP = new Set(['node_modules', 'dist', 'dist-static', 'coverage', '.inflow-data', '.git', 'cache']);
const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;

/** What each package's non-test code may import (besides itself). */
const ALLOWED = {
  contract: [],
  client: ['contract'],
  elements: ['client', 'contract'],
  service: ['contract'],
  mocks: ['service', 'contract'],
};
/** Areas outside the packages that may import elements (everything else may not). */
const MAY_IMPORT_ELEMENTS = new Set(['demo', 'test']);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const rel = (file) => relative(root, file).split(sep).join('/');
/** `packages/client/src/x.ts` → `client`; `demo/src/a.ts` → `demo`; `vitest.config.ts` → `root`. */
const areaOf = (file) => {
  const parts = rel(file).split('/');
  return parts[0] === 'packages' ? parts[1] : parts.length > 1 ? parts[0] : 'root';
};
const isTest = (file) => /(\.test\.[mc]?[jt]s$)|(^|\/)(test|tests)\//.test(rel(file));
/** A package's dev scripts and examples: tooling around the package, not part of what it ships. */
const isTooling = (file) => /^packages\/[^/]+\/(?!src\/)/.test(rel(file));

function resolveRelative(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    `${base}.js`,
    join(base, 'index.ts'),
    join(base, 'index.js'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** `@inflow/client` → the package's source entry (so cycles across packages are seen too). */
function resolveWorkspace(spec) {
  const match = /^@inflow\/([^/]+)(\/.*)?$/.exec(spec);
  if (!match) return undefined;
  const pkg = match[1];
  const sub = match[2] ? match[2].slice(1) : 'index';
  const file = [
    join(root, 'packages', pkg, 'src', `${sub}.ts`),
    join(root, 'packages', pkg, 'src', sub, 'index.ts'),
  ].find((f) => existsSync(f));
  return { pkg, file };
}

const files = walk(root);
const known = new Set(files);
/** file → [{ target, spec }] */
const graph = new Map();
const violations = [];
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const edges = [];
  const from = areaOf(file);
  for (const { fileName: spec } of importedFiles) {
    let target;
    let toArea;
    if (spec.startsWith('.')) {
      target = resolveRelative(file, spec);
      if (target) toArea = areaOf(target);
    } else {
      const ws = resolveWorkspace(spec);
      if (ws) {
        target = ws.file;
        toArea = ws.pkg;
      }
    }
    if (target && known.has(target)) edges.push({ target, spec });
    if (!toArea || toArea === from || isTest(file) || isTooling(file) || (target && isTest(target))) continue;
    const allowed = ALLOWED[from];
    const ok = allowed ? allowed.includes(toArea) : toArea !== 'elements' || MAY_IMPORT_ELEMENTS.has(from);
    if (!ok)
      violations.push(`${rel(file)} imports ${spec} (${from} → ${toArea} is not an allowed direction)`);
  }
  graph.set(file, edges);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const stack = [];
const meta = new Map();
const cycles = [];
function connect(v) {
  meta.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const { target: w } of graph.get(v) ?? []) {
    if (!meta.has(w)) {
      connect(w);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
    } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).some((e) => e.target === v);
    if (component.length > 1 || selfLoop) cycles.push(component);
  }
}
for (const file of files) if (!meta.has(file)) connect(file);

/** One concrete loop through a component, for the message: a → b → … → a. */
function loopThrough(component) {
  const inside = new Set(component);
  const start = component[component.length - 1];
  const path = [start];
  const seen = new Set([start]);
  const step = (v) => {
    for (const { target } of graph.get(v) ?? []) {
      if (target === start) return true;
      if (!inside.has(target) || seen.has(target)) continue;
      seen.add(target);
      path.push(target);
      if (step(target)) return true;
      path.pop();
    }
    return false;
  };
  step(start);
  return [...path, start].map(rel).join(' → ');
}

for (const component of cycles) console.error(`import cycle: ${loopThrough(component)}`);
for (const v of violations) console.error(`import direction: ${v}`);
if (cycles.length || violations.length) {
  console.error(`check-imports: ${cycles.length} cycle(s), ${violations.length} direction violation(s)`);
  process.exit(1);
}
console.log(
  `check-imports: ${files.length} files, no import cycle, every import follows the package directions`,
);
