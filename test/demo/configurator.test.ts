// The configurator, driven in Chromium against the real service: each attribute change updates
// the live preview and the snippet together; the copied snippet, pasted into a blank page on
// another origin, loads the elements from the service and runs a practice against it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';

const staticDir = new URL('../../demo/dist', import.meta.url).pathname;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let context: BrowserContext;
let vendor: StaticServer | undefined;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', staticDir, demo: true, dataDir: 'memory://' });
  browser = await launchChromium();
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await vendor?.close();
  await server?.close();
});

const snippet = (page: Page) => page.locator('#cfg-snippet').textContent();
const previewAttr = (page: Page, name: string) =>
  page.locator('#cfg-preview inflow-launcher').getAttribute(name);

test('attribute changes update preview and snippet; the copied snippet works in a blank page against the service', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/configurator.html`);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.configuratorReady), { timeout: 30_000 })
    .toBe('true');

  // The initial state: the first scenario of GET /v1/scenarios, the default label.
  expect(await snippet(page)).toContain(`<script type="module" src="${server.url}/inflow.js"></script>`);
  expect(await snippet(page)).toContain(`api-base="${server.url}"`);
  expect(await snippet(page)).toMatch(/token="ey[\w-]+\.[\w-]+\.[\w-]+"/);
  expect(await previewAttr(page, 'label')).toBe('Practise this conversation');

  // Each change shows in the preview (the element itself) and in the snippet.
  await page.getByLabel('Label').fill('Rehearse with the AI coach');
  await expect
    .poll(() => page.locator('#cfg-preview inflow-launcher [part="base"]').textContent())
    .toContain('Rehearse with the AI coach');
  expect(await snippet(page)).toContain('label="Rehearse with the AI coach"');

  await page.getByLabel('Scenario').selectOption('critical-feedback');
  await expect.poll(() => previewAttr(page, 'scenario')).toBe('critical-feedback');
  expect(await snippet(page)).toContain('scenario="critical-feedback"');

  await page.getByLabel('Variant').selectOption('link');
  await expect.poll(() => previewAttr(page, 'variant')).toBe('link');
  expect(await snippet(page)).toContain('variant="link"');

  await page.getByLabel('Source').selectOption('nudge');
  await expect.poll(() => previewAttr(page, 'source')).toBe('nudge');

  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(() => previewAttr(page, 'theme')).toBe('dark');

  await page.getByLabel(/^Voice/).selectOption('push');
  await expect.poll(() => previewAttr(page, 'voice')).toBe('push');
  expect(await snippet(page)).toContain('voice="push"');

  await page.getByLabel(/More context/).fill('goal=Agree a plan for Q1');
  await expect.poll(() => previewAttr(page, 'context-goal')).toBe('Agree a plan for Q1');
  expect(await snippet(page)).toContain('context-goal="Agree a plan for Q1"');

  // Defaults are left out; the preview carries exactly the snippet's attributes.
  await page.getByLabel('Placement').selectOption('bottom-start');
  expect(await snippet(page)).not.toContain('placement=');
  const attrs = await page.locator('#cfg-preview inflow-launcher').evaluate((el) =>
    el
      .getAttributeNames()
      .filter((n) => !['open', 'style'].includes(n))
      .map((n) => `${n}="${el.getAttribute(n)}"`),
  );
  for (const a of attrs) expect(await snippet(page)).toContain(a.replace(/&/g, '&amp;'));

  // Copy → the clipboard holds the exact snippet.
  await page.getByRole('button', { name: 'Copy snippet' }).click();
  await expect.poll(() => page.locator('#cfg-copy-status').textContent()).toBe('Copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await snippet(page));
  expect(errors).toEqual([]);

  // Paste it into a blank page on another origin (a vendor's page) and use it.
  vendor = await serveDirectory(staticDir, {
    '/vendor.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vendor page</title></head><body><h1>Reviews</h1>\n${copied}\n</body></html>`,
  });
  const blank = await context.newPage();
  const blankErrors: string[] = [];
  blank.on('pageerror', (e) => blankErrors.push(e.message));
  await blank.goto(`${vendor.url}/vendor.html`);
  const launcher = blank.locator('inflow-launcher [part="base"]');
  await expect
    .poll(() => launcher.textContent(), { timeout: 30_000 })
    .toContain('Rehearse with the AI coach');
  await launcher.click();
  const coach = blank.locator('inflow-practice [data-role="coach"]');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const composer = blank.locator('inflow-practice').getByRole('textbox', { name: 'Your reply' });
  await composer.fill('I want to talk about how the launch review went.');
  await composer.press('Enter');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBeGreaterThan(1);

  // The service got the session with the configured scenario, source and context.
  const sessions = await server.query<{ scenario: string; source: string; context: Record<string, string> }>(
    `select scenario, source, context from sessions`,
  );
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({
    scenario: 'critical-feedback',
    source: 'nudge',
    context: { role: 'Senior engineer', goal: 'Agree a plan for Q1' },
  });
  await expect
    .poll(
      async () =>
        (
          await server.query<{ name: string }>(
            `select name from events where scenario = 'critical-feedback' order by at`,
          )
        ).map((r) => r.name),
      { timeout: 30_000 },
    )
    .toEqual(expect.arrayContaining(['open', 'session_start', 'first_interaction']));
  expect(blankErrors).toEqual([]);
});
