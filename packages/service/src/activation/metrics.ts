/**
 * The activation report, computed in one SQL statement over `events` (+ `sessions`, `audience`).
 * Plain PostgreSQL that PGlite runs too. docs/activation.md defines every figure; the comments
 * here say how the SQL implements each definition.
 */
import { FUNNEL_STEPS, type ActivationReport, type GroupBy } from '@inflow/contract';
import type { Db } from '../store/db.js';
import type { ActivationRange } from './range.js';
import { decide, judge, type Criterion } from './decision.js';
import { computeGrowth } from './growth.js';
import { foldSmallGroups, shownSegments } from './privacy.js';
import { summariseReturns, type CohortRow } from './returns.js';
import { computeStability } from './stability.js';
import { type ActivationSettings } from './settings.js';

/** The weekly series' length cap: three years of weeks (docs/activation.md, Weekly series). */
export const MAX_WEEKS = 156;

/** Group keys for scenario / source rows. Whitelisted SQL expressions, never user input. */
const GROUP_KEY: Record<Exclude<GroupBy, 'team' | 'segment'>, string> = {
  scenario: 's.scenario',
  source: 's.source',
};

/**
 * With `focus`, the statement reads only the members of segment `$5` and their events and
 * sessions: the same figures, for the focus segment's go / no-go.
 */
