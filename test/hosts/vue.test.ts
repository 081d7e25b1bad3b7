// Host 2 of 3: a Vue 3 + Vite app (SFC) that renders <inflow-launcher> in a template, with one
// page-level configure() and `@inflow-*` listeners; a practice is completed and the app
// records the events in reactive state.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import vue from '@vitejs/plugin-vue';
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
  outDir = await buildHost(new URL('./vue/', import.meta.url).pathname, [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('inflow-') } } }),
  ]);
  service = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true });
  vendor = await startVendorServer({ user: 'vue-manager', apiBase: service.url, static: { '/': outDir } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await service?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

test('Vue 3 app: template launcher with configure() and @inflow-* listeners completes a practice', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(vendor.url);

  // Vue rendered the real element (not a Vue component stub), upgraded by the define import.
  await page.locator('inflow-launcher').getByRole('button').first().waitFor();

  await completePractice(page);
  await expectHostEvents(page);
  // The typed event's fields reached Vue: the completed session id is rendered by the app.
  await expect.poll(() => page.locator('#completed-session').textContent()).toMatch(/\S{8,}/);
  await expectStoredEvents(service);
  expect(errors).toEqual([]);
});
