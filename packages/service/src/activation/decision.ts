/**
 * The go / no-go (docs/activation.md, Go / no-go): each tenant threshold judged against its
 * measured value; go only if every criterion passes. One implementation for the whole audience
 * and for a focus segment.
 */
import type { ActivationReport } from '@inflow/contract';
import { CRITERIA } from './settings.js';

export type Criterion = ActivationReport['goNoGo']['criteria'][number];

export function judge(measured: Record<string, number | null>, goNoGo: Record<string, number>): Criterion[] {
  return Object.entries(goNoGo).map(([metric, threshold]) => {
    const spec = CRITERIA[metric];
    const value = measured[metric] ?? null;
    if (!spec) {
      // A misspelt threshold must not silently drop out of the decision: it fails visibly.
      return {
        metric,
        label: `Unknown metric "${metric}"`,
        comparator: '>=' as const,
        threshold,
        value: null,
        pass: false,
      };
    }
    // No measurement is no evidence: a criterion without a value fails.
    const pass = value !== null && (spec.comparator === '>=' ? value >= threshold : value <= threshold);
    return { metric, label: spec.label, comparator: spec.comparator, threshold, value, pass };
  });
}

export const decide = (criteria: Criterion[]): 'go' | 'no-go' =>
  criteria.every((c) => c.pass) ? 'go' : 'no-go';