export function reportSql(groupBy: GroupBy, focus = false): string {
  const members = focus ? ` and "user" in (select user_id from aud)` : '';
  // Per-group rows. Teams come from the roster (a team with no activity still shows, at 0 %);
  // scenario and source rows come from the sessions seen, measured against the whole audience.
  // Segment rows: one per segment id on the roster; a person in two segments counts in both.
  const groups =
    groupBy === 'team'
      ? `select key, audience, activated, meaningful, sessions from teams`
      : groupBy === 'segment'
        ? `select seg as key, count(*)::int as audience,
             count(*) filter (where u.unprompted)::int as activated,
             count(*) filter (where u.meaningful)::int as meaningful,
             coalesce(sum(us.n), 0)::int as sessions
           from u join aud a using (user_id) cross join lateral unnest(a.segments) as seg
           left join (select user_id, count(*) filter (where started) as n from sess group by user_id) us using (user_id)
           group by seg`
        : `select ${GROUP_KEY[groupBy]} as key, (select count(*) from aud)::int as audience,
           count(distinct s.user_id) filter (where s.meaningful and s.source <> 'campaign' and a.user_id is not null)::int as activated,
           count(distinct s.user_id) filter (where s.meaningful and a.user_id is not null)::int as meaningful,
           count(*) filter (where s.started)::int as sessions
         from sess s left join aud a using (user_id) group by 1`;
  return `
with
aud as (
  select user_id, team, access_at, segments from audience where tenant = $1${focus ? ' and $5::text = any(segments)' : ''}
),
-- Events in the half-open range [from, to), folded in one pass into one row per (user, session)
-- (session null for impressions, help…): ~10x fewer rows than events, and every figure below
-- reads this instead of the events themselves.
us as materialized (
  select "user" as user_id, session_id,
    -- A session has one source and one scenario; min() picks it without sorting.
    min(source) as source,
    min(scenario) as scenario,
    bool_or(name = 'impression') as imp,
    bool_or(name = 'open') as opn,
    bool_or(name = 'session_start') as ss,
    bool_or(name = 'first_interaction') as fi,
    bool_or(name = 'complete') as completed,
    max(case when jsonb_typeof(props->'userTurns') = 'number' then (props->>'userTurns')::numeric end) as turns,
    -- A meaningful_interaction event that does not say how many turns it saw is taken at its word;
    -- one that does is judged against the tenant's threshold like every other session.
    bool_or(name = 'meaningful_interaction' and (props is null or not props ? 'userTurns')) as asserted,
    min(at) as first_at,
    count(*) filter (where name = 'help') as help,
    count(*) filter (where name = 'error') as errors
  from events where tenant = $1 and at >= $2::timestamptz and at < $3::timestamptz${members}
  group by "user", session_id
),
-- One row per session with activity in the range, from its events ...
sess_ev as (
  select session_id, min(user_id) as user_id, min(source) as source, min(scenario) as scenario,
    bool_or(ss) as started, bool_or(completed) as completed, max(turns) as turns, bool_or(asserted) as asserted,
    min(first_at) as first_at
  from us where session_id is not null
  group by session_id
),
-- ... joined with the server's own record of each session (source, turns, completion), which a
-- lost client event cannot erase. Sessions the server saw start in the range count even when
-- the client sent no event for them at all.
srv as (
  select id as session_id, "user" as user_id, source, scenario, user_turns, created_at, completed_at
  from sessions where tenant = $1 and created_at >= $2::timestamptz and created_at < $3::timestamptz${members}
),
sess as (
  select ids.session_id,
    coalesce(s."user", se.user_id) as user_id,
    coalesce(s.source, se.source, 'unknown') as source,
    coalesce(s.scenario, se.scenario, 'unknown') as scenario,
    coalesce(se.started, false) or coalesce(s.created_at >= $2 and s.created_at < $3, false) as started,
    greatest(coalesce(se.turns, 0), coalesce(s.user_turns, 0)) >= 1 as interacted,
    coalesce(se.completed, false) or coalesce(s.completed_at < $3, false) as completed,
    -- The client's own meaningful_interaction (it counts turns against its default) decides only
    -- when the server has no record of the session; otherwise the tenant's threshold rules.
    coalesce(se.completed, false) or coalesce(s.completed_at < $3, false) or coalesce(se.asserted and s.id is null, false)
      or greatest(coalesce(se.turns, 0), coalesce(s.user_turns, 0)) >= $4::int as meaningful,
    -- The session's ISO week (Monday, UTC): its server start, else its first event; a session
    -- that began before the range and continued in it counts in the range's first week.
    date_trunc('week', greatest(least(s.created_at, se.first_at), $2::timestamptz) at time zone 'UTC') as week,
    least(s.created_at, se.first_at) as start_at
  from (select session_id from sess_ev union select session_id from srv) ids
  left join sess_ev se on se.session_id = ids.session_id
  left join sessions s on s.tenant = $1 and s.id = ids.session_id
),
uev as (
  select user_id, bool_or(imp) as imp, bool_or(opn) as opn, bool_or(ss) as ss, bool_or(fi) as fi
  from us group by user_id
),
usess as (
  select user_id,
    bool_or(started) as started,
    bool_or(interacted) as interacted,
    bool_or(completed) as completed,
    bool_or(meaningful) as meaningful,
    -- Unprompted = the session did not come from an HR campaign email (docs/design.md §6).
    bool_or(meaningful and source <> 'campaign') as unprompted
  from sess group by user_id
),
-- One row per audience member and the funnel steps they reached. A later step implies the
-- earlier ones: a deep link or an HR email skips the launcher's impression, yet the user was reached.
u0 as (
  select a.user_id, a.team,
    coalesce(x.imp, false) as imp,
    coalesce(x.opn, false) as opn,
    coalesce(x.ss, false) or coalesce(y.started, false) as ss,
    coalesce(x.fi, false) or coalesce(y.interacted, false) as fi,
    coalesce(y.meaningful, false) as meaningful,
    coalesce(y.completed, false) as completed,
    coalesce(y.unprompted, false) as unprompted
  from aud a left join uev x using (user_id) left join usess y using (user_id)
),
u as (
  select *,
    completed as l6,
    meaningful as l5,
    fi or meaningful or completed as l4,
    ss or fi or meaningful or completed as l3,
    opn or ss or fi or meaningful or completed as l2,
    imp or opn or ss or fi or meaningful or completed as l1
  from u0
),
teams as (
  select u.team as key, count(*)::int as audience,
    count(*) filter (where u.unprompted)::int as activated,
    count(*) filter (where u.meaningful)::int as meaningful,
    coalesce(max(ts.sessions), 0)::int as sessions
  from u left join (
    select a.team, count(*) as sessions from sess s join aud a using (user_id) where s.started group by a.team
  ) ts on ts.team = u.team
  group by u.team
),
-- Weekly series: every ISO week (Monday, UTC) that overlaps the range, so a quiet week shows as 0;
-- at most MAX_WEEKS of them, from the first week with a session when the range is longer.
span as (
  select date_trunc('week', $2::timestamptz at time zone 'UTC') as lo,
    date_trunc('week', ($3::timestamptz - interval '1 microsecond') at time zone 'UTC') as hi
),
weeks as (
  select generate_series(w0, least(hi, w0 + interval '${MAX_WEEKS - 1} weeks'), interval '1 week') as week
  from (select hi, case when hi - lo > interval '${MAX_WEEKS - 1} weeks'
      then greatest(lo, coalesce((select min(week) from sess), lo)) else lo end as w0 from span) b
),
-- Per audience member and week: had a started session; and the week of their first unprompted
-- meaningful session in the range (so the weekly new activations add up to activatedUsers).
uweek as (
  select s.user_id, s.week,
    bool_or(s.started) as active,
    bool_or(s.meaningful and s.source <> 'campaign') as activated
  from sess s join aud a using (user_id) group by s.user_id, s.week
),
wusers as (
  select week, count(*) filter (where active) as active from uweek group by week
),
wnew as (
  select week, count(*) as n from (
    select min(week) as week from uweek where activated group by user_id) f group by week
),
wsess as (
  select week,
    count(*) filter (where source = 'embedded') as embedded, count(*) filter (where source = 'nudge') as nudge,
    count(*) filter (where source = 'deeplink') as deeplink, count(*) filter (where source = 'campaign') as campaign,
    count(*) filter (where source not in ('embedded', 'nudge', 'deeplink', 'campaign')) as unknown,
    count(*) filter (where meaningful) as meaningful
  from sess where started group by week
),
-- HR campaign sends (POST /v1/nudges with campaign: true), to mark on the time axis.
wsends as (
  select date_trunc('week', created_at at time zone 'UTC') as week, count(*) as n from nudges
  where tenant = $1 and campaign and created_at >= $2::timestamptz and created_at < $3::timestamptz
  group by 1
),
-- Return visits: each audience member's first unprompted meaningful session of the range (the
-- session that made them count in newActivations), then their later started sessions.
first_act as (
  select distinct on (s.user_id) s.user_id, s.session_id, s.start_at, s.week
  from sess s join aud a using (user_id)
  where s.meaningful and s.source <> 'campaign'
  order by s.user_id, s.start_at, s.session_id
),
later as (
  select f.user_id, f.week as cohort, f.start_at as first_at, s.start_at, s.week
  from first_act f join sess s on s.user_id = f.user_id
  where s.started and s.session_id <> f.session_id and s.start_at > f.start_at
),
-- Cohort k's members seen again in weeks k+1 … k+4.
cohort_cells as (
  select cohort, (extract(epoch from week - cohort) / 604800)::int as k, count(distinct user_id) as n
  from later where week > cohort and week <= cohort + interval '4 weeks' group by 1, 2
),
cohorts as (
  select f.week, count(*) as users,
    (select coalesce(json_object_agg(c.k, c.n), '{}'::json) from cohort_cells c where c.cohort = f.week) as again
  from first_act f group by f.week
),
-- Time to first interaction: first-ever first_interaction (if it falls in the range) minus the
-- access grant from the roster, or, without one, the first impression before it.
first_fi as (
  select "user" as user_id, min(at) as at from events
  where tenant = $1 and name = 'first_interaction' group by "user"
),
ttfi_start as (
  select f.at, coalesce(a.access_at, (
      select min(i.at) from events i
      where i.tenant = $1 and i.name = 'impression' and i."user" = a.user_id and i.at <= f.at
    )) as start
  from aud a join first_fi f using (user_id)
  where f.at >= $2 and f.at < $3
),
-- An access date after the first interaction means the roster is late, not a negative delay: 0.
-- (greatest() would also turn a missing start into 0, hence the filter first.)
ttfi as (
  select greatest(0, extract(epoch from at - start))::float8 / 3600 as hours from ttfi_start where start is not null
)
select
  (select count(*)::int from aud) as audience_size,
  (select count(distinct team)::int from aud) as audience_teams,
  (select count(*)::int from (select user_id from uev union select user_id from usess) seen
    where not exists (select 1 from aud where aud.user_id = seen.user_id)) as outside,
  (select json_build_object(
      'impression', count(*) filter (where l1), 'open', count(*) filter (where l2),
      'session_start', count(*) filter (where l3), 'first_interaction', count(*) filter (where l4),
      'meaningful_interaction', count(*) filter (where l5), 'complete', count(*) filter (where l6),
      'activated', count(*) filter (where unprompted),
      'prompted', count(*) filter (where meaningful and not unprompted))
    from u) as users,
  (select json_build_object(
      'median', percentile_cont(0.5) within group (order by hours),
      'p90', percentile_cont(0.9) within group (order by hours),
      'users', count(*))
    from ttfi where hours is not null) as ttfi,
  (select json_build_object(
      'sessions', (select count(*) from sess where started),
      'help', coalesce(sum(help), 0),
      'errors', coalesce(sum(errors), 0))
    from us) as support,
  (select coalesce(json_agg(t order by t.key), '[]'::json) from teams t) as teams,
  (select coalesce(json_agg(json_build_object(
      'week', to_char(w.week, 'YYYY-MM-DD'),
      'activeUsers', coalesce(wu.active, 0), 'newActivations', coalesce(wn.n, 0),
      'sessions', json_build_object('embedded', coalesce(ws.embedded, 0), 'nudge', coalesce(ws.nudge, 0),
        'deeplink', coalesce(ws.deeplink, 0), 'campaign', coalesce(ws.campaign, 0), 'unknown', coalesce(ws.unknown, 0)),
      'meaningfulSessions', coalesce(ws.meaningful, 0), 'campaignSends', coalesce(wc.n, 0))
    order by w.week), '[]'::json)
    from weeks w left join wusers wu using (week) left join wnew wn using (week)
      left join wsess ws using (week) left join wsends wc using (week)) as weekly,
  (select coalesce(json_agg(g order by g.key), '[]'::json) from (${groups}) g) as groups,
  -- Practised again within 14 days: only for those whose 14 days ended inside the range.
  (select json_build_object('eligible', count(*),
      'returned', count(*) filter (where nx.next_at <= f.start_at + interval '14 days'))
    from first_act f left join (select user_id, min(start_at) as next_at from later group by user_id) nx
      using (user_id)
    where f.start_at + interval '14 days' <= $3::timestamptz) as returns,
  (select coalesce(json_agg(json_build_object('week', to_char(c.week, 'YYYY-MM-DD'), 'users', c.users,
      'again', c.again) order by c.week), '[]'::json) from cohorts c) as cohorts,
  -- People in both of two segments: what the segment rule needs to keep differences from showing.
  ${
    groupBy === 'segment'
      ? `(select coalesce(json_agg(p), '[]'::json) from (
          select s1 as a, s2 as b, count(*)::int as n from aud, unnest(segments) s1, unnest(segments) s2
          where s1 < s2 group by 1, 2) p)`
      : `'[]'::json`
  } as segment_pairs
`;
}

