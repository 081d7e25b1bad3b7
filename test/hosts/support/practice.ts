// What every host test does once its page is up: complete a practice the way a user does
// (click the launcher, read the coach's opening, reply, end, read the feedback), then read what
// the host recorded and what the service stored.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { startServer } from '@inflow/service';

/** The Inflow DOM events every host listens for, in the order a completed practice fires them. */
export const HOST_EVENTS = [
  'inflow-open',
  'inflow-session-start',
  'inflow-first-interaction',
  'inflow-complete',
] as const;

export async function completePractice(page: Page): Promise<void> {
  // Playwright locators pierce open shadow roots: the launcher's button, then the practice in its panel.
  await page.locator('inflow-launcher').getByRole('button').first().click();
  const practice = page.locator('inflow-practice');
  const coachLines = practice.locator('[data-role="coach"]');
  await expect.poll(() => coachLines.count(), { timeout: 30_000 }).toBeGreaterThan(0);

  const composer = practice.getByRole('textbox', { name: 'Your reply' });
  await composer.fill(
    'I want to understand what is getting in the way of the last two deliveries. How do you see it?',
  );
  await composer.press('Enter');
  await expect.poll(() => coachLines.count(), { timeout: 30_000 }).toBeGreaterThan(1);

  await practice.getByRole('button', { name: 'End and get feedback' }).click();
  await practice.getByRole('heading', { name: 'Your feedback' }).waitFor({ timeout: 30_000 });
}

/** The event types the host app wrote into its `#inflow-events` list (its own listener). */
export async function hostEventLog(page: Page): Promise<string[]> {
  return page.locator('#inflow-events li').allTextContents();
}

/** Waits until the host has recorded every practice event, in order (other events may interleave). */
export async function expectHostEvents(page: Page): Promise<void> {
  await expect
    .poll(
      async () => (await hostEventLog(page)).filter((t) => (HOST_EVENTS as readonly string[]).includes(t)),
      { timeout: 30_000 },
    )
    .toEqual([...HOST_EVENTS]);
}

/** Waits until the activation events reached the service, each exactly once. */
export async function expectStoredEvents(server: Awaited<ReturnType<typeof startServer>>): Promise<void> {
  const counts = async () => {
    const rows = await server.query<{ name: string; n: number }>(
      `select name, count(*)::int as n from events where name in ('open','session_start','first_interaction','complete') group by name order by name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  };
  await expect
    .poll(counts, { timeout: 30_000 })
    .toEqual({ complete: 1, first_interaction: 1, open: 1, session_start: 1 });
}
