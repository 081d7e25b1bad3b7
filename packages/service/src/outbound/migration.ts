/**
 * The outbound queue (docs/outbound.md): one row per delivery, appended to the service's ordered
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
