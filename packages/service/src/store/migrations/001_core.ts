/**
 * Core tables: sessions and activation events. Plain PostgreSQL that PGlite runs too.
 * Transcript text lives only in `sessions.transcript` and is cleared on completion unless the
 * tenant's retention policy keeps it; events and scores never carry it.
 */
export const sql = `
create table if not exists sessions (
  tenant        text        not null,
  id            uuid        not null,
  "user"        text        not null,
  team          text,
  scenario      text        not null,
  source        text        not null,
  locale        text,
  context       jsonb       not null default '{}'::jsonb,
  user_turns    integer     not null default 0,
  transcript    jsonb,
  scores        jsonb,
  created_at    timestamptz not null default now(),
  completed_at  timestamptz,
  primary key (tenant, id)
);
create index if not exists sessions_tenant_user on sessions (tenant, "user");
create index if not exists sessions_tenant_created on sessions (tenant, created_at);

create table if not exists events (
  tenant       text        not null,
  id           uuid        not null,
  name         text        not null,
  at           timestamptz not null,
  received_at  timestamptz not null default now(),
  "user"       text        not null,
  team         text,
  session_id   uuid,
  scenario     text,
  source       text,
  props        jsonb,
  primary key (tenant, id)
);
create index if not exists events_tenant_name_at on events (tenant, name, at);
create index if not exists events_tenant_user on events (tenant, "user");
`;
