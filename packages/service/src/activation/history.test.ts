/**
 * Roster history (docs/activation.md, Roster history) on PGlite and PostgreSQL: a past period's
 * report keeps the roster it had, `GET /v1/audience?at=` reads the roster of an instant, and a
 * change dated before the latest one or in the future is refused with nothing stored.
 */
import { expect } from 'vitest';
import type { Db } from '../store/db.js';
import { defaults, T } from '../test/activation-fixture.js';
import { onBackends } from '../test/both-stores.js';
import { AudienceInvalidError, replaceAudience } from './audience.js';
import { listAudience, patchAudience } from './audience-patch.js';
import { computeActivation } from './metrics.js';

const NOW = new Date('2026-03-20T00:00:00Z');
const month = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const JAN = month('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
const FEB = month('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');

async function teams(db: Db, range: { from: Date; to: Date }) {
  const r = await computeActivation(db, T, range, 'team', defaults);
  return { size: r.audience.size, teams: Object.fromEntries(r.groups.map((g) => [g.key, g.audience])) };
}
/** A completed, scored attempt, as the service stores it on completion. */
async function attempt(db: Db, user: string, score: number, passed: boolean, completedAt: string) {
  await db.query(
    `insert into sessions (tenant, id, "user", scenario, source, created_at, completed_at, score, max_score, passed)
     values ($1, $2, $3, 'S1', 'embedded', $4::timestamptz - interval '10 minutes', $4, $5, 10, $6)`,
    [T, crypto.randomUUID(), user, completedAt, score, passed],
  );
}
const history = (db: Db) =>
  db.query<{ n: number }>(`select count(*)::int as n from audience_history where tenant = $1`, [T]);

/** Four members from the first roster on; u3 and u4 leave on 1 Feb; u2 moves to team B on 15 Feb. */
async function rosterWithChanges(db: Db) {
  await replaceAudience(db, T, [
    { user: 'u1', team: 'A', accessAt: null },
    { user: 'u2', team: 'A', accessAt: null },
    { user: 'u3', team: 'B', accessAt: null },
    { user: 'u4', team: 'B', accessAt: null },
  ]);
  await patchAudience(db, T, { remove: ['u3', 'u4'], effectiveAt: '2026-02-01T00:00:00Z' }, [], NOW);
  await patchAudience(
    db,
    T,
    { remove: ['u2'], add: [{ user: 'u2', team: 'B' }], effectiveAt: '2026-02-15T00:00:00Z' },
    [],
    NOW,
  );
}

onBackends('audience_history', (test) => {
  test("a past period's report keeps the roster it had at its end; a moved member counts in their last team", async (db) => {
    await rosterWithChanges(db);
    // January: all four, two per team, although u3 and u4 have left since.
    expect(await teams(db, JAN)).toEqual({ size: 4, teams: { A: 2, B: 2 } });
    // February: u3 and u4 left at its first instant (intervals are half-open); u2 was in A, then B,
    // and counts once, in B.
    expect(await teams(db, FEB)).toEqual({ size: 2, teams: { A: 1, B: 1 } });
    // 15 Jan - 15 Feb: the roster at its end only. u3 and u4 left within it, so they are not
    // counted (a full replace within a range counts the new roster, not both); u2 moved on 15 Feb,
    // the first instant after the range, so is still in A.
    expect(await teams(db, month('2026-01-15T00:00:00Z', '2026-02-15T00:00:00Z'))).toEqual({
      size: 2,
      teams: { A: 2 },
    });
    // Today's roster is unchanged by the history.
    const now = await listAudience(db, T, {});
    expect(now.members.map((m) => `${m.user}:${m.team}`)).toEqual(['u1:A', 'u2:B']);
  });

  test('skill growth of a past period counts the members it had, each in their team of that period', async (db) => {
    await rosterWithChanges(db);
    await attempt(db, 'u1', 2, false, '2026-01-12T10:00:00Z');
    await attempt(db, 'u2', 5, false, '2026-01-20T10:00:00Z');
    await attempt(db, 'u3', 4, false, '2026-01-10T10:00:00Z');
    await attempt(db, 'u2', 8, true, '2026-02-20T10:00:00Z');
    const growth = async (range: { from: Date; to: Date }) =>
      (await computeActivation(db, T, range, 'team', defaults)).growth;
    // January: u3 (left since) still counts, in B; u2 counts in A, the team they had then.
    // A: firsts .2 .5 -> median .35, bests the same; B: .4; S1 over all three: .2 .4 .5 -> .4.
    const jan = await growth(JAN);
    expect(jan.teams).toEqual([
      { key: 'A', people: 2, firstScoreMedian: 0.35, bestScoreMedian: 0.35, passRate: 0 },
      { key: 'B', people: 1, firstScoreMedian: 0.4, bestScoreMedian: 0.4, passRate: 0 },
    ]);
    expect(jan.scenarios).toEqual([
      { key: 'S1', people: 3, firstScoreMedian: 0.4, bestScoreMedian: 0.4, passRate: 0 },
    ]);
    // February: only u2 practised, now in B; first share is their first-ever attempt (.5).
    expect((await growth(FEB)).teams).toEqual([
      { key: 'B', people: 1, firstScoreMedian: 0.5, bestScoreMedian: 0.8, passRate: 1 },
    ]);
  });

  test('a change dated within the clock skew is kept, and the next undated change takes its instant', async (db) => {
    await rosterWithChanges(db);
    const ahead = new Date(NOW.getTime() + 2 * 60 * 1000).toISOString();
    await patchAudience(db, T, { add: [{ user: 'u5', team: 'A' }], effectiveAt: ahead }, [], NOW);
    // Undated, at the same server time: it may not fall before the change just stored.
    await patchAudience(db, T, { add: [{ user: 'u6', team: 'A' }] }, [], NOW);
    const opened = await db.query<{ user_id: string; valid_from: Date | string }>(
      `select user_id, valid_from from audience_history where tenant = $1 and user_id in ('u5', 'u6')
       order by user_id`,
      [T],
    );
    expect(opened.map((r) => [r.user_id, new Date(r.valid_from).toISOString()])).toEqual([
      ['u5', ahead],
      ['u6', ahead],
    ]);
  });

  test('GET /v1/audience?at= lists the roster as it was at that instant', async (db) => {
    await rosterWithChanges(db);
    const at = async (instant: string) =>
      (await listAudience(db, T, { at: instant })).members.map((m) => `${m.user}:${m.team}`);
    expect(await at('2026-01-15T00:00:00Z')).toEqual(['u1:A', 'u2:A', 'u3:B', 'u4:B']);
    expect(await at('2026-02-01T00:00:00Z')).toEqual(['u1:A', 'u2:A']);
    expect(await at('2026-02-20T00:00:00Z')).toEqual(['u1:A', 'u2:B']);
  });

  test('a change dated before the latest one, or in the future, is refused and stores nothing', async (db) => {
    await rosterWithChanges(db);
    const before = { roster: await listAudience(db, T, {}), history: await history(db) };
    const refused = async (effectiveAt: string) => {
      try {
        await patchAudience(db, T, { remove: ['u1'], effectiveAt }, [], NOW);
      } catch (e) {
        if (e instanceof AudienceInvalidError) return e.problems.map((p) => p.path);
        throw e;
      }
      throw new Error('expected AudienceInvalidError');
    };
    expect(await refused('2026-02-10T00:00:00Z')).toEqual(['effectiveAt']);
    expect(await refused('2026-03-21T00:00:00Z')).toEqual(['effectiveAt']);
    expect(await refused('not a date')).toEqual(['effectiveAt']);
    await expect(
      replaceAudience(db, T, [{ user: 'u9', team: 'A', accessAt: null }], {
        effectiveAt: new Date('2026-01-05T00:00:00Z'),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(AudienceInvalidError);
    expect({ roster: await listAudience(db, T, {}), history: await history(db) }).toEqual(before);
  });
});
