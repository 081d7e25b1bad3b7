/**
 * Tenant settings of the activation report: what counts as a meaningful interaction, and the
 * go / no-go thresholds for scaling a pilot. Both come from the tenant's config
 * (`meaningfulTurns`, `goNoGo` in INFLOW_TENANTS); these are the defaults (docs/design.md §6).
 */
import type { TenantConfig } from '../tenants.js';

export const DEFAULT_MEANINGFUL_TURNS = 3;
/** Fewer audience members than this and a group's figures identify people (docs/activation.md). */
export const DEFAULT_MIN_GROUP_SIZE = 5;

export type Comparator = '>=' | '<=';

export interface CriterionSpec {
  label: string;
  comparator: Comparator;
  threshold: number;
}

/**
 * The metrics a tenant can put a threshold on. The comparator is part of the metric (a rate
 * must be high, a delay low), so a tenant only chooses the number. Labels name no unit: a report
 * shows each value in its own (a delay in hours or days).
 */
export const CRITERIA: Record<string, CriterionSpec> = {
  activationRate: { label: 'Activation rate (unprompted)', comparator: '>=', threshold: 0.4 },
  ttfiMedianHours: { label: 'Median time to first interaction', comparator: '<=', threshold: 72 },
  errorsPer100Sessions: { label: 'Errors shown per 100 sessions', comparator: '<=', threshold: 1 },
  supportPer100Sessions: {
    label: 'Support load (help + errors) per 100 sessions',
    comparator: '<=',
    threshold: 10,
  },
  teamCv: { label: 'Spread across teams (coefficient of variation)', comparator: '<=', threshold: 0.5 },
  // A p95 turn-latency criterion on the pilot's own traffic (docs/design.md §6): 2 s.
  turnP95Ms: { label: 'Turn time, 95th percentile', comparator: '<=', threshold: 2000 },
  // As for errors shown: a coach failure is an error the person sees, so the same 1 % budget.
  coachErrorsPer100Sessions: { label: 'Coach errors per 100 sessions', comparator: '<=', threshold: 1 },
};

export interface ActivationSettings {
  /** User turns that make a session meaningful; a completed session always counts. */
  meaningfulTurns: number;
  /** metric → threshold, defaults merged with the tenant's overrides. */
  goNoGo: Record<string, number>;
  /** Groups with fewer audience members are folded into "Other teams" or withheld. */
  minGroupSize: number;
  /** The tenant's roster segments, in its order (`groupBy=segment`). */
  segments: { id: string; label: string }[];
  /** The segment the go / no-go decides on, as the tenant wrote it (it may be undefined there). */
  focusSegment?: string;
}

export function activationSettings(
  tenant:
    | Pick<TenantConfig, 'meaningfulTurns' | 'goNoGo' | 'minGroupSize' | 'segments' | 'focusSegment'>
    | undefined,
): ActivationSettings {
  const turns = tenant?.meaningfulTurns;
  const minGroup = tenant?.minGroupSize;
  const defaults = Object.fromEntries(Object.entries(CRITERIA).map(([k, v]) => [k, v.threshold]));
  return {
    // A nonsense setting (0, negative, fractional) would make every session "meaningful";
    // fall back to the default rather than report an inflated rate.
    meaningfulTurns:
      Number.isInteger(turns) && (turns as number) >= 1 ? (turns as number) : DEFAULT_MEANINGFUL_TURNS,
    goNoGo: { ...defaults, ...(tenant?.goNoGo ?? {}) },
    // The registry refuses an invalid value at start-up; this only fills in the default.
    minGroupSize:
      Number.isInteger(minGroup) && (minGroup as number) >= 1 ? (minGroup as number) : DEFAULT_MIN_GROUP_SIZE,
    segments: tenant?.segments ?? [],
    ...(tenant?.focusSegment !== undefined ? { focusSegment: tenant.focusSegment } : {}),
  };
}
