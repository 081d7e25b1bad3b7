/**
 * Outbound delivery benchmark (issue 19), on a throw-away PostgreSQL:
 *
 *   node --conditions=source --import tsx packages/service/bench/outbound.ts [--jobs 10000] [--runs 3]
 *
 * 1. Deliveries per second to a loopback receiver with 1 and with 2 service processes
 *    (test/worker-process.ts: createService with its worker), from a queue filled with `jobs`.
 * 2. Event ingest (POST /v1/events, 50 events a request, in-process app) with deliveries
 *    configured and a worker in the same process delivering a backlog at the same time, as a
 *    ratio to ingest with no worker and no backlog, alternated in the same run (target ≥ 0.9×).
 * Prints one `RESULT {json}` line for bench/run.mjs.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createService } from '../src/node.js';
import { generateSecret } from '../src/nudges/sign.js';
import {
  exited,
  fillQueue,
  startReceiverProcess,
  startWorkerProcess,
} from '../src/outbound/test/processes.js';
import { migrate } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { openPostgresDb } from '../src/store/postgres.js';
import { ACME_SECRET, token } from '../src/test/harness.js';
import { startPostgres } from '../src/test/postgres.js';
import type { TenantConfig } from '../src/tenants.js';

const { values } = parseArgs({
  options: { jobs: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } },
});
const JOBS = Number(values.jobs);
const RUNS = Number(values.runs);
const POLICY = { batch: 50, intervalMs: 50, leaseMs: 30_000, timeoutMs: 5000, sweepIntervalMs: 3_600_000 };

const server = await startPostgres();
if ('skip' in server) {
  console.log(`RESULT ${JSON.stringify({ skipped: server.skip })}`);
  process.exit(0);
}
// In a child process: a real receiver runs elsewhere, and its HTTP work in this process would be
// charged to the in-process service's ingest.
const receiver = await startReceiverProcess();
const tenants: TenantConfig[] = [
  {
    id: 'acme',
    secrets: [ACME_SECRET],
    activationWebhook: { url: receiver.url, secret: generateSecret() },
    allowPrivateReceivers: true,
  },
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freshDb() {
  const url = await server.createDatabase(
    `outbound_bench_${Date.now()}_${Math.random().toString(36).slice(2, 6)}`,
  );
  const db = await openPostgresDb(url);
  await migrate(db, MIGRATIONS);
  return { url, db };
}

/** Deliveries per second with `processes` worker processes, from a full queue to empty. */
async function deliveriesPerSecond(processes: number): Promise<number> {
  const { url, db } = await freshDb();
  await fillQueue(db, 'acme', JOBS);
  const env = {
    DATABASE_URL: url,
    INFLOW_TENANTS: JSON.stringify(tenants),
    OUTBOUND_POLICY: JSON.stringify(POLICY),
  };
  const before = await receiver.total();
  // Started together; timed from the first delivery to the last, so process start-up is excluded.
  const children = await Promise.all(Array.from({ length: processes }, () => startWorkerProcess(env)));
  for (let i = 0; i < 6000 && (await receiver.total()) === before; i++) await sleep(5);
  const t0 = performance.now();
  for (let i = 0; i < 12_000 && (await receiver.total()) - before < JOBS; i++) await sleep(10);
  const seconds = (performance.now() - t0) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  const delivered = (
    await db.query<{ n: number }>(`select count(*)::int as n from deliveries where status = 'delivered'`)
  )[0]!.n;
  await db.close();
  if (delivered !== JOBS) throw new Error(`only ${delivered} of ${JOBS} delivered`);
  return JOBS / seconds;
}

/** Events per second through POST /v1/events for `requests` requests of 50 events. */
async function ingest(withDeliveries: boolean, requests: number): Promise<number> {
  const { url, db } = await freshDb();
  if (withDeliveries) await fillQueue(db, 'acme', JOBS);
  const service = await createService({
    databaseUrl: url,
    tenants,
    rateLimit: false,
    log: () => undefined,
    // The production worker policy (DEFAULT_WORKER_POLICY): what a deployment with deliveries runs.
    outbound: withDeliveries ? {} : false,
  });
  const bearer = await token({
    iss: 'acme',
    secret: ACME_SECRET,
    sub: 'mgr-1',
    team: 'sales',
    scope: 'practice',
  });
  const post = () =>
    service.app.fetch(
      new Request('http://bench.test/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: Array.from({ length: 50 }, () => ({
            id: crypto.randomUUID(),
            name: 'open',
            at: new Date().toISOString(),
            scenario: 'goal-setting',
            source: 'embedded',
          })),
        }),
      }),
    );
  const before = await receiver.total();
  if (withDeliveries) for (let i = 0; i < 2000 && (await receiver.total()) === before; i++) await sleep(5);
  const t0 = performance.now();
  // Eight requests in flight, as several browsers flushing at once.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests) {
        next++;
        const res = await post();
        if (res.status !== 202 && res.status !== 200) throw new Error(`ingest answered ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const pending = withDeliveries
    ? (
        await db.query<{ n: number }>(`select count(*)::int as n from deliveries where status = 'pending'`)
      )[0]!.n
    : 0;
  await service.close();
  await db.close();
  if (withDeliveries && pending === JOBS) throw new Error('no delivery happened during the ingest run');
  return (requests * 50) / seconds;
}

const one: number[] = [];
const two: number[] = [];
const plain: number[] = [];
const busy: number[] = [];
for (let run = 0; run < RUNS; run++) {
  one.push(await deliveriesPerSecond(1));
  two.push(await deliveriesPerSecond(2));
  plain.push(await ingest(false, 400));
  busy.push(await ingest(true, 400));
  console.log(
    JSON.stringify({
      run: run + 1,
      oneProcess: one.at(-1),
      twoProcesses: two.at(-1),
      ingestPlain: plain.at(-1),
      ingestBusy: busy.at(-1),
    }),
  );
}
const result = {
  jobs: JOBS,
  runs: RUNS,
  deliveriesPerSecond: { oneProcess: Math.round(median(one)), twoProcesses: Math.round(median(two)) },
  ingestEventsPerSecond: {
    withoutDeliveries: Math.round(median(plain)),
    withDeliveries: Math.round(median(busy)),
  },
  ingestRatio: Math.round((median(busy) / median(plain)) * 100) / 100,
  loadAverage: loadavg()[0],
};
console.log(`RESULT ${JSON.stringify(result)}`);
await receiver.close();
await server.stop();
