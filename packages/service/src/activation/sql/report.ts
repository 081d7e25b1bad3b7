/**
 * The activation report, computed in one SQL statement over `events` (+ `sessions`, `audience_history`).
 * Plain PostgreSQL that PGlite runs too. docs/activation.md defines every figure; the comments
 * in each fragment say how the SQL implements each definition.
 */
import type { GroupBy } from '@inflow/contract';
import { ROSTER_AT_RANGE_END } from '../history.js';
import { groupRowsSql, segmentPairsSql, TEAMS_CTE } from './groups.js';
import { peopleCtes } from './people.js';
import { RETURNS_CTES, RETURNS_SELECT } from './returns.js';
import { TTFI_CTES, TTFI_SELECT } from './ttfi.js';
import { WEEKLY_CTES, WEEKLY_SELECT } from './weekly.js';

/**
 * With `focus`, the statement reads only the members of segment `$5` and their events and
 * sessions: the same figures, for the focus segment's go / no-go.
 */
export function reportSql(groupBy: GroupBy, focus = false): string {
  const members = focus ? ` and "user" in (select user_id from aud)` : '';
  return `
with
-- The roster of the range (history.ts): as it stood at the range's end.
aud as (
  select user_id, team, access_at, segments from (${ROSTER_AT_RANGE_END}) r${focus ? ' where $5::text = any(segments)' : ''}
),
${peopleCtes(members)},
${TEAMS_CTE},
${WEEKLY_CTES},
${RETURNS_CTES},
${TTFI_CTES}
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
  ${TTFI_SELECT},
  (select json_build_object(
      'sessions', (select count(*) from sess where started),
      'help', coalesce(sum(help), 0),
      'errors', coalesce(sum(errors), 0))
    from us) as support,
  (select coalesce(json_agg(t order by t.key), '[]'::json) from teams t) as teams,
  ${WEEKLY_SELECT},
  (select coalesce(json_agg(g order by g.key), '[]'::json) from (${groupRowsSql(groupBy)}) g) as groups,
  ${RETURNS_SELECT},
  ${segmentPairsSql(groupBy)} as segment_pairs
`;
}
