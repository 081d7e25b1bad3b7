import type { ActivationReport } from '@inflow/contract';
import { decide, judge, type Criterion } from './decision.js';
import { measure, ratio, uniformity } from './measure.js';
import { foldSmallGroups } from './privacy.js';
import type { Row } from './report-row.js';
import type { ActivationSettings } from './settings.js';

/**
 * The go / no-go on the tenant's focus segment (docs/activation.md, Focus segment): every criterion
 * on the segment's members, beside the whole audience's, and the enthusiast gap. An undefined
 * segment is a failing criterion; a segment that is, or leaves, a small group has no figures.
 */
export function focusOf(
  whole: Row,
  row: Row | undefined,
  wholeCriteria: Criterion[],
  stability: ActivationReport['stability'],
  settings: ActivationSettings,
) {
  const id = settings.focusSegment!;
  const def = settings.segments.find((d) => d.id === id);
  const wholeAudience = { decision: decide(wholeCriteria), criteria: wholeCriteria };
  if (!def || !row) {
    const unknown = {
      metric: 'focusSegment',
      label: `Unknown segment "${id}"`,
      comparator: '>=' as const,
      threshold: 1,
      value: null,
      pass: false,
    };
    return {
      criteria: [unknown, ...wholeCriteria],
      summary: {
        segment: id,
        label: null,
        audience: null,
        withheld: true,
        wholeAudience,
        enthusiastGap: null,
      },
    };
  }
  const n = row.audience_size;
  const rest = whole.audience_size - n;
  const min = settings.minGroupSize;
  const withheld = n < min || (rest > 0 && rest < min);
  const teamRates = foldSmallGroups(row.teams, min).rows.flatMap((t) =>
    t.audience > 0 ? [t.activated / t.audience] : [],
  );
  const measured = withheld ? {} : measure(row, uniformity(teamRates).cv, stability);
  const focusRate = ratio(row.users.activated, n);
  const restRate = ratio(whole.users.activated - row.users.activated, rest);
  return {
    criteria: judge(measured, settings.goNoGo),
    summary: {
      segment: id,
      label: def.label,
      audience: withheld ? null : n,
      withheld,
      wholeAudience,
      enthusiastGap: withheld || focusRate === null || !restRate ? null : focusRate / restRate,
    },
  };
}
