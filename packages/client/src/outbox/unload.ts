/**
 * The page-lifecycle side of the outbox: the listeners (back online, hidden, going away) and the
 * one `keepalive` request an unload flush sends.
 */
import type { EventsAccepted } from '@inflow/contract';
import type { Http } from '../http.js';
import type { QueuedEvent } from './types.js';

/** Browsers cap in-flight keepalive bodies at 64 KB per page; leave room for the envelope. */
export const KEEPALIVE_BYTES = 63 * 1024;

export interface PageEvents {
  /** Back online. */
  online(): void;
  /** Hidden (on mobile often the last chance) or going away (`pagehide`). */
  leaving(): void;
  /** Visible again. */
  visible(): void;
}

export function listenToPage(signal: AbortSignal, on: PageEvents): void {
  window.addEventListener('online', () => on.online(), { signal });
  window.addEventListener('pagehide', () => on.leaving(), { signal });
  if (typeof document === 'undefined') return;
  document.addEventListener(
    'visibilitychange',
    () => (document.visibilityState === 'hidden' ? on.leaving() : on.visible()),
    { signal },
  );
}

/**
 * Sends `batch` in one `keepalive` request in CORS-simple form (text/plain, token in the body, no
 * custom header) so no preflight is needed. Resolves to the service's answer on a 2xx, else
 * undefined; never throws (keepalive quota exceeded, fetch unavailable: the events stay queued).
 */
export function postOnUnload(
  http: Http,
  token: string,
  batch: readonly QueuedEvent[],
): Promise<Partial<EventsAccepted> | undefined> {
  try {
    return http
      .fetchImpl(http.url('/v1/events'), {
        method: 'POST',
        keepalive: true,
        credentials: 'omit',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ token, events: batch.map((b) => b.event) }),
      })
      .then(async (response) => {
        if (!response.ok) return undefined;
        return (await response.json().catch(() => ({}))) as Partial<EventsAccepted>;
      })
      .catch(() => undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}
