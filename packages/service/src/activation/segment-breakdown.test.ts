/**
 * The segment breakdown (issue 22 item 2): each segment's funnel and time to first interaction
 * beside its rate, a person in two segments counted in both, on PGlite and PostgreSQL. Expected
 * figures are worked out by hand in the comments.
 */
import { FUNNEL_STEPS } from '@inflow/contract';
import { ActivationReport as ActivationReportSchema } from '@inflow/contract/schemas';
import { expect } from 'vitest';
import type { Db } from '../store/db.js';
import { insert, RANGE, T, type Ev } from '../test/activation-fixture.js';
import { onBackends } from '../test/both-stores.js';
import { check } from '../validate.js';
import { replaceAudience } from './audience.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';

const SEGMENTS = [
  { id: 'pain', label: 'Point of pain' },
  { id: 'keen', label: 'Enthusiasts' },
  { id: 'late', label: 'Late starters' },
  { id: 'pair', label: 'Two people' },
];
const ACCESS = new Date('2026-03-01T00:00:00Z');

/** One person's events: steps one minute apart, the first interaction at `hours` after access. */
function person(user: string, hours: number, steps: string[], turns = 1, source = 'embedded'): Ev[] {
  const fi = ACCESS.getTime() + hours * 3_600_000;
  const at = (i: number) => new Date(fi + (i - steps.indexOf('first_interaction')) * 60_000).toISOString();
  return steps.map((name, i) => ({
    user,
    name,
    at: at(i),
    ...(name === 'impression' ? {} : { session: `${user}-s`, source }),
    ...(name === 'first_interaction' ? { props: { userTurns: turns } } : {}),
  }));
}
const all = ['impression', 'open', 'session_start', 'first_interaction', 'complete'];

/**
 * 10 people, access 03-01 00:00. pain = p1..p4, keen = k1..k3 and p4 (p4 in both), late = o1..o3,
 * pair = o1 o2.
 *  p1 every step, 3 turns, first interaction at 2 h;  p2 session, 1 turn, 6 h;  p3 impression only;
 *  p4 session, 3 turns (meaningful, not complete), 10 h.
 *  k1 every step, 3 turns, 1 h;  k2 campaign session, 3 turns (prompted), 3 h;  k3 nothing.
 *  o1 impression only;  o2 session, 1 turn, 5 h;  o3 nothing.
 */
async function fixture(db: Db) {
  const seg = (u: string) =>
    u === 'p4'
      ? ['pain', 'keen']
      : u.startsWith('p')
        ? ['pain']
        : u.startsWith('k')
          ? ['keen']
          : ['late', ...(u === 'o3' ? [] : ['pair'])];
  await replaceAudience(
    db,
    T,
    ['p1', 'p2', 'p3', 'p4', 'k1', 'k2', 'k3', 'o1', 'o2', 'o3'].map((user) => ({
      user,
      team: 'A',
      accessAt: ACCESS,
      segments: seg(user),
    })),
  );
  await insert(db, [
    ...person('p1', 2, all, 3),
    ...person('p2', 6, ['session_start', 'first_interaction'], 1),
    { user: 'p3', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...person('p4', 10, ['session_start', 'first_interaction'], 3),
    ...person('k1', 1, all, 3),
    ...person('k2', 3, ['session_start', 'first_interaction'], 3, 'campaign'),
    { user: 'o1', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...person('o2', 5, ['session_start', 'first_interaction'], 1),
  ]);
}

const report = (db: Db, minGroupSize: number) =>
  computeActivation(db, T, RANGE, 'segment', activationSettings({ minGroupSize, segments: SEGMENTS }));
const funnel = (...users: number[]) => users.map((n, i) => ({ step: FUNNEL_STEPS[i], users: n }));

onBackends('segment_breakdown', (test) => {
  test('each segment’s funnel and time to first interaction, p4 counted in pain and in keen', async (db) => {
    await fixture(db);
    const r = await report(db, 3);
    check(ActivationReportSchema, r);
    // pain ∩ keen = p4: pain − p4 and keen − p4 are 3 people each, every other difference ≥ 3 or 0.
    // late (o1..o3) is shown; pair (2 people) is under 3: withheld.
    expect(r.groups.map((g) => g.key)).toEqual(['pain', 'keen', 'late']);
    expect(r.privacy.withheldSegments).toBe(1);
    const [pain, keen, late] = r.groups;
    // pain: reached p1..p4; opened (a later step implies it) p1 p2 p4; started p1 p2 p4;
    // interacted p1 p2 p4; meaningful p1 p4; completed p1. Activated p1 p4: 2/4.
    expect(pain).toMatchObject({ audience: 4, activatedUsers: 2, rate: 0.5, sessions: 3 });
    expect(pain!.funnel).toEqual(funnel(4, 3, 3, 3, 2, 1));
    // First interactions 2, 6, 10 h: median 6; p90 at rank 0.9 × 2 = 1.8, 6 + 0.8 × (10 − 6) = 9.2.
    expect(pain!.timeToFirstInteraction!.medianHours).toBeCloseTo(6, 9);
    expect(pain!.timeToFirstInteraction!.p90Hours).toBeCloseTo(9.2, 9);
    expect(pain!.timeToFirstInteraction!.users).toBe(3);
    // keen = k1 k2 k3 p4: reached k1 k2 p4, meaningful k1 k2 p4, completed k1; activated k1 p4
    // (k2 only from a campaign). First interactions 1, 3, 10 h: median 3, p90 3 + 0.8 × 7 = 8.6.
    expect(keen).toMatchObject({ audience: 4, activatedUsers: 2, meaningfulUsers: 3, sessions: 3 });
    expect(keen!.funnel).toEqual(funnel(3, 3, 3, 3, 3, 1));
    expect(keen!.timeToFirstInteraction!.medianHours).toBeCloseTo(3, 9);
    expect(keen!.timeToFirstInteraction!.p90Hours).toBeCloseTo(8.6, 9);
    // late: o1 reached, o2 started and interacted once. One first interaction (o2, 5 h) is under
    // the minimum of 3: its median would be o2's own, so it is withheld; the count stays.
    expect(late!.funnel).toEqual(funnel(2, 1, 1, 1, 0, 0));
    expect(late!.timeToFirstInteraction).toEqual({ medianHours: null, p90Hours: null, users: 1 });
    // The whole audience counts p4 once: 1, 2, 3, 5, 6, 10 h, median 4; reached p1..p4 k1 k2 o1 o2: 8.
    expect(r.timeToFirstInteraction).toMatchObject({ medianHours: 4, users: 6 });
    expect(r.funnel[0]!.users).toBe(8);
  });

  test('a segment’s median is shown from minGroupSize measured members', async (db) => {
    await fixture(db);
    const r = await report(db, 1);
    // At minimum 1, late's one measured member is enough: o2's 5 h.
    const late = r.groups.find((g) => g.key === 'late')!;
    expect(late.timeToFirstInteraction).toEqual({ medianHours: 5, p90Hours: 5, users: 1 });
    // Not grouped by segment: no segment rows, and the team rows carry no funnel.
    const byTeam = await computeActivation(db, T, RANGE, 'team', activationSettings({ segments: SEGMENTS }));
    expect(byTeam.groups.every((g) => g.funnel === undefined)).toBe(true);
  });
});
