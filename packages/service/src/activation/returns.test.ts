/**
 * Return visits on hand-built sessions (the service's records), on PGlite and PostgreSQL; the
 * expected figures are worked out in the comments.
 */
import { expect } from 'vitest';
import type { Db } from '../store/db.js';
import { replaceAudience } from './audience.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';
import { onBackends } from '../test/both-stores.js';

const T = 'acme';
// Five ISO weeks: 03-02, 03-09, 03-16, 03-23, 03-30.
const RANGE = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-04-06T00:00:00Z') };

/** A session the service recorded; 3 user turns make it meaningful. */
async function session(db: Db, user: string, at: string, source = 'embedded', turns = 3) {
  await db.query(
    `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at)
     values ($1, $2, $3, 'underperformance', $4, $5, $6)`,
    [T, crypto.randomUUID(), user, source, turns, at],
  );
}

/**
 *  u1 activated 03-02 (cohort 03-02); back 03-05 (within 14 days, same week), 03-10 (+1), 03-24 (+3)
 *  u2 campaign 03-03 (no activation), activated 03-04 (cohort 03-02); a 1-turn campaign session
 *     03-20 (+2; after its 14 days, which ended 03-18)
 *  u3 a 1-turn session 03-09, activated by a nudge 03-11 (cohort 03-09); never back
 *  u4 activated 03-30 (cohort 03-30): its 14 days end after the range, not eligible
 *  u5 activated 03-23 (cohort 03-23), back 04-05 (+1); its 14 days end 04-06 10:00, after the range
 *  x1 is not on the roster.
 */
async function fixture(db: Db) {
  await replaceAudience(
    db,
    T,
    ['u1', 'u2', 'u3', 'u4', 'u5'].map((user) => ({ user, team: 'A', accessAt: null })),
  );
  await session(db, 'u1', '2026-03-02T10:00:00Z');
  await session(db, 'u1', '2026-03-05T10:00:00Z', 'embedded', 1);
  await session(db, 'u1', '2026-03-10T10:00:00Z');
  await session(db, 'u1', '2026-03-24T10:00:00Z', 'nudge', 1);
  await session(db, 'u2', '2026-03-03T10:00:00Z', 'campaign');
  await session(db, 'u2', '2026-03-04T10:00:00Z');
  await session(db, 'u2', '2026-03-20T10:00:00Z', 'campaign', 1);
  await session(db, 'u3', '2026-03-09T10:00:00Z', 'embedded', 1);
  await session(db, 'u3', '2026-03-11T10:00:00Z', 'nudge');
  await session(db, 'u4', '2026-03-30T10:00:00Z');
  await session(db, 'u5', '2026-03-23T10:00:00Z');
  await session(db, 'u5', '2026-04-05T10:00:00Z', 'deeplink', 1);
  await session(db, 'x1', '2026-03-02T10:00:00Z');
  await session(db, 'x1', '2026-03-03T10:00:00Z');
}

const report = (db: Db, min: number) =>
  computeActivation(db, T, RANGE, 'team', activationSettings({ minGroupSize: min }));

onBackends('returns', (test) => {
  test('practised again within 14 days, and the cohort grid of weeks k+1 … k+4', async (db) => {
    await fixture(db);
    const r = await report(db, 1);
    // Eligible u1 u2 u3; only u1 came back within its 14 days.
    expect(r.returns).toMatchObject({ eligible: 3, returned: 1, rate: 1 / 3, withheldCohorts: 0 });
    expect(r.returns.cohorts).toEqual([
      // u1 back in +1 and +3, u2 in +2; week +4 (03-30) observed, nobody.
      { week: '2026-03-02', users: 2, again: [0.5, 0.5, 0.5, 0] },
      // 03-30 is +3 for this cohort; +4 (04-06) is after the range.
      { week: '2026-03-09', users: 1, again: [0, 0, 0, null] },
      { week: '2026-03-23', users: 1, again: [1, null, null, null] },
      { week: '2026-03-30', users: 1, again: [null, null, null, null] },
    ]);
    // The cohorts are the weekly series' new activations.
    const weekly = Object.fromEntries(r.weekly.map((w) => [w.week, w.newActivations]));
    for (const c of r.returns.cohorts) expect(weekly[c.week]).toBe(c.users);
  });

  test('a cohort under minGroupSize is withheld', async (db) => {
    await fixture(db);
    const r = await report(db, 2);
    expect(r.returns.cohorts.map((c) => [c.week, c.users])).toEqual([['2026-03-02', 2]]);
    expect(r.returns.withheldCohorts).toBe(3);
    // The 14-day figure is over the whole audience, like the headline figures.
    expect(r.returns).toMatchObject({ eligible: 3, returned: 1 });
  });

  test('no activations: no cohorts and no rate', async (db) => {
    const r = await report(db, 1);
    expect(r.returns).toEqual({ eligible: 0, returned: 0, rate: null, cohorts: [], withheldCohorts: 0 });
  });
});
