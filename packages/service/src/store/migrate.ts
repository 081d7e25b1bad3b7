import type { Db } from './db.js';
import type { Migration } from './migrations/index.js';

/**
 * Applies the migrations not yet recorded, each in its own transaction, in list order.
 * On PostgreSQL an advisory lock keeps two starting replicas from migrating at once.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<string[]> {
  await db.exec(
    `create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`,
  );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query(`select pg_advisory_xact_lock(727274)`);
    const done = new Set(
      (await tx.query<{ id: string }>(`select id from schema_migrations`)).map((r) => r.id),
    );
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query(`insert into schema_migrations (id) values ($1)`, [m.id]);
      applied.push(m.id);
    }
  });
  return applied;
}
