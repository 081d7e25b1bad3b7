/**
 * Poison bookkeeping (docs/client.md, "poisoned batches"): per queued event, how many 500s in a
 * row the posts carrying it got, and how many of those came while the service was acknowledging
 * other posts. Kept in one localStorage key shared by the tabs (like the backoff), so a reload or
 * a tab taking over the flush does not start the count again; memory only where there is none.
 */
import { POISON_STRIKES } from './batches.js';

/** One event's record: consecutive 500s, when the first came, and how many came with proof the service was up. */
interface Record {
  fails: number;
  since: number;
  proven: number;
}

interface Shared {
  /** Last time (ms) this outbox saw a post acknowledged. */
  ackAt: number;
  events: { [id: string]: [fails: number, since: number, proven: number] };
}

export class SharedStrikes {
  readonly #key: string;
  #ackAt = 0;
  #events = new Map<string, Record>();

  constructor(key: string) {
    this.#key = key;
  }

  /** Re-reads the shared record (another tab may have flushed), keeping only events still queued. */
  load(queued: ReadonlySet<string>): void {
    const shared = this.#read();
    if (shared) {
      this.#ackAt = Math.max(this.#ackAt, Number(shared.ackAt) || 0);
      this.#events = new Map(
        Object.entries(shared.events ?? {}).map(([id, [fails, since, proven]]) => [
          id,
          { fails, since, proven },
        ]),
      );
    }
    for (const id of this.#events.keys()) if (!queued.has(id)) this.#events.delete(id);
  }

  /** Consecutive 500s of `id` so far (0 for an event never refused). */
  fails(id: string): number {
    return this.#events.get(id)?.fails ?? 0;
  }

  /** Of those, the ones answered after the service had acknowledged another post since the first. */
  proven(id: string): number {
    return this.#events.get(id)?.proven ?? 0;
  }

  /** A suspect is split off instead of riding along (batches, unload flushes). */
  suspect(id: string): boolean {
    return this.fails(id) >= POISON_STRIKES;
  }

  /** A post carrying `ids` was answered 500. */
  failed(ids: readonly string[], now: number): void {
    for (const id of ids) {
      const record = this.#events.get(id) ?? { fails: 0, since: now, proven: 0 };
      // `>=`: an acknowledgement in the same millisecond is as good a sign the service is up.
      if (record.fails > 0 && this.#ackAt >= record.since) record.proven++;
      record.fails++;
      this.#events.set(id, record);
    }
    this.#write();
  }

  /** A post carrying `ids` was acknowledged: the service is up, and those events are delivered. */
  acknowledged(ids: readonly string[], now: number): void {
    this.#ackAt = now;
    this.forget(ids);
  }

  /** Delivered or quarantined events need no record. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.#events.delete(id);
    this.#write();
  }

  #read(): Shared | undefined {
    try {
      const raw = globalThis.localStorage?.getItem(this.#key);
      const shared = raw ? (JSON.parse(raw) as Shared) : undefined;
      // Validate the shape once here: another version of the client may have written the key.
      if (!shared || typeof shared.events !== 'object' || shared.events === null) return undefined;
      for (const value of Object.values(shared.events)) if (!Array.isArray(value)) return undefined;
      return shared;
    } catch {
      return undefined;
    }
  }

  #write(): void {
    try {
      const storage = globalThis.localStorage;
      if (!storage) return;
      if (this.#events.size === 0 && this.#ackAt === 0) return storage.removeItem(this.#key);
      const events: Shared['events'] = {};
      for (const [id, r] of this.#events) events[id] = [r.fails, r.since, r.proven];
      storage.setItem(this.#key, JSON.stringify({ ackAt: this.#ackAt, events } satisfies Shared));
    } catch {
      // storage disabled or full: the counts live for this page only
    }
  }
}
