// The outbox's answer to a poisoned batch (docs/client.md): a batch the service keeps answering
// 500 is split until the event it refuses stands alone, that event is quarantined and counted,
// and the rest keeps flowing; outages, 503, 502, 504, 429 and Retry-After never quarantine.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, MemoryStore, type InflowClient } from '../index.js';
import { API, createMswServer, tokenFor } from '../test/helpers.js';

const server = createMswServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** What the fake service stored (id → count) and every post it saw. */
let stored: Map<string, number>;
let posts: string[][];
/** The answer to a post, given its ids; undefined accepts. */
let refuse: (ids: string[]) => Response | undefined;

const answer = (status: number, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { code: `e${status}`, message: 'injected' } }, { status, headers });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  stored = new Map();
  posts = [];
  refuse = () => undefined;
  server.use(
    http.post(`${API}/v1/events`, async ({ request }) => {
      const ids = ((await request.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
      posts.push(ids);
      const refused = refuse(ids);
      if (refused) return refused;
      let duplicates = 0;
      for (const id of ids) {
        if (stored.has(id)) duplicates++;
        stored.set(id, (stored.get(id) ?? 0) + 1);
      }
      return HttpResponse.json({ accepted: ids.length - duplicates, duplicates }, { status: 202 });
    }),
  );
});

let clients: InflowClient[] = [];
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  server.resetHandlers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function newClient(store = new MemoryStore()) {
  const client = createClient({
    apiBase: API,
    token: tokenFor('u1'),
    storage: store,
    outbox: { listen: false, random: () => 0.5 },
  });
  clients.push(client);
  await vi.advanceTimersByTimeAsync(0);
  return client;
}

/** Lets the outbox's timers run for up to `ms` (in steps), stopping early once `done()` holds. */
async function runUntil(done: () => boolean, ms: number): Promise<void> {
  for (let t = 0; t < ms && !done(); t += 250) await vi.advanceTimersByTimeAsync(250);
}

const poisoned = (bad: ReadonlySet<string>, status = 500, headers: Record<string, string> = {}) => {
  return (ids: string[]) => (ids.some((id) => bad.has(id)) ? answer(status, headers) : undefined);
};

describe('a batch the service keeps answering 500', () => {
  it('is split until the refused event stands alone; it is quarantined and counted, every other one stored once', async () => {
    const client = await newClient();
    // The case: 6 tracked, one of them refused (a prop the service cannot store).
    const ids = Array.from({ length: 6 }, () => client.track('open'));
    const bad = ids[0]!;
    refuse = poisoned(new Set([bad]));
    await runUntil(() => client.stats().quarantined.length > 0, 120_000);
    const good = ids.filter((id) => id !== bad);
    expect(good.map((id) => stored.get(id))).toEqual(good.map(() => 1));
    expect(stored.has(bad)).toBe(false);
    const stats = client.stats();
    expect(stats.quarantined).toEqual([{ id: bad, name: 'open', status: 500, code: 'e500' }]);
    expect(stats.dropped).toEqual({ capacity: 0, invalid: 0, rejected: 1, quota: 0 });
    expect(stats.queued).toBe(0);
    const sent = posts.length;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(posts.length).toBe(sent); // nothing left, nothing retried
  });

  it('splits only after 3 answers in a row, and counts 4 or more before it quarantines', async () => {
    const client = await newClient();
    const ids = Array.from({ length: 4 }, () => client.track('open'));
    const bad = ids[3]!;
    refuse = poisoned(new Set([bad]));
    await runUntil(() => posts.length >= 4, 30_000);
    // Whole three times (a 500 can be a blip), then halves.
    expect(posts.slice(0, 4).map((p) => p.length)).toEqual([4, 4, 4, 2]);
    await runUntil(() => client.stats().quarantined.length > 0, 120_000);
    expect(posts.filter((p) => p.includes(bad)).length).toBeGreaterThanOrEqual(4);
    expect(posts.filter((p) => p.length === 1 && p[0] === bad).length).toBeGreaterThanOrEqual(1);
  });

  it('lets events tracked while the bad one is narrowed down through, without waiting for it', async () => {
    const client = await newClient();
    const bad = client.track('open');
    refuse = poisoned(new Set([bad]));
    await runUntil(() => posts.length >= 3, 30_000); // the bad one is a suspect now
    const later: string[] = [];
    for (let i = 0; i < 5; i++) {
      later.push(client.track('help'));
      await runUntil(() => stored.has(later.at(-1)!), 5_000);
      expect(stored.get(later.at(-1)!)).toBe(1);
    }
    await runUntil(() => client.stats().quarantined.length > 0, 120_000);
    expect(client.stats().quarantined.map((q) => q.id)).toEqual([bad]);
    expect(later.every((id) => stored.get(id) === 1)).toBe(true);
  });

  it('isolates two bad events among 40 and delivers the other 38', async () => {
    const client = await newClient();
    const ids = Array.from({ length: 40 }, () => client.track('impression'));
    const bad = new Set([ids[7]!, ids[30]!]);
    refuse = poisoned(bad);
    await runUntil(() => client.stats().quarantined.length === 2, 300_000);
    expect(new Set(client.stats().quarantined.map((q) => q.id))).toEqual(bad);
    expect(ids.filter((id) => !bad.has(id)).every((id) => stored.get(id) === 1)).toBe(true);
    expect(client.stats().queued).toBe(0);
  });

  it('is narrowed down while later batches go on (a bad event in the first of three)', async () => {
    const client = await newClient();
    const ids = Array.from({ length: 120 }, () => client.track('impression'));
    const bad = ids[10]!;
    refuse = poisoned(new Set([bad]));
    await vi.advanceTimersByTimeAsync(1_000);
    // The first flush: the bad batch waits, the two after it are delivered.
    expect(ids.slice(50).every((id) => stored.get(id) === 1)).toBe(true);
    await runUntil(() => client.stats().quarantined.length > 0, 300_000);
    expect(ids.filter((id) => id !== bad).every((id) => stored.get(id) === 1)).toBe(true);
  });
});

