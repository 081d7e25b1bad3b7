/**
 * The per-user nudge frequency cap (docs/nudges.md, Frequency cap): a user gets at most `max`
 * nudges due within `days` of one another. Checked when a nudge is queued, in its transaction,
 * under a lock per tenant and user, so two requests (or two service processes) cannot both take
 * the last place. A capped nudge is recorded, with its job `skipped` and the reason, never sent.
 */
import type { Queryable } from '../outbound/queue.js';

export interface NudgeCap {
  /** Nudges a user may have due within `days` of one another (pending or delivered). */
  max: number;
  days: number;
}

/** A reminder a week ahead, one the day before and one on the day; a fourth is noise. */
export const DEFAULT_NUDGE_CAP: NudgeCap = { max: 3, days: 7 };

/** Why a tenant's `nudgeCap` cannot be used, or undefined (checked at start-up, tenants.ts). */
export function nudgeCapProblem(cap: unknown): string | undefined {
  const c = cap as Partial<NudgeCap> | null;
  if (typeof c !== 'object' || c === null)
    return 'nudgeCap must be { "max": integer ≥ 1, "days": number > 0 }';
  if (!Number.isInteger(c.max) || c.max! < 1) return 'nudgeCap.max must be an integer ≥ 1';
  if (typeof c.days !== 'number' || !(c.days > 0) || c.days > 365)
    return 'nudgeCap.days must be a number in (0, 365]';
  return undefined;
}

/** Why a nudge due at `due` would exceed the user's cap, or undefined; call inside the nudge's transaction. */
export async function capReason(
  tx: Queryable,
  tenant: string,
  user: string,
  due: Date,
  cap: NudgeCap = DEFAULT_NUDGE_CAP,
): Promise<string | undefined> {
  // Held until the transaction ends: the next nudge to this user counts this one.
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`nudge-cap\u0001${tenant}\u0001${user}`]);
  const rows = await tx.query<{ n: number }>(
    `select count(*)::int as n from nudges n
       join deliveries d on d.tenant = n.tenant and d.id = n.delivery_id
      where n.tenant = $1 and n.user_id = $2 and d.status in ('pending', 'delivered')
        and n.send_at > $3::timestamptz - make_interval(secs => $4::double precision)
        and n.send_at < $3::timestamptz + make_interval(secs => $4::double precision)`,
    [tenant, user, due, cap.days * 86_400],
  );
  const n = rows[0]?.n ?? 0;
  return n >= cap.max
    ? `frequency cap: ${n} nudges already due within ${cap.days} days of this one (nudgeCap.max ${cap.max})`
    : undefined;
}
