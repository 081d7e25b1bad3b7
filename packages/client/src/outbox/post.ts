import type { EventsAccepted } from '@inflow/contract';
import type { Http } from '../http.js';
import type { QueuedEvent } from './types.js';

/** A request that never answers (a stuck proxy) must not hold the flush lock forever. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * POSTs one batch to `/v1/events` (Http.send refreshes the token once on a 401 and retries).
 * Throws what Http.send throws (InflowApiError, network errors, the timeout).
 */
export async function postBatch(http: Http, batch: readonly QueuedEvent[]): Promise<Partial<EventsAccepted>> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException('event post timed out', 'TimeoutError')),
    REQUEST_TIMEOUT_MS,
  );
  let response: Response;
  try {
    response = await http.send('/v1/events', {
      method: 'POST',
      body: { events: batch.map((b) => b.event) },
      accept: 'application/json',
      signal: timeout.signal,
    });
  } finally {
    clearTimeout(timer);
  }
  return (await response.json().catch(() => ({}))) as Partial<EventsAccepted>;
}
