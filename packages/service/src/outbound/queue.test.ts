// The outbound queue on PGlite and on a real PostgreSQL, against a real loopback receiver:
// two workers never send a job twice, Retry-After is honoured (on the stored times, with a clock
// the test moves), a receiver that always fails makes a dead letter with its reason.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { openPostgresDb } from '../store/postgres.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import { tenantRegistry } from '../tenants.js';
import type { KindRegistry } from './kinds.js';
import { enqueue, listJobs } from './queue.js';
import { startReceiver, type Receiver } from './test/receiver.js';
import { OutboundWorker, type WorkerPolicy } from './worker.js';

let pgServer: PostgresServer | undefined;
let pgSkip = 'no storage';
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  const started = await startPostgres();
  if ('skip' in started) pgSkip = started.skip;
  else pgServer = started;
});
afterAll(async () => {
  await receiver.close();
  await pgServer?.stop();
});

const TENANT = 't1';
const tenants = tenantRegistry([{ id: TENANT, secrets: ['x'.repeat(32)] }]);
/** A test kind: posts the payload as JSON to the loopback receiver. */
const kinds: KindRegistry = {
  'test.post': {
    build: async (job) => ({
      url: receiver.url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(job.payload),
    }),
  },
};

interface Backend {
  name: string;
  /** `count` handles on one fresh database: separate pools on PostgreSQL, one PGlite shared. */
  open(count: number): Promise<Db[] | undefined>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    open: async (count) => {
      const db = await openMemoryDb();
      await migrate(db, MIGRATIONS);
      return Array.from({ length: count }, () => db);
    },
  },
  {
    name: 'PostgreSQL',
    open: async (count) => {
      if (!pgServer) return undefined;
      const url = await pgServer.createDatabase(
        `outbound_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`,
      );
      const dbs = await Promise.all(Array.from({ length: count }, () => openPostgresDb(url)));
      await migrate(dbs[0]!, MIGRATIONS);
      return dbs;
    },
  },
];

const clock = { now: new Date('2026-06-01T10:00:00.000Z') };
const advance = (ms: number) => void (clock.now = new Date(clock.now.getTime() + ms));

function worker(db: Db, policy: Partial<WorkerPolicy> = {}, random = () => 0.5): OutboundWorker {
  return new OutboundWorker({ db, tenants, kinds, now: () => clock.now, random, policy });
}

