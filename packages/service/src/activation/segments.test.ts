/**
 * Roster segments (issue 22): the roster accepts them in JSON and CSV against the tenant's list,
 * and `groupBy=segment` reports each segment, on PGlite and PostgreSQL; expected figures in the
 * comments.
 */
import { FUNNEL_STEPS, LIMITS } from '@inflow/contract';
import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { AudienceInvalidError, membersFromCsv, replaceAudience, validateMembers } from './audience.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';
import { onBackends } from '../test/both-stores.js';

const T = 'acme';
const RANGE = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };
const SEGMENTS = [
  { id: 'point-of-pain', label: 'Point-of-pain managers' },
  { id: 'enthusiast', label: 'Enthusiasts' },
  { id: 'new-manager', label: 'New managers' },
  { id: 'tiny', label: 'Two people' },
  { id: 'all-but-two', label: 'Everyone but two' },
  { id: 'unused', label: 'Nobody' },
];
const IDS = SEGMENTS.map((s) => s.id);

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AudienceInvalidError) return e.problems;
    throw e;
  }
  throw new Error('expected AudienceInvalidError');
};

describe('segments on the roster', () => {
  it('reads a ;-separated CSV column and a JSON list, checked against the tenant list', () => {
    const csv = 'user,team,segments\nu1,Ops,point-of-pain; new-manager\nu2,Ops,\nu3,Ops,enthusiast\n';
    expect(validateMembers(membersFromCsv(csv), true, IDS)).toEqual([
      { user: 'u1', team: 'Ops', accessAt: null, segments: ['point-of-pain', 'new-manager'] },
      { user: 'u2', team: 'Ops', accessAt: null },
      { user: 'u3', team: 'Ops', accessAt: null, segments: ['enthusiast'] },
    ]);
    expect(validateMembers([{ user: 'u1', team: 'Ops', segments: ['tiny', 'tiny'] }], false, IDS)).toEqual([
      { user: 'u1', team: 'Ops', accessAt: null, segments: ['tiny'] },
    ]);
  });

  it('answers every line with an unknown segment, and too many segments per person', () => {
    const csv = 'user,team,segments\nu1,Ops,point-of-pain;pain\nu2,Ops,enthusiast\nu3,Ops,typo\n';
    expect(problems(() => validateMembers(membersFromCsv(csv), true, IDS))).toEqual([
      { path: 'line 2 segments', message: `unknown segment "pain" (defined: ${IDS.join(', ')})` },
      { path: 'line 4 segments', message: `unknown segment "typo" (defined: ${IDS.join(', ')})` },
    ]);
    // A tenant without a list accepts no segment at all.
    expect(problems(() => validateMembers([{ user: 'u1', team: 'O', segments: ['tiny'] }]))[0]!.message).toBe(
      'unknown segment "tiny" (defined: none)',
    );
    const many = Array.from({ length: LIMITS.segmentsPerMember + 1 }, (_, i) => `s${i}`);
    expect(problems(() => validateMembers([{ user: 'u1', team: 'O', segments: many }], false, IDS))).toEqual([
      {
        path: '/members/0/segments',
        message: `at most ${LIMITS.segmentsPerMember} segments per member (got ${many.length})`,
      },
    ]);
    expect(
      problems(() => validateMembers([{ user: 'u1', team: 'O', segments: 'tiny' }], false, IDS)),
    ).toEqual([{ path: '/members/0/segments', message: 'expected a list of segment ids' }]);
  });
});

async function session(db: Db, user: string, source: string, turns: number, day = '03') {
  await db.query(
    `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at)
     values ($1, $2, $3, 'underperformance', $4, $5, $6)`,
    [T, crypto.randomUUID(), user, source, turns, `2026-03-${day}T10:00:00Z`],
  );
}

/**
 * 15 people: p1..p6 point-of-pain, e1..e7 enthusiast, o1 o2 neither. new-manager = p1..p3 and
 * e1..e3 (p1 is in two segments, three with all-but-two); tiny = o1 o2; all-but-two = everyone
 * but o1 o2. p1 activated (embedded, 3 turns), p2 only via a campaign, e1..e4 activated, e5 one turn.
 */
async function fixture(db: Db) {
  const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
  const segs = (u: string) => [
    ...(u.startsWith('p') ? ['point-of-pain'] : []),
    ...(u.startsWith('e') ? ['enthusiast'] : []),
    ...(['p1', 'p2', 'p3', 'e1', 'e2', 'e3'].includes(u) ? ['new-manager'] : []),
    ...(u.startsWith('o') ? ['tiny'] : ['all-but-two']),
  ];
  await replaceAudience(
    db,
    T,
    [...ids('p', 6), ...ids('e', 7), 'o1', 'o2'].map((user) => ({
      user,
      team: 'A',
      accessAt: null,
      segments: segs(user),
    })),
  );
  await session(db, 'p1', 'embedded', 3);
  await session(db, 'p2', 'campaign', 3);
  for (const u of ids('e', 4)) await session(db, u, 'nudge', 3);
  await session(db, 'e5', 'embedded', 1);
}

const report = (db: Db, min: number) =>
  computeActivation(db, T, RANGE, 'segment', activationSettings({ minGroupSize: min, segments: SEGMENTS }));

