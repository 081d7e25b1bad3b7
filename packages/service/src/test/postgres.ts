/**
 * Test helper: starts a real, throw-away PostgreSQL server from Debian's packages
 * (/usr/lib/postgresql/<v>/bin), initdb'd into a temp dir on a free loopback port.
 * As root it runs the server as the `postgres` user (PostgreSQL refuses to run as root).
 * Returns `{ skip }` with the reason when no server can be started here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** Connection string of a fresh, empty database created for the caller. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast or immediate shutdown) and starts it again on the same data and port. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(): Promise<void>;
}

function findBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer | { skip: string }> {
  const bin = findBin();
  if (!bin) return { skip: 'PostgreSQL binaries not found (set PG_BIN or install postgresql)' };
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0)
      return { skip: 'running as root and there is no "postgres" user to run the server as' };
    uid = Number(id.stdout.trim());
    gid = Number(g.stdout.trim());
  }
  const dir = mkdtempSync(join(tmpdir(), 'inflow-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    chownSync(dir, uid!, gid!);
    chmodSync(dir, 0o700);
  }
  // spawn's uid/gid options switch user without needing runuser/su.
  const as = asRoot ? { uid: uid!, gid: gid! } : {};
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'inflow', '--no-sync', '-E', 'UTF8', '--locale=C'],
    {
      encoding: 'utf8',
      ...as,
    },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `initdb failed: ${(init.stderr || init.stdout || String(init.error)).slice(0, 300)}` };
  }
  const port = await freePort();
  const base = `postgres://inflow@127.0.0.1:${port}`;
  let child!: ChildProcess;
  let exited!: Promise<void>;
  let stderr = '';
  /** Starts the server on the data dir and waits until it accepts connections. */
  const launch = async (): Promise<string | undefined> => {
    child = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=50',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...as },
    );
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const self = child;
    exited = new Promise<void>((resolve) => self.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      try {
        await c.connect();
        await c.end();
        return undefined;
      } catch {
        await c.end().catch(() => undefined);
        if (self.exitCode !== null || Date.now() > deadline) {
          self.kill('SIGKILL');
          return `postgres did not start: ${stderr.slice(-300)}`;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const failed = await launch();
  if (failed) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: failed };
  }
  return {
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      await c.query(`create database "${name.replace(/"/g, '')}"`);
      await c.end();
      return `${base}/${name}`;
    },
    async restart(mode = 'fast') {
      // fast: SIGINT (clients disconnected, clean checkpoint); immediate: SIGQUIT (crash-like,
      // WAL recovery on the next start) — what a database failover looks like to the service.
      child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      await exited;
      const failed = await launch();
      if (failed) throw new Error(failed);
    },
    async stop() {
      child.kill('SIGINT'); // fast shutdown
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