describe('what never counts as poison', () => {
  it.each([
    ['503', () => answer(503)],
    ['502', () => answer(502)],
    ['504', () => answer(504)],
    ['429 with Retry-After', () => answer(429, { 'retry-after': '1' })],
    ['500 with Retry-After', () => answer(500, { 'retry-after': '1' })],
    ['a network error', () => HttpResponse.error()],
  ])(
    '%s to every post carrying one event, for ten minutes: never split, never quarantined',
    async (_label, fault) => {
      const client = await newClient();
      const bad = client.track('open');
      refuse = (ids) => (ids.includes(bad) ? fault() : undefined);
      for (let i = 0; i < 10; i++) {
        client.track('help');
        await vi.advanceTimersByTimeAsync(60_000);
      }
      // Never split: each post carrying it carries everything queued (one more event a minute).
      const carrying = posts.filter((p) => p.includes(bad)).map((p) => p.length);
      expect(carrying).toEqual([...carrying].sort((a, b) => a - b));
      expect(carrying.at(-1)).toBe(11);
      expect(client.stats()).toMatchObject({ quarantined: [], dropped: { rejected: 0 } });
      refuse = () => undefined;
      await client.flush();
      expect(stored.get(bad)).toBe(1);
    },
  );

  it.each([1, 2, 30])(
    'an outage answering 500 to everything (%i queued) quarantines nothing and costs at most two posts a flush',
    async (count) => {
      const client = await newClient();
      const ids = Array.from({ length: count }, () => client.track('open'));
      refuse = () => answer(500);
      await vi.advanceTimersByTimeAsync(1_000);
      for (let i = 0; i < 12; i++) {
        const before = posts.length;
        await client.flush();
        expect(posts.length - before).toBeLessThanOrEqual(2);
      }
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(client.stats()).toMatchObject({ quarantined: [], dropped: { rejected: 0 }, queued: count });
      // Back up: everything is delivered once, nothing was lost to the outage.
      refuse = () => undefined;
      await client.flush();
      await runUntil(() => client.stats().queued === 0, 60_000);
      expect(ids.every((id) => stored.get(id) === 1)).toBe(true);
      expect(client.stats().quarantined).toEqual([]);
    },
  );

  it('500s counted during an outage do not count once it is over: one more is a blip', async () => {
    const client = await newClient();
    const id = client.track('open');
    refuse = () => answer(500);
    await vi.advanceTimersByTimeAsync(10 * 60_000); // many 500s, all while nothing got through
    let blips = 1;
    refuse = (ids) => (ids.includes(id) && blips-- > 0 ? answer(500) : undefined);
    const other = client.track('help');
    await client.flush(); // the outage's backoff is long by now
    await runUntil(() => stored.has(id), 10 * 60_000);
    expect(stored.get(other)).toBe(1);
    expect(stored.get(id)).toBe(1);
    expect(client.stats().quarantined).toEqual([]);
  });
});

describe('the counts are kept across page views', () => {
  it('a reload (same store, same localStorage) goes on where the last page view stopped', async () => {
    const local = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => local.get(k) ?? null,
      setItem: (k: string, v: string) => void local.set(k, v),
      removeItem: (k: string) => void local.delete(k),
    });
    const store = new MemoryStore();
    const first = await newClient(store);
    const ids = Array.from({ length: 4 }, () => first.track('open'));
    const bad = ids[0]!;
    refuse = poisoned(new Set([bad]));
    await runUntil(() => posts.length >= 3, 30_000);
    first.dispose();
    expect([...local.keys()].some((k) => k.endsWith(':strikes'))).toBe(true);

    posts = [];
    const second = await newClient(store);
    await runUntil(() => posts.length > 0, 30_000); // its start-up flush, once the shared backoff allows
    // The batch is split at once: the new page view does not start counting at 0 again.
    expect(posts[0]!.length).toBeLessThan(4);
    await runUntil(() => second.stats().quarantined.length > 0, 120_000);
    expect(second.stats().quarantined.map((q) => q.id)).toEqual([bad]);
    expect(ids.slice(1).every((id) => stored.get(id) === 1)).toBe(true);
  });
});