onBackends('segments', (test) => {
  test('stores and replaces a member’s segments', async (db) => {
    await replaceAudience(db, T, [{ user: 'u1', team: 'A', accessAt: null, segments: ['tiny', 'unused'] }]);
    await replaceAudience(db, T, [
      { user: 'u1', team: 'A', accessAt: null, segments: ['enthusiast'] },
      { user: 'u2', team: 'A', accessAt: null },
    ]);
    expect(
      await db.query(`select user_id, segments from audience where tenant = $1 order by user_id`, [T]),
    ).toEqual([
      { user_id: 'u1', segments: ['enthusiast'] },
      { user_id: 'u2', segments: [] },
    ]);
  });

  test('one row per tenant segment, in its order, a person in two segments counted in both', async (db) => {
    await fixture(db);
    const r = await report(db, 1);
    const row = (
      key: string,
      label: string,
      audience: number,
      activated: number,
      meaningful: number,
      sessions: number,
      // Members who started a session (every earlier step implied) and who interacted (turns ≥ 1);
      // nobody completed, and no first_interaction event means no time to first interaction.
      [started, interacted]: [number, number],
    ) => ({
      key,
      label,
      audience,
      activatedUsers: activated,
      meaningfulUsers: meaningful,
      rate: audience ? activated / audience : null,
      sessions,
      funnel: [started, started, started, interacted, meaningful, 0].map((users, i) => ({
        step: FUNNEL_STEPS[i],
        users,
      })),
      timeToFirstInteraction: { medianHours: null, p90Hours: null, users: 0 },
    });
    expect(r.groups).toEqual([
      row('point-of-pain', 'Point-of-pain managers', 6, 1, 2, 2, [2, 2]),
      row('enthusiast', 'Enthusiasts', 7, 4, 4, 5, [5, 5]),
      // p1 p2 p3 e1 e2 e3: p1 e1 e2 e3 activated, p2 prompted only.
      row('new-manager', 'New managers', 6, 4, 5, 5, [5, 5]),
      row('tiny', 'Two people', 2, 0, 0, 0, [0, 0]),
      row('all-but-two', 'Everyone but two', 13, 5, 6, 7, [7, 7]),
    ]);
    // A segment nobody is in describes no one: under any minimum (1 here), so withheld.
    expect(r.privacy.withheldSegments).toBe(1);
    // The headline counts each person once.
    expect(r.activation.activatedUsers).toBe(5);
  });

  test('withholds a small segment, one whose complement is small, and one a difference would reveal', async (db) => {
    await fixture(db);
    const r = await report(db, 5);
    // tiny (2) and unused (0) are under 5; all-but-two leaves 2 outside; new-manager (6) minus
    // enthusiast (7, shown first as the larger) is p1 p2 p3: 3 people. point-of-pain and
    // enthusiast share nobody: both shown.
    expect(r.groups.map((g) => [g.key, g.audience])).toEqual([
      ['point-of-pain', 6],
      ['enthusiast', 7],
    ]);
    expect(r.privacy.withheldSegments).toBe(4);
    // The attack: every shown row, the rest of the audience, and every difference is 0 or ≥ 5.
    const derivable = [
      ...r.groups.map((g) => g.audience),
      ...r.groups.map((g) => r.audience.size - g.audience),
      ...r.groups.flatMap((a) => r.groups.map((b) => (a === b ? 0 : a.audience))), // disjoint here
    ];
    expect(derivable.filter((n) => n > 0 && n < 5)).toEqual([]);
    expect(JSON.stringify(r.groups)).not.toMatch(/tiny|all-but-two|new-manager/);
  });

  const focused = (db: Db, focusSegment: string) =>
    computeActivation(db, T, RANGE, 'team', activationSettings({ segments: SEGMENTS, focusSegment }));
  const values = (criteria: { metric: string; value: number | null }[]) =>
    Object.fromEntries(criteria.map((c) => [c.metric, c.value]));

  test('decides on the focus segment, shows the whole audience beside it, and the enthusiast gap', async (db) => {
    await fixture(db);
    const r = await focused(db, 'point-of-pain');
    // p1..p6: p1 activated (1/6); sessions p1 p2, no help or errors.
    expect(values(r.goNoGo.criteria)).toMatchObject({
      activationRate: 1 / 6,
      errorsPer100Sessions: 0,
      supportPer100Sessions: 0,
    });
    expect(r.goNoGo.decision).toBe('no-go');
    const f = r.goNoGo.focus!;
    expect(f).toMatchObject({
      segment: 'point-of-pain',
      label: 'Point-of-pain managers',
      audience: 6,
      withheld: false,
    });
    // The whole audience: 5 of 15.
    expect(values(f.wholeAudience.criteria).activationRate).toBe(5 / 15);
    // The rest (9 people) activated 4: 4/9; the gap (1/6) ÷ (4/9) = 0.375.
    expect(f.enthusiastGap).toBeCloseTo(0.375, 12);
    // The headline figures stay the whole audience's.
    expect(r.activation.rate).toBe(5 / 15);
  });

  test('an undefined focus segment is a failing criterion, a small one has no figures', async (db) => {
    await fixture(db);
    const unknown = await focused(db, 'pain');
    expect(unknown.goNoGo.criteria[0]).toMatchObject({
      metric: 'focusSegment',
      label: 'Unknown segment "pain"',
      pass: false,
    });
    expect(unknown.goNoGo).toMatchObject({ decision: 'no-go', focus: { label: null, audience: null } });
    const tiny = await focused(db, 'tiny');
    expect(tiny.goNoGo.focus).toMatchObject({ withheld: true, audience: null, enthusiastGap: null });
    expect(tiny.goNoGo.criteria.every((c) => c.value === null && !c.pass)).toBe(true);
    // all-but-two (13) leaves 2 people: the difference with the whole audience would show them.
    expect((await focused(db, 'all-but-two')).goNoGo.focus!.withheld).toBe(true);
  });
});
