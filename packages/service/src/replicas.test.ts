// Two `inflow serve` processes on one real PostgreSQL database, as behind a load balancer: they
// start at once on the empty database, a session started on A continues on B, two turns of one
// session at once answer one 200 and one 409, the same events posted to both at once are stored
// once, and both compute the same activation report. Skipped, with the reason, only where no
// PostgreSQL server can be started.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveInflow, type ServingChild } from './test/cli-child.js';
import { startFakeLlm, type FakeLlm } from './test/fake-llm.js';
import { token, uuid } from './test/harness.js';
import { startPostgres, type PostgresServer } from './test/postgres.js';

let pgServer: PostgresServer | undefined;
let pgSkip = 'no storage';
let llm: FakeLlm;
let databaseUrl: string;
let a: ServingChild;
let b: ServingChild;
let release!: () => void;

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    pgSkip = started.skip;
    console.warn(`[replicas] skipped: ${pgSkip}`);
    return;
  }
  pgServer = started;
  llm = await startFakeLlm();
  llm.mode = {
    kind: 'gated',
    before: ['Fine, '],
    gate: new Promise((r) => (release = r)),
    after: ['go on.'],
  };
  databaseUrl = await pgServer.createDatabase(`replicas_${Date.now()}`);
  const env = {
    DATABASE_URL: databaseUrl,
    INFLOW_LLM_BASE_URL: llm.baseUrl,
    INFLOW_LLM_MODEL: 'fake',
    INFLOW_RATE_LIMIT: 'off',
  };
  // (d) The first start of both, at once, on the empty database: each migrates or waits.
  const starts = await Promise.allSettled([serveInflow([], env), serveInflow([], env)]);
  const failed = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  const [first, second] = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // Stopped in afterAll even when the other failed to start.
  if (first) a = first;
  if (second) b = second;
  expect(failed, 'both processes started').toEqual([]);
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await llm?.close();
  await pgServer?.stop();
});

const json = (bearer: string, body: unknown, accept = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept },
  body: JSON.stringify(body),
});

describe('two processes on one PostgreSQL', () => {
  const it = (name: string, fn: () => Promise<void>) =>
    test(name, async (ctx) => {
      if (!pgServer) return ctx.skip(pgSkip);
      await fn();
    });

  it('(d) started at once on an empty database: both serve, the schema was migrated once', async () => {
    expect(a.url).not.toBe(b.url);
    for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; n: number }>(
        'select id, count(*)::int as n from schema_migrations group by id',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('(a) a session started on A continues on B; two turns of it at once: one 200, one 409', async () => {
    const bearer = await token({ sub: 'replica-user', team: 'ops' });
    const created = await fetch(
      `${a.url}/v1/sessions`,
      json(bearer, { scenario: 'goal-setting', source: 'embedded' }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const turns = (s: ServingChild) => `${s.url}/v1/sessions/${id}/turns`;

    // Both turns read the session and reach the model before either is stored.
    const streamsBefore = llm.calls.filter((c) => c.body.stream === true).length;
    const onA = fetch(turns(a), json(bearer, { text: 'Shall we set a goal for the team on A?' }));
    const onB = fetch(turns(b), json(bearer, { text: 'Shall we set a goal for the team on B?' }));
    for (let i = 0; llm.calls.filter((c) => c.body.stream === true).length < streamsBefore + 2; i++) {
      if (i > 400) throw new Error('the two turns never both reached the model');
      await new Promise((r) => setTimeout(r, 25));
    }
    release();
    const answers = await Promise.all([onA, onB]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const conflict = answers.find((r) => r.status === 409)!;
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('conflict');

    // The session goes on, on B, from the one turn that was stored.
    llm.mode = { kind: 'ok', deltas: ['Agreed.'] };
    const next = await fetch(turns(b), json(bearer, { text: 'Then let us write it down.' }));
    expect(next.status).toBe(200);
    expect(((await next.json()) as { userTurns: number }).userTurns).toBe(2);
    const done = await fetch(`${a.url}/v1/sessions/${id}/complete`, json(bearer, {}));
    expect(done.status).toBe(200);
  });

  it('(b) the same events posted to both at once are stored once; (c) both report the same activation', async () => {
    const bearer = await token({ sub: 'replica-user', team: 'ops' });
    const at = new Date().toISOString();
    const events = Array.from({ length: 50 }, (_, n) => ({
      id: uuid(5_000 + n),
      name: n % 2 ? 'open' : 'impression',
      at,
      scenario: 'goal-setting',
      source: 'embedded',
    }));
    const answers = await Promise.all(
      [a, b, a, b].map(async (s) => {
        const r = await fetch(`${s.url}/v1/events`, json(bearer, { events }));
        expect(r.status).toBe(202);
        return (await r.json()) as { accepted: number; duplicates: number };
      }),
    );
    expect(answers.reduce((n, x) => n + x.accepted, 0)).toBe(events.length);
    expect(answers.reduce((n, x) => n + x.duplicates, 0)).toBe(3 * events.length);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from events where id = any($1::uuid[])',
        [events.map((e) => e.id)],
      );
      expect(rows[0]!.n).toBe(events.length);
    } finally {
      await client.end();
    }

    const admin = await token({ sub: 'hr-1', scope: 'admin' });
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const reports = await Promise.all(
      [a, b].map(async (s) => {
        const r = await fetch(`${s.url}/v1/activation?from=${from}&to=${to}`, {
          headers: { authorization: `Bearer ${admin}` },
        });
        expect(r.status).toBe(200);
        return r.json();
      }),
    );
    expect(reports[1]).toEqual(reports[0]);
    expect(JSON.stringify(reports[0])).toMatch(/"impression"|impressions/);
  });
});
