import { createStore, delMany, entries, set, type UseStore } from 'idb-keyval';
import type { OutboxStore, QueuedEvent, StorageOption } from './types.js';

const byId = (a: QueuedEvent, b: QueuedEvent) =>
  a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

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
        // A fallback, so loaded only when needed (most pages never download it).
        const { LocalStorageStore } = await import('./local-storage.js');
        return new LocalStorageStore(storage, `inflow-outbox:${namespace}:`);
      }
    } catch {
      // fall through
    }
  }
  return new MemoryStore();
}
