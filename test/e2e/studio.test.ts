// The scenario studio, end to end: the built demo's studio page served by the real service, in
// Chromium. HR authors a scenario in <inflow-scenario-editor> (admin token), tries the draft,
// publishes it; a manager practises it from a launcher (practice token), reads feedback whose
// every quote is their own words, sees their attempts, and tries again.
import { expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { useLiveDemo } from '../support/live-demo.js';

const demo = useLiveDemo();

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Sends one reply in a practice and waits for the coach's answer. */
async function reply(practice: Locator, text: string): Promise<void> {
  const coach = practice.locator('[data-role="coach"]');
  const before = await coach.count();
  await practice.getByRole('textbox', { name: 'Your reply' }).fill(text);
  await practice.getByRole('textbox', { name: 'Your reply' }).press('Enter');
  await expect.poll(() => coach.count(), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect
    .poll(() => practice.locator('[part="send-button"]').isEnabled(), { timeout: 30_000 })
    .toBe(true);
}

test('author, try the draft, publish, practise from a launcher, feedback quotes only the manager, attempts', async () => {
  const context = await demo.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${demo.server.url}/studio.html`);

  const editor = page.locator('inflow-scenario-editor');
  await expect
    .poll(() => editor.getByRole('heading', { name: 'New scenario' }).count(), { timeout: 30_000 })
    .toBe(1);
  const field = (label: string, n = 0) => editor.getByLabel(label, { exact: true }).nth(n);
  await field('Title').fill('Missed sprint deadlines');
  await field('Summary').fill('Sam missed two sprint deadlines. Talk about it and agree what changes.');
  await field('Objectives').fill('Name the impact on the team\nAsk for their view');
  await field('Name').fill('Sam');
  await field('Role').fill('Backend engineer');
  await field('How they think and react').fill('Defensive at first; opens up when asked what is in the way.');
  await field('Label').fill('Names the impact');
  await field('What good looks like').fill('Says what the missed deadlines did to the team.');
  await field('Phrases that show it').fill('impact\nthe team');
  await editor.getByRole('button', { name: 'Add criterion' }).click();
  await field('Label', 1).fill('Asks for their view');
  await field('What good looks like', 1).fill('Asks an open question about what got in the way.');
  await field('Phrases that show it', 1).fill('how do you see\nwhat got in the way');
  await field('Opening line').fill('Hi. You wanted to talk about the sprint?');

  // Try the draft: saved as version 1 (draft) and played in a preview practice.
  await editor.getByRole('button', { name: 'Try it' }).click();
  const preview = editor.locator('[part="preview"] inflow-practice');
  const previewCoach = preview.locator('[data-role="coach"] .text');
  await expect
    .poll(() => previewCoach.first().textContent(), { timeout: 30_000 })
    .toBe('Hi. You wanted to talk about the sprint?');
  await reply(preview, 'Hi Sam, I want to talk about the impact on the team.');
  await expect
    .poll(() => editor.locator('[part="status"]').textContent(), { timeout: 10_000 })
    .toContain('Version 1 · Draft');
  // A draft has no launcher for managers.
  expect(await page.locator('#studio-launcher inflow-launcher').count()).toBe(0);

  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect
    .poll(() => editor.locator('[part="status"]').textContent(), { timeout: 10_000 })
    .toContain('Version 2 · Published');
  expect(await editor.locator('[part="version"]').count()).toBe(2);

  // The manager's side: a launcher with a practice token, on the published version.
  const launcher = page.locator('#studio-launcher inflow-launcher');
  await expect.poll(() => launcher.count(), { timeout: 10_000 }).toBe(1);
  await launcher.getByRole('button', { name: 'Practise this conversation' }).click();
  const practice = launcher.locator('inflow-practice');
  await expect
    .poll(() => practice.locator('[data-role="coach"] .text').first().textContent(), { timeout: 30_000 })
    .toBe('Hi. You wanted to talk about the sprint?');
  const said = [
    'Sam, the two missed deadlines had an impact on the team: QA lost three days.',
    'How do you see it? Tell me what got in the way.',
  ];
  for (const text of said) await reply(practice, text);
  await practice.getByRole('button', { name: 'End and get feedback' }).click();
  await expect.poll(() => practice.locator('[part="feedback"]').count(), { timeout: 30_000 }).toBe(1);

  const labels = await practice
    .locator('[part="scores"] > li .score-head > span:first-child')
    .allTextContents();
  expect(labels).toEqual(['Names the impact', 'Asks for their view']);
  const quotes = await practice.locator('[part="scores"] q').allTextContents();
  expect(quotes.length).toBeGreaterThan(0);
  const own = (await practice.locator('[data-role="user"] .text').allTextContents()).map(normalise);
  expect(own).toEqual(said.map(normalise));
  for (const quote of quotes)
    expect(
      own.some((turn) => turn.includes(normalise(quote))),
      quote,
    ).toBe(true);

  // The manager's own attempts, and a second one.
  const summary = practice.locator('[part="attempt-summary"]');
  await expect
    .poll(() => summary.textContent(), { timeout: 10_000 })
    .toMatch(/^Attempt 1 · best \d+\/\d+ · (passed|not passed yet)$/);
  await practice.getByRole('button', { name: 'Try again' }).click();
  await expect.poll(() => practice.locator('[data-role="coach"]').count(), { timeout: 30_000 }).toBe(1);
  await reply(practice, 'Hello Sam.');
  await practice.getByRole('button', { name: 'End and get feedback' }).click();
  await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/^Attempt 2 · best /);

  // Stored: both sessions pinned to the published version.
  const sessions = await demo.server.query<{ version: number | null }>(
    `select scenario_version as version from sessions where scenario = 'acme-missed-deadlines' and completed_at is not null order by created_at`,
  );
  expect(sessions.map((s) => s.version)).toEqual([2, 2]);
  expect(errors).toEqual([]);
  await context.close();
});
