// The scale test: two service processes (each createService with its worker, in its own
// Node process) on one real PostgreSQL deliver 10,000 queued webhooks to a loopback receiver;
// one of them is killed with SIGKILL mid-delivery and a third takes its place. Every job is
// delivered (none lost, none dead), each job's row is settled once, and the only keys received
// twice are those the killed process held at its death (at most one batch): its requests may
// have arrived before it died without their outcome being recorded, so the survivors send them
// again, under the same Idempotency-Key, once its lease (15 s here) ran out. Bounded loops only.
// Skipped, with the reason, where no PostgreSQL server can be started.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openPostgresDb } from '../store/postgres.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import {
  countingReceiver,
  exited,
  fillQueue,
  startWorkerProcess,
  type CountingReceiver,
} from './test/processes.js';

const JOBS = 10_000;
const BATCH = 50;
let pgServer: PostgresServer | undefined;
let skip = 'no storage';
let db: Db;
let env: Record<string, string>;
let receiver: CountingReceiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    skip = started.skip;
    return;
  }
  pgServer = started;
  const url = await pgServer.createDatabase(`scale_${Date.now()}`);
  db = await openPostgresDb(url);
  await migrate(db, MIGRATIONS);
  receiver = await countingReceiver();
  const tenants = [
    {
      id: 'acme',
      secrets: ['acme-test-secret-0123456789abcdef'],
      activationWebhook: { url: receiver.url, secret: generateSecret() },
      allowPrivateReceivers: true,
    },
  ];
  env = {
    DATABASE_URL: url,
    INFLOW_TENANTS: JSON.stringify(tenants),
    OUTBOUND_POLICY: JSON.stringify({
      batch: BATCH,
      intervalMs: 50,
      leaseMs: 15_000,
      timeoutMs: 5000,
      sweepIntervalMs: 3_600_000,
    }),
  };
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await receiver?.close();
  await db?.close();
  await pgServer?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (status: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from deliveries where status = $1`, [status]))[0]!
    .n;

test('two processes deliver 10,000 jobs, one killed with SIGKILL mid-delivery: none lost, duplicates only of its lease', async (ctx) => {
  if (!pgServer) return ctx.skip(skip);
  await fillQueue(db, 'acme', JOBS);
  const [a, b] = await Promise.all([startWorkerProcess(env), startWorkerProcess(env)]);
  children.push(a!, b!);
  // Kill A once a third of the jobs arrived (bounded: at most 600 × 50 ms).
  for (let i = 0; i < 600 && receiver.total() < JOBS / 3; i++) await sleep(50);
  expect(receiver.total(), 'deliveries under way before the kill').toBeGreaterThan(0);
  const duplicatesBeforeKill = [...receiver.seen.values()].filter((n) => n > 1).length;
  a!.kill('SIGKILL');
  await exited(a!);
  const c = await startWorkerProcess(env);
  children.push(c);
  for (let i = 0; i < 1200 && (await count('delivered')) < JOBS; i++) await sleep(100);

  expect(await count('delivered')).toBe(JOBS);
  expect(await count('pending')).toBe(0);
  expect(await count('dead')).toBe(0);
  const keys = [...receiver.seen.keys()].filter((k) => k.startsWith('scale:'));
  expect(keys, 'none lost').toHaveLength(JOBS);
  const twice = [...receiver.seen.entries()].filter(([, n]) => n > 1);
  expect(duplicatesBeforeKill, 'two live processes never send a job twice').toBe(0);
  expect(twice.length, 'sent again: only what the killed process held').toBeLessThanOrEqual(BATCH);
  expect(twice.every(([, n]) => n === 2)).toBe(true);
  // Every delivered row's attempts: one, or two for a job whose first attempt died with A.
  const attempts = await db.query<{ attempts: number; n: number }>(
    `select attempts, count(*)::int as n from deliveries group by attempts order by attempts`,
  );
  expect(attempts.every((r) => r.attempts <= 2)).toBe(true);
  console.info(`[scale] ${JOBS} delivered; ${twice.length} sent twice (held by the killed process)`);
}, 240_000);
