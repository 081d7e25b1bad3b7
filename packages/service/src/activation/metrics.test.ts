/**
 * Every figure of the activation report on hand-built event sets, over a real in-memory PGlite
 * with the service's own migrations. The expected numbers are worked out by hand in the comments.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { openPostgresDb } from '../store/postgres.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import { replaceAudience } from './audience.js';
import { computeActivation, MAX_WEEKS, uniformity } from './metrics.js';
import { activationSettings } from './settings.js';

let db: Db;
const T = 'acme';
const RANGE = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };
// The hand-built teams (4 and 2 people) are under the default minGroupSize: the figure tests
// show every team; the small-group tests below use the default.
const defaults = activationSettings({ minGroupSize: 1 });
const sessionIds = new Map<string, string>();
const sid = (name: string) => {
  if (!sessionIds.has(name)) sessionIds.set(name, crypto.randomUUID());
  return sessionIds.get(name)!;
};

interface Ev {
  user: string;
  name: string;
  at: string;
  session?: string;
  source?: string;
  scenario?: string;
  props?: Record<string, unknown>;
  tenant?: string;
}

async function insert(events: Ev[]) {
  for (const e of events) {
    await db.query(
      `insert into events (tenant, id, name, at, "user", session_id, scenario, source, props)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.tenant ?? T,
        crypto.randomUUID(),
        e.name,
        e.at,
        e.user,
        e.session ? sid(e.session) : null,
        e.scenario ?? (e.session ? 'underperformance' : null),
        e.source ?? null,
        e.props ? JSON.stringify(e.props) : null,
      ],
    );
  }
}

/** A session's usual events, one minute apart from `start`. */
function session(
  user: string,
  name: string,
  source: string,
  start: string,
  steps: string[],
  props: Record<string, Record<string, unknown>> = {},
): Ev[] {
  const t0 = new Date(start).getTime();
  return steps.map((step, i) => ({
    user,
    name: step,
    at: new Date(t0 + i * 60_000).toISOString(),
    session: name,
    source,
    ...(props[step] ? { props: props[step] } : {}),
  }));
}

/**
 * The fixture: team A = a1..a4, team B = b1, b2; x1 is not on the roster.
 *  a1 access 02-28 09:00; impression 03-01 09:00; embedded session s1: start 09:02, first 09:05,
 *     meaningful (3 turns) 09:10, complete 09:15; a second impression and a second meaningful
 *     session s2 on 03-02 (duplicates: still one user everywhere).
 *  a2 impression 03-02 10:00; campaign session s3, first 12:00, 3 turns  -> prompted only.
 *  a3 deep link s4 on 03-03 08:00, 2 turns, no impression, no access date -> not meaningful.
 *  a4 impression 03-04, one help, one error, nothing else.
 *  b1 impression 03-01 00:00; nudge session s5: first 06:00, completed after 1 turn (meaningful);
 *     also a campaign session s6 with 3 turns -> still activated (has an unprompted one).
 *  b2 only active before the range (02-20).
 *  x1 outside the roster: impression, embedded meaningful session s8, one error.
 */
