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
  test("a past period's report keeps the roster it had; a moved member counts in their last team of the range", async (db) => {
    await rosterWithChanges(db);
    // January: all four, two per team, although u3 and u4 have left since.
    expect(await teams(db, JAN)).toEqual({ size: 4, teams: { A: 2, B: 2 } });
    // February: u3 and u4 left at its first instant (intervals are half-open); u2 was in A, then B,
    // and counts once, in B.
    expect(await teams(db, FEB)).toEqual({ size: 2, teams: { A: 1, B: 1 } });
    // Today's roster is unchanged by the history.
    const now = await listAudience(db, T, {});
    expect(now.members.map((m) => `${m.user}:${m.team}`)).toEqual(['u1:A', 'u2:B']);
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
