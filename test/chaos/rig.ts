// What every outbox chaos test stands on: the real service (in-memory PGlite), the fault proxy in
// front of it, the page server with the bundled outbox page, and one Chromium context. Started
// before the file's tests and stopped after them, in reverse order.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer } from '@inflow/service';
import { launchChromium } from '../support/browser.js';
import { startFaultProxy, type Faults } from './fault-proxy.js';
import { bundlePage, startPageServer, type TokenPolicy } from './page-server.js';

export interface ChaosRig {
  service: Awaited<ReturnType<typeof startServer>>;
  proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  pages: Awaited<ReturnType<typeof startPageServer>>;
  browser: Browser;
  context: BrowserContext;
}

/** Registers the rig's beforeAll/afterAll; its fields are set once beforeAll has run. */
export function useChaosRig(faults: Faults, random: () => number, policy: TokenPolicy): ChaosRig {
  const rig = {} as ChaosRig;
  beforeAll(async () => {
    rig.service = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: 'memory://',
      log: () => undefined,
    });
    rig.proxy = await startFaultProxy(rig.service.url, faults, random);
    rig.pages = await startPageServer(await bundlePage(), policy);
    rig.browser = await launchChromium();
    rig.context = await rig.browser.newContext();
  });
  afterAll(async () => {
    await rig.context?.close();
    await rig.browser?.close();
    await rig.pages?.close();
    await rig.proxy?.close();
    await rig.service?.close();
  });
  return rig;
}
