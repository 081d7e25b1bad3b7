/**
 * Test helper: runs a suite on in-memory PGlite and on a throw-away PostgreSQL (skipped, with the
 * reason printed, when PostgreSQL cannot run here), with the service's own migrations. The same
 * SQL must give the same answers on both stores the service supports.
 */
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { openPostgresDb } from '../store/postgres.js';
import { startPostgres, type PostgresServer } from './postgres.js';

export type Test = (name: string, fn: (db: Db) => Promise<void>) => void;

export function onBackends(suite: string, body: (test: Test) => void): void {
  let pgServer: PostgresServer | undefined;
  let pgSkip: string | undefined;
  beforeAll(async () => {
    const started = await startPostgres();
    if ('skip' in started) {
      pgSkip = started.skip;
      console.warn(`[${suite}] PostgreSQL suite skipped: ${pgSkip}`);
    } else pgServer = started;
  });
  afterAll(() => pgServer?.stop());
  const backends = [
    { name: 'PGlite', open: async (): Promise<Db | undefined> => openMemoryDb() },
    {
      name: 'PostgreSQL',
      open: async (): Promise<Db | undefined> =>
        pgServer ? openPostgresDb(await pgServer.createDatabase(`${suite}_${Date.now()}`)) : undefined,
    },
  ];
  describe.each(backends)(`${suite} on $name`, ({ open }) => {
    let db: Db | undefined;
    beforeAll(async () => {
      db = await open();
      if (db) await migrate(db, MIGRATIONS);
    });
    afterAll(() => db?.close());
    beforeEach(async () => {
      await db?.exec(
        'delete from events; delete from sessions; delete from audience; delete from audience_history; delete from audience_changes; delete from nudges; delete from turn_metrics;',
      );
    });
    body((name, fn) =>
      it(name, async (ctx) => {
        if (!db) ctx.skip(pgSkip ?? 'no storage');
        await fn(db!);
      }),
    );
  });
}
