/**
 * The outbound queue (docs/integrations.md): one row per delivery, appended to the service's ordered
 * migration list as `005_outbound`. Same SQL on PGlite and PostgreSQL.
 */
export const sql = `
create table if not exists deliveries (
  tenant          text        not null,
  id              uuid        not null,
  kind            text        not null,
  payload         jsonb       not null,
  idempotency_key text        not null,
  status          text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
  attempts        integer     not null default 0,
  next_attempt_at timestamptz not null,
  last_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  lease_token     uuid,
  lease_until     timestamptz,
  created_at      timestamptz not null,
  delivered_at    timestamptz,
  primary key (tenant, id),
  unique (tenant, idempotency_key)
);
create index if not exists deliveries_due on deliveries (next_attempt_at) where status = 'pending';
create index if not exists deliveries_tenant_status on deliveries (tenant, status, created_at);
`;

/**
 * `006_outbound_attempts`: every attempt of every delivery (what `GET /v1/nudges/{id}` shows), a
 * `skipped` status for a job its kind decided not to send at its time (a scheduled nudge to a user
 * who practised meanwhile), and `after_key`: a job waits while the job with that idempotency key
 * is pending, so one session's LRS statements arrive in order.
 */
export const attemptsSql = `
alter table deliveries drop constraint if exists deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
  check (status in ('pending', 'delivered', 'dead', 'skipped'));
alter table deliveries add column if not exists after_key text;
create table if not exists delivery_attempts (
  tenant      text        not null,
  delivery_id uuid        not null,
  n           integer     not null,
  at          timestamptz not null,
  status      integer,
  ok          boolean     not null,
  error       text,
  primary key (tenant, delivery_id, n),
  foreign key (tenant, delivery_id) references deliveries (tenant, id) on delete cascade
);
`;

/**
 * `010_integration_settings`: what `PUT /v1/settings/integrations` stores, one row per tenant.
 * A row replaces the tenant JSON's `lrs` and `activationWebhook` (a null column = turned off),
 * read on every use, so every service process sends with the settings of the last PUT.
 */
export const settingsSql = `
create table if not exists integration_settings (
  tenant     text        primary key,
  lrs        jsonb,
  webhook    jsonb,
  updated_at timestamptz not null
);
`;

/**
 * `011_session_activity`: when a session last had a user turn (or started), so the abandonment
 * sweep (abandoned.ts) can tell an idle session from one in progress.
 */
export const activitySql = `
alter table sessions add column if not exists last_active_at timestamptz;
create index if not exists sessions_open_idle on sessions (tenant, coalesce(last_active_at, created_at))
  where completed_at is null;
`;
