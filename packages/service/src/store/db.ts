/**
 * The one database seam. PGlite (embedded, in a data directory or `memory://`) and PostgreSQL
 * (via `pg`) both speak the same SQL, so the store and every migration run unchanged on either.
 * Runtime-neutral: the `pg` adapter lives in `./postgres.ts` and is only loaded by the Node entry.
 */
export interface Db {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; everything it does commits or rolls back together. */
  transaction<T>(fn: (tx: Pick<Db, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /** A connection pool's use (PostgreSQL), for metrics; PGlite has one connection and none. */
  poolStats?(): PoolStats;
}

export interface PoolStats {
  /** Connections open, idle among them, and queries waiting for one. */
  total: number;
  idle: number;
  waiting: number;
}
