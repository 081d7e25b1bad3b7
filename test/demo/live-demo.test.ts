// The demo pages on the real service (what `npm start` serves): every page links the others, the
// report shows the seeded cycle with an admin token from the demo endpoint, the LMS lesson runs
// an inline practice, and no page shows the preview badge (that is the static build only).
import { expect, test } from 'vitest';
import { useLiveDemo } from '../support/live-demo.js';

const PAGES = ['/index.html', '/lms.html', '/report.html', '/studio.html', '/configurator.html'];

const demo = useLiveDemo({ seed: true });

test('every page links every other page; none is in preview mode', async () => {
  const page = await demo.browser.newPage();
  for (const path of PAGES) {
    await page.goto(`${demo.server.url}${path}`);
    const links = await page
      .locator('nav.demo-nav a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(PAGES);
    expect(await page.locator('nav.demo-nav a[aria-current="page"]').getAttribute('href')).toBe(`.${path}`);
    expect(await page.getByTestId('preview-badge').count()).toBe(0);
  }
});

test('report on the seeded cycle; inline practice on the LMS page', async () => {
  const page = await demo.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${demo.server.url}/report.html`);
  const rows = page.locator('inflow-activation-report tr[data-step]');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const meta = (await page.locator('inflow-activation-report .meta').textContent())?.replace(/\s+/g, ' ');
  expect(meta).toMatch(/audience 300 in 8 teams/);
  expect(
    Number(await page.locator('inflow-activation-report tr[data-step="complete"] td').textContent()),
  ).toBeGreaterThan(0);

  await page.goto(`${demo.server.url}/lms.html`);
  const practice = page.locator('inflow-practice');
  // The seeded cycle has sessions of its own (scored attempts): count only the one started here.
  const [{ before } = { before: '' }] = await demo.server.query<{ before: string }>(
    `select now()::text as before`,
  );
  await practice.locator('[part="start-button"]').click();
  await expect.poll(() => practice.locator('[data-role="coach"]').count(), { timeout: 30_000 }).toBe(1);
  const rows2 = await demo.server.query<{ scenario: string; source: string }>(
    `select scenario, source from sessions where created_at > $1::timestamptz`,
    [before],
  );
  expect(rows2).toEqual([{ scenario: 'first-one-to-one', source: 'embedded' }]);
  expect(errors).toEqual([]);
});