interface Row {
  audience_size: number;
  audience_teams: number;
  outside: number;
  users: Record<(typeof FUNNEL_STEPS)[number] | 'activated' | 'prompted', number>;
  ttfi: { median: number | null; p90: number | null; users: number };
  support: { sessions: number; help: number; errors: number };
  teams: GroupRow[];
  groups: GroupRow[];
  weekly: ActivationReport['weekly'];
  returns: { eligible: number; returned: number };
  cohorts: CohortRow[];
  segment_pairs: { a: string; b: string; n: number }[];
}
interface GroupRow {
  key: string;
  audience: number;
  activated: number;
  meaningful: number;
  sessions: number;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
const per100 = (n: number, sessions: number): number | null => (sessions > 0 ? (100 * n) / sessions : null);

/** Population spread of per-team activation rates; teams with an empty roster carry no rate. */
export function uniformity(rates: number[]): { min: number | null; max: number | null; cv: number | null } {
  if (rates.length === 0) return { min: null, max: null, cv: null };
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / rates.length);
  // CV is undefined when nobody is activated anywhere (mean 0): report null, not 0 or Infinity.
  return { min: Math.min(...rates), max: Math.max(...rates), cv: mean > 0 ? sd / mean : null };
}

/** What each go / no-go criterion reads, for the whole audience or the focus segment's row. */
function measure(row: Row, teamCv: number | null, stability: ActivationReport['stability']) {
  const { sessions, help, errors } = row.support;
  return {
    activationRate: ratio(row.users.activated, row.audience_size),
    ttfiMedianHours: row.ttfi.median,
    errorsPer100Sessions: per100(errors, sessions),
    supportPer100Sessions: per100(help + errors, sessions),
    teamCv,
    // The service's own figures: one value for the tenant, whoever the turns were.
    turnP95Ms: stability.turnP95Ms,
    coachErrorsPer100Sessions: stability.coachErrorsPer100Sessions,
  };
}

