// The outbox against msw with fake timers: every status-code path, backoff timing, Retry-After,
// the 401 refresh, batch splitting, quota errors and the storage cap.
import { delay, http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  LocalStorageStore,
  MemoryStore,
  type InflowClient,
  type OutboxStore,
  type QueuedEvent,
} from '../index.js';
import { API, createMswServer, tokenFor } from '../test/helpers.js';

const server = createMswServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** What the fake service stored: id → count (so duplicates show), plus every request seen. */
let stored: Map<string, number>;
let requests: Array<{ ids: string[]; auth: string | null; at: number }>;
/** Per-request answers, consumed in order; once empty, the service accepts. */
let script: Array<(ids: string[]) => Response | undefined>;

function accept(ids: string[]) {
  let duplicates = 0;
  for (const id of ids) {
    if (stored.has(id)) duplicates++;
    stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  return HttpResponse.json({ accepted: ids.length - duplicates, duplicates }, { status: 202 });
}

const fail =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ error: { code: `e${status}`, message: 'injected' } }, { status, headers });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  stored = new Map();
  requests = [];
  script = [];
  server.use(
    http.post(`${API}/v1/events`, async ({ request }) => {
      const body = (await request.json()) as { events: Array<{ id: string }> };
      const ids = body.events.map((e) => e.id);
      requests.push({ ids, auth: request.headers.get('authorization'), at: Date.now() });
      const answer = script.shift()?.(ids);
      return answer ?? accept(ids);
    }),
  );
});

afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

let clients: InflowClient[] = [];
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
});

/** A client whose start-up flush (of an empty queue) is already over. */
async function newClient(
  options: Partial<Parameters<typeof createClient>[0]> = {},
  outbox: Record<string, unknown> = {},
) {
  const client = createClient({
    apiBase: API,
    token: tokenFor('u1'),
    storage: new MemoryStore(),
    ...options,
    outbox: { listen: false, random: () => 0.5, ...outbox },
  });
  clients.push(client);
  await vi.advanceTimersByTimeAsync(0);
  return client;
}

const storedOnce = (ids: string[]) => ids.every((id) => stored.get(id) === 1);

