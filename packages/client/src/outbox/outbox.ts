import { EVENT_NAMES, LIMITS, type ActivationEvent, type EventName, type EventsAccepted, type Source } from '@inflow/contract';
import { InflowApiError } from '../errors.js';
import type { Http } from '../http.js';
import { tokenOwner } from '../token.js';
import { uuidv7 } from '../uuid.js';
import { retryDelay } from './backoff.js';
import { createFlushLock, noLock, type FlushLock } from './lock.js';
import { MemoryStore, openStore } from './store.js';
import type { OutboxStore, QueuedEvent, StorageOption } from './types.js';

export interface TrackFields {
  sessionId?: string | undefined;
  scenario?: string | undefined;
  source?: Source | undefined;
  /** Small, non-identifying facts. Never transcript text. */
  props?: Record<string, string | number | boolean | null> | undefined;
}

export type DropReason = 'capacity' | 'invalid' | 'rejected' | 'quota';

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
  /** The last events the service rejected for good (400/413/422 on their own). */
  quarantined: Array<{ id: string; name: string; status: number; code: string }>;
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

type Outcome = { retry: false } | { retry: true; retryAfter: number | undefined };
const OK: Outcome = { retry: false };
const SPLIT_STATUSES = new Set([400, 413, 422]);
const QUARANTINE_KEEP = 20;
const REQUEST_TIMEOUT_MS = 30_000;
const encoder = new TextEncoder();
const sizeOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/**
 * The durable activation-event outbox: store first, send in batches, delete only after a 2xx.
 * See docs/client.md for the guarantees and their limits.
 */
export class Outbox {
  readonly #http: Http;
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  readonly #batchEvents: number;
  readonly #batchBytes: number;
  readonly #flushDelayMs: number;
  readonly #random: () => number;
  readonly #ready: Promise<OutboxStore>;
  readonly #retryKey: string;
  #store: OutboxStore | undefined;
  #lock: FlushLock = noLock;
  /** Events kept here when the durable store refused them. */
  readonly #memory = new MemoryStore();
  /** What this tab knows is queued: for the synchronous unload flush, which cannot await storage. */
  readonly #mirror = new Map<string, QueuedEvent>();
  readonly #unpersisted = new Set<string>();
  /** Ids sent by unload flushes since the page was last visible (pagehide follows visibilitychange). */
  readonly #unloadSent = new Set<string>();
  #writes: Promise<void> = Promise.resolve();
  #cachedTotals: { count: number; bytes: number; at: number } | undefined;
  #chain: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #attempt = 0;
  #retryAt = 0;
  readonly #listeners = new AbortController();
  #disposed = false;
  readonly #counters: OutboxStats;

