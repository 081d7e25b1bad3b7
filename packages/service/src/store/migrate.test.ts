// Several processes starting at once on an empty PostgreSQL database must all migrate it: the
// first one creates and fills `schema_migrations`, the others wait on the lock and apply nothing.
// The race is timing-dependent, so it is tried on many fresh databases (bounded, no wall clock).
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import { MIGRATIONS } from './migrations/index.js';
import { migrate, pendingMigrations } from './migrate.js';
import { openPostgresDb } from './postgres.js';
import { pgliteDb } from './pglite.js';

const DATABASES = 15;
const MIGRATORS = 3;

let pgServer: PostgresServer | undefined;
let pgSkip = 'no storage';

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    pgSkip = started.skip;
    console.warn(`[migrate] PostgreSQL tests skipped: ${pgSkip}`);
  } else pgServer = started;
});
afterAll(async () => {
  await pgServer?.stop();
});

describe('migrate on PostgreSQL', () => {
  test(`${MIGRATORS} concurrent migrators on each of ${DATABASES} empty databases all succeed`, async (ctx) => {
    if (!pgServer) return ctx.skip(pgSkip);
    for (let n = 0; n < DATABASES; n++) {
      const url = await pgServer.createDatabase(`migrate_race_${Date.now()}_${n}`);
      // One pool per migrator: separate connections, as separate processes would have.
      const dbs = await Promise.all(Array.from({ length: MIGRATORS }, () => openPostgresDb(url)));
      try {
        const results = await Promise.allSettled(dbs.map((db) => migrate(db, MIGRATIONS)));
        const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        expect(failures, `database ${n}`).toEqual([]);
        const applied = results.map((r) => (r.status === 'fulfilled' ? r.value : []));
        // Exactly one of them applied everything; the others found nothing left to do.
        expect(applied.filter((a) => a.length > 0)).toEqual([MIGRATIONS.map((m) => m.id)]);
        expect(await pendingMigrations(dbs[0]!, MIGRATIONS)).toEqual([]);
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
      }
    }
  });
});

test('pendingMigrations: all on an empty database, none after migrate, the new one after an append', async () => {
  const db = pgliteDb(await PGlite.create());
  try {
    expect(await pendingMigrations(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
    await migrate(db, MIGRATIONS);
    expect(await pendingMigrations(db, MIGRATIONS)).toEqual([]);
    const next = [...MIGRATIONS, { id: '999_later', sql: 'create table later (id int)' }];
    expect(await pendingMigrations(db, next)).toEqual(['999_later']);
  } finally {
    await db.close();
  }
});
