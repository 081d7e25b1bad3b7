// The npm packages as vendors get them (support/packed.ts): all tarballs installed together into
// an empty folder with npm, and the documented imports run there in plain Node: the contract, a
// client talking to a service started from the installed package, every @inflow/elements entry
// (SSR safety: importing the elements in Node must not crash), the mocks, `npx inflow`; the
// packed CDN embed renders a launcher in Chromium; and a TypeScript consumer compiles against the
// shipped declarations.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveDirectory } from '../support/static-server.js';
import { app, bin, packedPackages, root, run } from './support/packed.js';

packedPackages({ install: true });

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
  console.log('SMOKE ' + JSON.stringify({ scenarios: scenarios.map((s) => s.id).sort() }));
} finally {
  await server.close();
}
`;
  await writeFile(join(app, 'smoke.mjs'), smoke);
  const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: app, timeout: 120_000 });
  // The service's own log lines share stdout and may be flushed after ours: find ours by its tag.
  const line = stdout.split('\n').find((l) => l.startsWith('SMOKE '));
  expect(line, stdout).toBeDefined();
  const result = JSON.parse(line!.slice('SMOKE '.length)) as { scenarios: string[] };
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
