/** The go / no-go's measured values and the figures they share with the report. */
import type { ActivationReport } from '@inflow/contract';
import type { Row } from './report-row.js';

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
export const per100 = (n: number, sessions: number): number | null =>
  sessions > 0 ? (100 * n) / sessions : null;

/** Population spread of per-team activation rates; teams with an empty roster carry no rate. */
export function uniformity(rates: number[]): { min: number | null; max: number | null; cv: number | null } {
  if (rates.length === 0) return { min: null, max: null, cv: null };
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / rates.length);
  // CV is undefined when nobody is activated anywhere (mean 0): report null, not 0 or Infinity.
  return { min: Math.min(...rates), max: Math.max(...rates), cv: mean > 0 ? sd / mean : null };
}

/** What each go / no-go criterion reads, for the whole audience or the focus segment's row. */
export function measure(row: Row, teamCv: number | null, stability: ActivationReport['stability']) {
  const { sessions, help, errors } = row.support;
  return {
    activationRate: ratio(row.users.activated, row.audience_size),
    ttfiMedianHours: row.ttfi.median,
    errorsPer100Sessions: per100(errors, sessions),
    supportPer100Sessions: per100(help + errors, sessions),
    teamCv,
    // The service's own figures: one value for the tenant, whoever the turns were.
    turnP95Ms: stability.turnP95Ms,
    coachErrorsPer100Sessions: stability.coachErrorsPer100Sessions,
  };
}
