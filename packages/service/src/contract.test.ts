// Contract tests: every endpoint of API v1 over real HTTP, once against embedded PGlite and once
// against a real PostgreSQL server (started here from Debian's packages). Responses are checked
// against the contract's own schemas, so the service cannot drift from @inflow/contract.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS } from '@inflow/contract';
import * as S from '@inflow/contract/schemas';
import { createParser } from 'eventsource-parser';
import Compile from 'typebox/compile';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSecret } from './nudges/sign.js';
import type { RunningServer } from './node.js';
import {
  ACME_SECRET,
  client,
  start,
  testTenants,
  token,
  uuid,
  type Keys,
  type Reply,
} from './test/harness.js';
import { startPostgres, type PostgresServer } from './test/postgres.js';

const SCENARIOS_TEST_IDS = [
  'underperformance',
  'critical-feedback',
  'rating-disagreement',
  'goal-setting',
  'first-one-to-one',
];

function conforms(schema: TSchema, value: unknown): void {
  const v = Compile(schema);
  if (!v.Check(value))
    expect.fail(
      `response does not match the contract: ${JSON.stringify(v.Errors(value).slice(0, 3))}\n${JSON.stringify(value).slice(0, 500)}`,
    );
}

function expectError(r: Reply, status: number, code: string): void {
  expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status, code });
  conforms(S.ErrorBody, r.json);
  // No stack traces or internals leak to clients.
  expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error:/);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseSse(text: string): { event: string; data: any }[] {
  const out: { event: string; data: unknown }[] = [];
  const parser = createParser({
    onEvent: (e) => out.push({ event: e.event ?? 'message', data: JSON.parse(e.data) }),
  });
  parser.feed(text);
  return out as { event: string; data: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let pgServer: PostgresServer | undefined;
let pgSkip: string | undefined;
let webhook: Server;
let webhookUrl: string;
const webhookHits: string[] = [];

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    pgSkip = started.skip;
    console.warn(`[contract] PostgreSQL suite skipped: ${pgSkip}`);
  } else pgServer = started;
  // A vendor's webhook receiver for POST /v1/nudges.
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      webhookHits.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', () => r()));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await pgServer?.stop();
  await new Promise((r) => webhook.close(r));
});

