/**
 * Test and benchmark helper: start worker-process.ts as a child (the service's worker in its own
 * process, as two replicas run it) and wait for `ready`; the queue filled with `n` activation
 * webhook jobs; a loopback receiver that counts what it got per idempotency key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../store/db.js';

const repoRoot = new URL('../../../../../', import.meta.url).pathname;
const entry = new URL('./worker-process.ts', import.meta.url).pathname;

export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before ready`)));
  });
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `n` due jobs of kind webhook.activation for `tenant`, keys `scale:<i>`, in one statement. */
export async function fillQueue(db: Db, tenant: string, n: number): Promise<void> {
  await db.query(
    `insert into deliveries (tenant, id, kind, payload, idempotency_key, next_attempt_at, created_at)
     select $1, gen_random_uuid(), 'webhook.activation', jsonb_build_object('type', 'session.completed', 'n', i),
            'scale:' || i, now(), now()
       from generate_series(1, $2::int) as i`,
    [tenant, n],
  );
}

export interface CountingReceiver {
  url: string;
  /** Requests received per idempotency key. */
  seen: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

export async function countingReceiver(): Promise<CountingReceiver> {
  const seen = new Map<string, number>();
  let total = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      total++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    total: () => total,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
