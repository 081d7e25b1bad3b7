/**
 * The msw side: one catch-all handler per mock service that forwards every request under its
 * `apiBase` to the service app (after the faults had their say). Runtime-neutral: the same
 * handlers go into `setupServer` (Node) and `setupWorker` (browsers).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockService } from './service.js';

export function inflowHandlers(service: Pick<MockService, 'apiBase' | 'handle'>): HttpHandler[] {
  return [
    http.all(`${service.apiBase}/*`, async ({ request }) => {
      const response = await service.handle(request);
      // `HttpResponse.error()` makes fetch reject with a TypeError, like a device that is offline.
      return response ?? HttpResponse.error();
    }),
  ];
}
