/**
 * What an export may contain: an explicit allow-list of columns, each with the SQL that reads it.
 * Nothing outside these lists leaves the service, so a column added to a table later is not
 * exported until it is added here. Never transcript text, coach lines, feedback prose, criterion
 * evidence or free-text event props (docs/activation.md, Export).
 */
export type ColumnKind = 'text' | 'number' | 'boolean' | 'time';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** SQL over the table's row; `time` columns are formatted by {@link timeSql}. */
  sql: string;
}

/** An instant as RFC 3339 UTC with the stored microseconds, exact enough to be a paging key. */
export const timeSql = (expr: string): string =>
  `to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * String props exported only when they are a short token (an error code, a nudge trigger, `voice`):
 * no spaces, so no sentence a user typed can pass. Any other string, and every prop not listed, is dropped.
 */
const TOKEN = `'^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'`;
/** A prop of `type`, read as `value`, or null: one CASE shape for every exported prop. */
const typedProp = (key: string, type: 'string' | 'number', test: string, value: string): string =>
  `case when jsonb_typeof(props->'${key}') = '${type}'${test} then ${value} end`;
const tokenProp = (key: string): string =>
  typedProp(key, 'string', ` and props->>'${key}' ~ ${TOKEN}`, `props->>'${key}'`);
const numberProp = (key: string): string => typedProp(key, 'number', '', `(props->>'${key}')::float8`);

export const EVENT_COLUMNS: Column[] = [
  { name: 'id', kind: 'text', sql: 'id::text' },
  { name: 'type', kind: 'text', sql: 'name' },
  { name: 'at', kind: 'time', sql: timeSql('at') },
  { name: 'received_at', kind: 'time', sql: timeSql('received_at') },
  { name: 'user', kind: 'text', sql: '"user"' },
  { name: 'team', kind: 'text', sql: 'team' },
  { name: 'session_id', kind: 'text', sql: 'session_id::text' },
  { name: 'scenario', kind: 'text', sql: 'scenario' },
  { name: 'source', kind: 'text', sql: 'source' },
  { name: 'user_turns', kind: 'number', sql: numberProp('userTurns') },
  { name: 'input', kind: 'text', sql: tokenProp('input') },
  { name: 'code', kind: 'text', sql: tokenProp('code') },
  { name: 'trigger', kind: 'text', sql: tokenProp('trigger') },
  { name: 'action', kind: 'text', sql: tokenProp('action') },
];

const idleSince = 'coalesce(last_active_at, created_at)';

/**
 * A session is abandoned as the xAPI sweep sees it (outbound/abandoned.ts): not completed, and idle
 * for the tenant's timeout at the export's snapshot instant (`$4`); then its last activity.
 */
export const sessionColumns = (abandonMinutes: number): Column[] => [
  { name: 'id', kind: 'text', sql: 'id::text' },
  { name: 'user', kind: 'text', sql: '"user"' },
  { name: 'team', kind: 'text', sql: 'team' },
  { name: 'scenario', kind: 'text', sql: 'scenario' },
  { name: 'scenario_version', kind: 'number', sql: 'scenario_version' },
  { name: 'source', kind: 'text', sql: 'source' },
  { name: 'locale', kind: 'text', sql: 'locale' },
  { name: 'started_at', kind: 'time', sql: timeSql('created_at') },
  { name: 'last_active_at', kind: 'time', sql: timeSql(idleSince) },
  { name: 'completed_at', kind: 'time', sql: timeSql('completed_at') },
  {
    name: 'abandoned_at',
    kind: 'time',
    sql: timeSql(
      `case when completed_at is null and ${idleSince} <= $4::timestamptz - make_interval(mins => ${Math.trunc(abandonMinutes)}) then ${idleSince} end`,
    ),
  },
  { name: 'user_turns', kind: 'number', sql: 'user_turns' },
  { name: 'score', kind: 'number', sql: 'score' },
  { name: 'max_score', kind: 'number', sql: 'max_score' },
  { name: 'passed', kind: 'boolean', sql: 'passed' },
  { name: 'judge_version', kind: 'text', sql: 'judge_version' },
];
