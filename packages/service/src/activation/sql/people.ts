/**
 * The report statement's core (docs/activation.md, Funnel and Activation): the range's events
 * folded into one row per (user, session), then per session with the server's own record, then
 * one row per audience member with the funnel steps they reached. Needs the `aud` CTE.
 * `members` narrows the events and sessions read (the focus segment's statement).
 */
export const peopleCtes = (members: string): string => `
-- Events in the half-open range [from, to), folded in one pass into one row per (user, session)
-- (session null for impressions, help…): ~10x fewer rows than events, and every figure of the
-- report reads this instead of the events themselves.
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
)`;
