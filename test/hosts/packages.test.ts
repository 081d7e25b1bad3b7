// The npm packages as vendors get them: each workspace package is packed the way it is published
// (`pnpm pack` through scripts/pnpm.mjs: publishConfig.exports without the `source` condition,
// `workspace:*` → versions), linted with publint and checked with Are the Types Wrong (ESM-only
// profile); each tarball holds its README and LICENSE, no test helper, no bare import of a package
// it does not depend on, and no source map naming a file outside the package. Then all tarballs
// are installed together into an empty folder with npm, and the documented imports run there in
// plain Node: the contract, a client talking to a service started from the installed package,
// every @inflow/elements entry (SSR safety: importing the elements in Node must not crash), the
// mocks, `npx inflow`; the packed CDN embed renders a launcher in Chromium; and a TypeScript
// consumer compiles against the shipped declarations.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveDirectory } from '../support/static-server.js';

const exec = promisify(execFile);
// Children get the environment without the npm_* variables that `npx vitest` sets: npm and pnpm
// read them as their own configuration.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const run = (file: string, args: string[], options: { cwd?: string; timeout?: number } = {}) =>
  exec(file, args, { ...options, env: cleanEnv, maxBuffer: 16 * 1024 * 1024 });
const root = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const PACKAGES = ['contract', 'client', 'elements', 'service', 'mocks'];
const version = (p: string) =>
  (JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')) as { version: string })
    .version;

let work: string;
let tarballs: string[];
let app: string;

beforeAll(async () => {
  for (const p of PACKAGES) {
    if (!existsSync(join(root, 'packages', p, 'dist')))
      throw new Error(`Build the packages first (npm run build): packages/${p}/dist is missing.`);
  }
  work = await mkdtemp(join(tmpdir(), 'inflow-pack-'));
  const packs = join(work, 'packs');
  for (const p of PACKAGES) {
    await run(process.execPath, [join(root, 'scripts/pnpm.mjs'), 'pack', '--pack-destination', packs], {
      cwd: join(root, 'packages', p),
    });
  }
  tarballs = (await readdir(packs)).filter((f) => f.endsWith('.tgz')).map((f) => join(packs, f));
  for (const tarball of tarballs) {
    await run('mkdir', ['-p', `${tarball}.d`]);
    await run('tar', ['xzf', tarball, '-C', `${tarball}.d`]);
  }
  app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'vendor-app', private: true, type: 'module' }),
  );
  // One install for all tarballs, so @inflow/* dependencies resolve to these versions, not the registry.
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: app,
    timeout: 300_000,
  });
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('every tarball is publint-clean and types resolve for ESM consumers (attw)', async () => {
  expect(tarballs.map((t) => t.replace(/.*\//, '')).sort()).toEqual(
    PACKAGES.map((p) => `inflow-${p}-${version(p)}.tgz`).sort(),
  );
  for (const tarball of tarballs) {
    const unpacked = `${tarball}.d`;
    // --strict turns warnings into failures; the exit code is the verdict.
    await run(bin('publint'), [join(unpacked, 'package'), '--pack', 'false', '--strict'], { cwd: root });
    // ESM-only profile: node10 / require() resolution are out of scope for ESM-only packages.
    await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root });
  }
});

/** Each package as unpacked from its tarball: its folder, its manifest and every file in it. */
async function packed() {
  return Promise.all(
    tarballs.map(async (tarball) => {
      const dir = join(`${tarball}.d`, 'package');
      const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort();
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        license: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      return { dir, files, manifest };
    }),
  );
}