const backends = [
  { name: 'PGlite', db: async () => ({ dataDir: 'memory://' }) },
  {
    name: 'PostgreSQL',
    db: async () => {
      if (!pgServer) return undefined;
      return { databaseUrl: await pgServer.createDatabase(`contract_${Date.now()}`) };
    },
  },
];

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  let server: RunningServer | undefined;
  let keys: Keys;
  let call: ReturnType<typeof client>;
  let demoToken: string;
  let adminToken: string;
  let acmeToken: string;

  beforeAll(async () => {
    const storage = await db();
    if (!storage) return;
    const t = await testTenants({
      acme: {
        transcriptRetentionDays: 30,
        scenarios: ['underperformance', 'goal-setting'],
        nudgeChannels: { webhook: { url: webhookUrl, secret: generateSecret() } },
        allowPrivateReceivers: true, // the loopback receiver
      },
    });
    keys = t.keys;
    server = await start({ ...storage, tenants: t.tenants, demo: true });
    call = client(server.url);
    demoToken = await token({ sub: 'u1', team: 'sales' });
    adminToken = await token({ sub: 'hr1', scope: 'admin' });
    acmeToken = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'a1', team: 'ops' });
  });
  afterAll(async () => {
    await server?.close();
  });

  // Skips (with the reason printed in beforeAll) when PostgreSQL cannot run on this machine.
  const it = (name: string, fn: () => Promise<void>) =>
    test(name, async (ctx) => {
      if (!server) ctx.skip(pgSkip ?? 'no storage');
      await fn();
    });

  it('GET /healthz, /readyz, /openapi.json, /docs', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const r = await call('GET', path);
      expect(r.status).toBe(200);
      conforms(S.Health, r.json);
    }
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    expect(doc.json.servers[0].url).toBe(server!.url);
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('/openapi.json');
  });

  it('POST /demo/token mints a working demo token', async () => {
    const r = await call('POST', '/demo/token', { body: { user: 'x9', team: 'hr', scope: 'admin' } });
    expect(r.status).toBe(200);
    expect(Date.parse(r.json.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const act = await call('GET', '/v1/activation', { token: r.json.token });
    expect(act.status).toBe(200);
    expectError(await call('POST', '/demo/token', { body: { scope: 'root' } }), 422, 'validation_failed');
  });

  it('GET /v1/scenarios lists the tenant’s enabled scenarios and its disclosure', async () => {
    const r = await call('GET', '/v1/scenarios', { token: demoToken });
    expect(r.status).toBe(200);
    conforms(S.ScenarioList, r.json);
    expect(r.json.scenarios.map((s: { id: string }) => s.id)).toEqual(SCENARIOS_TEST_IDS);
    const acme = await call('GET', '/v1/scenarios', { token: acmeToken });
    expect(acme.json.scenarios.map((s: { id: string }) => s.id)).toEqual([
      'underperformance',
      'goal-setting',
    ]);
    expect(acme.json.disclosure).toBe('Acme AI-use policy: practice only.');
  });

  it('a full practice: create, streamed turn (SSE), JSON turn, complete with evidence', async () => {
    const created = await call('POST', '/v1/sessions', {
      token: demoToken,
      body: { scenario: 'underperformance', source: 'embedded', context: { role: 'Senior engineer' } },
    });
    expect(created.status).toBe(201);
    conforms(S.Session, created.json);
    expect(created.json.opening.text.length).toBeGreaterThan(10);
    const id = created.json.id as string;

    const first = 'You missed the last two sprint deadlines. What is getting in the way?';
    const sse = await fetch(`${server!.url}/v1/sessions/${id}/turns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: first }),
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('x-accel-buffering')).toBe('no');
    const events = parseSse(await sse.text());
    const deltas = events.filter((e) => e.event === 'delta');
    const done = events.at(-1)!;
    expect(deltas.length).toBeGreaterThan(1);
    expect(done.event).toBe('done');
    conforms(S.TurnDoneEvent, done.data);
    expect(done.data.userTurns).toBe(1);
    expect(
      deltas
        .map((d) => d.data.text)
        .join('')
        .trim(),
    ).toBe(done.data.reply.text);

    const second = 'The delays block the team and the release. Can we agree a plan and check in next Friday?';
    const json = await call('POST', `/v1/sessions/${id}/turns`, {
      token: demoToken,
      body: { text: second },
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(200);
    conforms(S.TurnResponse, json.json);
    expect(json.json.userTurns).toBe(2);

    const fb = await call('POST', `/v1/sessions/${id}/complete`, { token: demoToken });
    expect(fb.status).toBe(200);
    conforms(S.Feedback, fb.json);
    expect(fb.json.sessionId).toBe(id);
    for (const s of fb.json.scores as { score: number; evidence: string[] }[]) {
      expect(s.score).toBeGreaterThan(0);
      for (const quote of s.evidence) expect(first.includes(quote) || second.includes(quote)).toBe(true);
    }
    // Retention default: the transcript is gone after completion; scores stay.
    const rows = await server!.query<{ transcript: unknown; scores: unknown; user_turns: number }>(
      `select transcript, scores, user_turns from sessions where id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ transcript: null, user_turns: 2 });
    expect(rows[0]!.scores).not.toBeNull();

    // Completing again returns the same feedback (retry-safe); a turn after completion is a 409.
    expect((await call('POST', `/v1/sessions/${id}/complete`, { token: demoToken })).json).toEqual(fb.json);
    expectError(
      await call('POST', `/v1/sessions/${id}/turns`, { token: demoToken, body: { text: 'hello?' } }),
      409,
      'session_completed',
    );
  });

  it('every built-in scenario can be practised', async () => {
    for (const scenario of SCENARIOS_TEST_IDS) {
      const r = await call('POST', '/v1/sessions', { token: demoToken, body: { scenario, source: 'nudge' } });
      expect(r.status, scenario).toBe(201);
      const t = await call('POST', `/v1/sessions/${r.json.id}/turns`, {
        token: demoToken,
        body: { text: 'Tell me more about how you see it?' },
        headers: { accept: 'application/json' },
      });
      expect(t.status, scenario).toBe(200);
    }
  });

  it('a tenant that keeps transcripts keeps them after completion', async () => {
    const created = await call('POST', '/v1/sessions', {
      token: acmeToken,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    await call('POST', `/v1/sessions/${created.json.id}/turns`, {
      token: acmeToken,
      body: { text: 'What would you like to work on?' },
      headers: { accept: 'application/json' },
    });
    await call('POST', `/v1/sessions/${created.json.id}/complete`, { token: acmeToken });
    const rows = await server!.query<{ transcript: { role: string; text: string }[] }>(
      `select transcript from sessions where id = $1`,
      [created.json.id],
    );
    expect(rows[0]!.transcript.map((t) => t.role)).toEqual(['coach', 'user', 'coach']);
  });

  it('a scenario the tenant has not enabled is refused', async () => {
    expectError(
      await call('POST', '/v1/sessions', {
        token: acmeToken,
        body: { scenario: 'rating-disagreement', source: 'embedded' },
      }),
      422,
      'validation_failed',
    );
  });

  it('POST /v1/events stores each id once and counts duplicates', async () => {
    const batch = [uuid(1), uuid(2), uuid(2)].map((id, i) => ({
      id,
      name: i ? 'open' : 'impression',
      at: '2026-11-20T10:00:00.000Z',
      scenario: 'goal-setting',
      source: 'embedded',
      props: { variant: 'button' },
    }));
    const first = await call('POST', '/v1/events', { token: demoToken, body: { events: batch } });
    expect(first.status).toBe(202);
    conforms(S.EventsAccepted, first.json);
    expect(first.json).toEqual({ accepted: 2, duplicates: 1 });
    const again = await call('POST', '/v1/events', { token: demoToken, body: { events: batch } });
    expect(again.json).toEqual({ accepted: 0, duplicates: 3 });
    const rows = await server!.query<{ id: string; user: string; team: string; props: unknown }>(
      `select id, "user", team, props from events where tenant = 'demo' and id in ($1, $2) order by id`,
      [uuid(1), uuid(2)],
    );
    expect(rows).toEqual([
      { id: uuid(1), user: 'u1', team: 'sales', props: { variant: 'button' } },
      { id: uuid(2), user: 'u1', team: 'sales', props: { variant: 'button' } },
    ]);
    // Event ids are scoped by tenant: the same id from another tenant is its own event.
    expect(
      (await call('POST', '/v1/events', { token: acmeToken, body: { events: batch.slice(0, 1) } })).json,
    ).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('POST /v1/events accepts the CORS-simple unload form (text/plain, token in the body)', async () => {
    const events = [{ id: uuid(50), name: 'help', at: new Date().toISOString() }];
    const r = await call('POST', '/v1/events', {
      raw: JSON.stringify({ token: demoToken, events }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ accepted: 1, duplicates: 0 });
    // Tokens never travel in URLs.
    expectError(
      await call('POST', `/v1/events?access_token=${demoToken}`, { body: { events } }),
      401,
      'unauthorized',
    );
  });

  it('PUT /v1/audience and GET /v1/activation (admin scope)', async () => {
    const put = await call('PUT', '/v1/audience', {
      token: adminToken,
      body: {
        members: [
          { user: 'u1', team: 'sales' },
          { user: 'u2', team: 'ops' },
        ],
      },
    });
    expect(put.status).toBe(200);
    conforms(S.AudienceResponse, put.json);
    expect(put.json).toMatchObject({ size: 2, teams: 2 });
    const report = await call('GET', '/v1/activation?groupBy=team', { token: adminToken });
    expect(report.status).toBe(200);
    conforms(S.ActivationReport, report.json);
    expect(report.json.audience.size).toBe(2);
    // Practice tokens may not read metrics or change the roster.
    expectError(await call('GET', '/v1/activation', { token: demoToken }), 403, 'forbidden');
    expectError(
      await call('PUT', '/v1/audience', { token: demoToken, body: { members: [] } }),
      403,
      'forbidden',
    );
  });

  it('POST /v1/nudges queues a deep link (202) that the worker delivers through the tenant’s webhook (admin scope)', async () => {
    const acmeAdmin = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'hr', scope: 'admin' });
    const r = await call('POST', '/v1/nudges', {
      token: acmeAdmin,
      body: { user: 'a1', scenario: 'goal-setting', channel: 'webhook', url: 'https://lms.example/course/7' },
    });
    expect(r.status).toBe(202);
    conforms(S.NudgeResponse, r.json);
    expect(r.json).toMatchObject({ status: 'pending', delivered: false });
    // The server's own worker (1 s interval) delivers it in the background.
    let read = await call('GET', `/v1/nudges/${r.json.id}`, { token: acmeAdmin });
    for (let i = 0; i < 100 && read.json.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      read = await call('GET', `/v1/nudges/${r.json.id}`, { token: acmeAdmin });
    }
    conforms(S.NudgeResponse, read.json);
    expect(read.json).toMatchObject({ status: 'delivered', delivered: true });
    expect(webhookHits.some((h) => h.includes('goal-setting'))).toBe(true);
    expectError(
      await call('POST', '/v1/nudges', {
        token: acmeToken,
        body: { user: 'a1', scenario: 'goal-setting', channel: 'webhook', url: 'https://lms.example/' },
      }),
      403,
      'forbidden',
    );
  });

  it('transcript text never reaches events or metrics', async () => {
    const secret = 'Zebra-quartz-7781 confidential remark';
    const s = await call('POST', '/v1/sessions', {
      token: demoToken,
      body: { scenario: 'critical-feedback', source: 'embedded' },
    });
    await call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: demoToken,
      body: { text: secret },
      headers: { accept: 'application/json' },
    });
    await call('POST', `/v1/sessions/${s.json.id}/complete`, { token: demoToken });
    const events = await server!.query<{ n: number }>(
      `select count(*)::int as n from events where props::text like '%Zebra-quartz%'`,
    );
    expect(events[0]!.n).toBe(0);
    const report = await call('GET', '/v1/activation?groupBy=scenario', { token: adminToken });
    expect(report.text).not.toContain('Zebra-quartz');
    const sessions = await server!.query<{ n: number }>(
      `select count(*)::int as n from sessions where transcript::text like '%Zebra-quartz%' or scores::text like '%Zebra-quartz%'`,
    );
    expect(sessions[0]!.n).toBe(0);
  });

  describe('auth', () => {
    it('no token, garbage, expired, foreign audience, wrong tenant key, unknown tenant: 401', async () => {
      expectError(await call('GET', '/v1/scenarios'), 401, 'unauthorized');
      expectError(await call('GET', '/v1/scenarios', { token: 'not.a.jwt' }), 401, 'unauthorized');
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ exp: -120, iat: -700 }) }),
        401,
        'token_expired',
      );
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ aud: 'someone-else' }) }),
        401,
        'unauthorized',
      );
      // Claims to be acme but is signed with the demo secret.
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'acme' }) }),
        401,
        'unauthorized',
      );
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'nobody' }) }),
        401,
        'unauthorized',
      );
      expect((await call('GET', '/v1/scenarios')).headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('tokens living longer than 15 minutes are refused', async () => {
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ exp: 3600 }) }),
        401,
        'unauthorized',
      );
      expect((await call('GET', '/v1/scenarios', { token: await token({ exp: 15 * 60 }) })).status).toBe(200);
    });

    it('ES256 tokens verify against the tenant JWKS; other keys do not', async () => {
      const good = await token({ iss: 'globex', key: keys.es256.privateKey });
      expect((await call('GET', '/v1/scenarios', { token: good })).status).toBe(200);
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'globex', key: keys.rogue }) }),
        401,
        'unauthorized',
      );
      // An HS256 token for an ES256-only tenant (algorithm confusion) is refused.
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'globex' }) }),
        401,
        'unauthorized',
      );
    });

    it("another tenant's session is 404 on every route", async () => {
      const s = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'embedded' },
      });
      const id = s.json.id as string;
      expectError(
        await call('POST', `/v1/sessions/${id}/turns`, { token: acmeToken, body: { text: 'hi' } }),
        404,
        'not_found',
      );
      expectError(
        await call('POST', `/v1/sessions/${id}/turns`, {
          token: acmeToken,
          body: { text: 'hi' },
          headers: { accept: 'application/json' },
        }),
        404,
        'not_found',
      );
      expectError(await call('POST', `/v1/sessions/${id}/complete`, { token: acmeToken }), 404, 'not_found');
      // …and untouched by the attempts.
      const rows = await server!.query<{ user_turns: number; completed_at: unknown }>(
        `select user_turns, completed_at from sessions where id = $1`,
        [id],
      );
      expect(rows[0]).toEqual({ user_turns: 0, completed_at: null });
    });
  });

  describe('bad input', () => {
    it('malformed JSON 400, wrong media type 415, schema violations 422 with details', async () => {
      expectError(
        await call('POST', '/v1/sessions', { token: demoToken, raw: '{"scenario": "underperf' }),
        400,
        'bad_request',
      );
      expectError(
        await call('POST', '/v1/sessions', {
          token: demoToken,
          raw: 'scenario=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      );
      const bad = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'email', extra: 1 },
      });
      expectError(bad, 422, 'validation_failed');
      expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain('/source');
      expectError(
        await call('POST', '/v1/events', {
          token: demoToken,
          body: { events: [{ id: 'nope', name: 'open', at: 'yesterday' }] },
        }),
        422,
        'validation_failed',
      );
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: [] } }),
        422,
        'validation_failed',
      );
    });

    it('oversize bodies and batches are 413; a too-long turn is 422', async () => {
      const big = Array.from({ length: 2000 }, (_, i) => ({
        id: uuid(10_000 + i),
        name: 'open',
        at: '2026-11-20T10:00:00.000Z',
        props: { k: 'x'.repeat(150) },
      }));
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: big } }),
        413,
        'payload_too_large',
      );
      const many = Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) => ({
        id: uuid(20_000 + i),
        name: 'open',
        at: '2026-11-20T10:00:00.000Z',
      }));
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: many } }),
        413,
        'payload_too_large',
      );
      expectError(
        await call('POST', '/v1/sessions', {
          token: demoToken,
          body: { scenario: 'underperformance', source: 'embedded', context: { note: 'x'.repeat(70_000) } },
        }),
        413,
        'payload_too_large',
      );
      const s = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'embedded' },
      });
      expectError(
        await call('POST', `/v1/sessions/${s.json.id}/turns`, {
          token: demoToken,
          body: { text: 'x'.repeat(LIMITS.turnTextChars + 1) },
        }),
        422,
        'validation_failed',
      );
      // Nothing from the refused batches was stored.
      const rows = await server!.query<{ n: number }>(
        `select count(*)::int as n from events where id = $1 or id = $2`,
        [uuid(10_000), uuid(20_000)],
      );
      expect(rows[0]!.n).toBe(0);
    });

    it('unknown routes and non-UUID session ids are JSON 404s', async () => {
      expectError(await call('GET', '/v1/nothing-here', { token: demoToken }), 404, 'not_found');
      expectError(
        await call('POST', '/v1/sessions/not-a-uuid/complete', { token: demoToken }),
        404,
        'not_found',
      );
      expectError(
        await call('POST', `/v1/sessions/${uuid(99)}/complete`, { token: demoToken }),
        404,
        'not_found',
      );
    });
  });
});

test('429 with Retry-After once a token exceeds its rate; other tokens are unaffected', async () => {
  const { tenants } = await testTenants();
  const server = await start({ dataDir: 'memory://', tenants, rateLimit: { burst: 3, perSecond: 0.01 } });
  try {
    const call = client(server.url);
    const busy = await token({ sub: 'busy' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('GET', '/v1/scenarios', { token: busy })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call('GET', '/v1/scenarios', { token: busy });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/v1/scenarios', { token: await token({ sub: 'calm' }) })).status).toBe(200);
  } finally {
    await server.close();
  }
});
