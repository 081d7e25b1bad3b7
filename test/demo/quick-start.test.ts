// The quick start of docs/index.md, verbatim: its HTML (at most 10 lines) on a vendor page with a
// token endpoint, pointed at a real service (no static directory: the embed is the service's own,
// loaded with the docs' integrity hash). One click on the launcher must reach the coach.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_SECRET, mintToken, startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';

const docs = readFileSync(new URL('../../docs/index.md', import.meta.url), 'utf8');
const staticDir = new URL('../../demo/dist', import.meta.url).pathname;

let server: Awaited<ReturnType<typeof startServer>>;
let vendor: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await server?.close();
});

const html = /## Quick start for a vendor[\s\S]*?```html\n([\s\S]*?)```/.exec(docs)?.[1];
const vendorPage = (snippet: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vendor</title></head><body>\n${snippet.replaceAll('https://inflow.example.com', server.url)}</body></html>`;

test('the quick start page (≤ 10 lines of HTML) + a token endpoint runs a practice against the service', async () => {
  expect(html, 'docs/index.md has a quick-start HTML block').toBeDefined();
  expect(html!.trim().split('\n').length).toBeLessThanOrEqual(10);
  expect(html).toContain('https://inflow.example.com');
  expect(html).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/);

  let minted = 0;
  vendor = await serveDirectory(staticDir, {
    '/review.html': vendorPage(html!),
    // The same page with one character of the hash changed: the browser must refuse the embed.
    '/tampered.html': vendorPage(
      html!.replace(/integrity="sha384-(.)/, (_, c: string) => `integrity="sha384-${c === 'A' ? 'B' : 'A'}`),
    ),
    // The vendor backend's token endpoint (the docs show it with jose; mintToken signs the same claims).
    '/inflow-token': async (req, res) => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      minted++;
      const { token } = await mintToken({
        tenant: 'demo',
        user: 'qs-manager',
        team: 'Sales',
        scope: 'practice',
        secret: DEMO_SECRET,
        ttlSeconds: 600,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
    },
  });

  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${vendor.url}/review.html`);
  await page.locator('inflow-launcher').getByRole('button', { name: 'Practise this conversation' }).click();
  const coach = page.locator('inflow-practice [data-role="coach"]');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(minted).toBeGreaterThan(0);
  await expect
    .poll(
      async () =>
        await server.query<{ user: string; scenario: string }>(`select "user", scenario from sessions`),
      { timeout: 30_000 },
    )
    .toEqual([{ user: 'qs-manager', scenario: 'underperformance' }]);
  expect(errors).toEqual([]);
});

test('with a hash that does not match the served bytes, the browser refuses the embed', async () => {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await page.goto(`${vendor.url}/tampered.html`);
  await expect.poll(() => console.join('\n'), { timeout: 30_000 }).toMatch(/integrity/i);
  expect(await page.evaluate(() => customElements.get('inflow-launcher'))).toBeUndefined();
});