describe('delivery', () => {
  it('stores every event before any network attempt and deletes it only after the 2xx', async () => {
    const store = new MemoryStore();
    const inStoreWhenSent: boolean[] = [];
    server.use(
      http.post(`${API}/v1/events`, async ({ request }) => {
        const ids = ((await request.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
        const present = new Set((await store.list()).map((q) => q.event.id));
        inStoreWhenSent.push(...ids.map((id) => present.has(id)));
        return accept(ids);
      }),
    );
    const client = await newClient({ storage: store });
    const ids = [
      client.track('impression'),
      client.track('open', { scenario: 'goal-setting', source: 'embedded' }),
    ];
    await client.settled();
    expect((await store.list()).map((q) => q.event.id)).toEqual(ids);
    await vi.advanceTimersByTimeAsync(1_000); // the short flush timer
    expect(inStoreWhenSent).toEqual([true, true]);
    expect(await store.list()).toEqual([]);
    expect(storedOnce(ids)).toBe(true);
    expect(client.stats()).toMatchObject({ tracked: 2, delivered: 2, queued: 0, retries: 0 });
  });

  it('gives each event a UUIDv7 id, in time order', async () => {
    const client = await newClient();
    const ids = Array.from({ length: 20 }, () => client.track('help'));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('batches by count (≤ 50) and by bytes (≤ 64 KB)', async () => {
    const client = await newClient();
    const ids = Array.from({ length: 120 }, () => client.track('impression'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.map((r) => r.ids.length)).toEqual([50, 50, 20]);
    expect(storedOnce(ids)).toBe(true);

    requests = [];
    // ~1.9 KB of props per event: 64 KB holds ~33 of them.
    const props = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'x'.repeat(180)]));
    const big = Array.from({ length: 60 }, () => client.track('impression', { props }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(2);
    for (const r of requests) expect(r.ids.length).toBeLessThan(50);
    expect(storedOnce(big)).toBe(true);
  });

  it('flushes at start-up what an earlier page view left in the store', async () => {
    const store = new MemoryStore();
    const leftover: QueuedEvent = {
      event: { id: '0190a0c0-0000-7000-8000-00000000000a', name: 'open', at: new Date().toISOString() },
    };
    await store.add(leftover);
    await newClient({ storage: store });
    await vi.advanceTimersByTimeAsync(0);
    expect(stored.get(leftover.event.id)).toBe(1);
    expect(await store.list()).toEqual([]);
  });

  it('counts duplicates the service reports (an earlier unload flush already delivered them)', async () => {
    const client = await newClient();
    const id = client.track('open');
    stored.set(id, 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.stats()).toMatchObject({ delivered: 1, duplicates: 1, queued: 0 });
  });
});

describe('retries', () => {
  it.each([
    ['500', fail(500)],
    ['502', fail(502)],
    ['503', fail(503)],
    ['408', fail(408)],
    ['429', fail(429)],
    ['403', fail(403)],
    ['404', fail(404)],
    ['409', fail(409)],
    ['415', fail(415)],
    ['504', fail(504)],
    ['a 502 HTML page from a proxy', () => new HttpResponse('<html>bad gateway</html>', { status: 502 })],
    ['network error', () => HttpResponse.error()],
  ])('keeps the events and retries after %s', async (_label, answer) => {
    const client = await newClient();
    const id = client.track('session_start');
    script = [answer];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(1);
    expect(stored.has(id)).toBe(false);
    expect(client.stats()).toMatchObject({ queued: 1, retries: 1 });
    // Attempt 0 with random 0.5: 500 ms.
    await vi.advanceTimersByTimeAsync(500);
    expect(requests.length).toBe(2);
    expect(stored.get(id)).toBe(1);
    expect(client.stats()).toMatchObject({ queued: 0, delivered: 1, nextRetryAt: undefined });
  });

  it('gives up on a request that never answers after 30 s and retries', async () => {
    const client = await newClient();
    const id = client.track('open');
    script = [() => undefined];
    let hung = 0;
    server.use(
      http.post(`${API}/v1/events`, async ({ request }) => {
        if (hung++ === 0) await delay('infinite');
        const ids = ((await request.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
        return accept(ids);
      }),
    );
    await vi.advanceTimersByTimeAsync(1_000 + 29_999);
    expect(client.stats()).toMatchObject({ queued: 1, retries: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(client.stats()).toMatchObject({ retries: 1, lastError: { status: 0, code: 'timeout' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(stored.get(id)).toBe(1);
  });

  it('backs off exponentially (base 1 s, ×2) and never beyond 5 minutes', async () => {
    const client = await newClient({}, { random: () => 0.999_999 });
    const id = client.track('open');
    script = Array.from({ length: 14 }, () => fail(503));
    await vi.advanceTimersByTimeAsync(1_000);
    const gaps: number[] = [];
    for (let i = 0; i < 14; i++) {
      const before = requests.length;
      const due = client.stats().nextRetryAt! - Date.now();
      gaps.push(due);
      await vi.advanceTimersByTimeAsync(due - 1);
      expect(requests.length).toBe(before); // not a millisecond early
      await vi.advanceTimersByTimeAsync(1);
      expect(requests.length).toBe(before + 1);
    }
    expect(gaps.slice(0, 5)).toEqual([999, 1999, 3999, 7999, 15_999]);
    expect(Math.max(...gaps)).toBe(299_999);
    expect(stored.get(id)).toBe(1);
  });

  it('waits for Retry-After on 429, capped at 5 minutes', async () => {
    const client = await newClient({}, { random: () => 0 });
    const id = client.track('open');
    script = [fail(429, { 'retry-after': '30' }), fail(429, { 'retry-after': '86400' })];
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(requests.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.length).toBe(2);
    // A day-long Retry-After parks the outbox for 5 minutes, not a day.
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(requests.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.length).toBe(3);
    expect(stored.get(id)).toBe(1);
  });

  it('a new event during a backoff does not jump the wait', async () => {
    const client = await newClient({}, { random: () => 0 });
    client.track('open');
    script = [fail(503, { 'retry-after': '60' })];
    await vi.advanceTimersByTimeAsync(1_000);
    client.track('help');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(requests.length).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(requests.length).toBe(2);
    expect(requests[1]!.ids.length).toBe(2);
  });

  it('flush() sends at once, ignoring the backoff wait, and never throws', async () => {
    const client = await newClient();
    const id = client.track('open');
    script = [fail(503, { 'retry-after': '120' })];
    await vi.advanceTimersByTimeAsync(1_000);
    script = [() => HttpResponse.error()];
    await expect(client.flush()).resolves.toBeUndefined();
    expect(requests.length).toBe(2);
    await client.flush();
    expect(stored.get(id)).toBe(1);
  });
});

describe('401', () => {
  it('refreshes the token once and retries with the new one', async () => {
    let n = 0;
    const fetchToken = vi.fn(async () => tokenFor('u1', 900 + ++n));
    const client = await newClient({ token: undefined, fetchToken });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchToken).toHaveBeenCalledTimes(1); // at start
    const id = client.track('open');
    script = [fail(401)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(requests.length).toBe(2);
    expect(requests[0]!.auth).not.toBe(requests[1]!.auth);
    expect(stored.get(id)).toBe(1);
    expect(client.stats().retries).toBe(0);
  });

  it('a 401 that survives the refresh backs off instead of looping', async () => {
    const fetchToken = vi.fn(async () => tokenFor('u1'));
    const client = await newClient({ token: undefined, fetchToken });
    const id = client.track('open');
    script = [fail(401), fail(401)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(2);
    expect(client.stats()).toMatchObject({ retries: 1, queued: 1, lastError: { status: 401 } });
    await vi.advanceTimersByTimeAsync(500);
    expect(stored.get(id)).toBe(1);
  });

  it('events wait when fetchToken fails, and go once it works', async () => {
    let up = false;
    const client = await newClient({
      token: undefined,
      fetchToken: async () => (up ? tokenFor('u1') : Promise.reject(new Error('backend down'))),
    });
    const id = client.track('open');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(0);
    expect(client.stats()).toMatchObject({ queued: 1, lastError: { code: 'token_unavailable' } });
    up = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(stored.get(id)).toBe(1);
  });
});

describe('bad batches', () => {
  it.each([400, 413, 422])(
    'splits on %i and quarantines only the event that keeps failing',
    async (status) => {
      const client = await newClient();
      const ids = Array.from({ length: 8 }, () => client.track('open'));
      const bad = ids[5]!;
      server.use(
        http.post(`${API}/v1/events`, async ({ request }) => {
          const got = ((await request.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
          requests.push({ ids: got, auth: null, at: Date.now() });
          return got.includes(bad) ? fail(status)() : accept(got);
        }),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      expect(ids.filter((id) => id !== bad).every((id) => stored.get(id) === 1)).toBe(true);
      expect(stored.has(bad)).toBe(false);
      const stats = client.stats();
      expect(stats.dropped).toEqual({ capacity: 0, invalid: 0, rejected: 1, quota: 0 });
      expect(stats.quarantined).toEqual([{ id: bad, name: 'open', status, code: `e${status}` }]);
      expect(stats.queued).toBe(0);
      // Halving: 8 → 4+4 → (2+2) → (1+1): log2(8) levels, not one request per event.
      expect(requests.length).toBe(7);
      await vi.advanceTimersByTimeAsync(600_000);
      expect(requests.length).toBe(7); // nothing left to send, nothing retried
    },
  );
});

describe('bounded store', () => {
  it('caps the queue by count, keeping the oldest and counting the rest as dropped', async () => {
    const client = await newClient({}, { maxEvents: 5 });
    script = Array.from({ length: 3 }, () => () => HttpResponse.error());
    const ids = Array.from({ length: 7 }, () => client.track('impression'));
    await client.settled();
    expect(client.stats()).toMatchObject({
      queued: 5,
      dropped: { capacity: 2, invalid: 0, rejected: 0, quota: 0 },
    });
    for (let i = 0; i < 4; i++) await client.flush();
    expect(ids.slice(0, 5).every((id) => stored.get(id) === 1)).toBe(true);
    expect(ids.slice(5).some((id) => stored.has(id))).toBe(false);
  });

  it('caps the queue by bytes', async () => {
    const client = await newClient({}, { maxBytes: 10_000 });
    script = [() => HttpResponse.error()];
    const props = { a: 'x'.repeat(190), b: 'y'.repeat(190), c: 'z'.repeat(190) };
    for (let i = 0; i < 30; i++) client.track('impression', { props });
    await client.settled();
    const { queued, dropped } = client.stats();
    expect(queued).toBeGreaterThan(5);
    expect(queued).toBeLessThan(30);
    expect(dropped.capacity).toBe(30 - queued);
  });

  it('never throws into the page on quota errors: keeps events in memory and still delivers them', async () => {
    const quota = () =>
      Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const full: Storage = {
      length: 0,
      clear() {},
      getItem: () => null,
      key: () => null,
      removeItem() {},
      setItem() {
        throw quota();
      },
    };
    const client = await newClient({ storage: new LocalStorageStore(full, 'inflow-outbox:test:') });
    let id = '';
    expect(() => {
      id = client.track('open');
    }).not.toThrow();
    await client.settled();
    expect(client.stats()).toMatchObject({ storage: 'localstorage', memoryOnly: 1, queued: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored.get(id)).toBe(1);
  });

  it('counts an event as dropped (quota) when even listing the store fails', async () => {
    const broken: OutboxStore = {
      kind: 'broken',
      add: () => Promise.reject(new Error('x')),
      list: () => Promise.reject(new Error('disk gone')),
      remove: () => Promise.resolve(),
    };
    const client = await newClient({ storage: broken });
    expect(() => client.track('open')).not.toThrow();
    await client.settled();
    expect(client.stats().dropped.quota).toBe(1);
  });

  it('drops events that could never be accepted (unknown name, oversize props) and counts them', async () => {
    const client = await newClient();
    client.track('not-an-event' as 'open');
    client.track('open', { props: { big: 'x'.repeat(3000) } });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => client.track('open', { props: circular as never })).not.toThrow();
    expect(() => client.track('open', null as never)).not.toThrow();
    await client.settled();
    expect(client.stats().dropped).toEqual({ capacity: 0, invalid: 3, rejected: 0, quota: 0 });
    expect(client.stats().tracked).toBe(1); // the null-fields event is fine: no fields
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.map((r) => r.ids.length)).toEqual([1]); // only the valid one went out
  });
});

describe('shared devices', () => {
  it("never sends one user's queued events under another user's token", async () => {
    const store = new MemoryStore();
    const alice = await newClient({ storage: store, token: tokenFor('alice') });
    script = [() => HttpResponse.error()];
    const aliceId = alice.track('open');
    await vi.advanceTimersByTimeAsync(1_000);
    alice.dispose();
    const bob = await newClient({ storage: store, token: tokenFor('bob') });
    const bobId = bob.track('open');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored.get(bobId)).toBe(1);
    expect(stored.has(aliceId)).toBe(false);
    expect(bob.stats().queued).toBe(1); // Alice's event waits for Alice
    await newClient({ storage: store, token: tokenFor('alice') });
    await vi.advanceTimersByTimeAsync(0);
    expect(stored.get(aliceId)).toBe(1);
  });
});

describe('unload flush', () => {
  it('on pagehide, sends a CORS-simple keepalive request with the token in the body', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', doc);
    const seen: RequestInit[] = [];
    const token = tokenFor('u1');
    const client = await newClient(
      { token, fetch: (url, init) => (seen.push(init ?? {}), globalThis.fetch(url, init)) },
      { listen: true },
    );
    // msw sees text/plain: parse it ourselves.
    server.use(
      http.post(`${API}/v1/events`, async ({ request }) => {
        const body = JSON.parse(await request.text()) as { token?: string; events: Array<{ id: string }> };
        requests.push({
          ids: body.events.map((e) => e.id),
          auth: request.headers.get('authorization') ?? `body:${body.token}`,
          at: Date.now(),
        });
        return accept(body.events.map((e) => e.id));
      }),
    );
    const id = client.track('open');
    await client.settled();
    win.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);
    const init = seen[0]!;
    expect(init.keepalive).toBe(true);
    expect(init.credentials).toBe('omit');
    // Only CORS-safelisted headers: no Authorization, no application/json, so no preflight.
    expect(init.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8' });
    expect(requests[0]).toMatchObject({ ids: [id], auth: `body:${token}` });
    expect(client.stats()).toMatchObject({ queued: 0, delivered: 1 });
    // Acknowledged, so the regular timer has nothing left to send.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.length).toBe(1);
    expect(stored.get(id)).toBe(1);
  });

  it('on visibilitychange→hidden too, and the event stays queued if that request fails', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', doc);
    let calls = 0;
    const client = await newClient(
      { fetch: () => (calls++, Promise.reject(new TypeError('offline'))) },
      { listen: true },
    );
    client.track('open');
    await client.settled();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(client.stats().queued).toBe(1);
  });

  it('pagehide right after visibilitychange→hidden does not send the same events twice', async () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', doc);
    const bodies: string[] = [];
    const client = await newClient(
      { fetch: (_url, init) => (bodies.push(String(init?.body)), new Promise<Response>(() => undefined)) },
      { listen: true },
    );
    const first = client.track('open');
    await client.settled();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('pagehide'));
    expect(bodies).toHaveLength(1);
    // Visible again, then hidden: still unacknowledged, so it goes again (with the new event).
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    const second = client.track('help');
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(bodies).toHaveLength(2);
    expect((JSON.parse(bodies[1]!) as { events: Array<{ id: string }> }).events.map((e) => e.id)).toEqual([
      first,
      second,
    ]);
  });

  it('keeps the unload request under the 64 KB keepalive limit, token included', async () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    const bodies: string[] = [];
    const client = await newClient(
      { fetch: (_url, init) => (bodies.push(String(init?.body)), new Promise<Response>(() => undefined)) },
      { listen: true },
    );
    const props = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'x'.repeat(190)]));
    for (let i = 0; i < 60; i++) client.track('impression', { props });
    win.dispatchEvent(new Event('pagehide'));
    expect(bodies).toHaveLength(1);
    const bytes = new TextEncoder().encode(bodies[0]).length;
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(bytes).toBeGreaterThan(48 * 1024); // and not wastefully small
  });

  it('`online` ends a backoff at once', async () => {
    const win = new EventTarget();
    vi.stubGlobal('window', win);
    const client = await newClient({}, { listen: true });
    const id = client.track('open');
    script = [fail(503, { 'retry-after': '240' })];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored.has(id)).toBe(false);
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(stored.get(id)).toBe(1);
  });
});
