/**
 * The msw side: one catch-all handler per mock service that forwards every API request under its
 * `apiBase` to the service app (after the faults had their say). Runtime-neutral: the same
 * handlers go into `setupServer` (Node) and `setupWorker` (browsers).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockService } from './service.js';

/**
 * The service's own paths. Anything else under `apiBase` is left alone: in the static demo the
 * API shares the page's origin, and the page's scripts, styles and PGlite's WASM must load as usual.
 */
const SERVICE_PATH = /^\/(v1\/|demo\/|healthz$|readyz$|openapi\.json$|docs$)/;

export function inflowHandlers(service: Pick<MockService, 'apiBase' | 'handle'>): HttpHandler[] {
  return [
    http.all(`${service.apiBase}/*`, async ({ request }) => {
      const path = request.url.slice(service.apiBase.length).split('?')[0] ?? '';
      if (!SERVICE_PATH.test(path)) return undefined;
      const response = await service.handle(request);
      // `HttpResponse.error()` makes fetch reject with a TypeError, like a device that is offline.
      return response ?? HttpResponse.error();
    }),
  ];
}
