// The static demo build (`npm run demo:static`) with no Inflow server: a plain static file server
// hands out the files, @inflow/mocks runs the service in the tab. A visitor completes a practice
// on the LMS page, and the activation report (seeded cycle + the visitor) counts it.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';

const dir = new URL('../../demo/dist-static', import.meta.url).pathname;

let files: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(`${dir}/index.html`))
    throw new Error(
      `no static demo build in ${dir}: run \`npm run demo:static -- --build-only\` (npm test builds it)`,
    );
  files = await serveDirectory(dir);
  browser = await launchChromium();
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await files?.close();
});

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The report's funnel table, step → users. */
async function funnel(page: Page): Promise<Record<string, number>> {
  const rows = page.locator('inflow-activation-report tr[data-step]');
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  const out: Record<string, number> = {};
  for (const row of await rows.all())
    out[(await row.getAttribute('data-step')) ?? ''] = Number(await row.locator('td').textContent());
  return out;
}

test('preview mode: practice on the LMS page, then the report counts it; API calls are answered in the tab', async () => {
  const page = await context.newPage();
  const errors = watch(page);

  // 1. The report on the seeded cycle (first load seeds the in-browser store).
  await page.goto(`${files.url}/report.html`);
  await expect
    .poll(() => page.getByTestId('preview-badge').textContent(), { timeout: 60_000 })
    .toBe('Preview mode');
  const before = await funnel(page);
  expect(before.complete).toBeGreaterThan(0);
  const audience = await page.locator('inflow-activation-report .meta').textContent();
  expect(audience?.replace(/\s+/g, ' ')).toMatch(/audience 301 in 8 teams/); // 300 seeded people + this visitor

  // 2. A practice inline in the lesson: start, three replies, end, feedback.
  await page.getByRole('link', { name: 'LMS lesson' }).click();
  await page.waitForURL(/lms\.html/);
  await expect.poll(() => page.getByTestId('preview-badge').count(), { timeout: 60_000 }).toBe(1);
  const practice = page.locator('inflow-practice');
  await practice.locator('[part="start-button"]').click();
  const coach = practice.locator('[data-role="coach"]');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(1);
  const composer = practice.getByRole('textbox', { name: 'Your reply' });
  const replies = [
    'Thanks for making time. What would you like to get out of these meetings?',
    'What is getting in your way right now?',
    'Let us each write down one next step.',
  ];
  for (const [i, text] of replies.entries()) {
    await expect
      .poll(() => practice.locator('[part="send-button"]').isEnabled(), { timeout: 30_000 })
      .toBe(true);
    await composer.fill(text);
    await composer.press('Enter');
    await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(i + 2);
    // The send button is enabled again only when the streamed reply is done (phase "ready").
    await expect
      .poll(() => practice.locator('[part="send-button"]').isEnabled(), { timeout: 30_000 })
      .toBe(true);
  }
  await practice.locator('[part="end-button"]').click();
  await expect.poll(() => practice.locator('[part="feedback"]').count(), { timeout: 30_000 }).toBe(1);
  expect(await practice.locator('[part="scores"] li').count()).toBeGreaterThan(0);

  // 3. Back to the report: the visitor's completed practice is counted (events delivered by the
  //    outbox, possibly on this next page from its durable queue).
  await page.getByRole('link', { name: /how HR sees activation/ }).click();
  await page.waitForURL(/report\.html/);
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await funnel(page)).complete;
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toBe((before.complete ?? 0) + 1);

  // The activation events the elements recorded reached the in-tab service, each once.
  const events = () =>
    page.evaluate(async () => {
      const preview = (
        window as unknown as {
          inflowPreview: { eventCounts(f: { user: string }): Promise<Record<string, number>> };
        }
      ).inflowPreview;
      return preview.eventCounts({ user: localStorage.getItem('inflow-demo-user') ?? '' });
    });
  await expect
    .poll(events, { timeout: 30_000, interval: 500 })
    .toEqual({ session_start: 1, first_interaction: 1, meaningful_interaction: 1, complete: 1 });

  expect(errors).toEqual([]);
  // Only files were served: every API call was answered in the tab. The one exception is the
  // outbox's keepalive flush on pagehide: the page that would answer it is going away, so the
  // worker lets it through (a 404 here); the events stay queued and the next page delivers them.
  const api = files.requests.filter((r) => /\/(v1|demo)\//.test(r) && r !== 'POST /v1/events');
  expect(api).toEqual([]);
  expect(files.requests).toContain('GET /mockServiceWorker.js');
});

test('preview mode: the "Simulate network" switches turn the mocks\' faults on and off', async () => {
  const page = await context.newPage();
  await page.goto(`${files.url}/index.html`);
  await expect.poll(() => page.getByTestId('preview-badge').count(), { timeout: 60_000 }).toBe(1);
  const call = () =>
    page.evaluate(() =>
      fetch('./healthz').then(
        (r) => r.status,
        () => 'network error',
      ),
    );
  expect(await call()).toBe(200);
  await page.getByText('Simulate network').click();
  const offline = page.getByLabel('Offline');
  await offline.check();
  expect(await call()).toBe('network error');
  await offline.uncheck();
  expect(await call()).toBe(200);
  await page.getByLabel(/30 % server errors/).check();
  await page.getByLabel(/Rate limited/).check();
  const statuses = new Set<unknown>();
  for (let i = 0; i < 20; i++) statuses.add(await call());
  expect(statuses.has(429)).toBe(true); // the 429 rule comes before the 5xx rule and always fires
});
