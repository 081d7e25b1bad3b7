import type { OutboxStore, QueuedEvent } from './types.js';

const byId = (a: QueuedEvent, b: QueuedEvent) => (a.event.id < b.event.id ? -1 : 1);

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
