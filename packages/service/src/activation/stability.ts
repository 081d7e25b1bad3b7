/**
 * API stability from real traffic (docs/activation.md, API stability): the sessions routes record
 * each answered turn's time to first delta and total time, and each coach error; the report reads
 * their percentiles. Recording never waits: a turn is answered whether or not its row is stored.
 */
import type { ActivationReport } from '@inflow/contract';
import type { AppDeps } from '../context.js';
import { errorFields } from '../ops/logger.js';
import type { Db } from '../store/db.js';
import type { ActivationRange } from './range.js';

export type TurnRecord =
  | { tenant: string; session: string; firstDeltaMs: number; turnMs: number }
  | { tenant: string; session: string; error: 'reply' | 'feedback' };

/** Stores one turn's figures without delaying the response; a failed write is logged, never thrown. */
export function recordTurn(deps: Pick<AppDeps, 'db' | 'logger' | 'now'>, t: TurnRecord): void {
  const at = (deps.now?.() ?? new Date()).toISOString();
  const row =
    'error' in t
      ? [t.tenant, t.session, at, null, null, t.error]
      : [t.tenant, t.session, at, Math.round(t.firstDeltaMs), Math.round(t.turnMs), null];
  deps.db
    .query(
      `insert into turn_metrics (tenant, session_id, at, first_delta_ms, turn_ms, error)
       values ($1, $2, $3, $4, $5, $6)`,
      row,
    )
    .catch((error: unknown) =>
      deps.logger?.warn({ tenant: t.tenant, ...errorFields(error) }, 'turn metrics not recorded'),
    );
}

export const STABILITY_SQL = `
select count(*) filter (where error is null)::int as turns,
  percentile_cont(0.5) within group (order by first_delta_ms) filter (where error is null) as p50,
  percentile_cont(0.95) within group (order by first_delta_ms) filter (where error is null) as p95,
  percentile_cont(0.95) within group (order by turn_ms) filter (where error is null) as turn_p95,
  count(*) filter (where error is not null)::int as errors
from turn_metrics where tenant = $1 and at >= $2::timestamptz and at < $3::timestamptz
`;

/** `sessions` is the report's session count for the range (support load's denominator too). */
export async function computeStability(
  tx: Pick<Db, 'query'>,
  tenant: string,
  range: ActivationRange,
  sessions: number,
): Promise<ActivationReport['stability']> {
  const [r] = await tx.query<{
    turns: number;
    p50: number | null;
    p95: number | null;
    turn_p95: number | null;
    errors: number;
  }>(STABILITY_SQL, [tenant, range.from.toISOString(), range.to.toISOString()]);
  return {
    turns: r!.turns,
    firstDeltaP50Ms: r!.p50,
    firstDeltaP95Ms: r!.p95,
    turnP95Ms: r!.turn_p95,
    coachErrors: r!.errors,
    coachErrorsPer100Sessions: sessions > 0 ? (100 * r!.errors) / sessions : null,
  };
}
