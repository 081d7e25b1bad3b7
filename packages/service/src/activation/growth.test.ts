/**
 * Skill growth on hand-built attempts, on PGlite and PostgreSQL; expected figures worked out in
 * the comments. Scores go straight into `sessions`, the columns the service fills on completion.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { replaceAudience } from './audience.js';
import { median } from './growth.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';
import { onBackends } from '../test/both-stores.js';

const T = 'acme';
const RANGE = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };

async function roster(db: Db, teams: Record<string, string[]>) {
  await replaceAudience(
    db,
    T,
    Object.entries(teams).flatMap(([team, users]) => users.map((user) => ({ user, team, accessAt: null }))),
  );
}

/** A completed, scored session (score null = completed without a score: ignored). */
async function attempt(
  db: Db,
  user: string,
  scenario: string,
  score: number | null,
  max: number,
  passed: boolean,
  completedAt: string | null,
  tenant = T,
) {
  await db.query(
    `insert into sessions (tenant, id, "user", scenario, source, created_at, completed_at, score, max_score, passed)
     values ($1, $2, $3, $4, 'embedded', coalesce($5::timestamptz, '2026-03-01T00:00:00Z') - interval '10 minutes', $5, $6, $7, $8)`,
    [tenant, crypto.randomUUID(), user, scenario, completedAt, score, max, passed],
  );
}

const growth = async (db: Db, min: number) =>
  (await computeActivation(db, T, RANGE, 'team', activationSettings({ minGroupSize: min }))).growth;

