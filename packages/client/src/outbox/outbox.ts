import { LIMITS, type EventName, type EventsAccepted } from '@inflow/contract';
import { InflowApiError } from '../errors.js';
import type { Http } from '../http.js';
import { tokenOwner } from '../token.js';
import { uuidv7 } from '../uuid.js';
import { SharedBackoff } from './backoff.js';
import { ownedBy, quarantined, toBatches, unloadBatch } from './batches.js';
import { tryBuildEvent } from './event.js';
import { lockFor, noLock, type FlushLock } from './lock.js';
import { postBatch } from './post.js';
import { OK, sendBatches, type Outcome } from './send.js';
import { EventQueue } from './queue.js';
import { SharedStrikes } from './strikes.js';
import {
  emptyStats,
  type OutboxOptions,
  type OutboxStats,
  type OutboxStore,
  type QueuedEvent,
  type TrackFields,
} from './types.js';
import { KEEPALIVE_BYTES, listenToPage, postOnUnload } from './unload.js';

/**
 * The durable activation-event outbox: store first, send in batches, delete only after a 2xx.
 * See docs/client.md for the guarantees and their limits.
 */
export class Outbox {
  readonly #http: Http;
  readonly #batchEvents: number;
  readonly #batchBytes: number;
  readonly #flushDelayMs: number;
  readonly #ready: Promise<OutboxStore>;
  readonly #queue: EventQueue;
  readonly #backoff: SharedBackoff;
  readonly #strikes: SharedStrikes;
  #lock: FlushLock = noLock;
  /** What this tab knows is queued: for the synchronous unload flush, which cannot await storage. */
  readonly #mirror = new Map<string, QueuedEvent>();
  readonly #unpersisted = new Set<string>();
  /** Ids sent by unload flushes since the page was last visible (pagehide follows visibilitychange). */
  readonly #unloadSent = new Set<string>();
  #writes: Promise<void> = Promise.resolve();
  #chain: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  readonly #listeners = new AbortController();
  #disposed = false;
  readonly #counters: OutboxStats;

