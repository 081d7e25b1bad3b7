// Drives the chaos page (page/main.ts) from the test through `window.chaos`.
import type { OutboxStats } from '@inflow/client';
import type { BrowserContext, Page } from 'playwright-core';

interface ChaosApi {
  locks: boolean;
  emit(n: number): Promise<string[]>;
  stats(): OutboxStats;
  flush(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a tab of the chaos page; `query` adds page options (e.g. `storage=localstorage&nolocks=1`). */
export async function openTab(
  context: BrowserContext,
  pageUrl: string,
  apiUrl: string,
  tab: string,
  errors: string[],
  query = '',
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${tab}: ${error.message}`));
  await page.goto(`${pageUrl}/?tab=${tab}&api=${encodeURIComponent(apiUrl)}${query ? `&${query}` : ''}`);
  await page.waitForFunction(() => 'chaos' in window);
  return page;
}

export const emit = (page: Page, n: number) =>
  page.evaluate((count) => (window as unknown as { chaos: ChaosApi }).chaos.emit(count), n);
export const stats = (page: Page) =>
  page.evaluate(() => (window as unknown as { chaos: ChaosApi }).chaos.stats());
export const flush = (page: Page) =>
  page.evaluate(() => (window as unknown as { chaos: ChaosApi }).chaos.flush());
export const hasLocks = (page: Page) =>
  page.evaluate(() => (window as unknown as { chaos: ChaosApi }).chaos.locks);

export async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => 'chaos' in window);
}
