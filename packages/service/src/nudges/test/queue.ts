/**
 * Test helper shared by the nudge suites that drive the outbound queue directly: on PGlite and on a
 * throw-away PostgreSQL (test/both-stores.ts), one loopback receiver standing in for every channel,
 * a worker on a test clock, and `send` (queue a nudge as POST does, then run the worker until it is
 * settled). The state is exported as live bindings: each test file is its own module instance.
 */
import type { NudgeRequest } from '@inflow/contract';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Db } from '../../store/db.js';
import { onBackends, type Test } from '../../test/both-stores.js';
import type { TenantConfig, TenantRegistry } from '../../tenants.js';
import { OUTBOUND_KINDS } from '../../outbound/index.js';
import { getJob } from '../../outbound/queue.js';
import { startReceiver, type Receiver } from '../../outbound/test/receiver.js';
import { OutboundWorker } from '../../outbound/worker.js';
import { usableChannels, type NudgeChannelConfig } from '../channels.js';
import { readNudge, type LoggedNudge } from '../log.js';
import { queueNudge } from '../send.js';
import { generateSecret } from '../sign.js';

export const TENANT = 't1';
export const PAGE = 'https://hr.example.com/reviews/42?tab=write';
const TITLES: Record<string, string> = { underperformance: 'Addressing underperformance' };

export let receiver: Receiver;
export let channels: NudgeChannelConfig;
/** The worker for the backend of the test that is running. */
export let worker: OutboundWorker;
export const clock = { now: new Date() };
/** The waits the queue scheduled between attempts of the last nudge sent. */
export const waits: number[] = [];

// The worker reads the tenant's channels at each attempt: tests change `channels` between nudges.
const tenants: TenantRegistry = {
  get: (id) =>
    id === TENANT ? ({ id, secrets: ['x'.repeat(32)], nudgeChannels: channels } as TenantConfig) : undefined,
  list: () => [],
};

/** Registers the receiver, the fresh per-test state and both backends; `body` declares the tests. */
export function onNudgeQueue(suite: string, body: (it: Test) => void): void {
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.script({ status: 200, body: 'ok' });
    waits.length = 0;
    // Real time: receivers verify a signature's timestamp against their own clock.
    clock.now = new Date();
    channels = {
      slack: { url: receiver.url },
      teams: { url: receiver.url },
      webhook: { url: receiver.url, secret: generateSecret() },
    };
  });
  onBackends(suite, (test) =>
    body((name, fn) =>
      test(name, async (db) => {
        worker = new OutboundWorker({
          db,
          tenants,
          kinds: OUTBOUND_KINDS,
          now: () => clock.now,
          random: () => 0.5,
          policy: { maxAttempts: 4, baseMs: 100, capMs: 2000, timeoutMs: 2000 },
        });
        await fn(db);
      }),
    ),
  );
}

/** The one request the receiver got: a JSON POST; its body. */
export function onlyBody(): Record<string, unknown> {
  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request!.method).toBe('POST');
  expect(request!.headers['content-type']).toBe('application/json');
  return JSON.parse(request!.body) as Record<string, unknown>;
}

/** Queues a nudge as POST does, then runs the worker until it is settled, moving the clock to each retry. */
export async function send(db: Db, request: NudgeRequest): Promise<LoggedNudge> {
  const queued = await queueNudge(
    {
      db,
      channels: usableChannels(channels),
      scenarioTitle: TITLES[request.scenario],
      now: () => clock.now,
    },
    TENANT,
    request,
  );
  expect(queued).toMatchObject({ status: 'pending', delivered: false, deliveries: [] });
  expect(receiver.received, 'nothing is sent before the worker runs').toHaveLength(0);
  for (let round = 0; round < 10; round++) {
    expect(await worker.tick()).toBe(1);
    const job = (await getJob(db, TENANT, queued.deliveryId!))!;
    if (job.status !== 'pending') break;
    waits.push(job.nextAttemptAt.getTime() - clock.now.getTime());
    clock.now = job.nextAttemptAt;
  }
  return (await readNudge(db, TENANT, queued.id))!;
}
