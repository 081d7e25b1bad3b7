/**
 * xAPI `terminated` for an abandoned session (docs/integrations.md, Abandoned sessions). A session
 * is abandoned when it is not completed and has had no user turn (nor its start) for the tenant's
 * `lrs.abandonAfterMinutes` (default 30). The worker sweeps every `sweepIntervalMs`: each tenant
 * with an LRS gets one bounded query for its idle sessions whose `launched` was queued and whose
 * `terminated` was not, and one queued statement each, under the same idempotency key and
 * statement id as a completion's `terminated`, so two processes sweeping at once, or a sweep and
 * a late completion, still send one. Its time is the last activity, not the sweep's.
 */
import type { TenantRegistry } from '../tenants.js';
import type { SessionRow } from '../store/store.js';
import type { Queryable } from './queue.js';
import { withIntegrations } from './settings-store.js';
import { queueStatement } from './xapi.js';

export const DEFAULT_ABANDON_AFTER_MINUTES = 30;
/** Sessions per tenant per sweep: a backlog is worked off over several sweeps. */
const SWEEP_BATCH = 200;

type Idle = Pick<SessionRow, 'id' | 'user' | 'scenario' | 'created_at' | 'user_turns'> & {
  last_active: Date | string;
};

/** Queues `terminated` for every tenant's abandoned sessions; returns how many were queued. */
export async function sweepAbandoned(db: Queryable, tenants: TenantRegistry, now: Date): Promise<number> {
  let queued = 0;
  for (const listed of tenants.list()) {
    const tenant = await withIntegrations(db, listed);
    if (!tenant.lrs) continue;
    const minutes = tenant.lrs.abandonAfterMinutes ?? DEFAULT_ABANDON_AFTER_MINUTES;
    const idle = await db.query<Idle>(
      `select s.id::text as id, s."user", s.scenario, s.created_at, s.user_turns,
              coalesce(s.last_active_at, s.created_at) as last_active
         from sessions s
        where s.tenant = $1 and s.completed_at is null
          and coalesce(s.last_active_at, s.created_at) <= $2::timestamptz - make_interval(mins => $3::int)
          and exists (select 1 from deliveries d where d.tenant = s.tenant and d.idempotency_key = 'xapi:' || s.id::text || ':launched')
          and not exists (select 1 from deliveries d where d.tenant = s.tenant and d.idempotency_key = 'xapi:' || s.id::text || ':terminated')
        order by 6 limit $4`,
      [tenant.id, now, minutes, SWEEP_BATCH],
    );
    for (const row of idle) {
      const after = row.user_turns > 0 ? 'initialized' : 'launched';
      const at = new Date(row.last_active);
      // A statement reads only the id, user, scenario and start of its session (buildStatement).
      const session = row as unknown as SessionRow;
      await queueStatement(db, { tenantId: tenant.id, tenant }, session, 'terminated', after, at);
      queued++;
    }
  }
  return queued;
}