test('every tarball has its README and MIT LICENSE, and no test or test helper', async () => {
  for (const { dir, files, manifest } of await packed()) {
    expect(files, manifest.name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(manifest.license).toBe('MIT');
    expect(await readFile(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme, `${manifest.name} README: title, install, a use, a link to the docs`).toMatch(
      new RegExp(
        `^# ${manifest.name}[\\s\\S]*npm install (--save-dev )?${manifest.name}[\\s\\S]*\\]\\([^)]*docs/`,
      ),
    );
    const helpers = files.filter(
      (f) =>
        /(^|\/)(test|tests|__tests__|security)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/.test(f),
    );
    expect(helpers, `${manifest.name} ships test files`).toEqual([]);
  }
});

test('no shipped module imports a package its package.json does not depend on', async () => {
  const builtins = new Set(builtinModules);
  const offenders: string[] = [];
  for (const { dir, files, manifest } of await packed()) {
    const allowed = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    for (const file of files.filter((f) => /\.m?js$/.test(f))) {
      const code = await readFile(join(dir, file), 'utf8');
      for (const [, , specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\s]+)\1/g)) {
        if (/^(\.|\/|node:|data:|https?:)/.test(specifier!) || builtins.has(specifier!)) continue;
        const name = specifier!
          .split('/')
          .slice(0, specifier!.startsWith('@') ? 2 : 1)
          .join('/');
        if (!allowed.has(name)) offenders.push(`${manifest.name}/${file} imports ${specifier}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

test('source maps name only files inside the package, each shipped or embedded', async () => {
  const offenders: string[] = [];
  let maps = 0;
  for (const { dir, files, manifest } of await packed()) {
    for (const file of files.filter((f) => f.endsWith('.map'))) {
      maps++;
      const map = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
        sourcesContent?: (string | null)[];
      };
      map.sources.forEach((source, i) => {
        const path = normalize(join(dirname(file), map.sourceRoot ?? '', source));
        if (path.startsWith('..') || path.startsWith('/'))
          offenders.push(`${manifest.name}/${file}: ${source} is outside`);
        else if (!files.includes(path) && typeof map.sourcesContent?.[i] !== 'string')
          offenders.push(`${manifest.name}/${file}: ${source} is neither shipped nor embedded`);
      });
    }
  }
  expect(maps).toBeGreaterThan(0);
  expect(offenders.slice(0, 20)).toEqual([]);
});

test('the elements tarball ships the manifest, the embed and the framework types, and no tests', async () => {
  const elements = tarballs.find((t) => t.includes('inflow-elements'))!;
  const { stdout } = await run('tar', ['tzf', elements]);
  const files = stdout.split('\n');
  for (const f of [
    'package/custom-elements.json',
    'package/dist/cdn/inflow.js',
    'package/dist/frameworks/react.d.ts',
    'package/dist/define/launcher.js',
  ]) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => /\.test\.(ts|js)$/.test(f))).toEqual([]);
});

test('the documented imports work from an npm install in plain Node (SSR-safe elements)', async () => {
  const smoke = `
import assert from 'node:assert/strict';
import { EVENT_NAMES, ERROR_CODES } from '@inflow/contract';
import { Session } from '@inflow/contract/schemas';
import { buildOpenApiDocument } from '@inflow/contract/openapi';
import { createClient } from '@inflow/client';
import { configure, InflowCompleteEvent } from '@inflow/elements';
import '@inflow/elements/define/launcher';
import '@inflow/elements/define/practice';
import '@inflow/elements/define/nudge';
import '@inflow/elements/define/activation-report';
import '@inflow/elements/frameworks/react';
import { startServer } from '@inflow/service';
import * as mocks from '@inflow/mocks';

assert.ok(EVENT_NAMES.length > 0 && Object.keys(ERROR_CODES).length > 0);
assert.equal(typeof Session, 'object');
assert.equal(buildOpenApiDocument().openapi.startsWith('3.'), true);
// SSR: the define files ran in Node; Lit's server build registered the tags in its shim registry.
configure({ apiBase: 'http://127.0.0.1:1' });
for (const tag of ['inflow-launcher', 'inflow-practice', 'inflow-nudge', 'inflow-activation-report']) assert.ok(customElements.get(tag), tag);
assert.equal(typeof InflowCompleteEvent, 'function');
assert.equal(typeof mocks.createMockService, 'function');

const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true });
try {
  const { token } = await (await fetch(server.url + '/demo/token', { method: 'POST' })).json();
  const client = createClient({ apiBase: server.url, token });
  const { scenarios } = await client.listScenarios();
  client.dispose();
  console.log(JSON.stringify({ scenarios: scenarios.map((s) => s.id).sort() }));
} finally {
  await server.close();
}
`;
  await writeFile(join(app, 'smoke.mjs'), smoke);
  const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: app, timeout: 120_000 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { scenarios: string[] };
  expect(result.scenarios).toEqual([
    'critical-feedback',
    'first-one-to-one',
    'goal-setting',
    'rating-disagreement',
    'underperformance',
  ]);
});

test('`npx inflow` works after installing the package and in the clone', async () => {
  const token = ['inflow', 'token', '--tenant', 'demo', '--user', 'u1', '--team', 'sales'];
  const jwt = /^[\w-]+\.[\w-]+\.[\w-]+$/;
  // --no-install: the installed bin, never a download of some other "inflow" package.
  const installed = await run('npx', ['--no-install', ...token], { cwd: app });
  expect(installed.stdout.trim()).toMatch(jwt);
  const clone = await run('npx', ['--no-install', ...token], { cwd: root });
  expect(clone.stdout.trim()).toMatch(jwt);
});

test('the packed CDN embed defines the launcher and loads a lazy element in Chromium', async () => {
  const cdn = join(app, 'node_modules/@inflow/elements/dist/cdn');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CDN</title></head><body>
<script type="module">
  import { configure } from './inflow.js';
  configure({ apiBase: 'http://127.0.0.1:9' });
</script>
<inflow-launcher scenario="underperformance" label="Practise this conversation"></inflow-launcher>
<inflow-activation-report></inflow-activation-report>
</body></html>`;
  const server = await serveDirectory(cdn, { '/page.html': page });
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const missing: string[] = [];
    tab.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await tab.goto(`${server.url}/page.html`);
    await tab
      .locator('inflow-launcher')
      .getByRole('button', { name: 'Practise this conversation' })
      .waitFor();
    expect(
      await tab.evaluate(() => customElements.whenDefined('inflow-activation-report').then(() => true)),
    ).toBe(true);
    expect(server.requests.filter((r) => r.includes('/chunks/')).length).toBeGreaterThan(0);
    expect({ errors, missing }).toEqual({ errors: [], missing: [] });
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a TypeScript consumer compiles against the shipped declarations', async () => {
  await writeFile(
    join(app, 'consumer.ts'),
    `import { createClient, type InflowApiError } from '@inflow/client';
import { configure, InflowCompleteEvent } from '@inflow/elements';
import '@inflow/elements/define/launcher';
import { startServer } from '@inflow/service';
export const client = createClient({ apiBase: 'https://inflow.example.com', fetchToken: async () => 'token' });
configure({ apiBase: 'https://inflow.example.com', locale: 'de' });
const launcher = document.createElement('inflow-launcher');
launcher.scenario = 'underperformance';
launcher.addEventListener('inflow-complete', (event) => {
  const e: InflowCompleteEvent = event;
  console.log(e.feedback.nextStep);
});
export type E = InflowApiError;
export const start = () => startServer({ port: 0 });
// @ts-expect-error: configure() rejects unknown options
configure({ apiBse: 'x' });
`,
  );
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['es2023', 'dom'],
        types: [],
      },
      files: ['consumer.ts'],
    }),
  );
  await run(bin('tsc'), ['-p', join(app, 'tsconfig.json')], { cwd: app });
});
