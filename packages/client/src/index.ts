/**
 * @inflow/client: the thin API client. Typed calls for every endpoint of API v1, streamed turns,
 * token refresh, and the durable activation-event outbox. No UI, no Lit; browsers and Node.
 */
export { createClient, type ClientOptions, type InflowClient } from './client.js';
export { InflowApiError, parseRetryAfter } from './errors.js';
export { decodeJwtPayload } from './jwt.js';
export { truncate } from './text.js';
export type { TurnStreamEvent } from './stream.js';
export type { ScenarioCalls } from './scenarios.js';
export type { VoiceCalls } from './voice.js';
export type { FetchLike } from './http.js';
export type {
  DropReason,
  OutboxStats,
  OutboxStore,
  QuarantinedEvent,
  QueuedEvent,
  StorageOption,
  TrackFields,
} from './outbox/types.js';
export { MemoryStore } from './outbox/store.js';
export { LocalStorageStore } from './outbox/local-storage.js';
export { backoffDelay, retryDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './outbox/backoff.js';
