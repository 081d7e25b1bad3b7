/**
 * Opening storage from Node: PostgreSQL when a URL is given, otherwise PGlite in a data
 * directory (or `memory://`). Crash safety for the data directory (docs/design.md §7):
 *  - `<dir>/inflow.lock` holds the pid of the service using the directory; a second live service
 *    is refused instead of corrupting it.
 *  - A lock left by a dead process means the last stop was unclean: PGlite's own
 *    `postmaster.pid` is stale then and is removed before opening (PGlite always writes the
 *    fake pid -42, so it can never tell a live owner from a dead one by itself).
 *  - The open is bounded: if PGlite has not opened within `openTimeoutMs`, startup fails with a
 *    clear error instead of hanging.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { pgliteDb } from './pglite.js';
import { openPostgresDb } from './postgres.js';

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string;
  openTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface OpenedDb {
  db: Db;
  /** Where the data lives, for messages (`postgres` or the directory, or `memory://`). */
  location: string;
  /** True when the previous run did not close cleanly and its stale lock was cleared. */
  recovered: boolean;
  close(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else. Only ESRCH proves it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * When a process started (clock ticks since boot, field 22 of /proc/<pid>/stat), on Linux.
 * A pid alone is not an identity: in a container the service is pid 1 in every incarnation, and
 * after a restart an unrelated process can hold the old pid.
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

interface LockOwner {
  pid: number;
  start?: string;
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    const text = readFileSync(lockFile, 'utf8');
    const parsed = JSON.parse(text) as LockOwner;
    return Number.isInteger(parsed.pid) ? parsed : undefined;
  } catch {
    return undefined; // unreadable or half-written: its writer died mid-write
  }
}

/** True when the lock's owner is a live process other than this one. */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid || !alive(owner.pid)) return false;
  // Same pid, different start time: the pid was reused by an unrelated process.
  if (owner.start !== undefined) {
    const now = startTime(owner.pid);
    if (now !== undefined && now !== owner.start) return false;
  }
  return true;
}

/** Takes the directory lock; returns true when a dead owner's lock was found (unclean stop). */
function takeLock(lockFile: string): boolean {
  let stale = false;
  if (existsSync(lockFile)) {
    const owner = readOwner(lockFile);
    if (owner && ownerAlive(owner)) {
      throw new Error(`data directory is in use by another Inflow service (pid ${owner.pid}): ${lockFile}`);
    }
    stale = true;
  }
  const start = startTime(process.pid);
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, ...(start ? { start } : {}) }));
  return stale;
}

/** Thrown when the open did not finish in time; `abandoned` settles once the late open was closed. */
export class OpenTimeoutError extends Error {
  constructor(
    message: string,
    readonly abandoned: Promise<void>,
  ) {
    super(message);
    this.name = 'OpenTimeoutError';
  }
}

function openWithTimeout(open: Promise<PGlite>, ms: number, message: string): Promise<PGlite> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // PGlite cannot be cancelled mid-open: close it if it ever finishes, so it does not linger.
      const abandoned = open.then((pg) => pg.close()).catch(() => undefined);
      reject(new OpenTimeoutError(message, abandoned));
    }, ms);
    timer.unref?.();
  });
  return Promise.race([open, timeout]).finally(() => clearTimeout(timer));
}

/** Directories this process has open (the pid lock cannot tell this process from itself). */
const openHere = new Set<string>();

export async function openDb(o: OpenOptions): Promise<OpenedDb> {
  if (o.databaseUrl) {
    const db = await openPostgresDb(o.databaseUrl);
    return { db, location: 'postgres', recovered: false, close: () => db.close() };
  }
  if (o.dataDir === 'memory://' || o.dataDir.startsWith('memory://')) {
    const pg = await PGlite.create(o.dataDir);
    const db = pgliteDb(pg);
    return { db, location: o.dataDir, recovered: false, close: () => db.close() };
  }
  const dir = resolve(o.dataDir);
  const pgDir = join(dir, 'pg');
  const lockFile = join(dir, 'inflow.lock');
  mkdirSync(dir, { recursive: true });
  if (openHere.has(dir)) throw new Error(`data directory is already open in this process: ${dir}`);
  const recovered = takeLock(lockFile);
  openHere.add(dir);
  const postmasterPid = join(pgDir, 'postmaster.pid');
  if (existsSync(postmasterPid)) {
    // We hold the lock, so no live process owns this PGlite directory: the pid file is stale.
    o.log?.(`clearing stale ${postmasterPid} left by an unclean stop`);
    rmSync(postmasterPid, { force: true });
  }
  const timeoutMs = o.openTimeoutMs ?? 60_000;
  let pg: PGlite;
  try {
    // relaxedDurability stays off: each query resolves only after PGlite synced it to disk.
    pg = await openWithTimeout(
      PGlite.create(pgDir, { relaxedDurability: false }),
      timeoutMs,
      `PGlite did not open ${pgDir} within ${timeoutMs} ms. The data directory may be damaged: ` +
        `stop the service, move the directory aside (keep it for recovery) and start again, or set DATABASE_URL.`,
    );
  } catch (error) {
    openHere.delete(dir);
    rmSync(lockFile, { force: true });
    if (error instanceof OpenTimeoutError) throw error;
    // e.g. PGlite's bare "RuntimeError: Aborted()" on a damaged directory: say what to do.
    throw new Error(
      `PGlite could not open ${pgDir} (${error instanceof Error ? error.message : String(error)}). ` +
        `The data directory may be damaged: stop the service, move the directory aside (keep it for recovery) and start again, or set DATABASE_URL.`,
      { cause: error },
    );
  }
  const db = pgliteDb(pg);
  let closed = false;
  return {
    db,
    location: dir,
    recovered,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      // Only a clean close removes the lock; its absence tells the next start all is well.
      rmSync(lockFile, { force: true });
      openHere.delete(dir);
    },
  };
}
