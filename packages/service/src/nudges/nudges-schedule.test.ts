/**
 * Scheduled nudges on the outbound queue, on PGlite and on a real PostgreSQL: `sendAt` makes the
 * job due then, and `unlessPractised` skips it, with the reason, for a user who practised the
 * scenario meaningfully since it was queued.
 */
import type { NudgeRequest } from '@inflow/contract';
import { describe, expect } from 'vitest';
import type { Db } from '../store/db.js';
import { getJob, listJobs } from '../outbound/queue.js';
import { usableChannels } from './channels.js';
import { readNudge } from './log.js';
import { queueNudge } from './send.js';
import { channels, clock, onNudgeQueue, PAGE, receiver, TENANT, worker } from './test/queue.js';

onNudgeQueue('nudge_schedule', (it) => {
  describe('scheduled nudges', () => {
    const HOUR = 3_600_000;
    const queue = (db: Db, request: Omit<NudgeRequest, 'sendAt'>, sendAt?: Date) =>
      queueNudge({ db, channels: usableChannels(channels), now: () => clock.now }, TENANT, request, sendAt);
    const practised = (db: Db, user: string, at: Date, turns: number, completed: boolean) =>
      db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at, completed_at)
         values ($1, $2, $3, 'goal-setting', 'nudge', $4, $5, $6)`,
        [TENANT, crypto.randomUUID(), user, turns, at, completed ? at : null],
      );

    it('sendAt: the job is due then, nothing is sent before, it is delivered at that time', async (db) => {
      const sendAt = new Date(clock.now.getTime() + 2 * HOUR);
      const queued = await queue(
        db,
        { user: 'u-20', scenario: 'goal-setting', channel: 'slack', url: PAGE },
        sendAt,
      );
      expect(queued).toMatchObject({
        status: 'pending',
        sendAt: sendAt.toISOString(),
        unlessPractised: false,
      });
      expect((await getJob(db, TENANT, queued.deliveryId!))!.nextAttemptAt).toEqual(sendAt);
      clock.now = new Date(sendAt.getTime() - 1);
      expect(await worker.tick(), 'not due a millisecond before').toBe(0);
      clock.now = sendAt;
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('delivered');
    });

    it('unlessPractised: a user who completed the scenario since it was queued is skipped, with the reason', async (db) => {
      const sendAt = new Date(clock.now.getTime() + HOUR);
      const queued = await queue(
        db,
        { user: 'u-21', scenario: 'goal-setting', channel: 'slack', url: PAGE, unlessPractised: true },
        sendAt,
      );
      await practised(db, 'u-21', new Date(clock.now.getTime() + HOUR / 2), 1, true);
      clock.now = sendAt;
      expect(await worker.tick()).toBe(1);
      expect(receiver.received, 'nothing sent').toHaveLength(0);
      const read = (await readNudge(db, TENANT, queued.id))!;
      expect(read).toMatchObject({
        status: 'skipped',
        reason: 'practised since the nudge was scheduled (unlessPractised)',
        deliveries: [],
      });
      const job = (await getJob(db, TENANT, queued.deliveryId!))!;
      expect(job).toMatchObject({ status: 'skipped', attempts: 0 });
      expect((await listJobs(db, TENANT, 'dead')).map((j) => j.id)).not.toContain(job.id);
      clock.now = new Date(clock.now.getTime() + 24 * HOUR);
      expect(await worker.tick(), 'a skipped job is never leased again').toBe(0);
    });

    it('unlessPractised: a session that is not meaningful, or practice before scheduling, or another scenario, does not skip', async (db) => {
      await practised(db, 'u-22', new Date(clock.now.getTime() - HOUR), 5, true); // before it was queued
      const queued = await queue(db, {
        user: 'u-22',
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        unlessPractised: true,
      });
      await practised(db, 'u-22', clock.now, 2, false); // 2 < the default meaningfulTurns of 3
      await db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at, completed_at)
         values ($1, $2, 'u-22', 'underperformance', 'nudge', 5, $3, $3)`,
        [TENANT, crypto.randomUUID(), clock.now],
      );
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('delivered');
    });

    it('unlessPractised: three user turns since it was queued (not completed) count as practised', async (db) => {
      const queued = await queue(db, {
        user: 'u-23',
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        unlessPractised: true,
      });
      await practised(db, 'u-23', clock.now, 3, false);
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(0);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('skipped');
    });
  });
});
