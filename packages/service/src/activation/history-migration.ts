/**
 * Roster history (docs/activation.md, Roster history): each member's intervals on the roster, so a
 * past period's report keeps the denominator it had. `audience` stays the current roster; every
 * `PUT` / `PATCH /v1/audience` writes both in one transaction.
 */
export const sql = `
create table if not exists audience_history (
  tenant      text        not null,
  user_id     text        not null,
  team        text        not null,
  access_at   timestamptz,
  segments    text[]      not null default '{}',
  -- Half-open [valid_from, valid_to); valid_to null = on the roster now.
  valid_from  timestamptz not null,
  valid_to    timestamptz,
  primary key (tenant, user_id, valid_from),
  check (valid_to is null or valid_to > valid_from)
);
-- The report reads the members whose interval overlaps its range.
create index if not exists audience_history_tenant_valid on audience_history (tenant, valid_from, valid_to);
-- At most one open interval per member: two would be two teams at once.
create unique index if not exists audience_history_open on audience_history (tenant, user_id) where valid_to is null;

-- Per tenant, the effective instant of its latest roster change: a change may not be dated
-- before it (history is only appended to), and the row is the lock that orders changes.
create table if not exists audience_changes (
  tenant        text        primary key,
  -- Null until the tenant's first change is stored (the row is taken first, as the lock).
  effective_at  timestamptz
);

-- Today's roster has no recorded start, so it is taken as in force since the earliest instant the
-- service handles (DATE_YEARS.min): every report keeps the figures it had before this migration.
insert into audience_history (tenant, user_id, team, access_at, segments, valid_from)
select tenant, user_id, team, access_at, segments, '1970-01-01T00:00:00Z' from audience
on conflict do nothing;
insert into audience_changes (tenant, effective_at)
select distinct tenant, '1970-01-01T00:00:00Z'::timestamptz from audience
on conflict do nothing;
`;
