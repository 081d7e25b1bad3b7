// Signed activation webhooks end to end, on PGlite and PostgreSQL: the real service completes a
// session, the queue's worker delivers `session.completed` to a loopback receiver, and the
// receiver verifies it with the Standard Webhooks reference library (not our signer). The admin
// API lists and retries deliveries of its own tenant only.
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { token } from '../test/harness.js';
import type { InProcess } from '../test/support.js';
import { outboundSuite } from './test/service.js';

const secret = generateSecret();

outboundSuite(
  'activation webhooks',
  {
    acme: (url) => ({
      activationWebhook: { url, secret, events: ['session.completed'] },
      allowPrivateReceivers: true, // the loopback receiver
    }),
  },
  (s) => {
    const { it } = s;
    const acme = (scope: 'practice' | 'admin') => s.bearer(scope);
    const call = (api: InProcess, path: string, bearer: string, method = 'GET', body?: unknown) =>
      s.request(api, method, path, bearer, body);
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
      s.receiver().received.length = 0;
      s.receiver().script({ status: 204 });
      const id = await practise(api);
      expect(s.receiver().received, 'nothing is sent in the request path').toHaveLength(0);
      expect(await api.service.outbound!.tick()).toBe(1);
      expect(s.receiver().received).toHaveLength(1);
      const { headers, body } = s.receiver().received[0]!;
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
      s.receiver().received.length = 0;
      s.receiver().script({ status: 200 });
      await practise(api);
      s.receiver().hold();
      const round = api.service.outbound!.tick();
      await s.receiver().arrived(1);
      // The delivery is in flight and unanswered; another session completes meanwhile.
      await practise(api);
      s.receiver().release();
      expect(await round).toBe(1);
      expect(await api.service.outbound!.tick()).toBe(1);
    });

    it('admin API: a refused delivery is dead with its reason, retry makes it pending, only for its own tenant', async (api) => {
      s.receiver().received.length = 0;
      s.receiver().script({ status: 410, body: 'gone' }, { status: 200 });
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
      const globex = await token({
        iss: 'globex',
        key: s.keys().es256.privateKey,
        sub: 'hr',
        scope: 'admin',
      });
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
  },
);
