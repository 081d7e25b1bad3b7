// @inflow/mocks in Node: the real service app behind msw's setupServer, driven through the real
// client over `fetch`, with each fault switched on and off.
import { createClient, InflowApiError, type InflowClient } from '@inflow/client';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createMockService, inflowHandlers, setupInflowServer, type InflowServer } from './node.js';

let inflow: InflowServer;
const clients: InflowClient[] = [];

beforeAll(async () => {
  inflow = await setupInflowServer({ rateLimit: false });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await inflow.service.reset();
});
afterAll(() => inflow.close());

function client(user = 'u1', extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  const c = createClient({
    apiBase: inflow.service.apiBase,
    fetchToken: () => inflow.service.token({ user, team: 'Sales' }),
    storage: 'memory',
    outbox: { listen: false, random: () => 0 },
    ...extra,
  });
  clients.push(c);
  return c;
}

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${inflow.service.apiBase}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
  });

describe('the service, in-process', () => {
  test('scenarios, a streamed session and feedback come from the real app', async () => {
    const c = client();
    const { scenarios } = await c.listScenarios();
    expect(scenarios.map((s) => s.id)).toContain('underperformance');
    const session = await c.createSession({ scenario: 'underperformance', source: 'embedded' });
    expect(session.opening.text.length).toBeGreaterThan(10);
    let streamed = '';
    for await (const chunk of c.streamTurn(session.id, 'What got in the way of the last two sprints?')) {
      if (chunk.type === 'delta') streamed += chunk.text;
      else expect(chunk.reply.text).toBe(streamed);
    }
    expect(streamed.length).toBeGreaterThan(10);
    const feedback = await c.completeSession(session.id);
    expect(feedback.scores.length).toBeGreaterThan(0);
    // The same storage answers SQL: the session is there, completed.
    const rows = await inflow.service.query<{ n: number }>(
      `select count(*)::int as n from sessions where completed_at is not null`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  test('events(): what the client tracked, stored once, with its fields; no transcript text', async () => {
    const c = client('u7');
    const session = await c.createSession({ scenario: 'critical-feedback', source: 'nudge' });
    const openId = c.track('open', { scenario: 'critical-feedback', source: 'nudge' });
    c.track('session_start', { sessionId: session.id, scenario: 'critical-feedback', source: 'nudge' });
    await c.flush();
    await c.flush(); // a second flush must not deliver anything twice
    const events = await inflow.service.events();
    expect(events.map((e) => e.name)).toEqual(['open', 'session_start']);
    expect(events[0]).toMatchObject({
      id: openId,
      user: 'u7',
      team: 'Sales',
      tenant: 'demo',
      source: 'nudge',
      scenario: 'critical-feedback',
    });
    expect(events[1]?.sessionId).toBe(session.id);
    expect(await inflow.service.events({ name: 'open', user: 'someone-else' })).toEqual([]);
    expect(await inflow.service.eventCounts()).toEqual({ open: 1, session_start: 1 });
  });

  test('demo token endpoint and the seeded review cycle are available', async () => {
    const minted = (await (
      await api('/demo/token', { method: 'POST', body: JSON.stringify({ user: 'hr', scope: 'admin' }) })
    ).json()) as { token: string };
    const seeded = await setupSeeded();
    try {
      expect(seeded.service.seeded?.members).toBe(300);
      const report = await createClient({
        apiBase: seeded.service.apiBase,
        token: await seeded.service.token({ scope: 'admin' }),
        storage: 'memory',
      }).getActivation();
      expect(report.audience.size).toBe(300);
      expect(report.funnel.find((f) => f.step === 'complete')?.users).toBeGreaterThan(0);
    } finally {
      await seeded.close();
    }
    expect(minted.token.split('.')).toHaveLength(3);
  });
});

async function setupSeeded() {
  // A second mock service on its own origin, added to the same msw server (msw intercepts
  // globally, so one setupServer per process; more services are more handlers).
  const service = await createMockService({ apiBase: 'https://seeded.inflow.mock', seed: true });
  inflow.server.use(...inflowHandlers(service));
  return { service, close: () => service.close() };
}

describe('fault injection', () => {
  test('offline: fetch rejects like a network error; the outbox keeps the event and delivers it once back online', async () => {
    const c = client();
    const goOnline = inflow.service.faults.offline();
    await expect(api('/healthz')).rejects.toThrow(TypeError);
    c.track('open', { scenario: 'goal-setting', source: 'embedded' });
    await c.flush();
    expect(c.stats()).toMatchObject({ delivered: 0, queued: 1 });
    expect(c.stats().retries).toBeGreaterThan(0);
    goOnline();
    await c.flush();
    expect(c.stats().delivered).toBe(1);
    expect(await inflow.service.eventCounts()).toEqual({ open: 1 });
    expect(inflow.service.faults.stats().offline).toBeGreaterThan(0);
  });

  test('5xx on a path, a given number of times, with the contract error body', async () => {
    const token = await inflow.service.token();
    inflow.service.faults.serverErrors({ match: '/v1/scenarios', times: 2, status: 502 });
    for (let i = 0; i < 2; i++) {
      const r = await api('/v1/scenarios', { token });
      expect(r.status).toBe(502);
      expect(await r.json()).toEqual({ error: { code: 'coach_unavailable', message: expect.any(String) } });
    }
    expect((await api('/v1/scenarios', { token })).status).toBe(200);
    // Other paths were never affected.
    expect(inflow.service.faults.stats().serverErrors).toBe(2);
  });

  test('a 5xx rate of 0.5 with a seeded random source fails exactly the drawn requests', async () => {
    const draws = [0.1, 0.9, 0.4, 0.6];
    const mock = await createMockService({
      apiBase: 'https://rate.inflow.mock',
      random: () => draws.shift() ?? 1,
    });
    try {
      mock.faults.serverErrors({ rate: 0.5 });
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await mock.handle(new Request(`${mock.apiBase}/healthz`)))?.status);
      expect(statuses).toEqual([503, 200, 503, 200]);
    } finally {
      await mock.close();
    }
  });

  test('429 with Retry-After: the client honours it and delivers afterwards', async () => {
    const token = await inflow.service.token();
    inflow.service.faults.rateLimit({ match: '/v1/scenarios', retryAfterSeconds: 7, times: 1 });
    const r = await api('/v1/scenarios', { token });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    const c = client();
    const err = await c.listScenarios().catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(InflowApiError); // the fault was used up: the call went through
    inflow.service.faults.rateLimit({ match: '/v1/events', retryAfterSeconds: 1, times: 1 });
    c.track('open', { scenario: 'goal-setting', source: 'embedded' });
    await c.flush();
    expect(c.stats().retries).toBe(1);
    expect(c.stats().nextRetryAt).toBeDefined();
    await c.flush();
    expect(await inflow.service.eventCounts()).toEqual({ open: 1 });
  });

  test('token expiry: the service refuses old tokens as token_expired; the client refreshes once and goes on', async () => {
    const old = await inflow.service.token();
    expect((await api('/v1/scenarios', { token: old })).status).toBe(200);
    let fetched = 0;
    const c = client('u1', {
      fetchToken: async () => {
        fetched++;
        return inflow.service.token({ user: 'u1' });
      },
    });
    await c.listScenarios();
    inflow.service.expireTokens();
    const refused = await api('/v1/scenarios', { token: old });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    const before = fetched;
    await c.listScenarios();
    expect(fetched).toBe(before + 1);
  });

  test('latency delays the answer but not its content; removing the rule stops it', async () => {
    const stop = inflow.service.faults.latency([5, 10], { match: '/healthz' });
    expect(await (await api('/healthz')).json()).toEqual({ status: 'ok' });
    stop();
    await api('/healthz');
    expect(inflow.service.faults.stats().delayed).toBe(1);
  });

  test('bad fault rates are refused with a clear error', () => {
    expect(() => inflow.service.faults.serverErrors({ rate: 2 })).toThrow(
      /errorRate must be between 0 and 1/,
    );
  });
});