async function fixture() {
  await replaceAudience(db, T, [
    { user: 'a1', team: 'A', accessAt: new Date('2026-02-28T09:00:00Z') },
    { user: 'a2', team: 'A', accessAt: null },
    { user: 'a3', team: 'A', accessAt: null },
    { user: 'a4', team: 'A', accessAt: null },
    { user: 'b1', team: 'B', accessAt: null },
    { user: 'b2', team: 'B', accessAt: null },
  ]);
  await insert([
    { user: 'a1', name: 'impression', at: '2026-03-01T09:00:00Z' },
    { user: 'a1', name: 'open', at: '2026-03-01T09:01:00Z', source: 'embedded' },
    { user: 'a1', name: 'session_start', at: '2026-03-01T09:02:00Z', session: 's1', source: 'embedded' },
    {
      user: 'a1',
      name: 'first_interaction',
      at: '2026-03-01T09:05:00Z',
      session: 's1',
      source: 'embedded',
      props: { userTurns: 1 },
    },
    {
      user: 'a1',
      name: 'meaningful_interaction',
      at: '2026-03-01T09:10:00Z',
      session: 's1',
      source: 'embedded',
      props: { userTurns: 3 },
    },
    { user: 'a1', name: 'complete', at: '2026-03-01T09:15:00Z', session: 's1', source: 'embedded' },
    { user: 'a1', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...session('a1', 's2', 'embedded', '2026-03-02T09:01:00Z', [
      'open',
      'session_start',
      'first_interaction',
      'meaningful_interaction',
    ]),
    { user: 'a2', name: 'impression', at: '2026-03-02T10:00:00Z' },
    { user: 'a2', name: 'session_start', at: '2026-03-02T11:59:00Z', session: 's3', source: 'campaign' },
    {
      user: 'a2',
      name: 'first_interaction',
      at: '2026-03-02T12:00:00Z',
      session: 's3',
      source: 'campaign',
      props: { userTurns: 1 },
    },
    {
      user: 'a2',
      name: 'meaningful_interaction',
      at: '2026-03-02T12:05:00Z',
      session: 's3',
      source: 'campaign',
      props: { userTurns: 3 },
    },
    { user: 'a3', name: 'session_start', at: '2026-03-03T07:59:00Z', session: 's4', source: 'deeplink' },
    {
      user: 'a3',
      name: 'first_interaction',
      at: '2026-03-03T08:00:00Z',
      session: 's4',
      source: 'deeplink',
      props: { userTurns: 1 },
    },
    {
      user: 'a3',
      name: 'open',
      at: '2026-03-03T08:02:00Z',
      session: 's4',
      source: 'deeplink',
      props: { userTurns: 2 },
    },
    { user: 'a4', name: 'impression', at: '2026-03-04T10:00:00Z' },
    { user: 'a4', name: 'help', at: '2026-03-04T10:01:00Z' },
    { user: 'a4', name: 'error', at: '2026-03-04T10:02:00Z', props: { code: 'coach_unavailable' } },
    { user: 'b1', name: 'impression', at: '2026-03-01T00:00:00Z' },
    { user: 'b1', name: 'session_start', at: '2026-03-01T05:59:00Z', session: 's5', source: 'nudge' },
    {
      user: 'b1',
      name: 'first_interaction',
      at: '2026-03-01T06:00:00Z',
      session: 's5',
      source: 'nudge',
      props: { userTurns: 1 },
    },
    {
      user: 'b1',
      name: 'complete',
      at: '2026-03-01T06:03:00Z',
      session: 's5',
      source: 'nudge',
      props: { userTurns: 1 },
    },
    ...session(
      'b1',
      's6',
      'campaign',
      '2026-03-05T09:00:00Z',
      ['session_start', 'first_interaction', 'meaningful_interaction'],
      { meaningful_interaction: { userTurns: 3 } },
    ),
    ...session('b2', 's7', 'embedded', '2026-02-20T09:00:00Z', [
      'impression',
      'session_start',
      'first_interaction',
      'meaningful_interaction',
      'complete',
    ]),
    { user: 'x1', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...session('x1', 's8', 'embedded', '2026-03-02T09:01:00Z', [
      'session_start',
      'first_interaction',
      'complete',
    ]),
    { user: 'x1', name: 'error', at: '2026-03-02T09:30:00Z' },
    // Another tenant with the same user ids must not leak in.
    {
      user: 'a4',
      name: 'complete',
      at: '2026-03-02T09:00:00Z',
      session: 'other',
      source: 'embedded',
      tenant: 'globex',
    },
    { user: 'a4', name: 'error', at: '2026-03-02T09:00:00Z', tenant: 'globex' },
  ]);
}

let pgServer: PostgresServer | undefined;
let pgSkip: string | undefined;
beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    pgSkip = started.skip;
    console.warn(`[activation] PostgreSQL suite skipped: ${pgSkip}`);
  } else pgServer = started;
});
afterAll(() => pgServer?.stop());

// The same SQL must give the same answers on both stores the service supports.
const backends = [
  { name: 'PGlite', open: async (): Promise<Db | undefined> => openMemoryDb() },
  {
    name: 'PostgreSQL',
    open: async (): Promise<Db | undefined> =>
      pgServer ? openPostgresDb(await pgServer.createDatabase(`activation_${Date.now()}`)) : undefined,
  },
];