/**
 * The go / no-go on the tenant's focus segment (docs/activation.md, Focus segment): every criterion
 * on the segment's members, beside the whole audience's, and the enthusiast gap. An undefined
 * segment is a failing criterion; a segment that is, or leaves, a small group has no figures.
 */
function focusOf(
  whole: Row,
  row: Row | undefined,
  wholeCriteria: Criterion[],
  stability: ActivationReport['stability'],
  settings: ActivationSettings,
) {
  const id = settings.focusSegment!;
  const def = settings.segments.find((d) => d.id === id);
  const wholeAudience = { decision: decide(wholeCriteria), criteria: wholeCriteria };
  if (!def || !row) {
    const unknown = {
      metric: 'focusSegment',
      label: `Unknown segment "${id}"`,
      comparator: '>=' as const,
      threshold: 1,
      value: null,
      pass: false,
    };
    return {
      criteria: [unknown, ...wholeCriteria],
      summary: {
        segment: id,
        label: null,
        audience: null,
        withheld: true,
        wholeAudience,
        enthusiastGap: null,
      },
    };
  }
  const n = row.audience_size;
  const rest = whole.audience_size - n;
  const min = settings.minGroupSize;
  const withheld = n < min || (rest > 0 && rest < min);
  const teamRates = foldSmallGroups(row.teams, min).rows.flatMap((t) =>
    t.audience > 0 ? [t.activated / t.audience] : [],
  );
  const measured = withheld ? {} : measure(row, uniformity(teamRates).cv, stability);
  const focusRate = ratio(row.users.activated, n);
  const restRate = ratio(whole.users.activated - row.users.activated, rest);
  return {
    criteria: judge(measured, settings.goNoGo),
    summary: {
      segment: id,
      label: def.label,
      audience: withheld ? null : n,
      withheld,
      wholeAudience,
      enthusiastGap: withheld || focusRate === null || !restRate ? null : focusRate / restRate,
    },
  };
}

