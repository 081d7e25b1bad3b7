/**
 * Small-group privacy of the activation report (docs/activation.md, Small groups) on hand-built
 * rosters, on PGlite and PostgreSQL; expected figures in the comments.
 */
import { describe, expect } from 'vitest';
import type { Db } from '../store/db.js';
import { replaceAudience } from './audience.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';
import { fixture, insert, RANGE, session, T } from '../test/activation-fixture.js';
import { onBackends } from '../test/both-stores.js';

onBackends('small_groups', (test) => {
  describe('small groups (minGroupSize, default 5)', () => {
    /**
     * Sales 6 people, Ops 5, Legal 4 (+ Solo 1 when `solo`). Activated: s1, s2 (Sales), o1 (Ops),
     * l1, l2 (Legal, one embedded, one nudge); l3 only from a campaign (prompted).
     */
    async function smallTeams(db: Db, solo = false) {
      const team = (name: string, prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) => ({ user: `${prefix}${i + 1}`, team: name, accessAt: null }));
      await replaceAudience(db, T, [
        ...team('Sales', 's', 6),
        ...team('Ops', 'o', 5),
        ...team('Legal', 'l', 4),
        ...(solo ? team('Solo', 'x', 1) : []),
      ]);
      const done = ['session_start', 'first_interaction', 'complete'];
      await insert(db, [
        ...session('s1', 'k1', 'embedded', '2026-03-02T09:00:00Z', done),
        ...session('s2', 'k2', 'embedded', '2026-03-02T10:00:00Z', done),
        ...session('o1', 'k3', 'nudge', '2026-03-03T09:00:00Z', done),
        ...session('l1', 'k4', 'embedded', '2026-03-03T10:00:00Z', done),
        ...session('l2', 'k5', 'nudge', '2026-03-04T10:00:00Z', done),
        ...session('l3', 'k6', 'campaign', '2026-03-04T11:00:00Z', done),
      ]);
    }
    const small = activationSettings(undefined);

    /**
     * The differencing attack: every figure an API user can derive from the team rows (the report's
     * totals minus any subset of the rows, or any subset itself) must cover 0 or ≥ min people.
     */
    function derivableAudiences(r: Awaited<ReturnType<typeof computeActivation>>): number[] {
      const rows = r.teams;
      const out: number[] = [];
      for (let mask = 1; mask < 1 << rows.length; mask++) {
        const part = rows.filter((_, i) => mask & (1 << i)).reduce((n, t) => n + t.audience, 0);
        out.push(part, r.audience.size - part);
      }
      return out;
    }

    test('folds a lone small team with the smallest other team, so no subtraction reveals it', async (db) => {
      await smallTeams(db);
      const r = await computeActivation(db, T, RANGE, 'team', small);
      // Legal (4) alone would be under 5, and "total − Sales − Ops" would give it exactly:
      // Ops (5, the smallest team shown) joins it in "Other teams" = 9 people, o1 l1 l2 activated.
      expect(r.teams).toEqual([
        { key: 'Sales', audience: 6, activatedUsers: 2, meaningfulUsers: 2, rate: 2 / 6, sessions: 2 },
        {
          key: 'Other teams',
          audience: 9,
          activatedUsers: 3,
          meaningfulUsers: 4,
          rate: 3 / 9,
          sessions: 4,
          folded: 2,
        },
      ]);
      expect(r.groups).toEqual(r.teams);
      expect(r.privacy).toEqual({ minGroupSize: 5, foldedTeams: 2, withheldTeams: 0 });
      // Uniformity over the published rows: 2/6 and 3/9 are equal, so the spread is 0.
      expect(r.uniformity).toEqual({ min: 2 / 6, max: 3 / 9, cv: 0 });
      expect(JSON.stringify(r)).not.toContain('Legal');
      expect(derivableAudiences(r).filter((n) => n > 0 && n < 5)).toEqual([]);
      // The headline still counts everyone: 5 of 15 activated.
      expect(r.activation.activatedUsers).toBe(5);
    });

    test('folds small teams into "Other teams" on their own once they reach the minimum together', async (db) => {
      await smallTeams(db, true);
      const r = await computeActivation(db, T, RANGE, 'source', small);
      // Legal 4 + Solo 1 = 5: Ops stays on its own.
      expect(r.teams.map((t) => [t.key, t.audience, t.activatedUsers, t.folded])).toEqual([
        ['Ops', 5, 1, undefined],
        ['Sales', 6, 2, undefined],
        ['Other teams', 5, 2, 2],
      ]);
      expect(r.privacy).toEqual({ minGroupSize: 5, foldedTeams: 2, withheldTeams: 0 });
      expect(derivableAudiences(r).filter((n) => n > 0 && n < 5)).toEqual([]);
      // Source rows are against the whole audience (16): shown.
      expect(r.groups.map((g) => [g.key, g.audience])).toEqual([
        ['campaign', 16],
        ['embedded', 16],
        ['nudge', 16],
      ]);
      expect(JSON.stringify(r)).not.toMatch(/Legal|Solo/);
    });

    test('withholds every breakdown when the whole audience is under the minimum', async (db) => {
      await fixture(db); // 6 people; a tenant minimum of 7
      const strict = activationSettings({ minGroupSize: 7 });
      for (const groupBy of ['team', 'scenario', 'source'] as const) {
        const r = await computeActivation(db, T, RANGE, groupBy, strict);
        expect(r.teams).toEqual([]);
        expect(r.groups).toEqual([]);
        expect(r.uniformity).toEqual({ min: null, max: null, cv: null });
        expect(r.privacy).toEqual({ minGroupSize: 7, foldedTeams: 0, withheldTeams: 2 });
        expect(r.goNoGo.criteria.find((c) => c.metric === 'teamCv')).toMatchObject({
          value: null,
          pass: false,
        });
      }
    });

    test('shows a team of exactly the minimum on its own', async (db) => {
      await smallTeams(db);
      const r = await computeActivation(db, T, RANGE, 'team', activationSettings({ minGroupSize: 4 }));
      expect(r.teams.map((t) => [t.key, t.audience])).toEqual([
        ['Legal', 4],
        ['Ops', 5],
        ['Sales', 6],
      ]);
      expect(r.privacy.foldedTeams).toBe(0);
    });
  });
});
