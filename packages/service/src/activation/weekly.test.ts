/**
 * The activation report's weekly series (docs/activation.md, Weekly series) on the hand-built
 * event set, on PGlite and PostgreSQL; expected figures in the comments.
 */
import { describe, expect } from 'vitest';
import type { Db } from '../store/db.js';
import { computeActivation, MAX_WEEKS } from './metrics.js';
import { defaults, fixture, insert, session, T } from '../test/activation-fixture.js';
import { onBackends } from '../test/both-stores.js';

onBackends('weekly', (test) => {
  describe('weekly series', () => {
    const nudge = (db: Db, at: string, campaign: boolean) =>
      db.query(
        `insert into nudges (tenant, id, user_id, scenario, channel, link, campaign, created_at)
         values ($1, $2, 'a2', 'underperformance', 'webhook', 'https://x.example/l', $3, $4)`,
        [T, crypto.randomUUID(), campaign, at],
      );

    test('counts active users, new activations, sessions by source, meaningful sessions and campaign sends per ISO week', async (db) => {
      await fixture(db);
      // Week 2 of the range: a1 comes back (embedded, 3 turns), a2 finally practises unprompted.
      await insert(db, [
        ...session('a1', 'w2a', 'embedded', '2026-03-10T09:00:00Z', ['session_start', 'first_interaction'], {
          first_interaction: { userTurns: 3 },
        }),
        ...session('a2', 'w2b', 'nudge', '2026-03-11T09:00:00Z', ['session_start', 'complete']),
      ]);
      await nudge(db, '2026-03-02T08:00:00Z', true); // week of 03-02
      await nudge(db, '2026-03-03T08:00:00Z', true);
      await nudge(db, '2026-03-10T08:00:00Z', false); // not a campaign: not marked
      await nudge(db, '2026-02-20T08:00:00Z', true); // before the range
      // 2026-03-01 is a Sunday: the range 03-01 .. 03-15 overlaps the ISO weeks of 02-23, 03-02, 03-09.
      const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-15T00:00:00Z') };
      const r = await computeActivation(db, T, range, 'team', defaults);
      const none = { embedded: 0, nudge: 0, deeplink: 0, campaign: 0, unknown: 0 };
      expect(r.weekly).toEqual([
        // Sunday 03-01: a1's s1 (embedded, meaningful) and b1's s5 (nudge, completed).
        // Active: a1, b1. New activations: a1, b1 (both unprompted meaningful).
        {
          week: '2026-02-23',
          activeUsers: 2,
          newActivations: 2,
          sessions: { ...none, embedded: 1, nudge: 1 },
          meaningfulSessions: 2,
          campaignSends: 0,
        },
        // 03-02..03-08: a1's s2 (meaningful), a2's campaign s3 (meaningful, prompted), a3's deep link s4
        // (2 turns: not meaningful), b1's campaign s6 (3 turns), x1's s8 (completed; off the roster:
        // a session, not a user). Active: a1 a2 a3 b1; a1 and b1 were activated the week before.
        {
          week: '2026-03-02',
          activeUsers: 4,
          newActivations: 0,
          sessions: { ...none, embedded: 2, campaign: 2, deeplink: 1 },
          meaningfulSessions: 4,
          campaignSends: 2,
        },
        // 03-09..03-15: a1 again (3 turns), a2's nudge session completed -> a2's first activation.
        {
          week: '2026-03-09',
          activeUsers: 2,
          newActivations: 1,
          sessions: { ...none, embedded: 1, nudge: 1 },
          meaningfulSessions: 2,
          campaignSends: 0,
        },
      ]);
      // Weekly new activations add up to the range's activated users.
      expect(r.weekly.reduce((n, w) => n + w.newActivations, 0)).toBe(r.activation.activatedUsers);
    });

    test('shows quiet weeks as 0 and caps a very long range at MAX_WEEKS from the first session', async (db) => {
      await fixture(db);
      const quiet = await computeActivation(
        db,
        T,
        { from: new Date('2026-04-06T00:00:00Z'), to: new Date('2026-04-20T00:00:00Z') },
        'team',
        defaults,
      );
      expect(quiet.weekly.map((w) => [w.week, w.activeUsers, w.meaningfulSessions])).toEqual([
        ['2026-04-06', 0, 0],
        ['2026-04-13', 0, 0],
      ]);
      const long = await computeActivation(
        db,
        T,
        { from: new Date('2000-01-01T00:00:00Z'), to: new Date('9999-12-31T00:00:00Z') },
        'team',
        defaults,
      );
      expect(long.weekly).toHaveLength(MAX_WEEKS);
      // b2's session on 2026-02-20 is the first: its week (Monday 02-16) starts the series.
      expect(long.weekly[0]!.week).toBe('2026-02-16');
    });
  });
});
