/** The weekly series (docs/activation.md, Weekly series): CTEs over `sess`, `aud` and `nudges`. */

/** The weekly series' length cap: three years of weeks (docs/activation.md, Weekly series). */
export const MAX_WEEKS = 156;

export const WEEKLY_CTES = `
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
)`;

export const WEEKLY_SELECT = `
  (select coalesce(json_agg(json_build_object(
      'week', to_char(w.week, 'YYYY-MM-DD'),
      'activeUsers', coalesce(wu.active, 0), 'newActivations', coalesce(wn.n, 0),
      'sessions', json_build_object('embedded', coalesce(ws.embedded, 0), 'nudge', coalesce(ws.nudge, 0),
        'deeplink', coalesce(ws.deeplink, 0), 'campaign', coalesce(ws.campaign, 0), 'unknown', coalesce(ws.unknown, 0)),
      'meaningfulSessions', coalesce(ws.meaningful, 0), 'campaignSends', coalesce(wc.n, 0))
    order by w.week), '[]'::json)
    from weeks w left join wusers wu using (week) left join wnew wn using (week)
      left join wsess ws using (week) left join wsends wc using (week)) as weekly`;
