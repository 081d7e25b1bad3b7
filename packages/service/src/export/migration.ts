/**
 * `013_export`: the keys `GET /v1/export/events` and `/v1/export/sessions` page by
 * (docs/activation.md, Export). Each page is one index range scan from the last row of the one
 * before, so a 10-million-row export costs the same per page at its end as at its start.
 */
export const sql = `
create index if not exists events_tenant_received_id on events (tenant, received_at, id);
create index if not exists sessions_tenant_created_id on sessions (tenant, created_at, id);
`;
