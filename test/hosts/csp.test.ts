// Host 3 of 3: a server-rendered page under a strict CSP (script-src 'self', no unsafe-inline, no
// unsafe-eval, Trusted Types required) embeds the single-file ESM bundle with one
// `<script type="module">`. The server-rendered launcher upgrades on the client, a practice is
// completed, the page records the events, and the browser reports no CSP violation at all.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { completePractice, expectHostEvents, expectStoredEvents } from './support/practice.js';
import { startVendorServer, type VendorServer } from './support/vendor-server.js';
import { renderReviewPage, strictCsp } from './csp/page.js';

const cdnDir = new URL('../../packages/elements/dist/cdn/', import.meta.url).pathname;
const staticDir = new URL('./csp/static/', import.meta.url).pathname;

let service: Awaited<ReturnType<typeof startServer>>;
let vendor: VendorServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${cdnDir}inflow.js`))
    throw new Error(
      'Build the packages first (npm run build): packages/elements/dist/cdn/inflow.js is missing.',
    );
  service = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true });
  vendor = await startVendorServer({
    user: 'csp-manager',
    apiBase: service.url,
    csp: strictCsp(new URL(service.url).origin),
    static: { '/inflow/': cdnDir, '/static/': staticDir },
    pages: { '/': () => renderReviewPage({ apiBase: service.url, employee: 'Sam <Lee>' }) },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await vendor?.close();
  await service?.close();
});

test('strict CSP + Trusted Types page: server-rendered launcher upgrades, practice completes, zero violations', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (m) => {
    // Chromium logs every CSP / Trusted Types refusal on the console as well.
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const response = await page.goto(vendor.url);
  expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");

  // The launcher was in the server's HTML before any script ran; it is now an upgraded element.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          customElements.get('inflow-launcher') !== undefined &&
          document.querySelector('inflow-launcher')!.shadowRoot !== null,
      ),
    )
    .toBe(true);
  // The page's own markup kept its escaping (the name has angle brackets).
  expect(await page.locator('h1').textContent()).toBe('Performance review: Sam <Lee>');

  await completePractice(page);
  await expectHostEvents(page);
  await expectStoredEvents(service);

  // The nudge in the server HTML was defined from its lazy chunk (first sight) and shows its
  // Floating UI callout when the rating field gets focus: positioning under the same policy.
  await page.locator('#rating').focus();
  await page
    .locator('inflow-nudge')
    .getByRole('button', { name: /practi[cs]e now/i })
    .waitFor({ timeout: 15_000 });

  // Both channels: the page's securitypolicyviolation listener and the report-uri endpoint.
  expect(await page.locator('#csp-violations li').allTextContents()).toEqual([]);
  expect(vendor.cspReports).toEqual([]);
  expect(problems).toEqual([]);
});

test('the policy is really enforced: an inline script and a raw innerHTML sink are refused and reported', async () => {
  // Guards the test above against a policy that silently allows everything.
  const page = await browser.newPage();
  await page.goto(vendor.url);
  await page.locator('inflow-launcher').getByRole('button').first().waitFor();
  const outcome = await page.evaluate(() => {
    const div = document.createElement('div');
    let sinkRefused = false;
    try {
      div.innerHTML = '<b>x</b>';
    } catch {
      sinkRefused = true;
    }
    return { sinkRefused };
  });
  expect(outcome.sinkRefused).toBe(true);
  await expect.poll(() => page.locator('#csp-violations li').count()).toBeGreaterThan(0);
  await expect.poll(() => vendor.cspReports.length).toBeGreaterThan(0);
});
