/**
 * Per-turn timings the service measures itself, and coach errors (docs/activation.md, API
 * stability): what the pilot's own traffic says about stability. Ids and milliseconds only, never
 * transcript text.
 */
export const sql = `
create table if not exists turn_metrics (
  tenant          text        not null,
  session_id      uuid        not null,
  at              timestamptz not null,
  -- Null when the coach failed before its first delta.
  first_delta_ms  integer,
  -- Null for a coach error.
  turn_ms         integer,
  -- 'reply' or 'feedback' for a coach error answered coach_unavailable; null for a turn answered.
  error           text
);
create index if not exists turn_metrics_tenant_at on turn_metrics (tenant, at);
`;
