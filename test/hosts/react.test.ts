// Host 1 of 3: a React 19 + Vite app that renders <inflow-launcher> in JSX with properties
// (apiBase, fetchToken) and native `on<event>` listeners; a practice is completed and the app
// records the events through React state.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { buildHost } from './support/build-host.js';
import { completePractice, expectHostEvents, expectStoredEvents } from './support/practice.js';
import { startVendorServer, type VendorServer } from './support/vendor-server.js';

let outDir: string;
let service: Awaited<ReturnType<typeof startServer>>;
let vendor: VendorServer;
let browser: Browser;

beforeAll(async () => {
  outDir = await buildHost(new URL('./react/', import.meta.url).pathname, [react()]);
  service = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true });
  vendor = await startVendorServer({ user: 'react-manager', apiBase: service.url, static: { '/': outDir } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await service?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

test('React 19 app: JSX launcher with properties and on<event> listeners completes a practice', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(vendor.url);

  // React 19 set the function-valued property on the element (it cannot travel as an attribute).
  await page.locator('inflow-launcher').getByRole('button').first().waitFor();
  expect(await page.evaluate(() => typeof document.querySelector('inflow-launcher')!.fetchToken)).toBe(
    'function',
  );

  await completePractice(page);
  await expectHostEvents(page);
  // The typed event's fields reached React: the completed session id is rendered by the app.
  await expect.poll(() => page.locator('#completed-session').textContent()).toMatch(/\S{8,}/);
  await expectStoredEvents(service);
  expect(errors).toEqual([]);
});
