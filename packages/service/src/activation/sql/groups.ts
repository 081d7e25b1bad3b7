/**
 * Per-group rows of the report statement (docs/activation.md, Groups). Whitelisted SQL
 * expressions, never user input.
 */
import type { GroupBy } from '@inflow/contract';

/** Group keys for scenario / source rows. */
const GROUP_KEY: Record<Exclude<GroupBy, 'team' | 'segment'>, string> = {
  scenario: 's.scenario',
  source: 's.source',
};

/** One row per roster team, from the per-member rows `u` and the sessions `sess`. */
export const TEAMS_CTE = `
teams as (
  select u.team as key, count(*)::int as audience,
    count(*) filter (where u.unprompted)::int as activated,
    count(*) filter (where u.meaningful)::int as meaningful,
    coalesce(max(ts.sessions), 0)::int as sessions
  from u left join (
    select a.team, count(*) as sessions from sess s join aud a using (user_id) where s.started group by a.team
  ) ts on ts.team = u.team
  group by u.team
)`;

/**
 * Per-group rows. Teams come from the roster (a team with no activity still shows, at 0 %);
 * scenario and source rows come from the sessions seen, measured against the whole audience.
 * Segment rows: one per segment id on the roster; a person in two segments counts in both. They
 * also carry the segment's funnel and time to first interaction (the report's, on its members).
 */
export function groupRowsSql(groupBy: GroupBy): string {
  return groupBy === 'team'
    ? `select key, audience, activated, meaningful, sessions from teams`
    : groupBy === 'segment'
      ? `select seg as key, count(*)::int as audience,
             count(*) filter (where u.unprompted)::int as activated,
             count(*) filter (where u.meaningful)::int as meaningful,
             coalesce(sum(us.n), 0)::int as sessions,
             json_build_object(
               'impression', count(*) filter (where u.l1), 'open', count(*) filter (where u.l2),
               'session_start', count(*) filter (where u.l3), 'first_interaction', count(*) filter (where u.l4),
               'meaningful_interaction', count(*) filter (where u.l5), 'complete', count(*) filter (where u.l6)
             ) as funnel,
             (select json_build_object(
                 'median', percentile_cont(0.5) within group (order by t.hours),
                 'p90', percentile_cont(0.9) within group (order by t.hours),
                 'users', count(*))
               from ttfi t join aud m using (user_id) where seg = any(m.segments)) as ttfi
           from u join aud a using (user_id) cross join lateral unnest(a.segments) as seg
           left join (select user_id, count(*) filter (where started) as n from sess group by user_id) us using (user_id)
           group by seg`
      : `select ${GROUP_KEY[groupBy]} as key, (select count(*) from aud)::int as audience,
           count(distinct s.user_id) filter (where s.meaningful and s.source <> 'campaign' and a.user_id is not null)::int as activated,
           count(distinct s.user_id) filter (where s.meaningful and a.user_id is not null)::int as meaningful,
           count(*) filter (where s.started)::int as sessions
         from sess s left join aud a using (user_id) group by 1`;
}

/** People in both of two segments: what the segment rule needs to keep differences from showing. */
export function segmentPairsSql(groupBy: GroupBy): string {
  return groupBy === 'segment'
    ? `(select coalesce(json_agg(p), '[]'::json) from (
          select s1 as a, s2 as b, count(*)::int as n from aud, unnest(segments) s1, unnest(segments) s2
          where s1 < s2 group by 1, 2) p)`
    : `'[]'::json`;
}
