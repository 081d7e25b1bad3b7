// The set-up the browser suites on the built demo share: the real service serving demo/dist as
// `npm start` does, and one Chromium, both started before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo, startServer } from '@inflow/service';
import { launchChromium } from './browser.js';

export const demoDist = new URL('../../demo/dist', import.meta.url).pathname;

export interface LiveDemo {
  server: Awaited<ReturnType<typeof startServer>>;
  browser: Browser;
}

/**
 * Registers the file's beforeAll/afterAll; the returned object is filled in once they ran.
 * `seed` adds the demo cycle, as `inflow serve --demo` does.
 */
export function useLiveDemo(options: { seed?: boolean } = {}): LiveDemo {
  const demo = {} as LiveDemo;
  beforeAll(async () => {
    demo.server = await startServer({
      port: 0,
      host: '127.0.0.1',
      staticDir: demoDist,
      demo: true,
      dataDir: 'memory://',
    });
    if (options.seed) await seedDemo({ query: demo.server.query }, 'demo');
    demo.browser = await launchChromium();
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  });
  return demo;
}
