/**
 * Return visits (docs/activation.md, Return visits): each member's first unprompted meaningful
 * session and their later ones, as CTEs over `sess` and `aud`; summarised in ../returns.ts.
 */
export const RETURNS_CTES = `
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
)`;

export const RETURNS_SELECT = `
  -- Practised again within 14 days: only for those whose 14 days ended inside the range.
  (select json_build_object('eligible', count(*),
      'returned', count(*) filter (where nx.next_at <= f.start_at + interval '14 days'))
    from first_act f left join (select user_id, min(start_at) as next_at from later group by user_id) nx
      using (user_id)
    where f.start_at + interval '14 days' <= $3::timestamptz) as returns,
  (select coalesce(json_agg(json_build_object('week', to_char(c.week, 'YYYY-MM-DD'), 'users', c.users,
      'again', c.again) order by c.week), '[]'::json) from cohorts c) as cohorts`;
