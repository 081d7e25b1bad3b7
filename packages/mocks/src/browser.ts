/**
 * `@inflow/mocks/browser`: the in-process service behind msw's `setupWorker`, for the static demo,
 * Storybook-like previews and browser tests. The page must serve msw's worker script
 * (`npx msw init <public dir>`), by default at `/mockServiceWorker.js`.
 */
import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from '@inflow/service/app';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { inflowHandlers } from './handlers.js';
import { createMockService, type MockService, type MockServiceOptions } from './service.js';

export interface InflowWorkerOptions extends MockServiceOptions {
  /** PGlite location: `memory://` (default, gone on reload) or `idb://<name>` (kept in IndexedDB). */
  dataDir?: string;
  /** URL of msw's worker script (default `/mockServiceWorker.js`). */
  workerUrl?: string;
  /** Log intercepted requests to the console (default false). */
  verbose?: boolean;
}

export interface InflowWorker {
  service: MockService;
  worker: SetupWorker;
  close(): Promise<void>;
}

export async function startInflowWorker(options: InflowWorkerOptions = {}): Promise<InflowWorker> {
  const {
    dataDir = 'memory://',
    workerUrl = '/mockServiceWorker.js',
    verbose = false,
    ...serviceOptions
  } = options;
  // The browser build of PGlite keeps an `idb://` database across page loads (one tab at a time).
  const db = serviceOptions.db ?? pgliteDb(await PGlite.create(dataDir, { relaxedDurability: false }));
  const service = await createMockService({ apiBase: location.origin, ...serviceOptions, db });
  const worker = setupWorker(...inflowHandlers(service));
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: !verbose });
  return {
    service,
    worker,
    async close() {
      worker.stop();
      await service.close();
    },
  };
}

export * from './index.js';
