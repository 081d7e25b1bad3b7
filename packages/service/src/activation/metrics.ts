/**
 * The activation report: the report statement (sql/report.ts) and the growth and stability
 * queries in one transaction, then the small-group rule, the segment rows and the go / no-go.
 * docs/activation.md defines every figure.
 */
import { FUNNEL_STEPS, type ActivationReport, type GroupBy } from '@inflow/contract';
import type { Db } from '../store/db.js';
import type { ActivationRange } from './range.js';
import { decide, judge } from './decision.js';
import { focusOf } from './focus.js';
import { computeGrowth } from './growth.js';
import { measure, per100, ratio, uniformity } from './measure.js';
import { foldSmallGroups } from './privacy.js';
import type { GroupRow, Row } from './report-row.js';
import { summariseReturns } from './returns.js';
import { segmentRows } from './segment-rows.js';
import { reportSql } from './sql/report.js';
import { computeStability } from './stability.js';
import { type ActivationSettings } from './settings.js';

export { MAX_WEEKS } from './sql/weekly.js';
export { uniformity } from './measure.js';

export async function computeActivation(
  db: Pick<Db, 'transaction'>,
  tenant: string,
  range: ActivationRange,
  groupBy: GroupBy,
  settings: ActivationSettings,
): Promise<ActivationReport> {
  const params = [tenant, range.from.toISOString(), range.to.toISOString(), settings.meaningfulTurns];
  const [[row], growth, stability, focusRow] = await db.transaction(async (tx) => {
    // The per-user and per-session aggregates of a million events spill to disk at the default
    // 4 MB; this report is a rare admin query, so it may use more, for this transaction only.
    await tx.query(`set local work_mem = '64MB'`);
    // PostgreSQL misestimates the CTEs' rows, so the statement's cost crosses the JIT thresholds:
    // compiling it took 6.6 s of a 13.6 s run at 1 M events (docs/benchmarks.md, 7b). PGlite has
    // no JIT and accepts the setting.
    await tx.query(`set local jit = off`);
    const report = await tx.query<Row>(reportSql(groupBy), params);
    const sessions = report[0]?.support.sessions ?? 0;
    const focus = settings.segments.some((d) => d.id === settings.focusSegment)
      ? (await tx.query<Row>(reportSql('team', true), [...params, settings.focusSegment]))[0]
      : undefined;
    return [
      report,
      await computeGrowth(tx, tenant, range, settings.minGroupSize),
      await computeStability(tx, tenant, range, sessions),
      focus,
    ] as const;
  });
  if (!row) throw new Error('activation query returned no row');
  const size = row.audience_size;
  const toGroup = (g: GroupRow & { folded?: number }) => ({
    key: g.key,
    audience: g.audience,
    activatedUsers: g.activated,
    meaningfulUsers: g.meaningful,
    rate: ratio(g.activated, g.audience),
    sessions: g.sessions,
    ...(g.folded !== undefined ? { folded: g.folded } : {}),
  });
  // Every per-team figure below (rows, uniformity, the teamCv criterion) reads the folded rows only.
  const small = foldSmallGroups(row.teams, settings.minGroupSize);
  const teams = small.rows.map(toGroup);
  // Scenario / source rows are measured against the whole audience: shown unless it is itself too small.
  // Segment rows follow the tenant's list, each shown only if no difference reveals a small group.
  const segments = groupBy === 'segment' ? segmentRows(row, settings) : undefined;
  const groups =
    groupBy === 'team' ? teams : segments ? segments.rows : small.withheld ? [] : row.groups.map(toGroup);
  const { sessions, help, errors } = row.support;
  const rate = ratio(row.users.activated, size);
  const spread = uniformity(teams.flatMap((t) => (t.rate === null ? [] : [t.rate])));
  const criteria = judge(measure(row, spread.cv, stability), settings.goNoGo);
  const focus =
    settings.focusSegment !== undefined ? focusOf(row, focusRow, criteria, stability, settings) : undefined;
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    groupBy,
    audience: { size, teams: row.audience_teams, outside: row.outside },
    meaningful: { userTurns: settings.meaningfulTurns, completed: true },
    funnel: FUNNEL_STEPS.map((step) => ({ step, users: row.users[step] })),
    activation: {
      rate,
      activatedUsers: row.users.activated,
      unpromptedUsers: row.users.activated,
      promptedUsers: row.users.prompted,
    },
    timeToFirstInteraction: { medianHours: row.ttfi.median, p90Hours: row.ttfi.p90, users: row.ttfi.users },
    supportLoad: {
      sessions,
      help,
      errors,
      per100Sessions: per100(help + errors, sessions),
      helpPer100Sessions: per100(help, sessions),
      errorsPer100Sessions: per100(errors, sessions),
    },
    groups,
    teams,
    weekly: row.weekly,
    uniformity: spread,
    privacy: {
      minGroupSize: settings.minGroupSize,
      foldedTeams: small.folded,
      withheldTeams: small.withheld,
      ...(segments ? { withheldSegments: segments.withheld } : {}),
    },
    returns: summariseReturns(
      row.returns,
      row.cohorts,
      row.weekly[row.weekly.length - 1]?.week,
      settings.minGroupSize,
    ),
    growth,
    stability,
    goNoGo: focus
      ? { decision: decide(focus.criteria), criteria: focus.criteria, focus: focus.summary }
      : { decision: decide(criteria), criteria },
  };
}
