// GET /metrics: Prometheus text behind its own bearer token, refused without it; request counts and
// latency per route pattern and status, open SSE streams, coach time to first delta and errors,
// and the PostgreSQL pool's use.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoachEngine } from '../coach/playable.js';
import { scriptedEngine } from '../coach/scripted.js';
import type { RunningServer } from '../node.js';
import { enqueue } from '../outbound/queue.js';
import { client, start, token } from '../test/harness.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';

const METRICS_TOKEN = 'scrape-me-0123456789abcdef';

/** The scripted coach, except that a turn saying FAIL breaks and one saying WAIT waits for `release`. */
function controllableCoach() {
  const scripted = scriptedEngine();
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  const coach: CoachEngine = {
    ...scripted,
    opening: (s, ctx) => scripted.opening(s, ctx),
    feedback: (...a) => scripted.feedback(...a),
    async *reply(input) {
      const last = input.transcript.at(-1)?.text ?? '';
      if (last.includes('FAIL')) throw new Error('model endpoint reset the connection');
      if (last.includes('WAIT')) {
        await gate;
        gate = new Promise<void>((r) => (release = r));
      }
      yield* scripted.reply(input);
    },
  };
  return { coach, release: () => release() };
}

/** The value of one sample line, e.g. `inflow_sse_streams_open 0`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('on PGlite', () => {
  let server: RunningServer;
  const control = controllableCoach();
  beforeAll(async () => {
    server = await start({ dataDir: 'memory://', metricsToken: METRICS_TOKEN, coach: control.coach });
  });
  afterAll(() => server.close());
  const scrape = async (auth = `Bearer ${METRICS_TOKEN}`) =>
    fetch(`${server.url}/metrics`, { headers: { authorization: auth } });

  test('the outbound queue: jobs waiting to be sent and dead letters', async () => {
    const db = { query: server.query };
    const later = new Date(Date.now() + 86_400_000); // not due: the worker leaves them alone
    for (const key of ['a', 'b', 'c'])
      await enqueue(
        db,
        { tenant: 'demo', kind: 'test.gauge', payload: {}, idempotencyKey: key, dueAt: later },
        new Date(),
      );
    await server.query(
      `update deliveries set status = 'dead' where kind = 'test.gauge' and idempotency_key = 'c'`,
    );
    const text = await (await scrape()).text();
    expect(sample(text, 'inflow_outbound_jobs{status="pending"}')).toBe(2);
    expect(sample(text, 'inflow_outbound_jobs{status="dead"}')).toBe(1);
  });

  test('refused without the metrics token, with a wrong one, and with an embed token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(METRICS_TOKEN)).status).toBe(401);
    const embed = await scrape(`Bearer ${await token({ scope: 'admin' })}`);
    expect(embed.status).toBe(401);
    expect(await embed.text()).not.toMatch(/inflow_/);
    expect((await scrape()).status).toBe(200);
  });

  test('requests by route pattern and status, streams, coach first delta and errors', async () => {
    const call = client(server.url);
    const t = await token();
    const created = await call('POST', '/v1/sessions', {
      token: t,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    expect(created.status).toBe(201);
    const turns = `/v1/sessions/${created.json.id as string}/turns`;

    // A streamed turn held open by the coach: the gauge counts it while it is open.
    const held = fetch(`${server.url}${turns}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ text: 'WAIT: what goals do you have for this quarter?' }),
    });
    const during = await held;
    expect(during.status).toBe(200);
    const open = await (await scrape()).text();
    expect(sample(open, 'inflow_sse_streams_open')).toBe(1);
    control.release();
    expect(await during.text()).toMatch(/event: done/);

    const failed = await call('POST', turns, {
      token: t,
      body: { text: 'FAIL' },
      headers: { accept: 'application/json' },
    });
    expect(failed.status).toBe(502);
    expect((await call('GET', '/v1/scenarios')).status).toBe(401);

    const text = await (await scrape()).text();
    expect(sample(text, 'inflow_sse_streams_open')).toBe(0);
    expect(sample(text, 'inflow_http_requests_total{route="/v1/sessions",method="POST",status="201"}')).toBe(
      1,
    );
    expect(
      sample(text, 'inflow_http_requests_total{route="/v1/sessions/:id/turns",method="POST",status="200"}'),
    ).toBe(1);
    expect(
      sample(text, 'inflow_http_requests_total{route="/v1/sessions/:id/turns",method="POST",status="502"}'),
    ).toBe(1);
    expect(sample(text, 'inflow_http_requests_total{route="/v1/scenarios",method="GET",status="401"}')).toBe(
      1,
    );
    expect(
      sample(
        text,
        'inflow_http_request_duration_seconds_count{route="/v1/sessions/:id/turns",method="POST",status="200"}',
      ),
    ).toBe(1);
    expect(sample(text, 'inflow_coach_first_delta_seconds_count')).toBe(1);
    expect(sample(text, 'inflow_coach_errors_total{stage="reply"}')).toBe(1);
    // No ids in any label: series stay bounded.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // PGlite has no pool.
    expect(text).not.toMatch(/inflow_db_pool_connections/);
  });
});

test('without a metrics token the route does not exist', async () => {
  const server = await start({ dataDir: 'memory://', metricsToken: '' });
  try {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  } finally {
    await server.close();
  }
});

describe('on PostgreSQL', () => {
  let pg: PostgresServer | undefined;
  let skip = 'no storage';
  beforeAll(async () => {
    const started = await startPostgres();
    if ('skip' in started) skip = started.skip;
    else pg = started;
  });
  afterAll(() => pg?.stop());

  test("the pool's connections: total, idle, waiting", async (ctx) => {
    if (!pg) return ctx.skip(skip);
    const server = await start({
      databaseUrl: await pg.createDatabase(`metrics_${Date.now()}`),
      metricsToken: METRICS_TOKEN,
    });
    try {
      const text = await (
        await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(sample(text, 'inflow_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'inflow_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'inflow_db_pool_connections{state="waiting"}')).toBe(0);
    } finally {
      await server.close();
    }
  });
});
