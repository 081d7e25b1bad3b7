/**
 * Roster history (docs/activation.md, Roster history): every accepted `PUT` / `PATCH
 * /v1/audience` first changes `audience` (the current roster), then `syncHistory` closes the
 * interval of each member who left or changed and opens one for each member who joined or
 * changed, in the same transaction. The report reads the roster of its range from here.
 */
import { DATE_YEARS } from '@inflow/contract';
import { DATE_MESSAGE, parseInstant } from '../dates.js';
import type { Db } from '../store/db.js';
import type { Problem } from './problems.js';

type Tx = Pick<Db, 'query'>;

/**
 * A tenant's first roster, stored without `effectiveAt`, holds from the earliest instant the
 * service handles: a roster uploaded after the pilot began still measures the pilot's first weeks,
 * as it did before the history existed. The migration seeds today's rosters from the same instant.
 */
export const ROSTER_ORIGIN = new Date(Date.UTC(DATE_YEARS.min, 0, 1));

/** How far past the server's clock an `effectiveAt` may be: a client clock running a little fast. */
export const EFFECTIVE_SKEW_MS = 5 * 60 * 1000;

export interface RosterChange {
  /** When the change takes effect; absent = now (or ROSTER_ORIGIN for the first roster). */
  effectiveAt?: Date;
  /** The server's clock (tests fix it). */
  now?: Date;
}

/** An `effectiveAt` as a request gives it: absent, a Date, or the problem with it. */
export function parseEffectiveAt(value: unknown, now: Date = new Date()): Date | Problem | undefined {
  if (value === undefined) return undefined;
  const at = typeof value === 'string' ? parseInstant(value) : undefined;
  if (!at) return { path: 'effectiveAt', message: DATE_MESSAGE };
  if (at.getTime() > now.getTime() + EFFECTIVE_SKEW_MS)
    return {
      path: 'effectiveAt',
      message: `must not be in the future (server time ${now.toISOString()}; a roster change takes effect when stored or earlier)`,
    };
  return at;
}

/**
 * Takes the tenant's roster lock (a concurrent change waits here, so both are diffed against a
 * settled roster) and returns the change's effective instant, or the problem when `effectiveAt`
 * is before the latest change: history is only appended to, never rewritten in the middle.
 */
export async function beginChange(tx: Tx, tenant: string, change: RosterChange): Promise<Date | Problem> {
  await tx.query(`insert into audience_changes (tenant) values ($1) on conflict do nothing`, [tenant]);
  const [row] = await tx.query<{ effective_at: Date | string | null }>(
    `select effective_at from audience_changes where tenant = $1 for update`,
    [tenant],
  );
  if (row?.effective_at == null) return change.effectiveAt ?? ROSTER_ORIGIN;
  const latest = new Date(row.effective_at);
  const now = change.now ?? new Date();
  // A change dated a little ahead (the skew) must not make the next undated one a 422.
  if (!change.effectiveAt) return latest > now ? latest : now;
  if (change.effectiveAt < latest)
    return {
      path: 'effectiveAt',
      message: `must be at or after the roster's latest change (${latest.toISOString()})`,
    };
  return change.effectiveAt;
}

/**
 * Brings the history in line with `audience` at instant `at`. Two statements: the closing one
 * must run before the opening one, or a member would briefly hold two open intervals (the unique
 * index `audience_history_open`). An interval opened at `at` itself and changed again at `at` is
 * deleted rather than closed: it never held for any time.
 */
export async function syncHistory(tx: Tx, tenant: string, at: Date): Promise<void> {
  const params = [tenant, at.toISOString()];
  await tx.query(
    `with changed as (
       select h.user_id from audience_history h
       left join audience a on a.tenant = h.tenant and a.user_id = h.user_id
       where h.tenant = $1 and h.valid_to is null
         and (a.user_id is null or a.team <> h.team or a.access_at is distinct from h.access_at
           or a.segments <> h.segments)
     ), dropped as (
       delete from audience_history h using changed c
       where h.tenant = $1 and h.user_id = c.user_id and h.valid_to is null and h.valid_from >= $2::timestamptz
     )
     update audience_history h set valid_to = $2::timestamptz from changed c
     where h.tenant = $1 and h.user_id = c.user_id and h.valid_to is null and h.valid_from < $2::timestamptz`,
    params,
  );
  await tx.query(
    `insert into audience_history (tenant, user_id, team, access_at, segments, valid_from)
     select a.tenant, a.user_id, a.team, a.access_at, a.segments, $2::timestamptz from audience a
     where a.tenant = $1 and not exists (
       select 1 from audience_history h where h.tenant = $1 and h.user_id = a.user_id and h.valid_to is null)`,
    params,
  );
  await tx.query(`update audience_changes set effective_at = $2::timestamptz where tenant = $1`, params);
}

/**
 * The roster of the range [$2, $3) of tenant $1: the roster as it stood at the range's end (its
 * last instant, just before $3), one interval per member. A past period keeps the denominator it
 * had when it closed; a member who left or was replaced during the range is not in it, so a full
 * replace within the range counts the new roster only, not both.
 */
export const ROSTER_AT_RANGE_END = `
  select user_id, team, access_at, segments from audience_history
  where tenant = $1 and valid_from < $3::timestamptz and (valid_to is null or valid_to >= $3::timestamptz)`;
