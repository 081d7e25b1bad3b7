/**
 * Keyset paging over one table of an export: each page is `limit` rows after the last row of the
 * page before, by (key time, id), so every page is one index range scan
 * (`events_tenant_received_id`, `sessions_tenant_created_id`) and no page holds more than `limit`
 * rows in memory, at the 10-millionth row as at the first.
 */
import type { Db } from '../store/db.js';
import type { Column } from './columns.js';
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

/** The pages of [from, to) in (key, id) order; the last one is shorter than `limit` (maybe empty). */
export async function* pages(
  db: Pick<Db, 'query'>,
  spec: ExportTable,
  tenant: string,
  range: Range,
  limit = PAGE_SIZE,
): AsyncGenerator<Row[]> {
  const select = spec.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
  const base = [tenant, range.from.toISOString(), range.to.toISOString(), ...spec.params];
  const t = base.length + 1;
  const where = `tenant = $1 and ${spec.key} >= $2::timestamptz and ${spec.key} < $3::timestamptz`;
  const first = `select ${select} from ${spec.table} where ${where} order by ${spec.key}, id limit ${limit}`;
  const next = `select ${select} from ${spec.table}
    where ${where} and (${spec.key}, id) > ($${t}::timestamptz, $${t + 1}::uuid)
    order by ${spec.key}, id limit ${limit}`;
  let cursor: [Row[string], Row[string]] | undefined;
  for (;;) {
    const rows = await db.query<Row>(cursor ? next : first, cursor ? [...base, ...cursor] : base);
    yield rows;
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!;
    cursor = [last[spec.keyColumn]!, last.id!];
  }
}
