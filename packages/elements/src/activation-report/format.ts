/**
 * Formatting and CSV export of an activation report. Pure functions: the element renders with
 * them and the tests check them, so what HR reads and what they download are the same figures.
 */
import type { ActivationReport } from '@inflow/contract';

export const STEP_LABELS: Record<string, string> = {
  impression: 'Saw the launcher',
  open: 'Opened',
  session_start: 'Started a session',
  first_interaction: 'First interaction',
  meaningful_interaction: 'Meaningful interaction',
  complete: 'Completed',
};

const DASH = '—';

/** 0.3767 → "37.7 %"; null (no denominator) → "—". */
export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : `${(value * 100).toFixed(1)} %`;
}

export function num(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? DASH : value.toFixed(digits);
}

/** Hours as people say them: "45 min", "5.2 h", "3.3 days". */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return DASH;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** Milliseconds: "850 ms", "2.4 s". */
export const ms = (value: number | null): string =>
  value === null ? DASH : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;

/** A criterion's measured value in its own unit. */
export function criterionValue(metric: string, value: number | null): string {
  if (metric === 'activationRate') return pct(value);
  if (metric.endsWith('Hours')) return duration(value);
  if (metric.endsWith('Ms')) return ms(value);
  if (metric === 'teamCv') return num(value, 2);
  return num(value, 1);
}

/**
 * One CSV cell: quoted when needed (RFC 4180), and a leading `=`, `+`, `-` or `@` neutralised so
 * a team name from the roster cannot run as a spreadsheet formula (CSV injection).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type CsvAdd = (
  section: string,
  key: string,
  metric: string,
  value: string | number | boolean | null,
) => void;

const scalar = (v: unknown): v is string | number | boolean | null => v === null || typeof v !== 'object';

/** The whole report as rows of `section,key,metric,value`; `more` adds the lazily loaded sections. */
export function reportToCsv(r: ActivationReport, more?: (r: ActivationReport, add: CsvAdd) => void): string {
  const rows: (string | number | boolean | null)[][] = [['section', 'key', 'metric', 'value']];
  const add: CsvAdd = (section, key, metric, value) => rows.push([section, key, metric, value]);
  add('range', '', 'from', r.range.from);
  add('range', '', 'to', r.range.to);
  add('audience', '', 'size', r.audience.size);
  add('audience', '', 'teams', r.audience.teams);
  add('audience', '', 'outside', r.audience.outside);
  add('definition', '', 'meaningfulUserTurns', r.meaningful.userTurns);
  for (const f of r.funnel) add('funnel', f.step, 'users', f.users);
  for (const [k, v] of Object.entries(r.activation)) add('activation', '', k, v);
  for (const [k, v] of Object.entries(r.timeToFirstInteraction)) add('timeToFirstInteraction', '', k, v);
  for (const [k, v] of Object.entries(r.supportLoad)) add('supportLoad', '', k, v);
  for (const [k, v] of Object.entries(r.uniformity)) add('uniformity', '', k, v);
  for (const [k, v] of Object.entries(r.privacy)) add('privacy', '', k, v);
  for (const t of r.teams)
    for (const [k, v] of Object.entries(t)) if (k !== 'key' && scalar(v)) add('team', t.key, k, v);
  if (r.groupBy !== 'team')
    for (const g of r.groups)
      // A segment row's funnel and TTFI are lists: segmentsCsv (lazy) writes them as rows.
      for (const [k, v] of Object.entries(g)) if (k !== 'key' && scalar(v)) add(r.groupBy, g.key, k, v);
  more?.(r, add);
  add('goNoGo', '', 'decision', r.goNoGo.decision);
  for (const c of r.goNoGo.criteria) {
    add('goNoGo', c.metric, 'value', c.value);
    add('goNoGo', c.metric, `threshold${c.comparator}`, c.threshold);
    add('goNoGo', c.metric, 'pass', c.pass);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
