// An LRS that is down, refuses the credentials or is slow, on PGlite and PostgreSQL, through the
// real service and the loopback LRS (test/lrs.ts; its 400 for an invalid statement is in
// xapi.test.ts): down and slow are retried and then delivered or dead-lettered with the reason,
// 401 is dead at once; the admin API shows each reason. The per-attempt timeout is 300 ms here
// (10 s in production), so the slow case waits 300 ms, not 10 s.
import { createServer } from 'node:net';
import { expect } from 'vitest';
import type { InProcess } from '../test/support.js';
import { lrsRules } from './test/lrs.js';
import { outboundSuite } from './test/service.js';

const BASE = 'https://lms.example/inflow';
type Delivery = { idempotencyKey: string; status: string; attempts: number; lastError: string | null };

/** A loopback port nothing listens on: connecting is refused (an LRS that is down). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

outboundSuite(
  'xAPI faults',
  {
    judge: () => lrsRules().judge,
    acme: (url) => ({
      lrs: { endpoint: url.replace(/\/hook$/, '/xapi'), username: 'u', password: 'p', activityIriBase: BASE },
      allowPrivateReceivers: true,
    }),
    // Short timeout, few attempts, no jitter: each retry is due at once.
    outbound: { policy: { timeoutMs: 300, maxAttempts: 3 }, random: () => 0 },
  },
  (s) => {
    /** The `launched` job of a fresh session after the worker has run out of due work. */
    const launched = async (api: InProcess): Promise<Delivery> => {
      const res = await s.request(api, 'POST', '/v1/sessions', await s.bearer(), {
        scenario: 'goal-setting',
        source: 'nudge',
      });
      const { id } = (await res.json()) as { id: string };
      await s.drain(api);
      const list = await s.request(api, 'GET', '/v1/deliveries', await s.bearer('admin'));
      const { deliveries } = (await list.json()) as { deliveries: Delivery[] };
      return deliveries.find((d) => d.idempotencyKey === `xapi:${id}:launched`)!;
    };
    const setLrs = async (api: InProcess, endpoint: string) =>
      expect(
        (
          await s.request(api, 'PUT', '/v1/settings/integrations', await s.bearer('admin'), {
            lrs: { endpoint, username: 'u', password: 'p', activityIriBase: BASE },
            webhook: null,
          })
        ).status,
      ).toBe(200);

    s.it('LRS down: retried, then dead after maxAttempts with the network error', async (api) => {
      await setLrs(api, `http://127.0.0.1:${await closedPort()}/xapi`);
      try {
        expect(await launched(api)).toMatchObject({
          status: 'dead',
          attempts: 3,
          lastError: 'network error (ECONNREFUSED) (gave up after 3 attempts)',
        });
      } finally {
        await setLrs(api, s.receiver().url.replace(/\/hook$/, '/xapi'));
      }
    });

    s.it('401: dead at once with the LRS answer, never retried', async (api) => {
      s.receiver().script({ status: 401, body: 'bad credentials' });
      const job = await launched(api);
      s.receiver().script({ status: 200 });
      expect(job).toMatchObject({
        status: 'dead',
        attempts: 1,
        lastError: 'HTTP 401: bad credentials (not retried)',
      });
    });

    s.it('slow (past the timeout): retried and delivered once the LRS answers in time', async (api) => {
      s.receiver().script({ status: 200 });
      s.receiver().hold();
      const res = await s.request(api, 'POST', '/v1/sessions', await s.bearer(), {
        scenario: 'goal-setting',
        source: 'nudge',
      });
      const { id } = (await res.json()) as { id: string };
      expect(await api.service.outbound!.tick()).toBe(1);
      const [first] = await api.service.query<{ status: string; last_error: string }>(
        `select status, last_error from deliveries where idempotency_key = $1`,
        [`xapi:${id}:launched`],
      );
      expect(first).toEqual({ status: 'pending', last_error: 'timed out after 300 ms' });
      s.receiver().release();
      await s.drain(api);
      const [after] = await api.service.query<{ status: string; attempts: number }>(
        `select status, attempts from deliveries where idempotency_key = $1`,
        [`xapi:${id}:launched`],
      );
      expect(after).toEqual({ status: 'delivered', attempts: 2 });
    });
  },
);
