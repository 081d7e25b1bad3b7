// The npm packages as vendors get them: each workspace package is packed the way it is published
// (`pnpm pack`: publishConfig.exports without the `source` condition, `workspace:*` → versions),
// linted with publint and checked with Are the Types Wrong (ESM-only profile), then all tarballs
// are installed together into an empty folder with npm, and the documented imports run there in
// plain Node: the contract, a client talking to a service started from the installed package,
// every @inflow/elements entry (SSR safety: importing the elements in Node must not crash), the
// mocks, the CLI; and a TypeScript consumer compiles against the shipped declarations.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';

const exec = promisify(execFile);
// Children get the environment without the npm_* variables that `npx vitest` sets: pnpm reads
// them as its own configuration. pmOnFail=ignore: pnpm runs as it is and does not try to fetch the
// pinned `packageManager` build for every platform (a 404 for some of them on this registry).
const cleanEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  pnpm_config_pm_on_fail: 'ignore',
};
const run = (file: string, args: string[], options: { cwd?: string; timeout?: number } = {}) =>
  exec(file, args, { ...options, env: cleanEnv, maxBuffer: 16 * 1024 * 1024 });
const root = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const PACKAGES = ['contract', 'client', 'elements', 'service', 'mocks'];

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
    await run('npx', ['--yes', 'pnpm@12.21.0', 'pack', '--pack-destination', packs], {
      cwd: join(root, 'packages', p),
    });
  }
  tarballs = (await readdir(packs)).filter((f) => f.endsWith('.tgz')).map((f) => join(packs, f));
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
    PACKAGES.map((p) => `inflow-${p}-0.1.0.tgz`).sort(),
  );
  for (const tarball of tarballs) {
    const unpacked = `${tarball}.d`;
    await run('mkdir', ['-p', unpacked]);
    await run('tar', ['xzf', tarball, '-C', unpacked]);
    // --strict turns warnings into failures; the exit code is the verdict.
    await run(bin('publint'), [join(unpacked, 'package'), '--pack', 'false', '--strict'], { cwd: root });
    // ESM-only profile: node10 / require() resolution are out of scope for ESM-only packages.
    await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root });
  }
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

  // The CLI is installed as a bin and answers.
  const cli = await run(join(app, 'node_modules/.bin/inflow'), ['--help'], { cwd: app }).catch(
    (e: { stdout?: string; stderr?: string }) => e,
  );
  expect(`${cli.stdout ?? ''}${cli.stderr ?? ''}`).toMatch(/usage/i);
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