  constructor(http: Http, options: OutboxOptions) {
    this.#http = http;
    this.#maxEvents = options.maxEvents ?? 1_000;
    this.#maxBytes = options.maxBytes ?? 1024 * 1024;
    this.#batchEvents = Math.min(options.batchEvents ?? 50, LIMITS.eventsPerBatch);
    this.#batchBytes = Math.min(options.batchBytes ?? 64 * 1024, LIMITS.eventsBodyBytes);
    this.#flushDelayMs = options.flushDelayMs ?? 1_000;
    this.#random = options.random ?? Math.random;
    this.#retryKey = `inflow-outbox:${options.namespace}:retry-at`;
    this.#counters = {
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
    this.#ready = openStore(options.storage ?? 'auto', options.namespace).then((store) => {
      this.#store = store;
      this.#counters.storage = store.kind;
      // A shared store needs one flushing tab; a memory store is this tab's alone.
      this.#lock = store.kind === 'indexeddb' || store.kind === 'localstorage' ? createFlushLock(`inflow-outbox:${options.namespace}`) : noLock;
      return store;
    });
    const listen = options.listen ?? (typeof window !== 'undefined' && typeof window.addEventListener === 'function');
    if (listen) this.#listen();
    // Start-up flush: deliver what earlier page views (or other tabs) left behind.
    void this.#ready.then(() => this.#schedule(0));
  }

  /** Queues an event; returns its id at once. Never throws. */
  track(name: EventName, fields: TrackFields = {}): string {
    const id = uuidv7();
    let event: ActivationEvent | undefined;
    try {
      event = buildEvent(id, name, fields ?? {});
    } catch {
      // Circular or otherwise unserialisable props: a host-page bug, never a host-page crash.
      event = undefined;
    }
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
    return { ...this.#counters, dropped: { ...this.#counters.dropped }, quarantined: [...this.#counters.quarantined] };
  }

  dispose(): void {
    this.#disposed = true;
    this.#listeners.abort();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Count and bytes of the queue. Re-read from storage at most once a second (other tabs add to
   * it too), so a burst of tracks (100 launchers' impressions) does not re-read it 100 times.
   */
  async #totals(store: OutboxStore): Promise<{ count: number; bytes: number; at: number }> {
    if (!this.#cachedTotals || Date.now() - this.#cachedTotals.at > 1_000) {
      const queued = [...(await store.list()), ...(await this.#memory.list())];
      this.#cachedTotals = { count: queued.length, bytes: queued.reduce((sum, q) => sum + sizeOf(q), 0), at: Date.now() };
      this.#counters.queued = queued.length;
    }
    return this.#cachedTotals;
  }

  async #persist(item: QueuedEvent): Promise<void> {
    const store = await this.#ready;
    const id = item.event.id;
    try {
      const totals = await this.#totals(store);
      const size = sizeOf(item);
      // Full: keep the oldest events (the first impression and interaction matter most).
      if (totals.count + 1 > this.#maxEvents || totals.bytes + size > this.#maxBytes) {
        this.#counters.dropped.capacity++;
        this.#mirror.delete(id);
        return;
      }
      try {
        await store.add(item);
      } catch {
        // Quota exceeded, storage disabled mid-session, IDB aborted: keep it in memory for this
        // page's life rather than throw into the host page.
        await this.#memory.add(item);
        this.#counters.memoryOnly++;
      }
      totals.count++;
      totals.bytes += size;
      this.#counters.queued++;
    } catch {
      this.#counters.dropped.quota++;
      this.#mirror.delete(id);
    } finally {
      this.#unpersisted.delete(id);
    }
  }

  #schedule(delayMs: number): void {
    if (this.#disposed) return;
    const at = Math.max(Date.now() + delayMs, this.#retryAt, this.#sharedRetryAt());
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
      this.#attempt = 0;
      this.#retryAt = 0;
      this.#counters.nextRetryAt = undefined;
      this.#setSharedRetryAt(0);
      return;
    }
    this.#counters.retries++;
    const delay = retryDelay(this.#attempt++, outcome.retryAfter, this.#random);
    this.#retryAt = Date.now() + delay;
    this.#counters.nextRetryAt = this.#retryAt;
    this.#setSharedRetryAt(this.#retryAt);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#schedule(delay);
  }

  async #sendAll(): Promise<Outcome> {
    const store = await this.#ready;
    const items = [...(await store.list()), ...(await this.#memory.list())];
    this.#counters.queued = items.length;
    for (const item of items) this.#mirror.set(item.event.id, item);
    // Forget what another tab already delivered (it is gone from the shared store).
    const listed = new Set(items.map((i) => i.event.id));
    for (const id of this.#mirror.keys()) if (!listed.has(id) && !this.#unpersisted.has(id)) this.#mirror.delete(id);
    if (items.length === 0) return OK;

    let token: string;
    try {
      token = await this.#http.tokens.get();
    } catch (error) {
      this.#noteError(error);
      return { retry: true, retryAfter: undefined };
    }
    const owner = tokenOwner(token);
    // Events tracked under another user's token wait for that user (shared devices).
    const mine = items.filter((i) => !i.owner || !owner || i.owner === owner);
    for (const batch of this.#batches(mine)) {
      const outcome = await this.#sendBatch(batch);
      if (outcome.retry) return outcome;
    }
    return OK;
  }

  /** Splits into request bodies of ≤ batchEvents events and ≤ `budget` bytes. */
  #batches(items: QueuedEvent[], budget = this.#batchBytes): QueuedEvent[][] {
    const out: QueuedEvent[][] = [];
    let current: QueuedEvent[] = [];
    let bytes = 16; // `{"events":[]}` and the commas, roughly
    for (const item of items) {
      const size = sizeOf(item.event) + 1;
      if (current.length > 0 && (current.length >= this.#batchEvents || bytes + size > budget)) {
        out.push(current);
        current = [];
        bytes = 16;
      }
      current.push(item);
      bytes += size;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  async #sendBatch(batch: QueuedEvent[]): Promise<Outcome> {
    // A request that never answers (a stuck proxy) must not hold the flush lock forever.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('event post timed out', 'TimeoutError')), REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      // Http.send refreshes the token once on a 401 and retries.
      response = await this.#http.send('/v1/events', {
        method: 'POST',
        body: { events: batch.map((b) => b.event) },
        accept: 'application/json',
        signal: timeout.signal,
      });
    } catch (error) {
      const status = this.#noteError(error);
      if (SPLIT_STATUSES.has(status)) {
        if (batch.length === 1) {
          await this.#quarantine(batch[0]!, error as InflowApiError);
          return OK;
        }
        // Halve until the event that keeps failing stands alone; the rest goes through.
        const mid = Math.ceil(batch.length / 2);
        for (const half of [batch.slice(0, mid), batch.slice(mid)]) {
          const outcome = await this.#sendBatch(half);
          if (outcome.retry) return outcome;
        }
        return OK;
      }
      // Network, 5xx, 408, 429, a 401 that survived a refresh, and any other status: keep the
      // events and retry later. Only the three statuses above mean "this payload is bad".
      return { retry: true, retryAfter: error instanceof InflowApiError ? error.retryAfter : undefined };
    } finally {
      clearTimeout(timer);
    }
    const body = (await response.json().catch(() => ({}))) as Partial<EventsAccepted>;
    this.#counters.duplicates += typeof body.duplicates === 'number' ? body.duplicates : 0;
    await this.#acknowledge(batch);
    return OK;
  }

  #noteError(error: unknown): number {
    const status = error instanceof InflowApiError ? error.status : 0;
    const code = error instanceof InflowApiError ? error.code : 'network';
    this.#counters.lastError = { status, code };
    return status;
  }

  async #acknowledge(batch: QueuedEvent[]): Promise<void> {
    this.#cachedTotals = undefined;
    const ids = batch.map((b) => b.event.id);
    const fresh = ids.filter((id) => this.#mirror.has(id));
    this.#counters.delivered += ids.length;
    for (const id of ids) this.#mirror.delete(id);
    await this.#memory.remove(ids);
    try {
      await this.#store?.remove(ids);
    } catch {
      // Could not delete: the events will be sent again and the service will dedupe them.
    }
    this.#counters.queued = Math.max(0, this.#counters.queued - fresh.length);
  }

  async #quarantine(item: QueuedEvent, error: InflowApiError): Promise<void> {
    this.#cachedTotals = undefined;
    this.#counters.dropped.rejected++;
    this.#counters.quarantined = [
      ...this.#counters.quarantined,
      { id: item.event.id, name: item.event.name, status: error.status, code: error.code },
    ].slice(-QUARANTINE_KEEP);
    this.#mirror.delete(item.event.id);
    await this.#memory.remove([item.event.id]);
    await this.#store?.remove([item.event.id]).catch(() => undefined);
    this.#counters.queued = Math.max(0, this.#counters.queued - 1);
  }

  /**
   * The page is going away (or hidden, which on mobile is often the last chance): send what this
   * tab knows about in one `keepalive` request in CORS-simple form (text/plain, token in the
   * body, no custom header) so no preflight is needed. The events stay stored until a 2xx is
   * seen; if the page dies first, the next start-up sends them again and the service dedupes.
   */
  #unloadFlush(): void {
    const token = this.#http.tokens.peek();
    if (!token || this.#mirror.size === 0) return;
    const owner = tokenOwner(token);
    const items = [...this.#mirror.values()]
      .filter((i) => (!i.owner || !owner || i.owner === owner) && !this.#unloadSent.has(i.event.id))
      .sort((a, b) => (a.event.id < b.event.id ? -1 : 1));
    // Browsers cap in-flight keepalive bodies at 64 KB per page; the token takes its share.
    const batch = this.#batches(items, Math.min(this.#batchBytes, 63 * 1024) - token.length - 16)[0];
    if (!batch?.length) return;
    for (const b of batch) this.#unloadSent.add(b.event.id);
    try {
      this.#http
        .fetchImpl(this.#http.url('/v1/events'), {
          method: 'POST',
          keepalive: true,
          credentials: 'omit',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body: JSON.stringify({ token, events: batch.map((b) => b.event) }),
        })
        .then(async (response) => {
          if (!response.ok) return;
          const body = (await response.json().catch(() => ({}))) as Partial<EventsAccepted>;
          this.#counters.duplicates += typeof body.duplicates === 'number' ? body.duplicates : 0;
          await this.#acknowledge(batch);
        })
        .catch(() => undefined);
    } catch {
      // keepalive quota exceeded or fetch unavailable: the events stay queued.
    }
  }

  #listen(): void {
    const signal = this.#listeners.signal;
    window.addEventListener(
      'online',
      () => {
        // Back online: the backoff was about the network, not the service; try now.
        this.#attempt = 0;
        this.#retryAt = 0;
        this.#setSharedRetryAt(0);
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#schedule(0);
      },
      { signal },
    );
    window.addEventListener('pagehide', () => this.#unloadFlush(), { signal });
    if (typeof document !== 'undefined') {
      document.addEventListener(
        'visibilitychange',
        () => {
          if (document.visibilityState === 'hidden') this.#unloadFlush();
          else this.#unloadSent.clear();
        },
        { signal },
      );
    }
  }

  /** Backoff shared with other tabs, so a tab that takes over the flush does not hammer the service. */
  #sharedRetryAt(): number {
    try {
      return Number(globalThis.localStorage?.getItem(this.#retryKey) ?? 0) || 0;
    } catch {
      return 0;
    }
  }

  #setSharedRetryAt(at: number): void {
    try {
      if (at > 0) globalThis.localStorage?.setItem(this.#retryKey, String(at));
      else globalThis.localStorage?.removeItem(this.#retryKey);
    } catch {
      // storage disabled: per-tab backoff only
    }
  }
}

const NAMES = new Set<string>(EVENT_NAMES);

/** Builds the wire event, or undefined when it could never be accepted. */
function buildEvent(id: string, name: EventName, fields: TrackFields): ActivationEvent | undefined {
  if (!NAMES.has(name)) return undefined;
  const event: ActivationEvent = { id, name, at: new Date().toISOString() };
  if (fields.sessionId) event.sessionId = fields.sessionId;
  if (fields.scenario) event.scenario = fields.scenario;
  if (fields.source) event.source = fields.source;
  if (fields.props && Object.keys(fields.props).length > 0) {
    if (typeof fields.props !== 'object' || sizeOf(fields.props) > LIMITS.eventPropsBytes) return undefined;
    event.props = { ...fields.props };
  }
  return event;
}