describe.each(backends)('outbound queue on $name', (backend) => {
  let dbs: Db[] = [];
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.script({ status: 200 });
    clock.now = new Date('2026-06-01T10:00:00.000Z');
  });
  afterEach(async () => {
    await Promise.all([...new Set(dbs)].map((db) => db.close()));
    dbs = [];
  });
  const opened = async (count: number, ctx: { skip: (reason: string) => void }) => {
    const got = await backend.open(count);
    if (!got) ctx.skip(pgSkip);
    dbs = got ?? [];
    return dbs;
  };

  test('two workers on 200 jobs: every job delivered exactly once, with its idempotency key', async (ctx) => {
    const [a, b] = await opened(2, ctx);
    const keys = Array.from({ length: 200 }, (_, i) => `job-${i}`);
    for (const key of keys)
      await enqueue(
        a!,
        { tenant: TENANT, kind: 'test.post', payload: { key }, idempotencyKey: key },
        clock.now,
      );
    const one = worker(a!, { batch: 7 });
    const two = worker(b!, { batch: 7 });
    const leased = [0, 0];
    for (let round = 0; round < 200; round++) {
      const [x, y] = await Promise.all([one.tick(), two.tick()]);
      leased[0]! += x;
      leased[1]! += y;
      if (x + y === 0) break;
    }
    const sent = receiver.received.map((r) => r.headers['idempotency-key']);
    expect(sent.length, 'requests sent').toBe(200);
    expect(new Set(sent).size, 'distinct jobs sent').toBe(200);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { key: string }).key).sort()).toEqual(
      [...keys].sort(),
    );
    expect(leased[0]! + leased[1]!).toBe(200);
    const jobs = await listJobs(a!, TENANT, 'delivered', 1000);
    expect(jobs).toHaveLength(200);
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    console.info(`[outbound ${backend.name}] leased by worker 1: ${leased[0]}, worker 2: ${leased[1]}`);
  });

  test('503 with Retry-After: 2, then 200: the next attempt is stored ≥ 2 s later and nothing is sent before', async (ctx) => {
    const [db] = await opened(1, ctx);
    receiver.script({ status: 503, headers: { 'retry-after': '2' }, body: 'busy' }, { status: 200 });
    await enqueue(db!, { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'k' }, clock.now);
    // No jitter at all (random 0): the wait is the receiver's alone.
    const w = worker(db!, {}, () => 0);
    expect(await w.tick()).toBe(1);
    const [waiting] = await listJobs(db!, TENANT, 'pending');
    expect(waiting).toMatchObject({ attempts: 1, lastStatus: 503, lastError: 'HTTP 503: busy' });
    expect(waiting!.nextAttemptAt.getTime() - waiting!.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(2000);
    advance(1999);
    expect(await w.tick(), 'not due before Retry-After').toBe(0);
    advance(waiting!.nextAttemptAt.getTime() - clock.now.getTime());
    expect(await w.tick()).toBe(1);
    const [done] = await listJobs(db!, TENANT, 'delivered');
    expect(done!.attempts).toBe(2);
    expect(done!.deliveredAt!.getTime() - done!.createdAt.getTime()).toBeGreaterThanOrEqual(2000);
    expect(receiver.received).toHaveLength(2);
  });

  test('Retry-After as an HTTP date is honoured too', async (ctx) => {
    const [db] = await opened(1, ctx);
    const later = new Date(clock.now.getTime() + 30_000);
    receiver.script({ status: 429, headers: { 'retry-after': later.toUTCString() } });
    await enqueue(db!, { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'k' }, clock.now);
    await worker(db!, {}, () => 0).tick();
    const [waiting] = await listJobs(db!, TENANT, 'pending');
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.parse(later.toUTCString()));
  });

  test('a receiver that always answers 500: full-jitter backoff, then dead after N attempts with the reason', async (ctx) => {
    const [db] = await opened(1, ctx);
    receiver.script({ status: 500, body: 'boom' });
    await enqueue(db!, { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'k' }, clock.now);
    const w = worker(db!, { maxAttempts: 3, baseMs: 1000, capMs: 60_000 }, () => 0.5);
    const waits: number[] = [];
    for (let n = 1; n <= 3; n++) {
      expect(await w.tick(), `attempt ${n}`).toBe(1);
      const [job] = await listJobs(db!, TENANT, undefined);
      if (job!.status === 'pending') {
        waits.push(job!.nextAttemptAt.getTime() - clock.now.getTime());
        advance(job!.nextAttemptAt.getTime() - clock.now.getTime());
      }
    }
    // random 0.5 of the ceilings 1 s and 2 s.
    expect(waits).toEqual([500, 1000]);
    const [dead] = await listJobs(db!, TENANT, 'dead');
    expect(dead).toMatchObject({
      attempts: 3,
      lastStatus: 500,
      lastError: 'HTTP 500: boom (gave up after 3 attempts)',
    });
    advance(3_600_000);
    expect(await w.tick(), 'a dead job is never leased').toBe(0);
    expect(receiver.received).toHaveLength(3);
  });

  test('a permanent refusal (400) is dead at once; a redirect is refused, never followed', async (ctx) => {
    const [db] = await opened(1, ctx);
    receiver.script(
      { status: 400, body: 'bad' },
      { status: 302, headers: { location: 'http://127.0.0.1:1/x' } },
    );
    await enqueue(db!, { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'a' }, clock.now);
    await enqueue(db!, { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'b' }, clock.now);
    await worker(db!, { batch: 1 }).tick();
    await worker(db!, { batch: 1 }).tick();
    const dead = await listJobs(db!, TENANT, 'dead');
    expect(dead.map((j) => j.lastError).sort()).toEqual([
      'HTTP 302: redirect refused (not retried)',
      'HTTP 400: bad (not retried)',
    ]);
  });

  test('the same idempotency key enqueued twice is one job', async (ctx) => {
    const [db] = await opened(1, ctx);
    const job = { tenant: TENANT, kind: 'test.post', payload: {}, idempotencyKey: 'same' };
    expect(await enqueue(db!, job, clock.now)).toBeDefined();
    expect(await enqueue(db!, job, clock.now)).toBeUndefined();
    expect(await enqueue(db!, { ...job, tenant: 't2' }, clock.now), 'keys are per tenant').toBeDefined();
    expect(await listJobs(db!, TENANT, undefined)).toHaveLength(1);
  });
});
