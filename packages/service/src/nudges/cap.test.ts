// The per-user nudge frequency cap and the batch form of POST /v1/nudges, on PGlite and PostgreSQL,
// through the real service and a loopback Slack receiver: over the cap a nudge is recorded as
// skipped with its reason and never sent; a nudge due outside the window is not capped; eight
// concurrent nudges to one user leave exactly `max` queued; a batch answers each user's result.
import { expect, test } from 'vitest';
import { outboundSuite } from '../outbound/test/service.js';
import type { InProcess } from '../test/support.js';
import { tenantRegistry } from '../tenants.js';

const PAGE = 'https://hr.acme.example/reviews';
type Result = { user?: string; id: string; status: string; reason?: string; sendAt: string };

outboundSuite(
  'nudge cap and batch',
  {
    acme: (url) => ({
      nudgeChannels: { slack: { url } },
      nudgeCap: { max: 2, days: 7 },
      allowPrivateReceivers: true,
    }),
  },
  (s) => {
    const nudge = async (api: InProcess, user: string, extra: Record<string, unknown> = {}) => {
      const res = await s.request(api, 'POST', '/v1/nudges', await s.bearer('admin'), {
        user,
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        ...extra,
      });
      expect(res.status).toBe(202);
      return (await res.json()) as Result;
    };
    const batch = async (api: InProcess, body: Record<string, unknown>) =>
      s.request(api, 'POST', '/v1/nudges/batch', await s.bearer('admin'), {
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        ...body,
      });

    s.it(
      'over the cap a nudge is skipped with its reason, is never sent, and is read back as skipped',
      async (api) => {
        await s.drain(api);
        const from = s.receiver().received.length;
        const user = `capped-${Date.now()}`;
        expect((await nudge(api, user)).status).toBe('pending');
        expect((await nudge(api, user)).status).toBe('pending');
        const third = await nudge(api, user);
        expect(third).toMatchObject({
          status: 'skipped',
          reason: 'frequency cap: 2 nudges already due within 7 days of this one (nudgeCap.max 2)',
        });
        const later = new Date(Date.now() + 8 * 86_400_000).toISOString();
        expect((await nudge(api, user, { sendAt: later })).status, 'outside the window').toBe('pending');
        await s.drain(api);
        expect(s.receiver().received.length - from, 'two sent now, one later, none capped').toBe(2);
        const read = await s.request(api, 'GET', `/v1/nudges/${third.id}`, await s.bearer('admin'));
        expect(await read.json()).toMatchObject({ status: 'skipped', reason: third.reason, deliveries: [] });
      },
    );

    s.it('eight concurrent nudges to one user leave exactly max queued', async (api) => {
      const user = `race-${Date.now()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => nudge(api, user)));
      expect(results.filter((r) => r.status === 'pending')).toHaveLength(2);
      expect(results.filter((r) => r.status === 'skipped')).toHaveLength(6);
      await s.drain(api);
    });

    s.it('a batch queues each user on its own and answers each result in order', async (api) => {
      const full = `full-${Date.now()}`;
      await nudge(api, full);
      await nudge(api, full);
      await s.drain(api);
      const from = s.receiver().received.length;
      const res = await batch(api, { users: ['b-1', full, 'b-2'], unlessPractised: true });
      expect(res.status).toBe(202);
      const { results } = (await res.json()) as { results: Result[] };
      expect(results.map((r) => [r.user, r.status])).toEqual([
        ['b-1', 'pending'],
        [full, 'skipped'],
        ['b-2', 'pending'],
      ]);
      expect(new Set(results.map((r) => r.id)).size).toBe(3);
      await s.drain(api);
      const sent = s.receiver().received.slice(from);
      expect(sent).toHaveLength(2);
      for (const r of [results[0]!, results[2]!]) {
        const read = await s.request(api, 'GET', `/v1/nudges/${r.id}`, await s.bearer('admin'));
        expect(((await read.json()) as Result).status).toBe('delivered');
      }
    });

    s.it('a bad batch answers 422 with each path and queues nothing', async (api) => {
      const before = (await api.service.query<{ n: number }>(`select count(*)::int as n from nudges`))[0]!.n;
      const res = await batch(api, { users: ['a', 'a', ''], channel: 'fax', sendAt: 'soon' });
      expect(res.status).toBe(422);
      const paths = ((await res.json()) as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      );
      expect(paths).toEqual(expect.arrayContaining(['/users', '/users/2', '/channel', '/sendAt']));
      expect((await batch(api, { users: [] })).status).toBe(422);
      const after = (await api.service.query<{ n: number }>(`select count(*)::int as n from nudges`))[0]!.n;
      expect(after).toBe(before);
    });
  },
);

test('a broken nudgeCap is refused when the service starts', () => {
  const tenant = { id: 'x', secrets: ['s'.repeat(32)] };
  expect(() => tenantRegistry([{ ...tenant, nudgeCap: { max: 1, days: 1 } }])).not.toThrow();
  for (const nudgeCap of [{ max: 0, days: 7 }, { max: 1.5, days: 7 }, { max: 2, days: 0 }, { max: 2 }])
    expect(() => tenantRegistry([{ ...tenant, nudgeCap: nudgeCap as never }])).toThrow(
      /tenant config "x": nudgeCap\./,
    );
});
