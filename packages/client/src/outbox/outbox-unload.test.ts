// The outbox against msw with fake timers (test/outbox.ts): the keepalive flush on pagehide and
// visibilitychange, within the keepalive limit, and `online` ending a backoff.
import { http } from 'msw';
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
    answerWith([fail(503, { 'retry-after': '240' })]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored.has(id)).toBe(false);
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(stored.get(id)).toBe(1);
  });
});
