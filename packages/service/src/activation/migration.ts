/**
 * Activation tables. The audience (target roster) is the denominator of the activation rate:
 * one row per pseudonymous user, replaced as a whole by `PUT /v1/audience`.
 */
export const sql = `
create table if not exists audience (
  tenant     text        not null,
  user_id    text        not null,
  team       text        not null,
  access_at  timestamptz,
  primary key (tenant, user_id)
);
create index if not exists audience_tenant_team on audience (tenant, team);

-- The report reads each user's first-ever first_interaction / impression: this index answers
-- those per-user minimums without scanning the tenant's whole history.
create index if not exists events_tenant_name_user_at on events (tenant, name, "user", at);
`;
