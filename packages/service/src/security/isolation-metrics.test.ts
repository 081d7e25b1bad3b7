// Tenant isolation of the numbers: another tenant acting with the same user ids and team names
// never moves a tenant's activation report.
import { describe, expect, test } from 'vitest';
import { uuid } from '../test/harness.js';
import { api, pairs, sign, tenants, twoTenants } from '../test/two-tenants.js';

twoTenants();

// The matrix above looks for B's strings in A's answers; numbers leak too. Here B acts with the
// same pseudonymous user ids and team names as A (ids are per vendor, so they collide across
// tenants), and A's activation report must not move by a single count.
describe("another tenant's activity never moves a tenant's metrics", () => {
  test.each(pairs)(
    '$b acting with $a’s user ids and teams leaves $a’s report unchanged',
    async ({ a, b }) => {
      const A = tenants[a];
      const report = async () => {
        const res = await api.fetch('/v1/activation?from=2020-01-01&to=2030-12-31&groupBy=team', {
          headers: { authorization: `Bearer ${await A.admin()}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as unknown;
      };
      const before = await report();
      const user = `${a}-confidential-user`;
      const team = `${a}-confidential-team`;
      const h = async (scope: 'practice' | 'admin') => ({
        authorization: `Bearer ${await sign(b, scope === 'admin' ? `${b}-hr` : user, scope, team)}`,
        'content-type': 'application/json',
      });
      // B's roster lists A's user in A's team name; B's "A user" practises and completes.
      expect(
        (
          await api.fetch('/v1/audience', {
            method: 'PUT',
            headers: await h('admin'),
            body: JSON.stringify({
              members: [
                { user, team },
                { user: `${a}-confidential-peer`, team },
              ],
            }),
          })
        ).status,
      ).toBe(200);
      for (let i = 0; i < 2; i++) {
        const created = await api.fetch('/v1/sessions', {
          method: 'POST',
          headers: await h('practice'),
          body: JSON.stringify({ scenario: 'goal-setting', source: 'embedded' }),
        });
        const { id } = (await created.json()) as { id: string };
        for (const text of ['One', 'Two', 'Three'])
          await api.fetch(`/v1/sessions/${id}/turns`, {
            method: 'POST',
            headers: { ...(await h('practice')), accept: 'application/json' },
            body: JSON.stringify({ text }),
          });
        await api.fetch(`/v1/sessions/${id}/complete`, { method: 'POST', headers: await h('practice') });
        const at = new Date().toISOString();
        const events = [
          'impression',
          'open',
          'session_start',
          'first_interaction',
          'meaningful_interaction',
          'complete',
          'help',
          'error',
        ].map((name, k) => ({
          id: uuid(5000 + i * 10 + k + (b === 'acme' ? 0 : 100)),
          name,
          at,
          sessionId: id,
          scenario: 'goal-setting',
          source: 'embedded',
        }));
        expect(
          (
            await api.fetch('/v1/events', {
              method: 'POST',
              headers: await h('practice'),
              body: JSON.stringify({ events }),
            })
          ).status,
        ).toBe(202);
      }
      expect(await report()).toEqual(before);
    },
  );
});
