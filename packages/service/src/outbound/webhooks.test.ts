// Signed activation webhooks end to end, on PGlite and PostgreSQL: the real service completes a
// session, the queue's worker delivers `session.completed` to a loopback receiver, and the
// receiver verifies it with the Standard Webhooks reference library (not our signer). The admin
// API lists and retries deliveries of its own tenant only.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { storageBackends } from '../test/authored.js';
import { ACME_SECRET, testTenants, token, type Keys } from '../test/harness.js';
import { inProcess, type InProcess } from '../test/support.js';
import { startReceiver, type Receiver } from './test/receiver.js';

const { backends, skipReason } = storageBackends('webhooks');
const secret = generateSecret();

describe.each(backends)('activation webhooks on $name', (backend) => {
  let api: InProcess | undefined;
  let receiver: Receiver;
  let keys: Keys;
  beforeAll(async () => {
    receiver = await startReceiver();
    const storage = await backend.db();
    if (!storage) return;
    const t = await testTenants({
      acme: {
        activationWebhook: { url: receiver.url, secret, events: ['session.completed'] },
        allowPrivateReceivers: true, // the loopback receiver
      },
    });
    keys = t.keys;
    // No background ticks: the test runs each round of the worker itself.
    api = await inProcess(t.tenants, { ...storage, outbound: { policy: { intervalMs: 3_600_000 } } });
  });
  afterAll(async () => {
    await api?.service.close();
    await receiver.close();
  });
  const it = (name: string, fn: (api: InProcess) => Promise<void>) =>
    test(name, async (ctx) => {
      if (!api) return ctx.skip(skipReason());
      await fn(api);
    });

  const acme = (scope: 'practice' | 'admin') =>
    token({
      iss: 'acme',
      secret: ACME_SECRET,
      sub: scope === 'admin' ? 'hr' : 'mgr-1',
      team: 'sales',
      scope,
    });
  const call = async (api: InProcess, path: string, bearer: string, method = 'GET', body?: unknown) =>
    api.fetch(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const practise = async (api: InProcess): Promise<string> => {
    const bearer = await acme('practice');
    const res = await call(api, '/v1/sessions', bearer, 'POST', {
      scenario: 'goal-setting',
      source: 'nudge',
    });
    const { id } = (await res.json()) as { id: string };
    await call(api, `/v1/sessions/${id}/turns`, bearer, 'POST', {
      text: 'confidential words of the manager',
    });
    expect((await call(api, `/v1/sessions/${id}/complete`, bearer, 'POST')).status).toBe(200);
    return id;
  };

  it('session.completed is delivered signed, verifies with standardwebhooks, and carries no text or score', async (api) => {
    receiver.received.length = 0;
    receiver.script({ status: 204 });
    const id = await practise(api);
    expect(receiver.received, 'nothing is sent in the request path').toHaveLength(0);
    expect(await api.service.outbound!.tick()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    const verified = new Webhook(secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    expect(headers['idempotency-key']).toBe(`session.completed:${id}`);
    expect(headers['webhook-id']).toBe(`session.completed:${id}`);
    expect(verified.type).toBe('session.completed');
    expect(verified.data).toMatchObject({
      sessionId: id,
      user: 'mgr-1',
      team: 'sales',
      scenario: 'goal-setting',
      source: 'nudge',
    });
    expect(Object.keys(verified.data).sort()).toEqual(
      [
        'completedAt',
        'scenario',
        'scenarioVersion',
        'sessionId',
        'source',
        'startedAt',
        'team',
        'user',
      ].sort(),
    );
    expect(body).not.toContain('confidential');
    // A tampered body fails verification: the signature covers it.
    expect(() =>
      new Webhook(secret).verify(body.replace('mgr-1', 'mgr-2'), {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      }),
    ).toThrow();
  });

  it('a receiver that holds its answer does not hold up complete', async (api) => {
    receiver.received.length = 0;
    receiver.script({ status: 200 });
    await practise(api);
    receiver.hold();
    const round = api.service.outbound!.tick();
    await receiver.arrived(1);
    // The delivery is in flight and unanswered; another session completes meanwhile.
    await practise(api);
    receiver.release();
    expect(await round).toBe(1);
    expect(await api.service.outbound!.tick()).toBe(1);
  });

  it('admin API: a refused delivery is dead with its reason, retry makes it pending, only for its own tenant', async (api) => {
    receiver.received.length = 0;
    receiver.script({ status: 410, body: 'gone' }, { status: 200 });
    await practise(api);
    await api.service.outbound!.tick();
    const admin = await acme('admin');
    const dead = (await (await call(api, '/v1/deliveries?status=dead', admin)).json()) as {
      deliveries: { id: string; status: string; lastError: string; attempts: number }[];
    };
    expect(dead.deliveries).toHaveLength(1);
    const [job] = dead.deliveries;
    expect(job).toMatchObject({ status: 'dead', attempts: 1, lastError: 'HTTP 410: gone (not retried)' });
    // Another tenant: the id is unknown, its list is empty.
    const globex = await token({ iss: 'globex', key: keys.es256.privateKey, sub: 'hr', scope: 'admin' });
    expect((await call(api, `/v1/deliveries/${job!.id}/retry`, globex, 'POST')).status).toBe(404);
    expect(await (await call(api, '/v1/deliveries', globex)).json()).toEqual({ deliveries: [] });
    const retried = await call(api, `/v1/deliveries/${job!.id}/retry`, admin, 'POST');
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: job!.id, status: 'pending', attempts: 0 });
    expect(await api.service.outbound!.tick()).toBe(1);
    const again = await call(api, `/v1/deliveries/${job!.id}/retry`, admin, 'POST');
    expect(again.status, 'a delivered job is not sent again').toBe(409);
    expect((await call(api, '/v1/deliveries?status=bogus', admin)).status).toBe(422);
  });
});
