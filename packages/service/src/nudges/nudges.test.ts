/**
 * Nudges through the outbound queue, against real loopback receivers, on PGlite and on a real
 * PostgreSQL: POST queues (nothing is sent in the request), the worker delivers. The receivers
 * check the payload shape each vendor documents; signatures are verified with the Standard
 * Webhooks reference library, an implementation independent of ours.
 */
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { NudgeRequest } from '@inflow/contract';
import type { KnownBlock } from '@slack/types';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, test } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { openPostgresDb } from '../store/postgres.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import type { TenantConfig, TenantRegistry } from '../tenants.js';
import { OUTBOUND_KINDS } from '../outbound/index.js';
import { parseRetryAfter } from '../outbound/backoff.js';
import { getJob, listJobs } from '../outbound/queue.js';
import { startReceiver, type Receiver } from '../outbound/test/receiver.js';
import { OutboundWorker } from '../outbound/worker.js';
import {
  ChannelNotConfiguredError,
  escapeSlack,
  usableChannels,
  type NudgeChannelConfig,
} from './channels.js';
import { buildDeepLink } from './link.js';
import { readNudge, type LoggedNudge } from './log.js';
import { queueNudge } from './send.js';
import { generateSecret } from './sign.js';
import { serve } from '@hono/node-server';
import { mintToken } from '../auth.js';
import { createService, type Service } from '../node.js';

// Microsoft's Adaptive Cards library parses cards the way Teams clients do. Its ESM build does not
// load in Node (extensionless imports), its UMD bundle does.
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

/** Parses a card as Adaptive Cards 1.4 (what Teams Workflows render): its parse warnings, and the card. */
function parseCard(content: unknown) {
  const context = new AC.SerializationContext(AC.Versions.v1_4);
  const card = new AC.AdaptiveCard();
  card.parse(content, context);
  const warnings = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return {
    card,
    warnings: [...warnings, ...card.validateProperties().validationEvents.map((e) => e.message)],
  };
}

const TENANT = 't1';
const PAGE = 'https://hr.example.com/reviews/42?tab=write';
const TITLES: Record<string, string> = { underperformance: 'Addressing underperformance' };

let pgServer: PostgresServer | undefined;
let pgSkip = 'no storage';
let receiver: Receiver;
let channels: NudgeChannelConfig;
const clock = { now: new Date() };
/** The waits the queue scheduled between attempts of the last nudge sent. */
const waits: number[] = [];

// The worker reads the tenant's channels at each attempt: tests change `channels` between nudges.
const tenants: TenantRegistry = {
  get: (id) =>
    id === TENANT ? ({ id, secrets: ['x'.repeat(32)], nudgeChannels: channels } as TenantConfig) : undefined,
  list: () => [],
};

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

function onlyBody(): Record<string, unknown> {
  expect(receiver.received).toHaveLength(1);
  const [request] = receiver.received;
  expect(request!.method).toBe('POST');
  expect(request!.headers['content-type']).toBe('application/json');
  return JSON.parse(request!.body) as Record<string, unknown>;
}