  constructor(http: Http, options: OutboxOptions) {
    this.#http = http;
    this.#batchEvents = Math.min(options.batchEvents ?? 50, LIMITS.eventsPerBatch);
    this.#batchBytes = Math.min(options.batchBytes ?? 64 * 1024, LIMITS.eventsBodyBytes);
    this.#flushDelayMs = options.flushDelayMs ?? 1_000;
    this.#backoff = new SharedBackoff(
      `inflow-outbox:${options.namespace}:retry-at`,
      options.random ?? Math.random,
    );
    this.#strikes = new SharedStrikes(`inflow-outbox:${options.namespace}:strikes`);
    this.#counters = emptyStats();
    const limits = { maxEvents: options.maxEvents ?? 1_000, maxBytes: options.maxBytes ?? 1024 * 1024 };
    this.#queue = new EventQueue(options.storage ?? 'auto', options.namespace, limits, (count) => {
      this.#counters.queued = count;
    });
    this.#ready = this.#queue.ready.then((store) => {
      this.#counters.storage = store.kind;
      this.#lock = lockFor(store.kind, `inflow-outbox:${options.namespace}`);
      return store;
    });
    const listen =
      options.listen ?? (typeof window !== 'undefined' && typeof window.addEventListener === 'function');
    if (listen) {
      listenToPage(this.#listeners.signal, {
        online: () => {
          // Back online: the backoff was about the network, not the service; try now.
          this.#backoff.reset();
          if (this.#timer) clearTimeout(this.#timer);
          this.#timer = undefined;
          this.#schedule(0);
        },
        leaving: () => this.#unloadFlush(),
        visible: () => this.#unloadSent.clear(),
      });
    }
    // Start-up flush: deliver what earlier page views (or other tabs) left behind.
    void this.#ready.then(() => this.#schedule(0));
  }

  /** Queues an event; returns its id at once. Never throws. */
  track(name: EventName, fields: TrackFields = {}): string {
    const id = uuidv7();
    const event = tryBuildEvent(id, name, fields ?? {});
    if (!event) {
      this.#counters.dropped.invalid++;
      return id;
    }
    const token = this.#http.tokens.peek();
    const item: QueuedEvent = { event, owner: token ? tokenOwner(token) : undefined };
    this.#counters.tracked++;
    this.#mirror.set(id, item);
    this.#unpersisted.add(id);
    this.#writes = this.#writes.then(() => this.#persist(item)).catch(() => undefined);
    this.#schedule(this.#flushDelayMs);
    return id;
  }

  /** Resolves once every event tracked so far is stored (or counted as dropped). */
  async settled(): Promise<void> {
    await this.#ready;
    await this.#writes;
  }

  /** Sends everything queued now, ignoring any backoff wait. Never throws. */
  flush(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#flushOnce()).catch(() => undefined);
    return this.#chain;
  }

  stats(): OutboxStats {
    return {
      ...this.#counters,
      dropped: { ...this.#counters.dropped },
      quarantined: [...this.#counters.quarantined],
    };
  }

  dispose(): void {
    this.#disposed = true;
    this.#listeners.abort();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #persist(item: QueuedEvent): Promise<void> {
    const outcome = await this.#queue.add(item);
    this.#unpersisted.delete(item.event.id);
    if (outcome === 'capacity' || outcome === 'quota') {
      this.#counters.dropped[outcome]++;
      this.#mirror.delete(item.event.id);
      return;
    }
    if (outcome === 'memory') this.#counters.memoryOnly++;
    this.#counters.queued++;
  }

  #schedule(delayMs: number): void {
    if (this.#disposed) return;
    const at = Math.max(Date.now() + delayMs, this.#backoff.until);
    if (this.#timer && this.#timerAt <= at) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, at - Date.now());
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async #flushOnce(): Promise<void> {
    if (this.#disposed) return;
    await this.settled();
    const outcome = await this.#lock(() => this.#sendAll());
    if (outcome === undefined) {
      // Another tab holds the flush lock and is sending the shared queue; look again later.
      this.#schedule(this.#flushDelayMs * 2);
      return;
    }
    if (!outcome.retry) {
      this.#backoff.reset();
      this.#counters.nextRetryAt = undefined;
      return;
    }
    this.#counters.retries++;
    // A batch is being narrowed down while the rest gets through: the service is up, no need to wait long.
    if (!outcome.hard && outcome.progress) this.#backoff.reset();
    const delay = this.#backoff.failed(outcome.retryAfter);
    this.#counters.nextRetryAt = Date.now() + delay;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#schedule(delay);
  }

  async #sendAll(): Promise<Outcome> {
    const items = await this.#queue.list();
    this.#counters.queued = items.length;
    for (const item of items) this.#mirror.set(item.event.id, item);
    // Forget what another tab already delivered (it is gone from the shared store).
    const listed = new Set(items.map((i) => i.event.id));
    for (const id of this.#mirror.keys())
      if (!listed.has(id) && !this.#unpersisted.has(id)) this.#mirror.delete(id);
    if (items.length === 0) return OK;

    let token: string;
    try {
      token = await this.#http.tokens.get();
    } catch (error) {
      this.#noteError(error);
      return { retry: true, retryAfter: undefined, hard: true };
    }
    this.#strikes.load(listed);
    const batches = toBatches(ownedBy(items, tokenOwner(token)), this.#batchEvents, this.#batchBytes);
    return sendBatches(batches, {
      post: (batch) => postBatch(this.#http, batch),
      strikes: this.#strikes,
      noteError: (error) => this.#noteError(error),
      delivered: async (batch, body) => {
        this.#countDuplicates(body);
        await this.#acknowledge(batch);
      },
      quarantine: (item, error) => this.#quarantine(item, error),
    });
  }

  #countDuplicates(body: Partial<EventsAccepted>): void {
    this.#counters.duplicates += typeof body.duplicates === 'number' ? body.duplicates : 0;
  }

  #noteError(error: unknown): number {
    const status = error instanceof InflowApiError ? error.status : 0;
    const code = error instanceof InflowApiError ? error.code : 'network';
    this.#counters.lastError = { status, code };
    return status;
  }

  async #acknowledge(batch: QueuedEvent[]): Promise<void> {
    const ids = batch.map((b) => b.event.id);
    this.#strikes.acknowledged(ids, Date.now());
    const fresh = ids.filter((id) => this.#mirror.has(id));
    this.#counters.delivered += ids.length;
    for (const id of ids) this.#mirror.delete(id);
    await this.#queue.remove(ids);
    this.#counters.queued = Math.max(0, this.#counters.queued - fresh.length);
  }

  async #quarantine(item: QueuedEvent, error: InflowApiError): Promise<void> {
    this.#counters.dropped.rejected++;
    this.#counters.quarantined = quarantined(this.#counters.quarantined, {
      id: item.event.id,
      name: item.event.name,
      status: error.status,
      code: error.code,
    });
    this.#mirror.delete(item.event.id);
    this.#strikes.forget([item.event.id]);
    await this.#queue.remove([item.event.id]);
    this.#counters.queued = Math.max(0, this.#counters.queued - 1);
  }

  /**
   * The page is going away (or hidden, which on mobile is often the last chance): send what this
   * tab knows about in one `keepalive` request (unload.ts). The events stay stored until a 2xx is
   * seen; if the page dies first, the next start-up sends them again and the service dedupes.
   */
  #unloadFlush(): void {
    const token = this.#http.tokens.peek();
    if (!token || this.#mirror.size === 0) return;
    const maxBytes = Math.min(this.#batchBytes, KEEPALIVE_BYTES) - token.length - 16; // the token's share
    // Poison suspects stay out: one of them would make the service refuse the whole request.
    const skip = { has: (id: string) => this.#unloadSent.has(id) || this.#strikes.suspect(id) };
    const batch = unloadBatch(this.#mirror.values(), tokenOwner(token), skip, this.#batchEvents, maxBytes);
    if (!batch) return;
    for (const b of batch) this.#unloadSent.add(b.event.id);
    postOnUnload(this.#http, token, batch)
      .then(async (body) => {
        if (!body) return;
        this.#countDuplicates(body);
        await this.#acknowledge(batch);
      })
      .catch(() => undefined);
  }
}
