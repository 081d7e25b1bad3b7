import { MIGRATIONS } from './migrations/index.js';
import { migrate } from './migrate.js';
import { openDb } from './open-node.js';

/**
 * `inflow migrate`: applies the pending migrations to the configured storage and closes it.
 * Safe to run while replicas start or serve (they wait on the same advisory lock, store/migrate.ts).
 */
export async function migrateStorage(
  options: {
    dataDir?: string;
    databaseUrl?: string;
    env?: Record<string, string | undefined>;
    openTimeoutMs?: number;
  } = {},
): Promise<{ location: string; applied: string[]; total: number }> {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const opened = await openDb({
    dataDir: options.dataDir ?? env.INFLOW_DATA_DIR ?? './.inflow-data',
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.openTimeoutMs ? { openTimeoutMs: options.openTimeoutMs } : {}),
  });
  try {
    return {
      location: opened.location,
      applied: await migrate(opened.db, MIGRATIONS),
      total: MIGRATIONS.length,
    };
  } finally {
    await opened.close();
  }
}
