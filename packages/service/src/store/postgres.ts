// Node-only adapter for a real PostgreSQL server (DATABASE_URL).
import pg from 'pg';
import type { Db } from './db.js';

export async function openPostgresDb(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // When the server goes away (restart, failover), idle pooled clients emit 'error' on the pool;
  // with no listener Node treats it as uncaught and the whole service dies. The pool has already
  // dropped the broken client, and the next query opens a new connection: nothing else to do.
  pool.on('error', () => undefined);
  // Fail fast with a clear error instead of on the first request.
  const client = await pool.connect();
  client.release();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('begin');
        const result = await fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows as T[],
          exec: async (sql: string) => {
            await c.query(sql);
          },
        });
        await c.query('commit');
        return result;
      } catch (error) {
        // A failed rollback means the connection itself is gone: destroy it, do not pool it.
        await c.query('rollback').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        c.release(broken);
      }
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