/** The tenant's segments in its order, with labels; `shownSegments` decides which are published. */
function segmentRows(row: Row, settings: ActivationSettings) {
  const found = new Map(row.groups.map((g) => [g.key, g]));
  const defined = settings.segments.map((d) => ({
    ...(found.get(d.id) ?? { key: d.id, audience: 0, activated: 0, meaningful: 0, sessions: 0 }),
    label: d.label,
  }));
  const both = new Map(row.segment_pairs.map((p) => [`${p.a} ${p.b}`, p.n]));
  const shared = (x: string, y: string) => both.get(x < y ? `${x} ${y}` : `${y} ${x}`) ?? 0;
  const { rows, withheld } = shownSegments(defined, row.audience_size, shared, settings.minGroupSize);
  return {
    rows: rows.map((g) => ({
      key: g.key,
      label: g.label,
      audience: g.audience,
      activatedUsers: g.activated,
      meaningfulUsers: g.meaningful,
      rate: ratio(g.activated, g.audience),
      sessions: g.sessions,
    })),
    withheld,
  };
}

export async function computeActivation(
  db: Pick<Db, 'transaction'>,
  tenant: string,
  range: ActivationRange,
  groupBy: GroupBy,
  settings: ActivationSettings,
): Promise<ActivationReport> {
  const params = [tenant, range.from.toISOString(), range.to.toISOString(), settings.meaningfulTurns];
  const [[row], growth, stability, focusRow] = await db.transaction(async (tx) => {
    // The per-user and per-session aggregates of a million events spill to disk at the default
    // 4 MB; this report is a rare admin query, so it may use more, for this transaction only.
    await tx.query(`set local work_mem = '64MB'`);
    const report = await tx.query<Row>(reportSql(groupBy), params);
    const sessions = report[0]?.support.sessions ?? 0;
    const focus = settings.segments.some((d) => d.id === settings.focusSegment)
      ? (await tx.query<Row>(reportSql('team', true), [...params, settings.focusSegment]))[0]
      : undefined;
    return [
      report,
      await computeGrowth(tx, tenant, range, settings.minGroupSize),
      await computeStability(tx, tenant, range, sessions),
      focus,
    ] as const;
  });
  if (!row) throw new Error('activation query returned no row');
  const size = row.audience_size;
  const toGroup = (g: GroupRow & { folded?: number }) => ({
    key: g.key,
    audience: g.audience,
    activatedUsers: g.activated,
    meaningfulUsers: g.meaningful,
    rate: ratio(g.activated, g.audience),
    sessions: g.sessions,
    ...(g.folded !== undefined ? { folded: g.folded } : {}),
  });
  // Every per-team figure below (rows, uniformity, the teamCv criterion) reads the folded rows only.
  const small = foldSmallGroups(row.teams, settings.minGroupSize);
  const teams = small.rows.map(toGroup);
  // Scenario / source rows are measured against the whole audience: shown unless it is itself too small.
  // Segment rows follow the tenant's list, each shown only if no difference reveals a small group.
  const segments = groupBy === 'segment' ? segmentRows(row, settings) : undefined;
  const groups =
    groupBy === 'team' ? teams : segments ? segments.rows : small.withheld ? [] : row.groups.map(toGroup);
  const { sessions, help, errors } = row.support;
  const rate = ratio(row.users.activated, size);
  const spread = uniformity(teams.flatMap((t) => (t.rate === null ? [] : [t.rate])));
  const criteria = judge(measure(row, spread.cv, stability), settings.goNoGo);
  const focus =
    settings.focusSegment !== undefined ? focusOf(row, focusRow, criteria, stability, settings) : undefined;
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    groupBy,
    audience: { size, teams: row.audience_teams, outside: row.outside },
    meaningful: { userTurns: settings.meaningfulTurns, completed: true },
    funnel: FUNNEL_STEPS.map((step) => ({ step, users: row.users[step] })),
    activation: {
      rate,
      activatedUsers: row.users.activated,
      unpromptedUsers: row.users.activated,
      promptedUsers: row.users.prompted,
    },
    timeToFirstInteraction: { medianHours: row.ttfi.median, p90Hours: row.ttfi.p90, users: row.ttfi.users },
    supportLoad: {
      sessions,
      help,
      errors,
      per100Sessions: per100(help + errors, sessions),
      helpPer100Sessions: per100(help, sessions),
      errorsPer100Sessions: per100(errors, sessions),
    },
    groups,
    teams,
    weekly: row.weekly,
    uniformity: spread,
    privacy: {
      minGroupSize: settings.minGroupSize,
      foldedTeams: small.folded,
      withheldTeams: small.withheld,
      ...(segments ? { withheldSegments: segments.withheld } : {}),
    },
    returns: summariseReturns(
      row.returns,
      row.cohorts,
      row.weekly[row.weekly.length - 1]?.week,
      settings.minGroupSize,
    ),
    growth,
    stability,
    goNoGo: focus
      ? { decision: decide(focus.criteria), criteria: focus.criteria, focus: focus.summary }
      : { decision: decide(criteria), criteria },
  };
}
