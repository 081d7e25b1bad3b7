// The outbox against msw with fake timers (test/outbox.ts): the storage cap by count and bytes,
// quota errors, and events that could never be accepted.
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { LocalStorageStore, type OutboxStore } from '../index.js';
import { answerWith, fakeEventsService, newClient, outboxServer, requests, stored } from '../test/outbox.js';

outboxServer();

fakeEventsService();

describe('bounded store', () => {
  it('caps the queue by count, keeping the oldest and counting the rest as dropped', async () => {
    const client = await newClient({}, { maxEvents: 5 });
    answerWith(Array.from({ length: 3 }, () => () => HttpResponse.error()));
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
    answerWith([() => HttpResponse.error()]);
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
