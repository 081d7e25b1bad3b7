/**
 * Where tracked events wait: the durable store (IndexedDB → localStorage → memory, store.ts) with
 * an in-memory fallback for events it refuses, under the outbox's capacity limits.
 */
import { sizeOf } from './event.js';
import { MemoryStore, openStore } from './store.js';
import type { OutboxStore, QueuedEvent, StorageOption } from './types.js';

/** `stored`/`memory`: queued (durably, or for this page's life); `capacity`/`quota`: dropped. */
export type AddOutcome = 'stored' | 'memory' | 'capacity' | 'quota';

interface Totals {
  count: number;
  bytes: number;
  at: number;
}

export class EventQueue {
  readonly ready: Promise<OutboxStore>;
  #store: OutboxStore | undefined;
  /** Events kept here when the durable store refused them. */
  readonly #memory = new MemoryStore();
  #cachedTotals: Totals | undefined;

  constructor(
    storage: StorageOption,
    namespace: string,
    private readonly limits: { maxEvents: number; maxBytes: number },
    /** Told the queue's length whenever it is read from storage (other tabs add to it too). */
    private readonly onCount: (count: number) => void,
  ) {
    this.ready = openStore(storage, namespace).then((store) => (this.#store = store));
  }

  /** Every queued event: the durable store's (all tabs) and this page's memory-only ones. */
  async list(): Promise<QueuedEvent[]> {
    const store = await this.ready;
    return [...(await store.list()), ...(await this.#memory.list())];
  }

  /** Queues `item` unless the queue is full; never throws. */
  async add(item: QueuedEvent): Promise<AddOutcome> {
    const store = await this.ready;
    try {
      const totals = await this.#totals();
      const size = sizeOf(item);
      // Full: keep the oldest events (the first impression and interaction matter most).
      if (totals.count + 1 > this.limits.maxEvents || totals.bytes + size > this.limits.maxBytes)
        return 'capacity';
      let outcome: AddOutcome = 'stored';
      try {
        await store.add(item);
      } catch {
        // Quota exceeded, storage disabled mid-session, IDB aborted: keep it in memory for this
        // page's life rather than throw into the host page.
        await this.#memory.add(item);
        outcome = 'memory';
      }
      totals.count++;
      totals.bytes += size;
      return outcome;
    } catch {
      return 'quota';
    }
  }

  /** Deletes delivered or quarantined events. A failed delete only means a resend the service dedupes. */
  async remove(ids: readonly string[]): Promise<void> {
    this.#cachedTotals = undefined;
    await this.#memory.remove(ids);
    try {
      await this.#store?.remove(ids);
    } catch {
      // the events will be sent again and the service will dedupe them
    }
  }

  /**
   * Count and bytes of the queue. Re-read from storage at most once a second (other tabs add to
   * it too), so a burst of tracks (100 launchers' impressions) does not re-read it 100 times.
   */
  async #totals(): Promise<Totals> {
    if (!this.#cachedTotals || Date.now() - this.#cachedTotals.at > 1_000) {
      const queued = await this.list();
      this.#cachedTotals = {
        count: queued.length,
        bytes: queued.reduce((sum, q) => sum + sizeOf(q), 0),
        at: Date.now(),
      };
      this.onCount(queued.length);
    }
    return this.#cachedTotals;
  }
}
