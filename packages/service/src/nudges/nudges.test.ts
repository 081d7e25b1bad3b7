/**
 * Nudge delivery against real loopback receivers and a real (in-memory PGlite) delivery log.
 * The receivers check the payload shape each vendor documents; signatures are verified with the
 * Standard Webhooks reference library, an implementation independent of ours.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KnownBlock } from '@slack/types';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { openMemoryDb } from '../store/pglite.js';
import { sql as nudgesSql } from './migration.js';
import { ChannelNotConfiguredError, escapeSlack, type NudgeChannelConfig } from './channels.js';
import { parseRetryAfter } from './deliver.js';
import { buildDeepLink } from './link.js';
import { readNudge } from './log.js';
import { sendNudge, type SendNudgeDeps } from './send.js';
import { generateSecret } from './sign.js';
import { serve } from '@hono/node-server';
import { mintToken } from '../auth.js';
import { createService, type Service } from '../node.js';

// A loopback webhook receiver: a real HTTP server on 127.0.0.1:0 that records every request and
// answers from a script (status, body, headers per call).

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Replies for the next calls, in order; the last one repeats. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let replies: Reply[] = [{ status: 200, body: 'ok' }];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 200 };
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    script: (...next) => {
      replies = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

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

let db: Db;
let receiver: Receiver;
let channels: NudgeChannelConfig;
const slept: number[] = [];

function deps(overrides: Partial<SendNudgeDeps> = {}): SendNudgeDeps {
  return {
    db,
    channels: (tenant) => (tenant === TENANT ? channels : undefined),
    scenarioTitle: (_tenant, id) => (id === 'underperformance' ? 'Addressing underperformance' : undefined),
    // Real waits would only slow the suite; the requested delays are recorded and asserted instead.
    delivery: {
      policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000, timeoutMs: 2000 },
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0.5,
    },
    ...overrides,
  };
}

beforeAll(async () => {
  db = await openMemoryDb();
  await migrate(db, [{ id: '003_nudges', sql: nudgesSql }]);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.script({ status: 200, body: 'ok' });
  slept.length = 0;
  channels = {
    slack: { url: receiver.url },
    teams: { url: receiver.url },
    webhook: { url: receiver.url, secret: generateSecret() },
  };
});
afterEach(() => {
  receiver.script({ status: 200, body: 'ok' });
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
});

describe('Slack incoming webhook', () => {
  it('posts {text, blocks} with an escaped mrkdwn message and a link button to the deep link', async () => {
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-1',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
      message: 'Review <due> Friday & prepare',
    });
    expect(result.delivered).toBe(true);
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
  });
  it('uses the scenario title in the default message', async () => {
    await sendNudge(deps(), TENANT, {
      user: 'u-1',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
    });
    expect(String(onlyBody().text)).toContain('"Addressing underperformance"');
  });
  it('escapes only what mrkdwn needs', () => {
    expect(escapeSlack('a < b > c & d "e"')).toBe('a &lt; b &gt; c &amp; d "e"');
  });
});

describe('Microsoft Teams webhook', () => {
  it('posts a message with one Adaptive Card attachment and an OpenUrl action to the deep link', async () => {
    const result = await sendNudge(deps(), TENANT, {
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
  it('retries a 200 whose body reports a Teams throttle', async () => {
    receiver.script(
      { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId …' },
      { status: 200, body: '1' },
    );
    const result = await sendNudge(deps(), TENANT, {
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
  it('signs per Standard Webhooks: the reference library verifies it, a wrong secret or a changed body does not', async () => {
    const secret = channels.webhook!.secret;
    const result = await sendNudge(deps(), TENANT, {
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
  it("signs each retry with that attempt's timestamp and keeps the id", async () => {
    receiver.script({ status: 502 }, { status: 204 });
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const result = await sendNudge(deps({ now: () => (clock += 7000) }), TENANT, {
      user: 'u-3',
      scenario: 'goal-setting',
      channel: 'webhook',
      url: PAGE,
    });
    expect(result.delivered).toBe(true);
    const [first, second] = receiver.received.map((r) => r.headers as Record<string, string>);
    expect(first!['webhook-id']).toBe(second!['webhook-id']);
    expect(Number(second!['webhook-timestamp'])).toBeGreaterThan(Number(first!['webhook-timestamp']));
    expect(first!['webhook-signature']).not.toBe(second!['webhook-signature']);
  });
});

describe('retries and the delivery log', () => {
  it('retries a failing receiver with growing backoff and logs every attempt', async () => {
    receiver.script({ status: 503, body: 'down' }, { status: 500 }, { status: 200, body: 'ok' });
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-4',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
    });
    expect(receiver.received).toHaveLength(3);
    expect(result.delivered).toBe(true);
    expect(result.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 503, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(result.deliveries[0]!.error).toBe('HTTP 503: down');
    // Full jitter with random()=0.5: half of 100·2^(n-1).
    expect(slept).toEqual([50, 100]);

    const logged = await readNudge(db, TENANT, result.id);
    expect(logged).toMatchObject({ delivered: true, channel: 'slack', user: 'u-4', link: result.link });
    expect(logged!.deliveries).toEqual(result.deliveries);
    // Tenant isolation: another tenant cannot read it.
    expect(await readNudge(db, 'other', result.id)).toBeUndefined();
  });
  it('gives up after maxAttempts and records the nudge as undelivered', async () => {
    receiver.script({ status: 500, body: 'boom' });
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-5',
      scenario: 'underperformance',
      channel: 'teams',
      url: PAGE,
    });
    expect(receiver.received).toHaveLength(4);
    expect(result.delivered).toBe(false);
    expect(result.deliveries.every((d) => !d.ok && d.status === 500)).toBe(true);
    expect(slept).toEqual([50, 100, 200]);
    expect((await readNudge(db, TENANT, result.id))!.delivered).toBe(false);
  });
  it('does not retry a permanent refusal (Slack 404 no_service)', async () => {
    receiver.script({ status: 404, body: 'no_service' });
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-6',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
    });
    expect(receiver.received).toHaveLength(1);
    expect(result.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, status: 404, ok: false, error: 'HTTP 404: no_service' }),
    ]);
  });
  it('waits at least as long as Retry-After asks on 429', async () => {
    receiver.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 });
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-7',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
    });
    expect(result.delivered).toBe(true);
    expect(slept).toEqual([1000]);
  });
  it('stops, and says why, when Retry-After is longer than the retry window', async () => {
    receiver.script({ status: 429, headers: { 'retry-after': '3600' } });
    const result = await sendNudge(deps(), TENANT, {
      user: 'u-7',
      scenario: 'underperformance',
      channel: 'slack',
      url: PAGE,
    });
    expect(receiver.received).toHaveLength(1);
    expect(result.deliveries[0]!.error).toMatch(/Retry-After 3600 s exceeds the retry window/);
  });
  it('logs a refused connection as a network error without leaking the webhook URL', async () => {
    const closed = await startReceiver();
    await closed.close();
    channels.slack = { url: closed.url };
    const result = await sendNudge(deps(), TENANT, {
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
  it('refuses a channel the tenant has not configured, before logging anything', async () => {
    delete channels.teams;
    await expect(
      sendNudge(deps(), TENANT, { user: 'u-9', scenario: 'x', channel: 'teams', url: PAGE }),
    ).rejects.toBeInstanceOf(ChannelNotConfiguredError);
    expect(receiver.received).toHaveLength(0);
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from nudges where user_id = 'u-9'`,
    );
    expect(row!.n).toBe(0);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
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
      tenants: [
        {
          id: 'acme',
          secrets: [secret],
          nudgeChannels: { slack: { url: hook.url }, webhook: { url: hook.url, secret: 'not base64!' } },
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

  async function post(body: unknown, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) {
    const { token } = await mintToken({
      tenant: opts.tenant ?? 'acme',
      user: 'hr-admin',
      scope: opts.scope ?? 'admin',
      secret,
    });
    return fetch(`${base}/v1/nudges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const valid = {
    user: 'mgr-17',
    scenario: 'underperformance',
    channel: 'slack',
    url: 'https://hr.acme.example/reviews/17',
  };

  it('delivers to Slack and answers 201 with the link and the delivery log', async () => {
    const response = await post(valid);
    expect(response.status).toBe(201);
    const result = (await response.json()) as {
      id: string;
      link: string;
      delivered: boolean;
      deliveries: { status: number }[];
    };
    expect(result.delivered).toBe(true);
    expect(result.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, ok: true })]);
    expect(result.link).toBe('https://hr.acme.example/reviews/17?inflow=underperformance&inflow_src=slack');
    const sent = JSON.parse(hook.received[0]!.body) as { text: string };
    expect(sent.text).toContain(result.link);
    const rows = await service.query<{ delivered: boolean; user_id: string }>(
      'select delivered, user_id from nudges where id = $1',
      [result.id],
    );
    expect(rows).toEqual([{ delivered: true, user_id: 'mgr-17' }]);
  });
  it('retries a failing receiver and logs each attempt, reporting delivered=false at the end', async () => {
    hook.script({ status: 503, body: 'maintenance' });
    const response = await post(valid);
    expect(response.status).toBe(201);
    const result = (await response.json()) as {
      id: string;
      delivered: boolean;
      deliveries: { attempt: number; status: number; ok: boolean }[];
    };
    expect(result.delivered).toBe(false);
    expect(hook.received.length).toBe(result.deliveries.length);
    expect(result.deliveries.length).toBeGreaterThan(1);
    const log = await service.query<{ attempt: number; status: number; ok: boolean; error: string }>(
      'select attempt, status, ok, error from nudge_deliveries where nudge_id = $1 order by attempt',
      [result.id],
    );
    expect(log.map((r) => [r.attempt, r.status, r.ok])).toEqual(
      result.deliveries.map((d) => [d.attempt, 503, false]),
    );
    expect(log[0]!.error).toBe('HTTP 503: maintenance');
  });
  it('GET /v1/nudges/{id} reads the delivery log back, for the same tenant only', async () => {
    hook.script({ status: 500 }, { status: 200 });
    const posted = (await (await post(valid)).json()) as { id: string };
    const get = async (id: string, opts: { scope?: 'admin' | 'practice'; tenant?: string } = {}) => {
      const { token } = await mintToken({
        tenant: opts.tenant ?? 'acme',
        user: 'hr-admin',
        scope: opts.scope ?? 'admin',
        secret,
      });
      return fetch(`${base}/v1/nudges/${id}`, { headers: { authorization: `Bearer ${token}` } });
    };
    const response = await get(posted.id);
    expect(response.status).toBe(200);
    const log = (await response.json()) as {
      id: string;
      delivered: boolean;
      channel: string;
      deliveries: { attempt: number; status: number; ok: boolean }[];
    };
    expect(log).toMatchObject({ id: posted.id, delivered: true, channel: 'slack' });
    expect(log.deliveries.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect((await get(posted.id, { tenant: 'other' })).status).toBe(404);
    expect((await get(posted.id, { scope: 'practice' })).status).toBe(403);
    expect((await get('not-a-uuid')).status).toBe(404);
    expect((await get(crypto.randomUUID())).status).toBe(404);
  });
  it('needs the admin scope', async () => {
    const response = await post(valid, { scope: 'practice' });
    expect(response.status).toBe(403);
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
    expect(hook.received).toHaveLength(0);
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
    expect(hook.received).toHaveLength(0);
  });
});
