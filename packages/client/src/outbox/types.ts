/**
 * The outbox's declarations, in a file that imports nothing back: the stores (store.ts,
 * local-storage.ts), the outbox's parts and the client all depend on it, never on each other.
 */
import type { ActivationEvent, Source } from '@inflow/contract';

/**
 * One queued event as stored. `owner` is `iss/sub` of the token that was current when the event
 * was tracked (when one was known), so a queue left by one user on a shared device is never
 * sent under the next user's token.
 */
export interface QueuedEvent {
  event: ActivationEvent;
  owner?: string | undefined;
}

/** Where the outbox keeps events until the service acknowledges them. */
export interface OutboxStore {
  readonly kind: string;
  /** Throws on quota errors; the outbox catches. */
  add(item: QueuedEvent): Promise<void>;
  /** Every queued event, oldest first (UUIDv7 ids sort by time). */
  list(): Promise<QueuedEvent[]>;
  remove(ids: readonly string[]): Promise<void>;
}

export type StorageOption = 'auto' | 'indexeddb' | 'localstorage' | 'memory' | OutboxStore;

export interface TrackFields {
  sessionId?: string | undefined;
  scenario?: string | undefined;
  source?: Source | undefined;
  /** Small, non-identifying facts. Never transcript text. */
  props?: Record<string, string | number | boolean | null> | undefined;
}

export type DropReason = 'capacity' | 'invalid' | 'rejected' | 'quota';

/** An event the service rejected for good, as listed in `stats().quarantined`. */
export interface QuarantinedEvent {
  id: string;
  name: string;
  status: number;
  code: string;
}

export interface OutboxStats {
  /** Where events wait: `indexeddb`, `localstorage`, `memory` (or a custom store's kind). */
  storage: string;
  /** Events waiting in the store (all tabs), as last seen by this tab. */
  queued: number;
  /** Events tracked by this client. */
  tracked: number;
  /** Events this client saw acknowledged (2xx), including ones the service already had. */
  delivered: number;
  /** Of `delivered`, those the service reported as duplicates (sent before, e.g. by an unload flush). */
  duplicates: number;
  /** Failed delivery attempts that will be retried. */
  retries: number;
  /** Events kept only in memory because the durable store failed (quota, private mode). */
  memoryOnly: number;
  /** Events dropped, by reason. Nothing else is ever dropped. */
  dropped: Record<DropReason, number>;
  /** The last events the service rejected for good: 400/413/422 on their own, or 500 with proof (docs/client.md). */
  quarantined: QuarantinedEvent[];
  /** When the next retry is due (ms since epoch), while backing off. */
  nextRetryAt: number | undefined;
  lastError: { status: number; code: string } | undefined;
}

export interface OutboxOptions {
  storage?: StorageOption;
  /** Storage namespace (the client derives it from `apiBase`). */
  namespace: string;
  maxEvents?: number;
  maxBytes?: number;
  batchEvents?: number;
  batchBytes?: number;
  flushDelayMs?: number;
  /** Listen to `online`, `visibilitychange` and `pagehide` (default: when a window exists). */
  listen?: boolean;
  /** Source of randomness for the backoff jitter (tests). */
  random?: () => number;
}

/** The counters of a new outbox. */
export function emptyStats(): OutboxStats {
  return {
    storage: 'pending',
    queued: 0,
    tracked: 0,
    delivered: 0,
    duplicates: 0,
    retries: 0,
    memoryOnly: 0,
    dropped: { capacity: 0, invalid: 0, rejected: 0, quota: 0 },
    quarantined: [],
    nextRetryAt: undefined,
    lastError: undefined,
  };
}