describe('deep links', () => {
  it('adds inflow and inflow_src to the page URL and keeps its own parameters', () => {
    const link = new URL(buildDeepLink(PAGE, 'underperformance', 'slack'));
    expect(link.origin + link.pathname).toBe('https://hr.example.com/reviews/42');
    expect(link.searchParams.get('tab')).toBe('write');
    expect(link.searchParams.get('inflow')).toBe('underperformance');
    expect(link.searchParams.get('inflow_src')).toBe('slack');
  });
  it('replaces stale inflow parameters instead of repeating them', () => {
    const link = new URL(
      buildDeepLink('https://a.example/?inflow=old&inflow_src=teams', 'goal-setting', 'email'),
    );
    expect(link.searchParams.getAll('inflow')).toEqual(['goal-setting']);
    expect(link.searchParams.getAll('inflow_src')).toEqual(['email']);
  });
  it('refuses non-http pages', () => {
    expect(() => buildDeepLink('javascript:alert(1)', 'x', 'slack')).toThrow(TypeError);
  });
  it('escapes only what mrkdwn needs', () => {
    expect(escapeSlack('a < b > c & d "e"')).toBe('a &lt; b &gt; c &amp; d "e"');
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

interface Backend {
  name: string;
  open(): Promise<Db | undefined>;
}
const backends: Backend[] = [
  { name: 'PGlite', open: async () => openMemoryDb() },
  {
    name: 'PostgreSQL',
    open: async () =>
      pgServer
        ? openPostgresDb(
            await pgServer.createDatabase(`nudges_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`),
          )
        : undefined,
  },
];

describe.each(backends)('nudges on the outbound queue ($name)', (backend) => {
  let db: Db | undefined;
  let worker: OutboundWorker;
  beforeAll(async () => {
    db = await backend.open();
    if (!db) return;
    await migrate(db, MIGRATIONS);
    worker = new OutboundWorker({
      db,
      tenants,
      kinds: OUTBOUND_KINDS,
      now: () => clock.now,
      random: () => 0.5,
      policy: { maxAttempts: 4, baseMs: 100, capMs: 2000, timeoutMs: 2000 },
    });
  });
  afterAll(async () => {
    await db?.close();
  });
  const it = (name: string, fn: (db: Db) => Promise<void>) =>
    test(name, async (ctx) => {
      if (!db) return ctx.skip(pgSkip);
      await fn(db);
    });

  /** Queues a nudge as POST does, then runs the worker until it is settled, moving the clock to each retry. */
  async function send(db: Db, request: NudgeRequest): Promise<LoggedNudge> {
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

  describe('Slack incoming webhook', () => {
    it('posts {text, blocks} with an escaped mrkdwn message and a link button to the deep link', async (db) => {
      const result = await send(db, {
        user: 'u-1',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
        message: 'Review <due> Friday & prepare',
      });
      expect(result.status).toBe('delivered');
      const body = onlyBody();
      // Slack: `text` is required as the notification fallback when `blocks` are sent.
      expect(typeof body.text).toBe('string');
      expect(body.text).toContain('Review &lt;due&gt; Friday &amp; prepare');
      expect(body.text).toContain(`<${result.link}|Practise now>`);
      // Typed with the Slack SDK's own Block Kit types: tsc fails if this is not a valid block list.
      const expected: KnownBlock[] = [
        { type: 'section', text: { type: 'mrkdwn', text: 'Review &lt;due&gt; Friday &amp; prepare' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Practise now' },
              url: result.link,
              style: 'primary',
              action_id: 'inflow_practice',
            },
          ],
        },
      ];
      expect(body.blocks).toEqual(expected);
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('slack');
      // Nothing else at the top level: Slack rejects unknown shapes with `invalid_payload`.
      expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
      expect(receiver.received[0]!.headers['idempotency-key']).toBe(`nudge:${result.id}`);
    });
    it('uses the scenario title in the default message', async (db) => {
      await send(db, { user: 'u-1', scenario: 'underperformance', channel: 'slack', url: PAGE });
      expect(String(onlyBody().text)).toContain('"Addressing underperformance"');
    });
  });

  describe('Microsoft Teams webhook', () => {
    it('posts a message with one Adaptive Card attachment and an OpenUrl action to the deep link', async (db) => {
      const result = await send(db, {
        user: 'u-2',
        scenario: 'critical-feedback',
        channel: 'teams',
        url: PAGE,
        message: 'Time to practise',
      });
      const body = onlyBody() as { type: string; attachments: Record<string, unknown>[] };
      expect(body.type).toBe('message');
      expect(body.attachments).toHaveLength(1);
      const attachment = body.attachments[0] as {
        contentType: string;
        contentUrl: null;
        content: Record<string, unknown>;
      };
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.contentUrl).toBeNull();
      const card = attachment.content as {
        type: string;
        version: string;
        $schema: string;
        body: unknown[];
        actions: unknown[];
      };
      // Microsoft's parser, limited to 1.4, accepts every element and reads the action back.
      const parsed = parseCard(card);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.card.getActionCount()).toBe(1);
      const action = parsed.card.getActionAt(0) as InstanceType<typeof AC.OpenUrlAction>;
      expect([action.getJsonTypeName(), action.url, action.title]).toEqual([
        'Action.OpenUrl',
        result.link,
        'Practise now',
      ]);
      expect(card.type).toBe('AdaptiveCard');
      expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
      // Teams Workflows render Adaptive Cards up to 1.4.
      expect(Number(card.version)).toBeLessThanOrEqual(1.4);
      expect(card.body).toEqual([{ type: 'TextBlock', text: 'Time to practise', wrap: true }]);
      expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Practise now', url: result.link }]);
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('teams');
    });
    it('retries a 200 whose body reports a Teams throttle', async (db) => {
      receiver.script(
        { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId …' },
        { status: 200, body: '1' },
      );
      const result = await send(db, {
        user: 'u-2',
        scenario: 'critical-feedback',
        channel: 'teams',
        url: PAGE,
      });
      expect(result.deliveries.map((d) => d.ok)).toEqual([false, true]);
      expect(result.deliveries[0]!.error).toMatch(/throttled/);
    });
  });

  describe('generic signed webhook', () => {
    it('signs per Standard Webhooks: the reference library verifies it, a wrong secret or a changed body does not', async (db) => {
      const secret = channels.webhook!.secret;
      const result = await send(db, {
        user: 'u-3',
        scenario: 'goal-setting',
        channel: 'webhook',
        url: PAGE,
        campaign: true,
      });
      const [request] = receiver.received;
      const headers = request!.headers as Record<string, string>;
      expect(headers['webhook-id']).toBe(result.id);
      expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

      const verified = new Webhook(secret).verify(request!.body, headers) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(verified.type).toBe('inflow.nudge');
      expect(verified.data).toMatchObject({
        id: result.id,
        user: 'u-3',
        scenario: 'goal-setting',
        link: result.link,
        campaign: true,
      });
      // HR campaign links say so, and the page records source="campaign".
      expect(new URL(result.link).searchParams.get('inflow_src')).toBe('email');

      expect(() => new Webhook(generateSecret()).verify(request!.body, headers)).toThrow(/signature/i);
      expect(() =>
        new Webhook(secret).verify(request!.body.replace('goal-setting', 'underperformance'), headers),
      ).toThrow(/signature/i);

      // And by hand: HMAC-SHA256 over `${id}.${timestamp}.${body}` with the base64-decoded key.
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      const expected = createHmac('sha256', key)
        .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${request!.body}`)
        .digest('base64');
      expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    });
    it("signs each retry with that attempt's timestamp and keeps the id", async (db) => {
      // A wait of at least 2 s, so the second attempt's timestamp (whole seconds) differs.
      receiver.script({ status: 502, headers: { 'retry-after': '2' } }, { status: 204 });
      const result = await send(db, { user: 'u-3', scenario: 'goal-setting', channel: 'webhook', url: PAGE });
      expect(result.status).toBe('delivered');
      const [first, second] = receiver.received.map((r) => r.headers as Record<string, string>);
      expect(first!['webhook-id']).toBe(second!['webhook-id']);
      expect(Number(second!['webhook-timestamp'])).toBeGreaterThan(Number(first!['webhook-timestamp']));
      expect(first!['webhook-signature']).not.toBe(second!['webhook-signature']);
    });
  });

  describe('scheduled nudges', () => {
    const HOUR = 3_600_000;
    const queue = (db: Db, request: Omit<NudgeRequest, 'sendAt'>, sendAt?: Date) =>
      queueNudge({ db, channels: usableChannels(channels), now: () => clock.now }, TENANT, request, sendAt);
    const practised = (db: Db, user: string, at: Date, turns: number, completed: boolean) =>
      db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at, completed_at)
         values ($1, $2, $3, 'goal-setting', 'nudge', $4, $5, $6)`,
        [TENANT, crypto.randomUUID(), user, turns, at, completed ? at : null],
      );

    it('sendAt: the job is due then, nothing is sent before, it is delivered at that time', async (db) => {
      const sendAt = new Date(clock.now.getTime() + 2 * HOUR);
      const queued = await queue(
        db,
        { user: 'u-20', scenario: 'goal-setting', channel: 'slack', url: PAGE },
        sendAt,
      );
      expect(queued).toMatchObject({
        status: 'pending',
        sendAt: sendAt.toISOString(),
        unlessPractised: false,
      });
      expect((await getJob(db, TENANT, queued.deliveryId!))!.nextAttemptAt).toEqual(sendAt);
      clock.now = new Date(sendAt.getTime() - 1);
      expect(await worker.tick(), 'not due a millisecond before').toBe(0);
      clock.now = sendAt;
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('delivered');
    });

    it('unlessPractised: a user who completed the scenario since it was queued is skipped, with the reason', async (db) => {
      const sendAt = new Date(clock.now.getTime() + HOUR);
      const queued = await queue(
        db,
        { user: 'u-21', scenario: 'goal-setting', channel: 'slack', url: PAGE, unlessPractised: true },
        sendAt,
      );
      await practised(db, 'u-21', new Date(clock.now.getTime() + HOUR / 2), 1, true);
      clock.now = sendAt;
      expect(await worker.tick()).toBe(1);
      expect(receiver.received, 'nothing sent').toHaveLength(0);
      const read = (await readNudge(db, TENANT, queued.id))!;
      expect(read).toMatchObject({
        status: 'skipped',
        reason: 'practised since the nudge was scheduled (unlessPractised)',
        deliveries: [],
      });
      const job = (await getJob(db, TENANT, queued.deliveryId!))!;
      expect(job).toMatchObject({ status: 'skipped', attempts: 0 });
      expect((await listJobs(db, TENANT, 'dead')).map((j) => j.id)).not.toContain(job.id);
      clock.now = new Date(clock.now.getTime() + 24 * HOUR);
      expect(await worker.tick(), 'a skipped job is never leased again').toBe(0);
    });

    it('unlessPractised: a session that is not meaningful, or practice before scheduling, or another scenario, does not skip', async (db) => {
      await practised(db, 'u-22', new Date(clock.now.getTime() - HOUR), 5, true); // before it was queued
      const queued = await queue(db, {
        user: 'u-22',
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        unlessPractised: true,
      });
      await practised(db, 'u-22', clock.now, 2, false); // 2 < the default meaningfulTurns of 3
      await db.query(
        `insert into sessions (tenant, id, "user", scenario, source, user_turns, created_at, completed_at)
         values ($1, $2, 'u-22', 'underperformance', 'nudge', 5, $3, $3)`,
        [TENANT, crypto.randomUUID(), clock.now],
      );
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('delivered');
    });

    it('unlessPractised: three user turns since it was queued (not completed) count as practised', async (db) => {
      const queued = await queue(db, {
        user: 'u-23',
        scenario: 'goal-setting',
        channel: 'slack',
        url: PAGE,
        unlessPractised: true,
      });
      await practised(db, 'u-23', clock.now, 3, false);
      expect(await worker.tick()).toBe(1);
      expect(receiver.received).toHaveLength(0);
      expect((await readNudge(db, TENANT, queued.id))!.status).toBe('skipped');
    });
  });

  describe("retries and the delivery log (the queue's attempts)", () => {
    it('retries a failing receiver with growing backoff and logs every attempt', async (db) => {
      receiver.script({ status: 503, body: 'down' }, { status: 500 }, { status: 200, body: 'ok' });
      const result = await send(db, {
        user: 'u-4',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(3);
      expect(result).toMatchObject({ status: 'delivered', channel: 'slack', user: 'u-4' });
      expect(result.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
        [1, 503, false],
        [2, 500, false],
        [3, 200, true],
      ]);
      expect(result.deliveries[0]!.error).toBe('HTTP 503: down');
      // Full jitter with random()=0.5: half of 100·2^(n-1).
      expect(waits).toEqual([50, 100]);
      // Tenant isolation: another tenant cannot read it.
      expect(await readNudge(db, 'other', result.id)).toBeUndefined();
    });
    it('gives up after maxAttempts: the nudge is dead with the reason', async (db) => {
      receiver.script({ status: 500, body: 'boom' });
      const result = await send(db, {
        user: 'u-5',
        scenario: 'underperformance',
        channel: 'teams',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(4);
      expect(result.status).toBe('dead');
      expect(result.deliveries.every((d) => !d.ok && d.status === 500)).toBe(true);
      expect(waits).toEqual([50, 100, 200]);
      const [dead] = (await listJobs(db, TENANT, 'dead')).filter((j) => j.id === result.deliveryId);
      expect(dead!.lastError).toBe('HTTP 500: boom (gave up after 4 attempts)');
    });
    it('does not retry a permanent refusal (Slack 404 no_service)', async (db) => {
      receiver.script({ status: 404, body: 'no_service' });
      const result = await send(db, {
        user: 'u-6',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(receiver.received).toHaveLength(1);
      expect(result.status).toBe('dead');
      expect(result.deliveries).toEqual([
        expect.objectContaining({
          attempt: 1,
          status: 404,
          ok: false,
          error: 'HTTP 404: no_service (not retried)',
        }),
      ]);
    });
    it('waits at least as long as Retry-After asks on 429, even an hour', async (db) => {
      receiver.script({ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 });
      const result = await send(db, {
        user: 'u-7',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(result.status).toBe('delivered');
      expect(waits).toEqual([3_600_000]);
    });
    it('logs a refused connection as a network error without leaking the webhook URL', async (db) => {
      const closed = await startReceiver();
      await closed.close();
      channels.slack = { url: closed.url };
      const result = await send(db, {
        user: 'u-8',
        scenario: 'underperformance',
        channel: 'slack',
        url: PAGE,
      });
      expect(result.deliveries).toHaveLength(4);
      expect(result.deliveries[0]).toMatchObject({
        status: null,
        ok: false,
        error: 'network error (ECONNREFUSED)',
      });
      expect(JSON.stringify(result.deliveries)).not.toContain(closed.url);
    });
    it('a channel removed from the config after queueing: dead, not configured', async (db) => {
      const queued = await queueNudge(
        { db, channels: usableChannels(channels), now: () => clock.now },
        TENANT,
        { user: 'u-10', scenario: 'goal-setting', channel: 'teams', url: PAGE },
      );
      delete channels.teams;
      await worker.tick();
      expect(await getJob(db, TENANT, queued.deliveryId!)).toMatchObject({
        status: 'dead',
        lastError: 'channel "teams" is not configured for this tenant',
      });
      expect(receiver.received).toHaveLength(0);
    });
    it('refuses a channel the tenant has not configured, before recording anything', async (db) => {
      delete channels.teams;
      await expect(
        queueNudge({ db, channels: usableChannels(channels), now: () => clock.now }, TENANT, {
          user: 'u-9',
          scenario: 'x',
          channel: 'teams',
          url: PAGE,
        }),
      ).rejects.toBeInstanceOf(ChannelNotConfiguredError);
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from nudges where user_id = 'u-9'`,
      );
      expect(row!.n).toBe(0);
    });
  });
});

describe('POST /v1/nudges over HTTP (real service, PGlite, loopback receiver)', () => {
  const secret = 'tenant-http-secret-0123456789abcdef';
  let service: Service;
  let base: string;
  let stop: () => Promise<void>;
  let hook: Receiver;

  beforeAll(async () => {
    hook = await startReceiver();
    service = await createService({
      dataDir: 'memory://',
      rateLimit: false,
      log: () => undefined,
      // The test runs each round of the worker itself; no jitter, so a retry is due at once.
      outbound: { policy: { intervalMs: 3_600_000, maxAttempts: 3 }, random: () => 0 },
      tenants: [
        {
          id: 'acme',
          secrets: [secret],
          nudgeChannels: { slack: { url: hook.url }, webhook: { url: hook.url, secret: 'not base64!' } },
          allowPrivateReceivers: true, // the loopback receiver
        },
        { id: 'other', secrets: [secret] },
      ],
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.close();
    };
  });
  afterAll(async () => {
    await stop();
    await hook.close();
  });
  beforeEach(() => {
    hook.received.length = 0;
    hook.script({ status: 200, body: 'ok' });
  });

  async function bearer(opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) {
    const { token } = await mintToken({
      tenant: opts.tenant ?? 'acme',
      user: 'hr-admin',
      scope: opts.scope ?? 'admin',
      secret,
    });
    return { authorization: `Bearer ${token}` };
  }
  async function post(body: unknown, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) {
    return fetch(`${base}/v1/nudges`, {
      method: 'POST',
      headers: { ...(await bearer(opts)), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const get = async (path: string, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) =>
    fetch(`${base}${path}`, { headers: await bearer(opts) });
  const valid = {
    user: 'mgr-17',
    scenario: 'underperformance',
    channel: 'slack',
    url: 'https://hr.acme.example/reviews/17',
  };
  interface Nudge {
    id: string;
    link: string;
    status: string;
    delivered: boolean;
    deliveryId: string;
    deliveries: { attempt: number; status: number; ok: boolean; error?: string }[];
  }

  it('answers 202 before sending; the worker delivers to Slack; GET shows it delivered', async () => {
    const response = await post(valid);
    expect(response.status).toBe(202);
    const queued = (await response.json()) as Nudge;
    expect(queued).toMatchObject({ status: 'pending', delivered: false, deliveries: [] });
    expect(queued.link).toBe('https://hr.acme.example/reviews/17?inflow=underperformance&inflow_src=slack');
    expect(hook.received, 'nothing is sent in the request').toHaveLength(0);
    expect(await service.outbound!.tick()).toBe(1);
    const sent = JSON.parse(hook.received[0]!.body) as { text: string };
    expect(sent.text).toContain(queued.link);
    const read = (await (await get(`/v1/nudges/${queued.id}`)).json()) as Nudge;
    expect(read).toMatchObject({
      id: queued.id,
      status: 'delivered',
      delivered: true,
      deliveryId: queued.deliveryId,
    });
    expect(read.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, ok: true })]);
    const deliveries = (await (await get('/v1/deliveries?status=delivered')).json()) as {
      deliveries: { id: string; kind: string }[];
    };
    expect(deliveries.deliveries).toContainEqual(
      expect.objectContaining({ id: queued.deliveryId, kind: 'nudge' }),
    );
  });
  it('a failing receiver is retried; every attempt is in GET /v1/nudges/{id}, then it is dead', async () => {
    hook.script({ status: 503, body: 'maintenance' });
    const queued = (await (await post(valid)).json()) as Nudge;
    for (let n = 0; n < 3; n++) expect(await service.outbound!.tick()).toBe(1);
    expect(await service.outbound!.tick(), 'dead after 3 attempts').toBe(0);
    const read = (await (await get(`/v1/nudges/${queued.id}`)).json()) as Nudge;
    expect(read.status).toBe('dead');
    expect(read.deliveries.map((d) => [d.attempt, d.status, d.ok, d.error])).toEqual([
      [1, 503, false, 'HTTP 503: maintenance'],
      [2, 503, false, 'HTTP 503: maintenance'],
      [3, 503, false, 'HTTP 503: maintenance (gave up after 3 attempts)'],
    ]);
    expect(hook.received).toHaveLength(3);
  });
  it('GET /v1/nudges/{id} reads the attempts back, for the same tenant only', async () => {
    hook.script({ status: 500 }, { status: 200 });
    const queued = (await (await post(valid)).json()) as Nudge;
    await service.outbound!.tick();
    await service.outbound!.tick();
    const response = await get(`/v1/nudges/${queued.id}`);
    expect(response.status).toBe(200);
    const log = (await response.json()) as Nudge & { channel: string };
    expect(log).toMatchObject({ id: queued.id, delivered: true, channel: 'slack' });
    expect(log.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect((await get(`/v1/nudges/${queued.id}`, { tenant: 'other' })).status).toBe(404);
    expect((await get(`/v1/nudges/${queued.id}`, { scope: 'practice' })).status).toBe(403);
    expect((await get('/v1/nudges/not-a-uuid')).status).toBe(404);
    expect((await get(`/v1/nudges/${crypto.randomUUID()}`)).status).toBe(404);
  });
  it('needs the admin scope', async () => {
    const response = await post(valid, { scope: 'practice' });
    expect(response.status).toBe(403);
    expect(await service.outbound!.tick()).toBe(0);
    expect(hook.received).toHaveLength(0);
  });
  it('answers 422 for a channel the tenant has not configured (or configured unusably)', async () => {
    for (const [tenant, channel] of [
      ['acme', 'teams'],
      ['other', 'slack'],
      ['acme', 'webhook'],
    ] as const) {
      const response = await post({ ...valid, channel }, { tenant });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
  it('sendAt: echoed and due then; 422 in the past, over 90 days ahead, or not a date-time', async () => {
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const response = await post({ ...valid, sendAt, unlessPractised: true });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'pending', sendAt, unlessPractised: true });
    expect(await service.outbound!.tick(), 'due tomorrow, not now').toBe(0);
    for (const bad of [
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 91 * 86_400_000).toISOString(),
      '2026-02-30T10:00:00Z',
      'tomorrow',
    ]) {
      const refused = await post({ ...valid, sendAt: bad });
      expect(refused.status, bad).toBe(422);
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
  it('answers 422 for an unknown scenario, a javascript: page or a missing field', async () => {
    for (const body of [
      { ...valid, scenario: 'nope' },
      { ...valid, url: 'javascript:alert(1)' },
      { user: 'x', channel: 'slack' },
    ]) {
      const response = await post(body);
      expect(response.status).toBe(422);
    }
    expect(await service.outbound!.tick()).toBe(0);
  });
});
