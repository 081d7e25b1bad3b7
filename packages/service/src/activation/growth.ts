/**
 * Skill growth (docs/activation.md, Skill growth): per scenario and per team, the median share of
 * the maximum score on the first attempt and on the best one, and the pass rate, from the scores
 * the service stored on completed sessions. Aggregates only: one person's score is never published,
 * and every row describes at least `minGroupSize` people (privacy.ts, one rule for every breakdown).
 */
import type { ActivationReport } from '@inflow/contract';
import type { Db } from '../store/db.js';
import { ROSTER_AT_RANGE_END } from './history.js';
import type { ActivationRange } from './range.js';
import { OTHER_TEAMS, planFold } from './privacy.js';

/**
 * One row per audience member and scenario with a scored attempt completed in the range: the
 * first-ever attempt's share of its maximum (versions may weigh criteria differently), the best
 * share, and whether any attempt passed its version's `passThreshold`, all up to the range end.
 * The members and their teams are the range's roster, as in the rest of the report.
 */
export const GROWTH_SQL = `
select s."user" as user_id, a.team, s.scenario,
  (array_agg(s.score::float8 / s.max_score order by s.completed_at, s.id))[1] as first_share,
  max(s.score::float8 / s.max_score) as best_share,
  coalesce(bool_or(s.passed), false) as passed
from sessions s join (${ROSTER_AT_RANGE_END}) a on a.user_id = s."user"
where s.tenant = $1 and s.completed_at < $3::timestamptz and s.score is not null and s.max_score > 0
group by s."user", a.team, s.scenario
having max(s.completed_at) >= $2::timestamptz
`;

export interface Pair {
  user_id: string;
  team: string;
  scenario: string;
  first_share: number;
  best_share: number;
  passed: boolean;
}

type Growth = ActivationReport['growth'];
type GrowthRow = Growth['scenarios'][number];

/** The median with linear interpolation, like PostgreSQL's percentile_cont(0.5). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = (v.length - 1) / 2;
  return v[Math.floor(mid)]! + (v[Math.ceil(mid)]! - v[Math.floor(mid)]!) * (mid - Math.floor(mid));
}

const people = (pairs: Pair[]) => new Set(pairs.map((p) => p.user_id)).size;

function row(key: string, pairs: Pair[], folded?: number): GrowthRow {
  return {
    key,
    people: people(pairs),
    firstScoreMedian: median(pairs.map((p) => p.first_share)),
    bestScoreMedian: median(pairs.map((p) => p.best_share)),
    passRate: pairs.length ? pairs.filter((p) => p.passed).length / pairs.length : null,
    ...(folded !== undefined ? { folded } : {}),
  };
}

function byKey(pairs: Pair[], key: (p: Pair) => string): { key: string; pairs: Pair[] }[] {
  const map = new Map<string, Pair[]>();
  for (const p of pairs) map.set(key(p), [...(map.get(key(p)) ?? []), p]);
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => ({ key: k, pairs: v }));
}

/**
 * A scenario with fewer than `min` people is withheld, and its attempts leave every other figure
 * too (else a team row minus the shown scenarios would give them). Team rows cover the rest and
 * fold by `planFold` on the people they describe.
 */
export function summariseGrowth(pairs: Pair[], min: number): Growth {
  const scenarios = byKey(pairs, (p) => p.scenario);
  const shown = scenarios.filter((s) => s.pairs.length >= min);
  const kept = shown.flatMap((s) => s.pairs);
  const plan = planFold(
    byKey(kept, (p) => p.team),
    (t) => people(t.pairs),
    min,
  );
  const teams = plan.shown.map((t) => row(t.key, t.pairs));
  if (plan.pool.length)
    teams.push(
      row(
        OTHER_TEAMS,
        plan.pool.flatMap((t) => t.pairs),
        plan.pool.length,
      ),
    );
  return {
    scenarios: shown.map((s) => row(s.key, s.pairs)),
    teams,
    withheldScenarios: scenarios.length - shown.length,
  };
}

export async function computeGrowth(
  tx: Pick<Db, 'query'>,
  tenant: string,
  range: ActivationRange,
  min: number,
): Promise<Growth> {
  const pairs = await tx.query<Pair>(GROWTH_SQL, [tenant, range.from.toISOString(), range.to.toISOString()]);
  return summariseGrowth(pairs, min);
}
