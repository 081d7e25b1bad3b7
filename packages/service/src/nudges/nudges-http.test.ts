/**
 * POST /v1/nudges and GET /v1/nudges/{id} over real HTTP (the service on PGlite, a loopback Slack
 * receiver): the request only queues (202), the worker delivers and retries, every attempt is read
 * back for the same tenant; the admin scope, unconfigured channels, sendAt and bad bodies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintToken } from '../auth.js';
import type { RunningServer, Service } from '../node.js';
import { startReceiver, type Receiver } from '../outbound/test/receiver.js';
import { start } from '../test/harness.js';

describe('POST /v1/nudges over HTTP (real service, PGlite, loopback receiver)', () => {
  const secret = 'tenant-http-secret-0123456789abcdef';
  let server: RunningServer;
  let service: Service;
  let base: string;
  let hook: Receiver;

  beforeAll(async () => {
    hook = await startReceiver();
    server = await start({
      dataDir: 'memory://',
      // The test runs each round of the worker itself; no jitter, so a retry is due at once.
      outbound: { policy: { intervalMs: 3_600_000, maxAttempts: 3 }, random: () => 0 },
      tenants: [
        {
          id: 'acme',
          secrets: [secret],
          nudgeChannels: { slack: { url: hook.url }, webhook: { url: hook.url, secret: 'not base64!' } },
          allowPrivateReceivers: true, // the loopback receiver
        },
        { id: 'other', secrets: [secret] },
      ],
    });
    ({ service, url: base } = server);
  });
  afterAll(async () => {
    await server.close();
    await hook.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
    hook.script({ status: 200, body: 'ok' });
  });

  async function bearer(opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) {
    const { token } = await mintToken({
      tenant: opts.tenant ?? 'acme',
      user: 'hr-admin',
      scope: opts.scope ?? 'admin',
      secret,
    });
    return { authorization: `Bearer ${token}` };
  }
  async function post(body: unknown, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) {
    return fetch(`${base}/v1/nudges`, {
      method: 'POST',
      headers: { ...(await bearer(opts)), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const get = async (path: string, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) =>
    fetch(`${base}${path}`, { headers: await bearer(opts) });
  const valid = {
    user: 'mgr-17',
    scenario: 'underperformance',
    channel: 'slack',
    url: 'https://hr.acme.example/reviews/17',
  };
  interface Nudge {
    id: string;
    link: string;
    status: string;
    delivered: boolean;
    deliveryId: string;
    deliveries: { attempt: number; status: number; ok: boolean; error?: string }[];
  }

  it('answers 202 before sending; the worker delivers to Slack; GET shows it delivered', async () => {
    const response = await post(valid);
    expect(response.status).toBe(202);
    const queued = (await response.json()) as Nudge;
    expect(queued).toMatchObject({ status: 'pending', delivered: false, deliveries: [] });
    expect(queued.link).toBe('https://hr.acme.example/reviews/17?inflow=underperformance&inflow_src=slack');
    expect(hook.received, 'nothing is sent in the request').toHaveLength(0);
    expect(await service.outbound!.tick()).toBe(1);
    const sent = JSON.parse(hook.received[0]!.body) as { text: string };
    expect(sent.text).toContain(queued.link);
    const read = (await (await get(`/v1/nudges/${queued.id}`)).json()) as Nudge;
    expect(read).toMatchObject({
      id: queued.id,
      status: 'delivered',
      delivered: true,
      deliveryId: queued.deliveryId,
    });
    expect(read.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, ok: true })]);
    const deliveries = (await (await get('/v1/deliveries?status=delivered')).json()) as {
      deliveries: { id: string; kind: string }[];
    };
    expect(deliveries.deliveries).toContainEqual(
      expect.objectContaining({ id: queued.deliveryId, kind: 'nudge' }),
    );
  });
  it('a failing receiver is retried; every attempt is in GET /v1/nudges/{id}, then it is dead', async () => {
    hook.script({ status: 503, body: 'maintenance' });
    const queued = (await (await post(valid)).json()) as Nudge;
    for (let n = 0; n < 3; n++) expect(await service.outbound!.tick()).toBe(1);
    expect(await service.outbound!.tick(), 'dead after 3 attempts').toBe(0);
    const read = (await (await get(`/v1/nudges/${queued.id}`)).json()) as Nudge;
    expect(read.status).toBe('dead');
    expect(read.deliveries.map((d) => [d.attempt, d.status, d.ok, d.error])).toEqual([
      [1, 503, false, 'HTTP 503: maintenance'],
      [2, 503, false, 'HTTP 503: maintenance'],
      [3, 503, false, 'HTTP 503: maintenance (gave up after 3 attempts)'],
    ]);
    expect(hook.received).toHaveLength(3);
  });
  it('GET /v1/nudges/{id} reads the attempts back, for the same tenant only', async () => {
    hook.script({ status: 500 }, { status: 200 });
    const queued = (await (await post(valid)).json()) as Nudge;
    await service.outbound!.tick();
    await service.outbound!.tick();
    const response = await get(`/v1/nudges/${queued.id}`);
    expect(response.status).toBe(200);
    const log = (await response.json()) as Nudge & { channel: string };
    expect(log).toMatchObject({ id: queued.id, delivered: true, channel: 'slack' });
    expect(log.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect((await get(`/v1/nudges/${queued.id}`, { tenant: 'other' })).status).toBe(404);
    expect((await get(`/v1/nudges/${queued.id}`, { scope: 'practice' })).status).toBe(403);
    expect((await get('/v1/nudges/not-a-uuid')).status).toBe(404);
    expect((await get(`/v1/nudges/${crypto.randomUUID()}`)).status).toBe(404);
  });
  it('needs the admin scope', async () => {
    const response = await post(valid, { scope: 'practice' });
    expect(response.status).toBe(403);
    expect(await service.outbound!.tick()).toBe(0);
    expect(hook.received).toHaveLength(0);
  });
  it('answers 422 for a channel the tenant has not configured (or configured unusably)', async () => {
    for (const [tenant, channel] of [
      ['acme', 'teams'],
      ['other', 'slack'],
      ['acme', 'webhook'],
    ] as const) {
      const response = await post({ ...valid, channel }, { tenant });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
  it('sendAt: echoed and due then; 422 in the past, over 90 days ahead, or not a date-time', async () => {
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const response = await post({ ...valid, sendAt, unlessPractised: true });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'pending', sendAt, unlessPractised: true });
    expect(await service.outbound!.tick(), 'due tomorrow, not now').toBe(0);
    for (const bad of [
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 91 * 86_400_000).toISOString(),
      '2026-02-30T10:00:00Z',
      'tomorrow',
    ]) {
      const refused = await post({ ...valid, sendAt: bad });
      expect(refused.status, bad).toBe(422);
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
  it('answers 422 for an unknown scenario, a javascript: page or a missing field', async () => {
    for (const body of [
      { ...valid, scenario: 'nope' },
      { ...valid, url: 'javascript:alert(1)' },
      { user: 'x', channel: 'slack' },
    ]) {
      const response = await post(body);
      expect(response.status).toBe(422);
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
});
