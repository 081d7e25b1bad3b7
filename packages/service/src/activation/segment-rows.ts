import { FUNNEL_STEPS } from '@inflow/contract';
import { ratio } from './measure.js';
import { shownSegments } from './privacy.js';
import type { Row } from './report-row.js';
import type { ActivationSettings } from './settings.js';

/**
 * The tenant's segments in its order, with labels, funnel and time to first interaction;
 * `shownSegments` decides which are published. A segment's TTFI median and p90 need at least
 * `minGroupSize` measured members: over fewer, a median describes too few people.
 */
export function segmentRows(row: Row, settings: ActivationSettings) {
  const found = new Map(row.groups.map((g) => [g.key, g]));
  const defined = settings.segments.map((d) => ({
    ...(found.get(d.id) ?? { key: d.id, audience: 0, activated: 0, meaningful: 0, sessions: 0 }),
    label: d.label,
  }));
  const both = new Map(row.segment_pairs.map((p) => [`${p.a} ${p.b}`, p.n]));
  const shared = (x: string, y: string) => both.get(x < y ? `${x} ${y}` : `${y} ${x}`) ?? 0;
  const { rows, withheld } = shownSegments(defined, row.audience_size, shared, settings.minGroupSize);
  return {
    rows: rows.map((g) => ({
      key: g.key,
      label: g.label,
      audience: g.audience,
      activatedUsers: g.activated,
      meaningfulUsers: g.meaningful,
      rate: ratio(g.activated, g.audience),
      sessions: g.sessions,
      funnel: FUNNEL_STEPS.map((step) => ({ step, users: g.funnel?.[step] ?? 0 })),
      timeToFirstInteraction: ttfiOf(g.ttfi, settings.minGroupSize),
    })),
    withheld,
  };
}

function ttfiOf(t: Row['ttfi'] | undefined, min: number) {
  const users = t?.users ?? 0;
  const shown = users >= min;
  return {
    medianHours: shown ? (t?.median ?? null) : null,
    p90Hours: shown ? (t?.p90 ?? null) : null,
    users,
  };
}
