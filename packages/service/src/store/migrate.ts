import type { Db } from './db.js';
import type { Migration } from './migrations/index.js';

/** Serialises migrators on one PostgreSQL database (any fixed number; ours). */
const MIGRATION_LOCK = 727274;

const CREATE_TABLE = `create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`;

/**
 * Applies the migrations not yet recorded, in list order, in one transaction. On PostgreSQL the
 * advisory lock is the transaction's first statement, before even `schema_migrations` is created:
 * two processes starting at once on an empty database would otherwise both create the table's
 * type and one would fail (`duplicate key … pg_type_typname_nsp_index`). The waiting one then sees
 * the committed table and applies nothing. Returns the ids applied.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(CREATE_TABLE);
    const done = new Set(
      (await tx.query<{ id: string }>(`select id from schema_migrations`)).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query(`insert into schema_migrations (id) values ($1)`, [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** The ids of `migrations` not yet applied (all of them on an empty database); writes nothing. */
export async function pendingMigrations(db: Db, migrations: Migration[]): Promise<string[]> {
  const [table] = await db.query<{ name: string | null }>(
    `select to_regclass('schema_migrations')::text as name`,
  );
  if (!table?.name) return migrations.map((m) => m.id);
  const done = new Set((await db.query<{ id: string }>(`select id from schema_migrations`)).map((r) => r.id));
  return migrations.filter((m) => !done.has(m.id)).map((m) => m.id);
}
