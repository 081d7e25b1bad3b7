/**
 * Keyset paging over one table of an export: each page is `limit` rows after the last row of the
 * page before, by (key time, id), so every page is one index range scan
 * (`events_tenant_received_id`, `sessions_tenant_created_id`) and no page holds more than `limit`
 * rows in memory, at the 10-millionth row as at the first.
 */
import type { Db } from '../store/db.js';
import { EVENT_COLUMNS, sessionColumns, type Column } from './columns.js';
import type { Row } from './format.js';

export interface ExportTable {
  table: 'events' | 'sessions';
  /** The range and paging key, a timestamptz column of the table. */
  key: string;
  /** The exported column holding `key` as microsecond RFC 3339 text: the cursor's exact value. */
  keyColumn: string;
  columns: Column[];
  /** Parameters from `$4` on that the columns' SQL reads (the sessions' snapshot instant). */
  params: unknown[];
}

export const PAGE_SIZE = 5000;

export interface Range {
  from: Date;
  to: Date;
}

/** The first page's query and the next pages' (after the cursor `$n`, `$n+1`), over `t`. */
export function pageSql(spec: ExportTable, limit: number): { first: string; next: string } {
  const select = spec.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
  const n = 4 + spec.params.length;
  const where = `t.tenant = $1 and t.${spec.key} >= $2::timestamptz and t.${spec.key} < $3::timestamptz`;
  // Qualified: a bare `id` or `received_at` in ORDER BY names the exported text column of that
  // name, which sorts the same but cannot use the index (a full sort of the range per page).
  const order = `order by t.${spec.key}, t.id limit ${Math.trunc(limit)}`;
  return {
    first: `select ${select} from ${spec.table} t where ${where} ${order}`,
    next: `select ${select} from ${spec.table} t
      where ${where} and (t.${spec.key}, t.id) > ($${n}::timestamptz, $${n + 1}::uuid) ${order}`,
  };
}

/** The pages of [from, to) in (key, id) order; the last one is shorter than `limit` (maybe empty). */
export async function* pages(
  db: Pick<Db, 'query'>,
  spec: ExportTable,
  tenant: string,
  range: Range,
  limit = PAGE_SIZE,
): AsyncGenerator<Row[]> {
  const { first, next } = pageSql(spec, limit);
  const base = [tenant, range.from.toISOString(), range.to.toISOString(), ...spec.params];
  let cursor: [Row[string], Row[string]] | undefined;
  for (;;) {
    const rows = await db.query<Row>(cursor ? next : first, cursor ? [...base, ...cursor] : base);
    yield rows;
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!;
    cursor = [last[spec.keyColumn]!, last.id!];
  }
}

export const EVENTS_TABLE: ExportTable = {
  table: 'events',
  key: 'received_at',
  keyColumn: 'received_at',
  columns: EVENT_COLUMNS,
  params: [],
};

/** `snapshot` is `$4`, so `abandoned_at` does not change while the export streams. */
export const sessionsTable = (abandonMinutes: number, snapshot: Date): ExportTable => ({
  table: 'sessions',
  key: 'created_at',
  keyColumn: 'started_at',
  columns: sessionColumns(abandonMinutes),
  params: [snapshot.toISOString()],
});
