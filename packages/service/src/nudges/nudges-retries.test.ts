/**
 * Nudge delivery on the outbound queue, on PGlite and on a real PostgreSQL, against a loopback
 * receiver: retries with backoff (and Retry-After), giving up, permanent refusals, network errors,
 * channels that are not configured, and the delivery log that records every attempt.
 */
import { describe, expect } from 'vitest';
import { listJobs, getJob } from '../outbound/queue.js';
import { startReceiver } from '../outbound/test/receiver.js';
import { ChannelNotConfiguredError, usableChannels } from './channels.js';
import { readNudge } from './log.js';
import { queueNudge } from './send.js';
import { channels, clock, onNudgeQueue, PAGE, receiver, send, TENANT, waits, worker } from './test/queue.js';

onNudgeQueue('nudge_retries', (it) => {
  describe("retries and the delivery log (the queue's attempts)", () => {
    it('retries a failing receiver with growing backoff and logs every attempt', async (db) => {
      receiver.script({ status: 503, body: 'down' }, { status: 500 }, { status: 200, body: 'ok' });
      const result = await send(db, {
        user: 'u-4',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(3);
      expect(result).toMatchObject({ status: 'delivered', channel: 'slack', user: 'u-4' });
      expect(result.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
        [1, 503, false],
        [2, 500, false],
        [3, 200, true],
      ]);
      expect(result.deliveries[0]!.error).toBe('HTTP 503: down');
      // Full jitter with random()=0.5: half of 100·2^(n-1).
      expect(waits).toEqual([50, 100]);
      // Tenant isolation: another tenant cannot read it.
      expect(await readNudge(db, 'other', result.id)).toBeUndefined();
    });
    it('gives up after maxAttempts: the nudge is dead with the reason', async (db) => {
      receiver.script({ status: 500, body: 'boom' });
      const result = await send(db, {
        user: 'u-5',
        scenario: 'underperformance',
        channel: 'teams',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(4);
      expect(result.status).toBe('dead');
      expect(result.deliveries.every((d) => !d.ok && d.status === 500)).toBe(true);
      expect(waits).toEqual([50, 100, 200]);
      const [dead] = (await listJobs(db, TENANT, 'dead')).filter((j) => j.id === result.deliveryId);
      expect(dead!.lastError).toBe('HTTP 500: boom (gave up after 4 attempts)');
    });
    it('does not retry a permanent refusal (Slack 404 no_service)', async (db) => {
      receiver.script({ status: 404, body: 'no_service' });
      const result = await send(db, {
        user: 'u-6',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(1);
      expect(result.status).toBe('dead');
      expect(result.deliveries).toEqual([
        expect.objectContaining({
          attempt: 1,
          status: 404,
          ok: false,
          error: 'HTTP 404: no_service (not retried)',
        }),
      ]);
    });
    it('waits at least as long as Retry-After asks on 429, even an hour', async (db) => {
      receiver.script({ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 });
      const result = await send(db, {
        user: 'u-7',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(result.status).toBe('delivered');
      expect(waits).toEqual([3_600_000]);
    });
    it('logs a refused connection as a network error without leaking the webhook URL', async (db) => {
      const closed = await startReceiver();
      await closed.close();
      channels.slack = { url: closed.url };
      const result = await send(db, {
        user: 'u-8',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(result.deliveries).toHaveLength(4);
      expect(result.deliveries[0]).toMatchObject({
        status: null,
        ok: false,
        error: 'network error (ECONNREFUSED)',
      });
      expect(JSON.stringify(result.deliveries)).not.toContain(closed.url);
    });
    it('a channel removed from the config after queueing: dead, not configured', async (db) => {
      const queued = await queueNudge(
        { db, channels: usableChannels(channels), now: () => clock.now },
        TENANT,
        { user: 'u-10', scenario: 'goal-setting', channel: 'teams', url: PAGE },
      );
      delete channels.teams;
      await worker.tick();
      expect(await getJob(db, TENANT, queued.deliveryId!)).toMatchObject({
        status: 'dead',
        lastError: 'channel "teams" is not configured for this tenant',
      });
      expect(receiver.received).toHaveLength(0);
    });
    it('refuses a channel the tenant has not configured, before recording anything', async (db) => {
      delete channels.teams;
      await expect(
        queueNudge({ db, channels: usableChannels(channels), now: () => clock.now }, TENANT, {
          user: 'u-9',
          scenario: 'x',
          channel: 'teams',
          url: PAGE,
        }),
      ).rejects.toBeInstanceOf(ChannelNotConfiguredError);
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from nudges where user_id = 'u-9'`,
      );
      expect(row!.n).toBe(0);
    });
  });
});
