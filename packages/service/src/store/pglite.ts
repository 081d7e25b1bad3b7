import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.js';

/**
 * Wraps an open PGlite instance. `relaxedDurability` stays false (PGlite's default): every query
 * awaits the file-system sync before it resolves, so a 202 is only sent for rows already written.
 */
export function pgliteDb(pg: PGlite): Db {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      );
    },
    close: () => pg.close(),
  };
}

/** An in-memory PGlite (tests, the in-browser mocks). Nothing survives `close()`. */
export async function openMemoryDb(): Promise<Db> {
  return pgliteDb(await PGlite.create('memory://', { relaxedDurability: false }));
}
