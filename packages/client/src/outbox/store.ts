import { createStore, delMany, entries, set, type UseStore } from 'idb-keyval';
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

const byId = (a: QueuedEvent, b: QueuedEvent) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

export class MemoryStore implements OutboxStore {
  readonly kind = 'memory';
  private readonly items = new Map<string, QueuedEvent>();
  async add(item: QueuedEvent): Promise<void> {
    this.items.set(item.event.id, item);
  }
  async list(): Promise<QueuedEvent[]> {
    return [...this.items.values()].sort(byId);
  }
  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.items.delete(id);
  }
}

/**
 * One key per event (not one array under one key) so that tabs writing at the same time never
 * overwrite each other's read-modify-write.
 */
export class LocalStorageStore implements OutboxStore {
  readonly kind = 'localstorage';
  constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
  ) {}
  async add(item: QueuedEvent): Promise<void> {
    this.storage.setItem(this.prefix + item.event.id, JSON.stringify(item));
  }
  async list(): Promise<QueuedEvent[]> {
    const out: QueuedEvent[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(this.prefix)) continue;
      try {
        const item = JSON.parse(this.storage.getItem(key) ?? 'null') as QueuedEvent | null;
        if (item?.event?.id) out.push(item);
      } catch {
        // A corrupt entry (edited by hand, truncated): ignore it rather than block the queue.
      }
    }
    return out.sort(byId);
  }
  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.storage.removeItem(this.prefix + id);
  }
}

export class IndexedDbStore implements OutboxStore {
  readonly kind = 'indexeddb';
  private readonly store: UseStore;
  constructor(dbName: string) {
    this.store = createStore(dbName, 'events');
  }
  add(item: QueuedEvent): Promise<void> {
    return set(item.event.id, item, this.store);
  }
  async list(): Promise<QueuedEvent[]> {
    return (await entries<string, QueuedEvent>(this.store)).map(([, item]) => item).sort(byId);
  }
  remove(ids: readonly string[]): Promise<void> {
    return delMany([...ids], this.store);
  }
}

export type StorageOption = 'auto' | 'indexeddb' | 'localstorage' | 'memory' | OutboxStore;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * Picks the first store that works: IndexedDB, then localStorage, then memory. Each candidate is
 * probed (private modes and disabled storage throw or hang rather than report absence).
 */
export async function openStore(option: StorageOption, namespace: string): Promise<OutboxStore> {
  if (typeof option === 'object') return option;
  const tryIdb = option === 'auto' || option === 'indexeddb';
  const tryLs = option === 'auto' || option === 'localstorage';
  if (tryIdb && typeof indexedDB !== 'undefined') {
    try {
      const store = new IndexedDbStore(`inflow-outbox:${namespace}`);
      await withTimeout(store.list(), 3_000);
      return store;
    } catch {
      // fall through
    }
  }
  if (tryLs) {
    try {
      const storage = globalThis.localStorage;
      if (storage) {
        const probe = `inflow-outbox:${namespace}:probe`;
        storage.setItem(probe, '1');
        storage.removeItem(probe);
        return new LocalStorageStore(storage, `inflow-outbox:${namespace}:`);
      }
    } catch {
      // fall through
    }
  }
  return new MemoryStore();
}
