/**
 * Nudge delivery log: one row per nudge, one per delivery attempt (appended to the service's
 * ordered migration list as `003_nudges`). Same SQL on PGlite and PostgreSQL.
 */
export const sql = `
create table if not exists nudges (
  tenant     text        not null,
  id         uuid        not null,
  user_id    text        not null,
  scenario   text        not null,
  channel    text        not null,
  link       text        not null,
  campaign   boolean     not null default false,
  delivered  boolean     not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant, id)
);
create index if not exists nudges_tenant_created on nudges (tenant, created_at);

create table if not exists nudge_deliveries (
  tenant    text        not null,
  nudge_id  uuid        not null,
  attempt   integer     not null,
  at        timestamptz not null,
  status    integer,
  ok        boolean     not null,
  error     text,
  primary key (tenant, nudge_id, attempt),
  foreign key (tenant, nudge_id) references nudges (tenant, id) on delete cascade
);
`;

/**
 * `007_nudges_queue`: a nudge is delivered by the outbound queue (docs/nudges.md). `delivery_id`
 * is its job (whose attempts are the log); `send_at` when it is due; `unless_practised` whether
 * it is skipped for a user who practised the scenario since it was scheduled. Nudges sent before
 * this migration keep their log in `nudge_deliveries`, read as before.
 */
export const queueSql = `
alter table nudges add column if not exists delivery_id uuid;
alter table nudges add column if not exists send_at timestamptz;
alter table nudges add column if not exists unless_practised boolean not null default false;
`;
