// Transactional enqueue on PGlite and PostgreSQL: a session's write and the deliveries it causes
// commit together. When queueing fails (a trigger refuses every insert into deliveries), the
// session start, the turn and the completion are not stored either, and the same request later
// stores both, once. A receiver that holds its answer delays no request of the practice.
import { expect } from 'vitest';
import type { InProcess } from '../test/support.js';
import { ACTIVATION_EVENTS } from './webhook-config.js';
import { generateSecret } from '../nudges/sign.js';
import { outboundSuite } from './test/service.js';

const REFUSE_FN = `create or replace function refuse_delivery() returns trigger language plpgsql as $$
begin raise exception 'deliveries refused by the test'; end $$`;
const REFUSE = `create trigger refuse_delivery before insert on deliveries for each row execute function refuse_delivery()`;
const ALLOW = `drop trigger if exists refuse_delivery on deliveries;`;

outboundSuite(
  'transactional enqueue',
  {
    acme: (url) => ({
      activationWebhook: { url, secret: generateSecret(), events: [...ACTIVATION_EVENTS] },
      lrs: {
        endpoint: url.replace(/\/hook$/, '/xapi'),
        username: 'u',
        password: 'p',
        activityIriBase: 'https://lms.example/inflow',
      },
      allowPrivateReceivers: true,
    }),
  },
  (s) => {
    const count = async (api: InProcess, sql: string, params: unknown[] = []) =>
      (await api.service.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0]!.n;
    const jobsOf = (api: InProcess, id: string) =>
      api.service.query<{ idempotency_key: string }>(
        `select idempotency_key from deliveries where idempotency_key like $1 order by 1`,
        [`%${id}%`],
      );

    s.it(
      'a write whose deliveries cannot be queued is not stored, and stores both once when retried',
      async (api) => {
        const bearer = await s.bearer('practice', 'mgr-tx');
        const sessions = await count(api, 'sessions');
        await api.service.query(REFUSE_FN);
        await api.service.query(REFUSE);
        try {
          const refused = await s.request(api, 'POST', '/v1/sessions', bearer, {
            scenario: 'goal-setting',
            source: 'nudge',
          });
          expect(refused.status).toBe(500);
          expect(await count(api, 'sessions'), 'no session without its launched/started').toBe(sessions);
        } finally {
          await api.service.query(ALLOW);
        }
        const res = await s.request(api, 'POST', '/v1/sessions', bearer, {
          scenario: 'goal-setting',
          source: 'nudge',
        });
        const { id } = (await res.json()) as { id: string };

        await api.service.query(REFUSE);
        try {
          const turn = await s.request(api, 'POST', `/v1/sessions/${id}/turns`, bearer, { text: 'Hello.' });
          expect(turn.status).toBe(500);
          expect(
            await count(api, 'sessions where id = $1 and user_turns = 0', [id]),
            'the turn is not stored',
          ).toBe(1);
          const done = await s.request(api, 'POST', `/v1/sessions/${id}/complete`, bearer);
          expect(done.status).toBe(500);
          expect(
            await count(api, 'sessions where id = $1 and completed_at is null', [id]),
            'not completed',
          ).toBe(1);
        } finally {
          await api.service.query(ALLOW);
        }
        expect(
          (await s.request(api, 'POST', `/v1/sessions/${id}/turns`, bearer, { text: 'Hello.' })).status,
        ).toBe(200);
        expect((await s.request(api, 'POST', `/v1/sessions/${id}/complete`, bearer)).status).toBe(200);
        expect((await s.request(api, 'POST', `/v1/sessions/${id}/complete`, bearer)).status).toBe(200);
        expect((await jobsOf(api, id)).map((j) => j.idempotency_key)).toEqual(
          [
            'session.completed',
            'session.first_interaction',
            'session.meaningful',
            'session.started',
            'xapi:completed',
            'xapi:failed',
            'xapi:initialized',
            'xapi:launched',
            'xapi:terminated',
          ]
            .map((k) => (k.startsWith('xapi:') ? `xapi:${id}:${k.slice(5)}` : `${k}:${id}`))
            .sort(),
        );
        await s.drain(api);
      },
    );

    s.it('a receiver that holds its answer delays no request of a practice', async (api) => {
      await s.drain(api);
      s.receiver().hold();
      const bearer = await s.bearer('practice', 'mgr-slow');
      const res = await s.request(api, 'POST', '/v1/sessions', bearer, {
        scenario: 'goal-setting',
        source: 'nudge',
      });
      expect(res.status).toBe(201);
      const before = s.receiver().received.length;
      const round = api.service.outbound!.tick();
      await s.receiver().arrived(before + 1);
      // The worker's round is waiting on the receiver; the practice goes on regardless.
      const { id } = await s.practise(api, ['Hello.', 'And more.'], bearer);
      expect(await count(api, 'sessions where id = $1 and completed_at is not null', [id])).toBe(1);
      s.receiver().release();
      await round;
      await s.drain(api);
      expect(await count(api, `deliveries where status = 'pending'`)).toBe(0);
    });
  },
);
