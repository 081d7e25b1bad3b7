/**
 * Test and benchmark helper: start worker-process.ts as a child (the service's worker in its own
 * process, as two replicas run it) and wait for `ready`; the queue filled with `n` activation
 * webhook jobs; a loopback receiver that counts what it got per idempotency key, in this process
 * or in a child of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../store/db.js';

const repoRoot = new URL('../../../../../', import.meta.url).pathname;
const entry = new URL('./worker-process.ts', import.meta.url).pathname;

/** Starts `script` (TypeScript, through tsx) and resolves with its `ready` line. */
async function startChild(script: string, env: Record<string, string>): Promise<[ChildProcess, string]> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // Only whole lines: the last piece may still be arriving.
      const ready = out
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('ready'));
      if (ready !== undefined) resolve(ready);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before ready`)));
  });
  return [child, line];
}

export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  return (await startChild(entry, env))[0];
}

/** The counting receiver in a child process (receiver-process.ts): `total()` asks it. */
export async function startReceiverProcess(): Promise<{
  url: string;
  total(): Promise<number>;
  close(): Promise<void>;
}> {
  const [child, line] = await startChild(new URL('./receiver-process.ts', import.meta.url).pathname, {});
  const [, url, countUrl] = line.split(' ');
  return {
    url: url!,
    total: async () => Number(await (await fetch(countUrl!)).text()),
    close: () => {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
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
