/**
 * Return visits (docs/activation.md, Return visits): "practised again within 14 days" and the
 * weekly cohort grid, from the report statement's rows (sql/returns.ts, `first_act` and `later`).
 */
import type { ActivationReport } from '@inflow/contract';

/** Weeks after the cohort's own that the grid follows. */
export const COHORT_WEEKS = 4;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface CohortRow {
  week: string;
  users: number;
  /** Weeks after (1…COHORT_WEEKS) → cohort members who started a session that week. */
  again: Record<string, number>;
}

/**
 * A cohort under `min` people is withheld: its cells would describe fewer than `min` people. A
 * week after the range's last week is not observed yet, so its cell is null, not 0.
 */
export function summariseReturns(
  counts: { eligible: number; returned: number },
  cohorts: CohortRow[],
  lastWeek: string | undefined,
  min: number,
): ActivationReport['returns'] {
  const last = lastWeek ? Date.parse(lastWeek) : -Infinity;
  const shown = cohorts.filter((c) => c.users >= min);
  return {
    eligible: counts.eligible,
    returned: counts.returned,
    rate: counts.eligible > 0 ? counts.returned / counts.eligible : null,
    cohorts: shown.map((c) => ({
      week: c.week,
      users: c.users,
      again: Array.from({ length: COHORT_WEEKS }, (_, i) =>
        Date.parse(c.week) + (i + 1) * WEEK_MS > last ? null : (c.again[i + 1] ?? 0) / c.users,
      ),
    })),
    withheldCohorts: cohorts.length - shown.length,
  };
}
