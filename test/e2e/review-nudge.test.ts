// Nudges and deep links on the built demo review screen, served by the real service, in Chromium:
// focusing the review text area near the due date shows the nudge beside it (never over it), one
// click opens the practice, and the stored session says `nudge`; a page opened from a Slack link
// (`?inflow=underperformance&inflow_src=slack`) opens the practice at once, drops the parameters
// from the address bar, and the session says `deeplink`.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useLiveDemo } from '../support/live-demo.js';

const demo = useLiveDemo();

async function freshPage(): Promise<{ page: Page; errors: string[] }> {
  // A new context per test: its own localStorage, so nudge memory starts empty.
  const context = await demo.browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

const sessionSources = async () =>
  (await demo.server.query<{ source: string }>(`select source from sessions order by created_at`)).map(
    (r) => r.source,
  );

test('focusing the review text area near the due date shows the nudge beside it; one click → practice with source nudge', async () => {
  const { page, errors } = await freshPage();
  await page.goto(demo.server.url);
  const nudge = page.locator('inflow-nudge#review-nudge');
  const callout = nudge.locator('[part~="base"]');
  await expect.poll(() => nudge.evaluate((el) => (el as HTMLElement & { open: boolean }).open)).toBe(false);

  const textarea = page.locator('#review-text');
  await textarea.focus();
  await expect.poll(() => callout.isVisible()).toBe(true);
  // The page's own message, slotted into the callout.
  expect(await page.getByText("Jordan's review is due in 2 days").isVisible()).toBe(true);

  // Beside the text area, not over it, and the reviewer keeps typing where they were.
  const [box, area] = [await callout.boundingBox(), await textarea.boundingBox()];
  expect(box && area).toBeTruthy();
  const overlap =
    box!.x < area!.x + area!.width &&
    area!.x < box!.x + box!.width &&
    box!.y < area!.y + area!.height &&
    area!.y < box!.y + box!.height;
  expect(overlap).toBe(false);
  await page.keyboard.type('Jordan missed');
  expect(await textarea.inputValue()).toBe('Jordan missed');
  if (process.env.INFLOW_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.INFLOW_SCREENSHOTS}/nudge-shown.png` });

  const before = (await sessionSources()).length;
  await nudge.getByRole('button', { name: 'Practise now' }).click();
  await expect
    .poll(() => page.locator('inflow-practice [data-role="coach"]').count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await sessionSources()).slice(before), { timeout: 30_000 })
    .toEqual(['nudge']);
  await expect
    .poll(
      async () =>
        (
          await demo.server.query<{ n: number }>(
            `select count(*)::int as n from events where name = 'nudge_shown' and source = 'nudge'`,
          )
        )[0]!.n,
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a Slack deep link opens the practice at once, cleans the URL, and the session says deeplink', async () => {
  const { page, errors } = await freshPage();
  const before = (await sessionSources()).length;
  await page.goto(`${demo.server.url}/?inflow=underperformance&inflow_src=slack`);
  await expect
    .poll(() => page.locator('inflow-practice [data-role="coach"]').count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await expect
    .poll(async () => (await sessionSources()).slice(before), { timeout: 30_000 })
    .toEqual(['deeplink']);
  expect(errors).toEqual([]);
  await page.context().close();
});