onBackends('growth', (test) => {
  /**
   * Team A = a1 a2 a3, B = b1 b2; x1 is not on the roster. S1 out of 10, S2 out of 20.
   *  a1 S1: 4 (03-01), 8 passed (03-02)  -> first .4, best .8, passed
   *  a2 S1: 6 passed (03-02)              -> .6 .6 passed
   *  a3 S1: 2 (02-20, before the range), 5 (03-03) -> first .2 (first ever), best .5, not passed
   *  b1 S1: 3 (03-04)                     -> .3 .3
   *  b2 S1: 9 passed on 03-09 (after the range): not counted; S2: 5 on 02-10 only: not in range
   *  a1 S2: 10 passed (03-05)             -> .5 .5 passed
   *  x1 S1: 10 passed (outside the roster); another tenant's a1: ignored; b1 S2 unscored: ignored.
   */
  async function fixture(db: Db) {
    await roster(db, { A: ['a1', 'a2', 'a3'], B: ['b1', 'b2'] });
    await attempt(db, 'a1', 'S1', 4, 10, false, '2026-03-01T10:00:00Z');
    await attempt(db, 'a1', 'S1', 8, 10, true, '2026-03-02T10:00:00Z');
    await attempt(db, 'a2', 'S1', 6, 10, true, '2026-03-02T11:00:00Z');
    await attempt(db, 'a3', 'S1', 2, 10, false, '2026-02-20T10:00:00Z');
    await attempt(db, 'a3', 'S1', 5, 10, false, '2026-03-03T10:00:00Z');
    await attempt(db, 'b1', 'S1', 3, 10, false, '2026-03-04T10:00:00Z');
    await attempt(db, 'b2', 'S1', 9, 10, true, '2026-03-09T10:00:00Z');
    await attempt(db, 'b2', 'S2', 5, 20, false, '2026-02-10T10:00:00Z');
    await attempt(db, 'a1', 'S2', 10, 20, true, '2026-03-05T10:00:00Z');
    await attempt(db, 'x1', 'S1', 10, 10, true, '2026-03-02T10:00:00Z');
    await attempt(db, 'a1', 'S1', 1, 10, false, '2026-03-01T09:00:00Z', 'globex');
    await attempt(db, 'b1', 'S2', null, 20, false, null);
  }

  test('medians of first and best score shares and the pass rate, per scenario and per team', async (db) => {
    await fixture(db);
    const g = await growth(db, 1);
    // S1: firsts .2 .3 .4 .6 -> .35; bests .3 .5 .6 .8 -> .55; 2 of 4 passed.
    expect(g.scenarios).toEqual([
      { key: 'S1', people: 4, firstScoreMedian: 0.35, bestScoreMedian: 0.55, passRate: 0.5 },
      { key: 'S2', people: 1, firstScoreMedian: 0.5, bestScoreMedian: 0.5, passRate: 1 },
    ]);
    // A: pairs a1S1 a2S1 a3S1 a1S2: firsts .2 .4 .5 .6 -> .45; bests .5 .5 .6 .8 -> .55; 3 of 4.
    expect(g.teams).toEqual([
      { key: 'A', people: 3, firstScoreMedian: 0.45, bestScoreMedian: 0.55, passRate: 0.75 },
      { key: 'B', people: 1, firstScoreMedian: 0.3, bestScoreMedian: 0.3, passRate: 0 },
    ]);
    expect(g.withheldScenarios).toBe(0);
  });

  test('withholds a scenario under minGroupSize from every row, and folds small teams', async (db) => {
    await fixture(db);
    const g = await growth(db, 2);
    // S2 (1 person) is withheld; B (1 person) pools with A, the smallest shown team: the same
    // people and pairs as S1, so the same figures. With S2 kept, A's pass rate would say 3 of 4.
    expect(g.scenarios.map((s) => s.key)).toEqual(['S1']);
    expect(g.withheldScenarios).toBe(1);
    expect(g.teams).toEqual([{ ...g.scenarios[0], key: 'Other teams', folded: 2 }]);
  });

  /**
   * Default minGroupSize 5. S1: P p1..p5 (first .5, best .5, no pass), Big g1..g5 (.2 -> .9,
   * passed), Legal l1 l2 (.1 -> 1, passed). S2: only l1 (0 of 10). Legal (2) is under 5 and pools
   * with Big (5; ties with P, "Big" first by name) into Other teams = 7 people.
   */
  test('no row describes fewer than 5 people, and a withheld scenario changes no figure', async (db) => {
    const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
    await roster(db, { P: ids('p', 5), Big: ids('g', 5), Legal: ids('l', 2) });
    for (const u of ids('p', 5)) await attempt(db, u, 'S1', 5, 10, false, '2026-03-02T10:00:00Z');
    for (const u of [...ids('g', 5), ...ids('l', 2)]) {
      const low = u.startsWith('g') ? 2 : 1;
      const best = u.startsWith('g') ? 9 : 10;
      await attempt(db, u, 'S1', low, 10, false, '2026-03-02T10:00:00Z');
      await attempt(db, u, 'S1', best, 10, true, '2026-03-03T10:00:00Z');
    }
    await attempt(db, 'l1', 'S2', 0, 10, false, '2026-03-04T10:00:00Z');
    const g = await growth(db, 5);
    // S1 firsts: .1 .1 .2x5 .5x5 -> .2; bests .5x5 .9x5 1 1 -> .9; 7 of 12 passed.
    expect(g.scenarios).toEqual([
      { key: 'S1', people: 12, firstScoreMedian: 0.2, bestScoreMedian: 0.9, passRate: 7 / 12 },
    ]);
    expect(g.withheldScenarios).toBe(1);
    expect(g.teams).toEqual([
      { key: 'P', people: 5, firstScoreMedian: 0.5, bestScoreMedian: 0.5, passRate: 0 },
      // firsts .1 .1 .2x5 -> .2; bests .9x5 1 1 -> .9; all 7 passed (l1's S2 would make it 7 of 8).
      { key: 'Other teams', people: 7, firstScoreMedian: 0.2, bestScoreMedian: 0.9, passRate: 1, folded: 2 },
    ]);
    expect([...g.scenarios, ...g.teams].every((r) => r.people >= 5)).toBe(true);
    expect(JSON.stringify(g)).not.toMatch(/Legal|S2/);
  });
});

describe('median', () => {
  it('interpolates like percentile_cont(0.5)', () => {
    expect(median([])).toBe(null);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
