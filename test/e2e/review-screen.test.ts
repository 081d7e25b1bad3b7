// The walking skeleton, end to end: the demo review screen served by the real service, driven in
// Chromium: one click on the launcher, the coach's opening line, a typed reply, a streamed answer;
// then the activation events read back from the service's storage, each exactly once.
import { expect, test } from 'vitest';
import { useLiveDemo } from '../support/live-demo.js';

const demo = useLiveDemo();

test('launcher click → practice → streamed reply; open, session_start, first_interaction stored once', async () => {
  const page = await demo.browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(demo.server.url);

  const launcher = page.locator('inflow-launcher#practice-launcher');
  await launcher.getByRole('button').click();

  // Playwright's locators pierce open shadow roots.
  const coachLines = page.locator('inflow-practice [data-role="coach"]');
  await expect.poll(() => coachLines.count()).toBeGreaterThan(0);
  const opening = (await coachLines.first().textContent())?.trim() ?? '';
  expect(opening.length).toBeGreaterThan(10);

  const composer = page.locator('inflow-practice').getByRole('textbox', { name: 'Your reply' });
  await composer.fill("I'd like to talk about the last two sprint deliveries. What's getting in the way?");
  await composer.press('Enter');

  await expect.poll(() => coachLines.count(), { timeout: 30_000 }).toBeGreaterThan(1);
  const answer = (await coachLines.nth(1).textContent())?.trim() ?? '';
  expect(answer.length).toBeGreaterThan(10);

  // Delivery is asynchronous (the outbox flushes on a short timer): wait for the events to land.
  const counts = async () => {
    const rows = await demo.server.query<{ name: string; n: number }>(
      `select name, count(*)::int as n from events where name in ('open','session_start','first_interaction') group by name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  };
  await expect.poll(counts, { timeout: 30_000 }).toEqual({ open: 1, session_start: 1, first_interaction: 1 });
  expect(pageErrors).toEqual([]);
});
