/**
 * Authored scenarios, one row per stored version (docs/scenarios.md), and the columns that pin a
 * session to the version and judge it started with. A completed session keeps its total, maximum
 * and pass in columns, so a person's attempts are one indexed query.
 */
export const sql = `
create table if not exists scenarios (
  tenant      text        not null,
  id          text        not null,
  version     integer     not null,
  status      text        not null check (status in ('draft', 'published', 'archived')),
  body        jsonb       not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant, id, version)
);

alter table sessions add column if not exists scenario_version integer not null default 1;
alter table sessions add column if not exists judge_version text;
alter table sessions add column if not exists score integer;
alter table sessions add column if not exists max_score integer;
alter table sessions add column if not exists passed boolean;
create index if not exists sessions_tenant_user_scenario on sessions (tenant, "user", scenario, completed_at);
`;
