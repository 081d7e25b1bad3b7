// A finished turn ends cleanly: the client reads the reply stream to its end, so the browser's
// network log (DevTools) shows no cancelled request (net::ERR_ABORTED) for it. Driven through the
// demo's LMS page (the built demo on the real service, as `npm start` serves it).
import { expect, test } from 'vitest';
import { useLiveDemo } from '../support/live-demo.js';

const demo = useLiveDemo();

test('streamed turns finish as completed requests, none cancelled', async () => {
  const page = await demo.browser.newPage();
  const failed: string[] = [];
  const finishedTurns: string[] = [];
  page.on('requestfailed', (r) =>
    failed.push(`${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`),
  );
  const turnsFailed = () => failed.filter((f) => f.includes('/turns')).length;
  page.on('requestfinished', (r) => {
    if (r.url().endsWith('/turns')) finishedTurns.push(r.url());
  });
  await page.goto(`${demo.server.url}/lms.html`);
  const practice = page.locator('inflow-practice');
  await practice.locator('[part="start-button"]').click();
  const coach = practice.locator('[data-role="coach"]');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(1);

  for (const [i, text] of [
    'I want to hear how your first weeks went.',
    'What would help you most next month?',
  ].entries()) {
    await practice.locator('[part="composer-input"]').fill(text);
    await practice.locator('[part="send-button"]').click();
    await expect.poll(() => coach.count(), { timeout: 30_000 }).toBe(i + 2);
    // The composer is ready again only after the client handled `done`.
    await expect
      .poll(() => practice.locator('[part="send-button"]').isEnabled(), { timeout: 30_000 })
      .toBe(true);
  }
  await expect.poll(() => finishedTurns.length + turnsFailed(), { timeout: 10_000 }).toBe(2);
  expect(failed).toEqual([]);
  expect(finishedTurns).toHaveLength(2);
});
