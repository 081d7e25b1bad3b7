/**
 * Every figure of the activation report on hand-built event sets, over a real in-memory PGlite
 * with the service's own migrations. The expected numbers are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { computeActivation, uniformity } from './metrics.js';
import { activationSettings } from './settings.js';
import { defaults, fixture, RANGE, sid, T } from '../test/activation-fixture.js';
import { onBackends } from '../test/both-stores.js';

// The same SQL must give the same answers on both stores the service supports.
onBackends('activation', (test) => {
  describe('activation report on a hand-built event set', () => {
    test('counts the audience, users outside it, and the funnel of audience members', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      expect(r.audience).toEqual({ size: 6, teams: 2, outside: 1 });
      // impression: a1 a2 a3 (implied by its session) a4 b1 = 5; open: a4 drops out = 4;
      // session_start, first_interaction: a1 a2 a3 b1 = 4; meaningful: a1 a2 b1 = 3; complete: a1 b1 = 2.
      expect(r.funnel).toEqual([
        { step: 'impression', users: 5 },
        { step: 'open', users: 4 },
        { step: 'session_start', users: 4 },
        { step: 'first_interaction', users: 4 },
        { step: 'meaningful_interaction', users: 3 },
        { step: 'complete', users: 2 },
      ]);
    });

    test('counts activation without campaign sessions, and the prompted-only users apart', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      // a1 (embedded) and b1 (nudge; its campaign session does not matter) are activated; a2 only
      // had a campaign session; x1 is not on the roster. 2 of 6.
      expect(r.activation).toEqual({ rate: 2 / 6, activatedUsers: 2, unpromptedUsers: 2, promptedUsers: 1 });
    });

    test('measures time to first interaction from the access grant, else the first impression', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      // a1: 02-28 09:00 -> 03-01 09:05 = 24h05m; a2: 10:00 -> 12:00 = 2h; b1: 00:00 -> 06:00 = 6h.
      // a3 has neither access date nor impression (excluded); b2's first interaction is before the range.
      const a1 = 24 + 5 / 60;
      expect(r.timeToFirstInteraction.users).toBe(3);
      expect(r.timeToFirstInteraction.medianHours).toBeCloseTo(6, 9);
      // p90 of [2, 6, a1], linear interpolation: position 0.9 * 2 = 1.8 -> 6 + 0.8 * (a1 - 6).
      expect(r.timeToFirstInteraction.p90Hours).toBeCloseTo(6 + 0.8 * (a1 - 6), 9);
    });

    test('reports support load per 100 sessions over every session of the tenant', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      // Sessions started in range: s1 s2 s3 s4 s5 s6 s8 = 7 (s7 is before it; globex is another tenant).
      expect(r.supportLoad).toEqual({
        sessions: 7,
        help: 1,
        errors: 2,
        per100Sessions: 300 / 7,
        helpPer100Sessions: 100 / 7,
        errorsPer100Sessions: 200 / 7,
      });
    });

    test('groups by team with the uniformity of team rates, and decides go / no-go', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      expect(r.groups).toEqual([
        { key: 'A', audience: 4, activatedUsers: 1, meaningfulUsers: 2, rate: 0.25, sessions: 4 },
        { key: 'B', audience: 2, activatedUsers: 1, meaningfulUsers: 1, rate: 0.5, sessions: 2 },
      ]);
      expect(r.teams).toEqual(r.groups);
      // mean 0.375, population sd 0.125 -> cv 1/3.
      expect(r.uniformity.min).toBe(0.25);
      expect(r.uniformity.max).toBe(0.5);
      expect(r.uniformity.cv).toBeCloseTo(1 / 3, 12);
      const byMetric = Object.fromEntries(r.goNoGo.criteria.map((c) => [c.metric, c]));
      expect(byMetric.activationRate).toMatchObject({
        value: 2 / 6,
        threshold: 0.4,
        comparator: '>=',
        pass: false,
      });
      expect(byMetric.ttfiMedianHours).toMatchObject({ threshold: 72, comparator: '<=', pass: true });
      expect(byMetric.errorsPer100Sessions).toMatchObject({ value: 200 / 7, pass: false });
      expect(byMetric.teamCv?.pass).toBe(true);
      expect(r.goNoGo.decision).toBe('no-go');
    });

    test('groups by source and by scenario against the whole audience', async (db) => {
      await fixture(db);
      const r = await computeActivation(db, T, RANGE, 'source', defaults);
      expect(r.groups).toEqual([
        // a2 and b1 had meaningful campaign sessions: meaningful, never activated.
        { key: 'campaign', audience: 6, activatedUsers: 0, meaningfulUsers: 2, rate: 0, sessions: 2 },
        { key: 'deeplink', audience: 6, activatedUsers: 0, meaningfulUsers: 0, rate: 0, sessions: 1 },
        // s1, s2 (a1) and s8 (x1, off the roster: a session, not a user).
        { key: 'embedded', audience: 6, activatedUsers: 1, meaningfulUsers: 1, rate: 1 / 6, sessions: 3 },
        { key: 'nudge', audience: 6, activatedUsers: 1, meaningfulUsers: 1, rate: 1 / 6, sessions: 1 },
      ]);
      // Teams stay per team whatever the grouping.
      expect(r.teams.map((t) => t.key)).toEqual(['A', 'B']);
      const s = await computeActivation(db, T, RANGE, 'scenario', defaults);
      expect(s.groups).toEqual([
        {
          key: 'underperformance',
          audience: 6,
          activatedUsers: 2,
          meaningfulUsers: 3,
          rate: 2 / 6,
          sessions: 7,
        },
      ]);
    });

    test('follows the tenant definition of meaningful', async (db) => {
      await fixture(db);
      // With 2 turns meaningful, a3's deep-link session (2 turns) activates a3: 3 of 6.
      const r = await computeActivation(
        db,
        T,
        RANGE,
        'team',
        activationSettings({ minGroupSize: 1, meaningfulTurns: 2 }),
      );
      expect(r.meaningful).toEqual({ userTurns: 2, completed: true });
      expect(r.activation.activatedUsers).toBe(3);
      // With 4, a2's and b1's 3-turn sessions stop counting; b1's completed session still does.
      const strict = await computeActivation(
        db,
        T,
        RANGE,
        'team',
        activationSettings({ minGroupSize: 1, meaningfulTurns: 4 }),
      );
      // a1's s1 completed, b1's s5 completed; a1's s2 asserted meaningful without a turn count.
      expect(strict.activation).toMatchObject({ activatedUsers: 2, promptedUsers: 0 });
      expect(strict.funnel.find((f) => f.step === 'meaningful_interaction')?.users).toBe(2);
    });

    test("takes the server's session record (turns, source) over lost client events", async (db) => {
      await fixture(db);
      // The server saw a3 reach 3 turns in s4 although no event said so.
      await db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at) values ($1, $2, 'a3', 'underperformance', 'deeplink', 3, '2026-03-03T07:59:00Z')`,
        [T, sid('s4')],
      );
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      expect(r.activation.activatedUsers).toBe(3);
      // With the server's record present, the tenant's threshold rules over the client's own
      // meaningful_interaction: a1's s2 has a record with 3 turns, which a threshold of 4 rejects
      // (a1 stays activated through the completed s1, so the meaningful step is what moves).
      await db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at) values ($1, $2, 'a1', 'underperformance', 'embedded', 3, '2026-03-02T09:01:00Z')`,
        [T, sid('s2')],
      );
      const strict = await computeActivation(
        db,
        T,
        RANGE,
        'source',
        activationSettings({ minGroupSize: 1, meaningfulTurns: 4 }),
      );
      expect(strict.groups.find((g) => g.key === 'embedded')).toMatchObject({
        activatedUsers: 1,
        sessions: 3,
      });
      const s2Only = await computeActivation(
        db,
        T,
        { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-02T09:30:00Z') },
        'team',
        activationSettings({ minGroupSize: 1, meaningfulTurns: 4 }),
      );
      expect(s2Only.funnel.find((f) => f.step === 'meaningful_interaction')?.users).toBe(0);
      const s2Default = await computeActivation(
        db,
        T,
        { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-02T09:30:00Z') },
        'team',
        defaults,
      );
      expect(s2Default.funnel.find((f) => f.step === 'meaningful_interaction')?.users).toBe(1);
    });

    test('applies tenant thresholds and fails unknown or unmeasured criteria visibly', async (db) => {
      await fixture(db);
      const r = await computeActivation(
        db,
        T,
        RANGE,
        'team',
        activationSettings({
          minGroupSize: 1,
          goNoGo: {
            activationRate: 0.3,
            errorsPer100Sessions: 30,
            supportPer100Sessions: 50,
            activationRte: 0.1,
          },
        }),
      );
      const byMetric = Object.fromEntries(r.goNoGo.criteria.map((c) => [c.metric, c]));
      expect(byMetric.activationRate?.pass).toBe(true);
      expect(byMetric.errorsPer100Sessions?.pass).toBe(true);
      expect(byMetric.activationRte).toMatchObject({ pass: false, value: null });
      expect(r.goNoGo.decision).toBe('no-go');
      // One fast turn with no coach error: the stability criteria pass too.
      await db.query(
        `insert into turn_metrics (tenant, session_id, at, first_delta_ms, turn_ms) values ($1, $2, '2026-03-02T10:00:00Z', 50, 500)`,
        [T, crypto.randomUUID()],
      );
      const fixed = await computeActivation(
        db,
        T,
        RANGE,
        'team',
        activationSettings({
          minGroupSize: 1,
          goNoGo: { activationRate: 0.3, errorsPer100Sessions: 30, supportPer100Sessions: 50 },
        }),
      );
      expect(fixed.goNoGo.decision).toBe('go');
    });
  });

  describe('activation report on empty data', () => {
    test('answers with zeros and nulls, never NaN, without an audience or events', async (db) => {
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      expect(r.audience).toEqual({ size: 0, teams: 0, outside: 0 });
      expect(r.funnel.every((f) => f.users === 0)).toBe(true);
      expect(r.activation).toEqual({ rate: null, activatedUsers: 0, unpromptedUsers: 0, promptedUsers: 0 });
      expect(r.timeToFirstInteraction).toEqual({ medianHours: null, p90Hours: null, users: 0 });
      expect(r.supportLoad).toEqual({
        sessions: 0,
        help: 0,
        errors: 0,
        per100Sessions: null,
        helpPer100Sessions: null,
        errorsPer100Sessions: null,
      });
      expect(r.groups).toEqual([]);
      expect(r.uniformity).toEqual({ min: null, max: null, cv: null });
      expect(r.goNoGo.decision).toBe('no-go');
      expect(r.goNoGo.criteria.every((c) => c.value === null && !c.pass)).toBe(true);
      expect(JSON.stringify(r)).not.toContain('NaN');
    });

    test('reports a 0 % rate and an undefined spread for a roster with no activity in the range', async (db) => {
      await fixture(db);
      const r = await computeActivation(
        db,
        T,
        { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-04-02T00:00:00Z') },
        'team',
        defaults,
      );
      expect(r.activation.rate).toBe(0);
      expect(r.groups.map((g) => [g.key, g.rate])).toEqual([
        ['A', 0],
        ['B', 0],
      ]);
      // All teams at 0: min = max = 0, and the CV (sd / mean) is undefined.
      expect(r.uniformity).toEqual({ min: 0, max: 0, cv: null });
    });
  });
});

describe('uniformity', () => {
  it('is the population coefficient of variation of team rates', () => {
    // mean 0.4, population variance (0.04 + 0 + 0.04) / 3, cv = sqrt(0.08 / 3) / 0.4 = sqrt(2/3) / 2.
    const u = uniformity([0.2, 0.4, 0.6]);
    expect([u.min, u.max]).toEqual([0.2, 0.6]);
    expect(u.cv).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
    expect(uniformity([0.5])).toEqual({ min: 0.5, max: 0.5, cv: 0 });
  });
});
