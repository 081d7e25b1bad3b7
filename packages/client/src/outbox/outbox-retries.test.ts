// The outbox against msw with fake timers (test/outbox.ts): every status-code path, backoff
// timing, Retry-After and the 401 refresh.
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
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
    answerWith([answer]);
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
    answerWith([() => undefined]);
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
    answerWith(Array.from({ length: 14 }, () => fail(503)));
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
    answerWith([fail(429, { 'retry-after': '30' }), fail(429, { 'retry-after': '86400' })]);
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
    answerWith([fail(503, { 'retry-after': '60' })]);
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
    answerWith([fail(503, { 'retry-after': '120' })]);
    await vi.advanceTimersByTimeAsync(1_000);
    answerWith([() => HttpResponse.error()]);
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
    answerWith([fail(401)]);
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
    answerWith([fail(401), fail(401)]);
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
