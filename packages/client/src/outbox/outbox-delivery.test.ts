// The outbox against msw with fake timers (test/outbox.ts): delivery in batches, store before
// send, split and quarantine of bad batches, and one user's events never under another's token.
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore, type QueuedEvent } from '../index.js';
import { API, tokenFor } from '../test/helpers.js';
import {
  accept,
  answerWith,
  fail,
  fakeEventsService,
  newClient,
  outboxServer,
  requests,
  server,
  stored,
} from '../test/outbox.js';

outboxServer();

fakeEventsService();

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

    requests.length = 0;
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

describe('shared devices', () => {
  it("never sends one user's queued events under another user's token", async () => {
    const store = new MemoryStore();
    const alice = await newClient({ storage: store, token: tokenFor('alice') });
    answerWith([() => HttpResponse.error()]);
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
