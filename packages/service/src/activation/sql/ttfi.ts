/** Time to first interaction (docs/activation.md): CTEs over `events` and `aud`. */
export const TTFI_CTES = `
-- Time to first interaction: first-ever first_interaction (if it falls in the range) minus the
-- access grant from the roster, or, without one, the first impression before it.
first_fi as (
  select "user" as user_id, min(at) as at from events
  where tenant = $1 and name = 'first_interaction' group by "user"
),
ttfi_start as (
  select a.user_id, f.at, coalesce(a.access_at, (
      select min(i.at) from events i
      where i.tenant = $1 and i.name = 'impression' and i."user" = a.user_id and i.at <= f.at
    )) as start
  from aud a join first_fi f using (user_id)
  where f.at >= $2 and f.at < $3
),
-- An access date after the first interaction means the roster is late, not a negative delay: 0.
-- (greatest() would also turn a missing start into 0, hence the filter first.)
ttfi as (
  select user_id, greatest(0, extract(epoch from at - start))::float8 / 3600 as hours
  from ttfi_start where start is not null
)`;

export const TTFI_SELECT = `
  (select json_build_object(
      'median', percentile_cont(0.5) within group (order by hours),
      'p90', percentile_cont(0.9) within group (order by hours),
      'users', count(*))
    from ttfi where hours is not null) as ttfi`;
