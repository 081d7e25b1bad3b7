// `npm start`, the README's first command, exactly as a new user runs it with only Node and npm on
// PATH: install, build, serve the demo (here on a free port, PORT=0, and a temp data directory,
// INFLOW_DATA_DIR). Then what the user meets: /healthz, the demo page with a working launcher in
// Chromium, the embed at /inflow.js, and one practice turn over HTTP with a demo token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { npmRun, userEnv, type Script } from './support.js';

let start: Script;
let url: string;
let dataDir: string;
let browser: Browser | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'inflow-start-data-'));
  start = npmRun(['start'], userEnv({ PORT: '0', INFLOW_DATA_DIR: dataDir }));
  // Install + three builds on a shared two-core machine: minutes, not seconds.
  url = (await start.waitFor(/Inflow service listening on (http:\/\/\S+)/, 540_000))[1]!;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (start) {
    start.stop();
    await start.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test('npm start stores its data in INFLOW_DATA_DIR and answers /healthz', async () => {
  expect(start.output()).toContain(dataDir);
  const r = await fetch(`${url}/healthz`);
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ status: 'ok' });
});

test('the demo page shows a launcher that opens a practice with the coach', async () => {
  browser = await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/`);
  await page.locator('inflow-launcher').getByRole('button', { name: 'Practise this conversation' }).click();
  await expect
    .poll(() => page.locator('inflow-practice [data-role="coach"]').count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('the embed is served at /inflow.js, with the chunk it imports', async () => {
  const r = await fetch(`${url}/inflow.js`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/javascript/);
  const code = await r.text();
  expect(code).toMatch(/\bconfigure\b/);
  const chunk = /from\s*["'](\.\/chunks\/[^"']+)["']/.exec(code)?.[1];
  expect(chunk, 'inflow.js imports its core chunk').toBeDefined();
  expect((await fetch(new URL(chunk!, `${url}/inflow.js`))).status).toBe(200);
});

test('one practice turn over HTTP with a demo token', async () => {
  const { token } = (await (await fetch(`${url}/demo/token`, { method: 'POST' })).json()) as {
    token: string;
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ scenario: 'underperformance', source: 'embedded' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as { id: string };
  const turn = await fetch(`${url}/v1/sessions/${session.id}/turns`, {
    method: 'POST',
    headers: { ...headers, accept: 'application/json' },
    body: JSON.stringify({ text: 'I wanted to talk about the missed deadlines this quarter.' }),
  });
  expect(turn.status).toBe(200);
  const body = (await turn.json()) as { reply: { text: string }; userTurns: number };
  expect(body.userTurns).toBe(1);
  expect(body.reply.text.length).toBeGreaterThan(0);
});

test('Ctrl-C (SIGTERM to the group) closes the service cleanly', async () => {
  start.stop();
  await start.exited;
  expect(start.output()).toMatch(/SIGTERM: draining \(\d+ request\(s\) open\), then closing/);
  expect(start.output()).not.toMatch(/close did not finish|✖/);
});
