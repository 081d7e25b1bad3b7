/**
 * The outbox's storage contract, in a file that imports nothing back: the stores
 * (store.ts, local-storage.ts) and the outbox all depend on it, never on each other.
 */
import type { ActivationEvent } from '@inflow/contract';

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