describe.each(backends)('on $name', ({ open }) => {
  let opened: Db | undefined;
  beforeAll(async () => {
    opened = await open();
    if (!opened) return;
    db = opened;
    await migrate(db, MIGRATIONS);
  });
  afterAll(() => opened?.close());
  beforeEach(async () => {
    if (opened) db = opened;
    await opened?.exec(
      'delete from events; delete from sessions; delete from audience; delete from nudges; delete from turn_metrics;',
    );
  });
  // Skips (reason printed above) when PostgreSQL cannot run on this machine.
  const test = (name: string, fn: () => Promise<void>) =>
    it(name, async (ctx) => {
      if (!opened) ctx.skip(pgSkip ?? 'no storage');
      await fn();
    });

  describe('activation report on a hand-built event set', () => {
    test('counts the audience, users outside it, and the funnel of audience members', async () => {
      await fixture();
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

    test('counts activation without campaign sessions, and the prompted-only users apart', async () => {
      await fixture();
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      // a1 (embedded) and b1 (nudge; its campaign session does not matter) are activated; a2 only
      // had a campaign session; x1 is not on the roster. 2 of 6.
      expect(r.activation).toEqual({ rate: 2 / 6, activatedUsers: 2, unpromptedUsers: 2, promptedUsers: 1 });
    });

    test('measures time to first interaction from the access grant, else the first impression', async () => {
      await fixture();
      const r = await computeActivation(db, T, RANGE, 'team', defaults);
      // a1: 02-28 09:00 -> 03-01 09:05 = 24h05m; a2: 10:00 -> 12:00 = 2h; b1: 00:00 -> 06:00 = 6h.
      // a3 has neither access date nor impression (excluded); b2's first interaction is before the range.
      const a1 = 24 + 5 / 60;
      expect(r.timeToFirstInteraction.users).toBe(3);
      expect(r.timeToFirstInteraction.medianHours).toBeCloseTo(6, 9);
      // p90 of [2, 6, a1], linear interpolation: position 0.9 * 2 = 1.8 -> 6 + 0.8 * (a1 - 6).
      expect(r.timeToFirstInteraction.p90Hours).toBeCloseTo(6 + 0.8 * (a1 - 6), 9);
    });

    test('reports support load per 100 sessions over every session of the tenant', async () => {
      await fixture();
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

    test('groups by team with the uniformity of team rates, and decides go / no-go', async () => {
      await fixture();
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

    test('groups by source and by scenario against the whole audience', async () => {
      await fixture();
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

    test('follows the tenant definition of meaningful', async () => {
      await fixture();
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

    test("takes the server's session record (turns, source) over lost client events", async () => {
      await fixture();
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

    test('applies tenant thresholds and fails unknown or unmeasured criteria visibly', async () => {
      await fixture();
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

  describe('small groups (minGroupSize, default 5)', () => {
    /**
     * Sales 6 people, Ops 5, Legal 4 (+ Solo 1 when `solo`). Activated: s1, s2 (Sales), o1 (Ops),
     * l1, l2 (Legal, one embedded, one nudge); l3 only from a campaign (prompted).
     */
    async function smallTeams(solo = false) {
      const team = (name: string, prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) => ({ user: `${prefix}${i + 1}`, team: name, accessAt: null }));
      await replaceAudience(db, T, [
        ...team('Sales', 's', 6),
        ...team('Ops', 'o', 5),
        ...team('Legal', 'l', 4),
        ...(solo ? team('Solo', 'x', 1) : []),
      ]);
      const done = ['session_start', 'first_interaction', 'complete'];
      await insert([
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

    test('folds a lone small team with the smallest other team, so no subtraction reveals it', async () => {
      await smallTeams();
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

    test('folds small teams into "Other teams" on their own once they reach the minimum together', async () => {
      await smallTeams(true);
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

    test('withholds every breakdown when the whole audience is under the minimum', async () => {
      await fixture(); // 6 people; a tenant minimum of 7
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

    test('shows a team of exactly the minimum on its own', async () => {
      await smallTeams();
      const r = await computeActivation(db, T, RANGE, 'team', activationSettings({ minGroupSize: 4 }));
      expect(r.teams.map((t) => [t.key, t.audience])).toEqual([
        ['Legal', 4],
        ['Ops', 5],
        ['Sales', 6],
      ]);
      expect(r.privacy.foldedTeams).toBe(0);
    });
  });

  describe('weekly series', () => {
    const nudge = (at: string, campaign: boolean) =>
      db.query(
        `insert into nudges (tenant, id, user_id, scenario, channel, link, campaign, created_at)
         values ($1, $2, 'a2', 'underperformance', 'webhook', 'https://x.example/l', $3, $4)`,
        [T, crypto.randomUUID(), campaign, at],
      );

    test('counts active users, new activations, sessions by source, meaningful sessions and campaign sends per ISO week', async () => {
      await fixture();
      // Week 2 of the range: a1 comes back (embedded, 3 turns), a2 finally practises unprompted.
      await insert([
        ...session('a1', 'w2a', 'embedded', '2026-03-10T09:00:00Z', ['session_start', 'first_interaction'], {
          first_interaction: { userTurns: 3 },
        }),
        ...session('a2', 'w2b', 'nudge', '2026-03-11T09:00:00Z', ['session_start', 'complete']),
      ]);
      await nudge('2026-03-02T08:00:00Z', true); // week of 03-02
      await nudge('2026-03-03T08:00:00Z', true);
      await nudge('2026-03-10T08:00:00Z', false); // not a campaign: not marked
      await nudge('2026-02-20T08:00:00Z', true); // before the range
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

    test('shows quiet weeks as 0 and caps a very long range at MAX_WEEKS from the first session', async () => {
      await fixture();
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

  describe('activation report on empty data', () => {
    test('answers with zeros and nulls, never NaN, without an audience or events', async () => {
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

    test('reports a 0 % rate and an undefined spread for a roster with no activity in the range', async () => {
      await fixture();
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
