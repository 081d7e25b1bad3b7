import type { ElementsClient, TrackFields } from './client-types.js';

type EventName = Parameters<ElementsClient['track']>[0];

/**
 * Records an activation event without ever breaking the element: recording is best effort (the
 * client's outbox reports its own drops), so a throw, or a client that failed to load, only warns.
 */
export function trackSafely(
  client: ElementsClient | Promise<ElementsClient>,
  name: EventName,
  fields: TrackFields,
): void {
  const warn = (error: unknown) => console.warn('[inflow] could not record an activation event', error);
  try {
    if (client instanceof Promise) client.then((c) => c.track(name, fields)).catch(warn);
    else client.track(name, fields);
  } catch (error) {
    warn(error);
  }
}
