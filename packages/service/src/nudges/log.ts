/**
 * The nudges table: one row per nudge (who, which scenario, the link), pointing at its job in
 * the outbound queue, whose status and attempts are the delivery log (docs/nudges.md).
 */
import type { NudgeDelivery, Static } from '@inflow/contract/schemas';
import type { DeliveryStatus } from '../outbound/queue.js';
import { listAttempts, type Queryable } from '../outbound/queue.js';

export type { Queryable };

export interface NudgeRecord {
  id: string;
  tenant: string;
  user: string;
  scenario: string;
  channel: string;
  link: string;
  campaign: boolean;
  createdAt: string;
  deliveryId: string;
  sendAt: string;
  unlessPractised: boolean;
}

export async function insertNudge(db: Queryable, nudge: NudgeRecord): Promise<void> {
  await db.query(
    `insert into nudges (tenant, id, user_id, scenario, channel, link, campaign, created_at, delivery_id,
                         send_at, unless_practised)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      nudge.tenant,
      nudge.id,
      nudge.user,
      nudge.scenario,
      nudge.channel,
      nudge.link,
      nudge.campaign,
      nudge.createdAt,
      nudge.deliveryId,
      nudge.sendAt,
      nudge.unlessPractised,
    ],
  );
}

export interface LoggedNudge extends Omit<NudgeRecord, 'deliveryId'> {
  deliveryId: string | null;
  status: DeliveryStatus;
  /** Why it is dead or skipped. */
  reason?: string;
  deliveries: Static<typeof NudgeDelivery>[];
}

/** One nudge with its delivery's status and attempts, or undefined (also for another tenant's nudge). */
export async function readNudge(
  db: Queryable,
  tenant: string,
  nudgeId: string,
): Promise<LoggedNudge | undefined> {
  const [nudge] = await db.query<{
    id: string;
    user_id: string;
    scenario: string;
    channel: string;
    link: string;
    campaign: boolean;
    delivered: boolean;
    created_at: Date | string;
    delivery_id: string | null;
    send_at: Date | string | null;
    unless_practised: boolean;
    status: DeliveryStatus | null;
    last_error: string | null;
  }>(
    `select n.id, n.user_id, n.scenario, n.channel, n.link, n.campaign, n.delivered, n.created_at,
            n.delivery_id::text as delivery_id, n.send_at, n.unless_practised, d.status, d.last_error
       from nudges n left join deliveries d on d.tenant = n.tenant and d.id = n.delivery_id
      where n.tenant = $1 and n.id = $2`,
    [tenant, nudgeId],
  );
  if (!nudge) return undefined;
  const base = {
    id: nudge.id,
    tenant,
    user: nudge.user_id,
    scenario: nudge.scenario,
    channel: nudge.channel,
    link: nudge.link,
    campaign: nudge.campaign,
    createdAt: new Date(nudge.created_at).toISOString(),
    deliveryId: nudge.delivery_id,
    sendAt: new Date(nudge.send_at ?? nudge.created_at).toISOString(),
    unlessPractised: nudge.unless_practised,
  };
  const attempts = nudge.delivery_id
    ? (await listAttempts(db, tenant, nudge.delivery_id)).map((a) => ({ ...a, attempt: a.n }))
    : await legacyAttempts(db, tenant, nudgeId);
  // A nudge from before the queue (no delivery_id) was sent in its request: delivered or not.
  const status = nudge.status ?? (nudge.delivered ? 'delivered' : 'dead');
  const reason = status === 'dead' || status === 'skipped' ? nudge.last_error : null;
  return {
    ...base,
    status,
    ...(reason ? { reason } : {}),
    deliveries: attempts.map((a) => ({
      attempt: a.attempt,
      at: new Date(a.at).toISOString(),
      status: a.status,
      ok: a.ok,
      ...(a.error === null ? {} : { error: a.error }),
    })),
  };
}

/** The attempts of a nudge sent before migration 007, logged in `nudge_deliveries`. */
async function legacyAttempts(db: Queryable, tenant: string, nudgeId: string) {
  return db.query<{
    attempt: number;
    at: Date | string;
    status: number | null;
    ok: boolean;
    error: string | null;
  }>(
    `select attempt, at, status, ok, error from nudge_deliveries where tenant = $1 and nudge_id = $2 order by attempt`,
    [tenant, nudgeId],
  );
}
