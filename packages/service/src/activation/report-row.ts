/** The report statement's one row (sql/report.ts), as the database returns it. */
import type { ActivationReport, FUNNEL_STEPS } from '@inflow/contract';
import type { CohortRow } from './returns.js';

export interface Row {
  audience_size: number;
  audience_teams: number;
  outside: number;
  users: Record<(typeof FUNNEL_STEPS)[number] | 'activated' | 'prompted', number>;
  ttfi: { median: number | null; p90: number | null; users: number };
  support: { sessions: number; help: number; errors: number };
  teams: GroupRow[];
  groups: GroupRow[];
  weekly: ActivationReport['weekly'];
  returns: { eligible: number; returned: number };
  cohorts: CohortRow[];
  segment_pairs: { a: string; b: string; n: number }[];
}
export interface GroupRow {
  key: string;
  audience: number;
  activated: number;
  meaningful: number;
  sessions: number;
  /** Segment rows only (sql/groups.ts). */
  funnel?: Record<(typeof FUNNEL_STEPS)[number], number>;
  ttfi?: Row['ttfi'];
}
