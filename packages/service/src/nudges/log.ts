/**
 * The delivery log: one row per nudge, one row per delivery attempt. Attempts are written as they
 * happen, so a process that dies mid-retry still leaves an honest record. Every row carries the
 * tenant, and every read filters on it (tenant isolation).
 */
import type { Db } from '../store/db.js';
import type { DeliveryAttempt } from './deliver.js';

/** The part of the store's `Db` the log needs (a transaction handle works too). */
export type Queryable = Pick<Db, 'query'>;

export interface NudgeRecord {
  id: string;
  tenant: string;
  user: string;
  scenario: string;
  channel: string;
  link: string;
  campaign: boolean;
  createdAt: string;
}

export async function insertNudge(db: Queryable, nudge: NudgeRecord): Promise<void> {
  await db.query(
    `insert into nudges (tenant, id, user_id, scenario, channel, link, campaign, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      nudge.tenant,
      nudge.id,
      nudge.user,
      nudge.scenario,
      nudge.channel,
      nudge.link,
      nudge.campaign,
      nudge.createdAt,
    ],
  );
}

export async function insertAttempt(
  db: Queryable,
  tenant: string,
  nudgeId: string,
  attempt: DeliveryAttempt,
): Promise<void> {
  await db.query(
    `insert into nudge_deliveries (tenant, nudge_id, attempt, at, status, ok, error) values ($1, $2, $3, $4, $5, $6, $7)`,
    [tenant, nudgeId, attempt.attempt, attempt.at, attempt.status, attempt.ok, attempt.error ?? null],
  );
}

export async function markDelivered(
  db: Queryable,
  tenant: string,
  nudgeId: string,
  delivered: boolean,
): Promise<void> {
  await db.query(`update nudges set delivered = $3 where tenant = $1 and id = $2`, [
    tenant,
    nudgeId,
    delivered,
  ]);
}

export interface LoggedNudge extends NudgeRecord {
  delivered: boolean;
  deliveries: DeliveryAttempt[];
}

/** One nudge with its attempts, or undefined (also for another tenant's nudge). */
export async function readNudge(
  db: Queryable,
  tenant: string,
  nudgeId: string,
): Promise<LoggedNudge | undefined> {
  const [nudge] = await db.query<{
    id: string;
    tenant: string;
    user_id: string;
    scenario: string;
    channel: string;
    link: string;
    campaign: boolean;
    delivered: boolean;
    created_at: Date | string;
  }>(`select * from nudges where tenant = $1 and id = $2`, [tenant, nudgeId]);
  if (!nudge) return undefined;
  const rows = await db.query<{
    attempt: number;
    at: Date | string;
    status: number | null;
    ok: boolean;
    error: string | null;
  }>(
    `select attempt, at, status, ok, error from nudge_deliveries where tenant = $1 and nudge_id = $2 order by attempt`,
    [tenant, nudgeId],
  );
  return {
    id: nudge.id,
    tenant: nudge.tenant,
    user: nudge.user_id,
    scenario: nudge.scenario,
    channel: nudge.channel,
    link: nudge.link,
    campaign: nudge.campaign,
    delivered: nudge.delivered,
    createdAt: new Date(nudge.created_at).toISOString(),
    deliveries: rows.map((row) => ({
      attempt: row.attempt,
      at: new Date(row.at).toISOString(),
      status: row.status,
      ok: row.ok,
      ...(row.error === null ? {} : { error: row.error }),
    })),
  };
}
